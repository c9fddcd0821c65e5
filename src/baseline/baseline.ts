/**
 * Baselines: the findings someone has already judged, recorded by fingerprint (rule +
 * sha256 of the secret + path; src/detect/fingerprint.ts), so a later scan reports only
 * what is new. The file holds no secret and no line numbers, and is sorted with one entry
 * per line, so moving text in a post changes nothing and two branches merge cleanly.
 *
 * Paths (and so fingerprints) are relative to the baseline file's folder, whichever folder
 * the scan runs from.
 */
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { fingerprint } from "../detect/fingerprint.js";
import type { Finding } from "../types.js";

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE = ".postguard-baseline.json";

export interface BaselineEntry {
  path: string;
  ruleId: string;
  fingerprint: string;
}

/** A finding's path relative to the baseline's folder, or undefined (stdin, outside it). */
function rebase(findingPath: string, cwd: string, baselineDir: string): string | undefined {
  if (findingPath.startsWith("<")) return undefined;
  const rel = relative(baselineDir, resolve(cwd, findingPath));
  if (!rel || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** The baseline entry a finding has (or would have) in a baseline kept at `baselineFile`. */
export function entryFor(f: Finding, cwd: string, baselineFile: string): BaselineEntry {
  const path = rebase(f.path, cwd, dirname(resolve(cwd, baselineFile))) ?? f.path;
  return { path, ruleId: f.ruleId, fingerprint: path === f.path ? f.fingerprint : fingerprint(f.ruleId, f.secret, path) };
}

const compare = (a: BaselineEntry, b: BaselineEntry) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;

/** The baseline file's text for `findings`: sorted, deduplicated, one entry per line. */
export function formatBaseline(findings: readonly Finding[], cwd: string, baselineFile: string): string {
  const byFp = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const e = entryFor(f, cwd, baselineFile);
    byFp.set(`${e.fingerprint}\0${e.path}`, e);
  }
  const entries = [...byFp.values()].sort(compare);
  const lines = entries.map((e) => `    ${JSON.stringify({ path: e.path, ruleId: e.ruleId, fingerprint: e.fingerprint })}`);
  return `{\n  "postguard_baseline": ${BASELINE_VERSION},\n  "findings": [\n${lines.join(",\n")}${lines.length ? "\n" : ""}  ]\n}\n`;
}

export class BaselineError extends Error {
  override name = "BaselineError";
}

/** Read a baseline's text; throws BaselineError saying what is wrong with it. */
export function parseBaseline(text: string, file: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: not valid JSON (${(e as Error).message}); expected a baseline written by \`postguard baseline\``);
  }
  const d = data as { postguard_baseline?: unknown; findings?: unknown };
  if (!d || typeof d !== "object" || d.postguard_baseline !== BASELINE_VERSION || !Array.isArray(d.findings)) {
    throw new BaselineError(`${file}: expected a postguard baseline (\`"postguard_baseline": ${BASELINE_VERSION}\` and a \`findings\` list), got something else`);
  }
  return d.findings.map((e, i) => {
    const x = e as Partial<BaselineEntry> | null;
    if (!x || typeof x.fingerprint !== "string" || !/^[0-9a-f]{32}$/.test(x.fingerprint) || typeof x.path !== "string" || typeof x.ruleId !== "string") {
      throw new BaselineError(`${file}: findings[${i}]: expected {path, ruleId, fingerprint (32 hex digits)}, got ${JSON.stringify(e)}`);
    }
    return { path: x.path, ruleId: x.ruleId, fingerprint: x.fingerprint };
  });
}

/** Mark findings recorded in the baseline as suppressed (kind `baseline`). */
export function applyBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[], opts: { cwd: string; file: string }): Finding[] {
  const known = new Set(entries.map((e) => e.fingerprint));
  return findings.map((f) => {
    if (f.suppressed) return f;
    const e = entryFor(f, opts.cwd, opts.file);
    return known.has(e.fingerprint) ? { ...f, suppressed: { kind: "baseline" as const, justification: `recorded in the baseline ${opts.file}` } } : f;
  });
}
