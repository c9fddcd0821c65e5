/**
 * Secrets never leave postguard in clear unless asked (`--show-secrets`): Action logs,
 * PR comments and audit reports are often public.
 */

/** Known token prefixes are kept so a reader can tell what leaked. */
const PREFIX = /^(?:[a-z]{2,10}[_-](?:[a-z]{2,8}[_-])?|AKIA|ASIA|AKID|LTAI|AKLT|AIza|SG\.|-----BEGIN [A-Z ]+-----)/i;

export function maskSecret(secret: string): string {
  const oneLine = secret.replace(/\s+/g, " ");
  const prefix = PREFIX.exec(oneLine)?.[0] ?? "";
  const rest = oneLine.length - prefix.length;
  // Short secrets (passwords) reveal nothing; longer ones keep at most 2 more chars.
  const keep = prefix ? Math.min(prefix.length, 24) : rest >= 16 ? 2 : 0;
  const shown = prefix ? prefix.slice(0, keep) : oneLine.slice(0, keep);
  return `${shown}${"*".repeat(Math.min(Math.max(rest - (prefix ? 0 : keep), 4), 12))}`;
}
