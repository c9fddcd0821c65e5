/**
 * Checks a parsed configuration object against the schema in ./schema.ts and collects
 * every problem (ESLint-style: all at once, each with file:line, what was given and what
 * was expected). The YAML and JS loaders supply `lineOf`.
 */
import picomatch from "picomatch";
import { SEVERITIES, type Severity } from "../types.js";
import { ALLOWLIST_KEYS, TOP_KEYS, type ConfigProblem, type ResolvedConfig, type RuleOverride } from "./schema.js";

/** A key path in the config (`["allowlist", "secrets", 2]`) -> 1-based line. */
export type LineOf = (path: ReadonlyArray<string | number>) => number;

/** How a value reads in a message: its JSON, shortened, and what kind of value it is. */
export function given(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  const kind = Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : typeof value === "string" ? "a string" : `a ${typeof value}`;
  if (typeof value === "object") return kind;
  const json = JSON.stringify(value);
  return `${json.length > 60 ? `${json.slice(0, 57)}...` : json} (${kind})`;
}

/** `["allowlist", "secrets", 2]` -> `allowlist.secrets[2]`; keys that are not plain words (rule ids) go in brackets. */
const label = (path: ReadonlyArray<string | number>) =>
  path.map((p, i) => (typeof p === "number" || !/^[\w-]+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join("");

/** Edit distance, for "did you mean" on misspelt rule ids and keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function didYouMean(word: string, options: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(word, o);
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? ` (did you mean \`${best}\`?)` : "";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Validated {
  include: string[];
  exclude: string[];
  rules: ResolvedConfig["rules"];
  allowlist: ResolvedConfig["allowlist"];
}

/**
 * Validate everything but `custom_rules` (loaded by the caller with the rule loader).
 * `ruleIds` are every rule a key under `rules:` may name (built-in and custom).
 */
export function validateConfig(obj: unknown, file: string, lineOf: LineOf, ruleIds: ReadonlySet<string>): { value: Validated; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const value: Validated = { include: [], exclude: [], rules: [], allowlist: { paths: [], secrets: [], stopwords: [], fingerprints: new Set() } };
  const bad = (path: ReadonlyArray<string | number>, expected: string, got: unknown, extra = "") =>
    problems.push({ file, line: lineOf(path), message: `${label(path)}: expected ${expected}, got ${given(got)}${extra}` });

  if (obj === null || obj === undefined) return { value, problems };
  if (!isRecord(obj)) {
    bad([], "a mapping of options (include, exclude, rules, custom_rules, allowlist)", obj);
    return { value, problems };
  }
  for (const key of Object.keys(obj)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      problems.push({ file, line: lineOf([key]), message: `unknown option \`${key}\`; expected one of ${TOP_KEYS.join(", ")}${didYouMean(key, TOP_KEYS)}` });
    }
  }

  const strings = (path: Array<string | number>, v: unknown, what: string, each?: (s: string, p: Array<string | number>) => void): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      bad(path, `a list of ${what}`, v);
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== "string" || item === "") bad([...path, i], `a non-empty string (${what.replace(/s$/, "")})`, item);
      else {
        out.push(item);
        each?.(item, [...path, i]);
      }
    });
    return out;
  };
  const glob = (s: string, p: Array<string | number>) => {
    try {
      picomatch.makeRe(s);
    } catch (e) {
      bad(p, "a glob such as `content/**/*.md`", s, ` (${(e as Error).message})`);
    }
  };

  value.include = strings(["include"], obj.include, "globs", glob);
  value.exclude = strings(["exclude"], obj.exclude, "globs", glob);

  if (obj.rules !== undefined && obj.rules !== null) {
    if (!isRecord(obj.rules)) bad(["rules"], "a mapping of rule id to `on`, `off` or `{ severity: low|medium|high|critical }`", obj.rules);
    else {
      for (const [pattern, setting] of Object.entries(obj.rules)) {
        const path = ["rules", pattern];
        const isGlob = pattern.includes("*");
        const matches = isGlob ? picomatch(pattern) : undefined;
        if (matches ? ![...ruleIds].some((id) => matches(id)) : !ruleIds.has(pattern)) {
          problems.push({
            file,
            line: lineOf(path),
            message: `rules: unknown rule \`${pattern}\`; expected a rule id from \`postguard rules list\` or a custom rule, or a pattern such as \`aws.*\`${isGlob ? "" : didYouMean(pattern, ruleIds)}`,
          });
          continue;
        }
        const override: RuleOverride = {};
        if (setting === "on" || setting === true) override.enabled = true;
        else if (setting === "off" || setting === false) override.enabled = false;
        else if (isRecord(setting) && Object.keys(setting).every((k) => k === "enabled" || k === "severity")) {
          if (setting.enabled !== undefined) {
            if (typeof setting.enabled === "boolean") override.enabled = setting.enabled;
            else bad([...path, "enabled"], "true or false", setting.enabled);
          }
          if (setting.severity !== undefined) {
            if (SEVERITIES.includes(setting.severity as Severity)) override.severity = setting.severity as Severity;
            else bad([...path, "severity"], `one of ${SEVERITIES.join(", ")}`, setting.severity);
          }
        } else {
          bad(path, "`on`, `off` or a mapping `{ enabled: true|false, severity: low|medium|high|critical }`", setting);
          continue;
        }
        value.rules.push({ pattern, override });
      }
    }
  }

  if (obj.custom_rules !== undefined && obj.custom_rules !== null && !Array.isArray(obj.custom_rules)) {
    bad(["custom_rules"], "a list of rule providers (the schema of rules/*.yaml) or paths to rule files", obj.custom_rules);
  }

  const allow = obj.allowlist;
  if (allow !== undefined && allow !== null) {
    if (!isRecord(allow)) bad(["allowlist"], `a mapping with ${ALLOWLIST_KEYS.join(", ")}`, allow);
    else {
      for (const key of Object.keys(allow)) {
        if (!(ALLOWLIST_KEYS as readonly string[]).includes(key)) {
          problems.push({ file, line: lineOf(["allowlist", key]), message: `allowlist: unknown option \`${key}\`; expected one of ${ALLOWLIST_KEYS.join(", ")}${didYouMean(key, ALLOWLIST_KEYS)}` });
        }
      }
      value.allowlist.paths = strings(["allowlist", "paths"], allow.paths, "globs", glob);
      strings(["allowlist", "secrets"], allow.secrets, "regular expressions", (s, p) => {
        try {
          value.allowlist.secrets.push(new RegExp(s));
        } catch (e) {
          bad(p, "a JavaScript regular expression", s, ` (${(e as Error).message.replace(/^Invalid regular expression: /, "")})`);
        }
      });
      value.allowlist.stopwords = strings(["allowlist", "stopwords"], allow.stopwords, "words", (s, p) => {
        if (s.length < 3) bad(p, "a word of 3 or more characters (shorter ones would allow almost any secret)", s);
      }).map((s) => s.toLowerCase());
      strings(["allowlist", "fingerprints"], allow.fingerprints, "fingerprints", (s, p) => {
        if (/^[0-9a-f]{32}$/.test(s)) value.allowlist.fingerprints.add(s);
        else bad(p, "a fingerprint of 32 hex digits as printed in JSON output or a baseline", s);
      });
    }
  }
  return { value, problems };
}
