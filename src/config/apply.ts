/**
 * A validated configuration applied to a scan: which rules run and at what severity,
 * which files are scanned, and which findings the allowlists mark as suppressed.
 */
import { isAbsolute, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { CompiledRule } from "../rules/spec.js";
import type { Finding, Severity, Suppression } from "../types.js";
import type { ResolvedConfig, RuleOverride } from "./schema.js";

/** The override for `id`: later keys win over earlier ones, so `aws.*: off` then `aws.x: on` works. */
export function overrideFor(config: ResolvedConfig, id: string): RuleOverride {
  const out: RuleOverride = {};
  for (const { pattern, override } of config.rules) {
    if (pattern === id || (pattern.includes("*") && picomatch.isMatch(id, pattern))) Object.assign(out, override);
  }
  return out;
}

/** Built-in plus custom rules, switched on/off and with severities overridden. */
export function configuredRules(builtin: readonly CompiledRule[], config: ResolvedConfig | undefined): CompiledRule[] {
  if (!config) return [...builtin];
  const out: CompiledRule[] = [];
  for (const rule of [...builtin, ...config.customRules]) {
    const o = overrideFor(config, rule.id);
    if (o.enabled === false) continue;
    out.push(o.severity ? { ...rule, severity: o.severity } : rule);
  }
  return out;
}

/** The severity a finding of `ruleId` is reported with, when the config overrides it. */
export function severityOverride(config: ResolvedConfig | undefined, ruleId: string): Severity | undefined {
  return config ? overrideFor(config, ruleId).severity : undefined;
}

/** `content` also means `content/**`: a folder name is the folder's files. */
function matcher(globs: readonly string[]): (rel: string) => boolean {
  const expanded = globs.flatMap((g) => {
    const bare = g.replace(/\/+$/, "");
    return [bare, `${bare}/**`];
  });
  return picomatch(expanded, { dot: true });
}

/** Path of `abs` relative to the config's folder, or undefined outside it. */
function relToConfig(config: ResolvedConfig, abs: string): string | undefined {
  const rel = relative(config.dir, abs);
  if (!rel || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/**
 * Whether a file (absolute path) is scanned under `include` / `exclude`. Files outside
 * the config's folder are not governed by it; the config and its rule files are never
 * scanned (custom rules hold example secrets).
 */
export function pathFilter(config: ResolvedConfig | undefined): (abs: string) => boolean {
  if (!config) return () => true;
  const inc = config.include.length ? matcher(config.include) : undefined;
  const exc = config.exclude.length ? matcher(config.exclude) : undefined;
  const own = (abs: string) => config.own.some((o) => abs === o || abs.startsWith(o.endsWith(sep) ? o : o + sep));
  return (abs) => {
    if (own(abs)) return false;
    const rel = relToConfig(config, abs);
    if (rel === undefined) return true;
    if (inc && !inc(rel)) return false;
    return !(exc && exc(rel));
  };
}

/**
 * The allowlist entry that covers a finding, as a suppression (kind `config`), if any.
 * `abs` is the finding's file as an absolute path.
 */
export function allowlistMatcher(config: ResolvedConfig | undefined): (f: Finding, abs: string) => Suppression | undefined {
  if (!config) return () => undefined;
  const { paths, secrets, stopwords, fingerprints } = config.allowlist;
  const byPath = paths.length ? matcher(paths) : undefined;
  const why = (what: string): Suppression => ({ kind: "config", justification: `${config.file}: allowlist.${what}` });
  return (f, abs) => {
    if (fingerprints.has(f.fingerprint)) return why(`fingerprints ${f.fingerprint}`);
    if (byPath) {
      const rel = relToConfig(config, abs);
      if (rel !== undefined && byPath(rel)) return why(`paths (${rel})`);
    }
    const re = secrets.find((r) => r.test(f.secret));
    if (re) return why(`secrets /${re.source}/`);
    if (stopwords.length) {
      const lower = f.secret.toLowerCase();
      const word = stopwords.find((w) => lower.includes(w));
      if (word) return why(`stopwords "${word}"`);
    }
    return undefined;
  };
}
