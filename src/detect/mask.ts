/**
 * Secrets never leave postguard in clear unless asked (`--show-secrets`): Action logs,
 * PR comments and audit reports are often public.
 */

/** Known token prefixes are kept so a reader can tell what leaked. */
const PREFIX =
  /^(?:gh[pousr]_|github_pat_|gl[a-z]{2,7}-|sk-(?:proj-|ant-(?:api|admin)\d\d-|svcacct-|admin-|or-v1-)?|[spr]k_(?:live|test)_|whsec_|xox[a-z]-|xapp-|npm_|pypi-|dckr_[a-z]{3}_|hf_|shp[a-z]{2}_|do[opr]_v1_|AKIA|ASIA|AKID|LTAI|AKLT|ALTAK|AIza|SG\.|SEC|-----BEGIN [A-Z ]+-----)/;

export function maskSecret(secret: string): string {
  const oneLine = secret.replace(/\s+/g, " ");
  const prefix = PREFIX.exec(oneLine)?.[0] ?? "";
  const rest = oneLine.length - prefix.length;
  // Short secrets (passwords) reveal nothing; longer ones keep at most 2 more chars.
  const keep = prefix ? Math.min(prefix.length, 24) : rest >= 16 ? 2 : 0;
  const shown = prefix ? prefix.slice(0, keep) : oneLine.slice(0, keep);
  return `${shown}${"*".repeat(Math.min(Math.max(rest - (prefix ? 0 : keep), 4), 12))}`;
}
