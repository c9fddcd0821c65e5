/**
 * What `scan`, `baseline` and `fix` share before and after scanning: the configuration
 * (found, loaded and validated before any file is read), the rules it selects, the path
 * filter, and the judgement of findings (severity overrides, allowlists, baseline).
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { applyBaseline, parseBaseline, BaselineError, type BaselineEntry } from "../baseline/baseline.js";
import { findConfig, loadConfig } from "../config/load.js";
import { ConfigError, type ResolvedConfig } from "../config/schema.js";
import type { CodeFrame } from "../report/code-frame.js";
import type { ScanReport } from "../report/model.js";
import { builtinRules } from "../rules/load.js";
import type { CompiledRule } from "../rules/spec.js";
import { Engine } from "../scan.js";
import { CONFIDENCES, SEVERITIES, type Confidence, type Finding, type Severity, type Suppression } from "../types.js";
import { UsageError, type ConfigChoice } from "./options.js";
import type { RunContext } from "./run.js";

export interface ScanSetup {
  config?: ResolvedConfig;
  rules: CompiledRule[];
  engine: Engine;
  /** Whether a file (absolute path) is scanned under the config's include/exclude. */
  accept(abs: string): boolean;
  /** The config's severity for findings of `ruleId`, when it overrides the rule's. */
  severityOf(ruleId: string): Severity | undefined;
  /** Why the config's allowlists suppress a finding (in the file at `abs`), if they do. */
  allowed(f: Finding, abs: string): Suppression | undefined;
  /** Notices for stderr (a second config file that was not read). */
  notices: string[];
}

/** The folder a config is looked for from: the first path's folder, or the working folder. */
async function startFolder(paths: readonly string[], cwd: string): Promise<string> {
  const first = paths[0];
  if (first === undefined) return cwd;
  const abs = resolve(cwd, first);
  try {
    return (await stat(abs)).isDirectory() ? abs : dirname(abs);
  } catch {
    const { default: picomatch } = await import("picomatch");
    const scan = picomatch.scan(first);
    return resolve(cwd, scan.isGlob ? scan.base || "." : dirname(first));
  }
}

/** The configuration in force, validated; throws ConfigError listing every problem. */
export async function resolveConfig(choice: ConfigChoice, paths: readonly string[], ctx: RunContext, builtin: readonly CompiledRule[]): Promise<{ config?: ResolvedConfig; notices: string[] }> {
  if (choice.noConfig) return { notices: [] };
  let file: string;
  const notices: string[] = [];
  if (choice.config !== undefined) file = resolve(ctx.cwd, choice.config);
  else {
    const found = await findConfig(await startFolder(paths, ctx.cwd));
    if (!found) return { notices };
    file = found.path;
    for (const other of found.others) notices.push(`postguard: warning: ${other} is not read; ${file} is (one configuration per folder)`);
  }
  const loaded = await loadConfig(file, { cwd: ctx.cwd, builtin });
  if (!loaded.config) throw new ConfigError(loaded.problems);
  return { config: loaded.config, notices };
}

/** Config, rules (`--rule` picks among built-in and custom ones) and engine. */
export async function prepare(opts: ConfigChoice & { rules: readonly string[]; paths: readonly string[] }, ctx: RunContext): Promise<ScanSetup> {
  const builtin = builtinRules();
  const { config, notices } = await resolveConfig(opts, opts.paths, ctx, builtin);
  // The config's matchers (picomatch) load only when there is a config.
  const apply = config ? await import("../config/apply.js") : undefined;
  const severityOf = (id: string): Severity | undefined => apply?.severityOverride(config, id);
  let rules = apply ? apply.configuredRules(builtin, config) : [...builtin];
  if (opts.rules.length) {
    const known = [...builtin, ...(config?.customRules ?? [])];
    const ids = new Set(known.map((r) => r.id));
    const unknown = opts.rules.filter((id) => !ids.has(id));
    if (unknown.length) throw new UsageError(`unknown rule ${unknown.map((id) => `\`${id}\``).join(", ")} for --rule; \`postguard rules list\` shows the ids`);
    const wanted = new Set(opts.rules);
    // --rule runs a rule even when the config switches it off; severities still apply.
    rules = known.filter((r) => wanted.has(r.id)).map((r) => {
      const severity = severityOf(r.id);
      return severity ? { ...r, severity } : r;
    });
  }
  return {
    ...(config ? { config } : {}),
    rules,
    engine: new Engine(rules),
    accept: apply ? apply.pathFilter(config) : () => true,
    severityOf,
    allowed: apply ? apply.allowlistMatcher(config) : () => undefined,
    notices,
  };
}

/** Read a baseline named on the command line; BaselineError when it is missing or malformed. */
export async function readBaseline(file: string, ctx: RunContext): Promise<BaselineEntry[]> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.cwd, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read the baseline ${file}: ${code === "ENOENT" ? "no such file (create one with `postguard baseline`)" : (e as Error).message}`);
  }
  return parseBaseline(text, file);
}

/**
 * The verdict on one batch of findings: severity overrides and allowlists from the
 * config, then the baseline. Suppressed findings are kept, marked. Order is preserved.
 */
export function judge(findings: readonly Finding[], setup: ScanSetup, ctx: RunContext, baseline?: { file: string; entries: BaselineEntry[] }): Finding[] {
  let out = findings.map((f) => {
    const severity = setup.severityOf(f.ruleId);
    let g = severity && severity !== f.severity ? { ...f, severity } : f;
    if (!g.suppressed) {
      const s = setup.allowed(g, resolve(ctx.cwd, g.path));
      if (s) g = { ...g, suppressed: s };
    }
    return g;
  });
  if (baseline) out = applyBaseline(out, baseline.entries, { cwd: ctx.cwd, file: baseline.file });
  return out;
}

/** Keep findings at or above a confidence. */
export function confidentEnough(min: Confidence): (f: Finding) => boolean {
  const floor = CONFIDENCES.indexOf(min);
  return (f) => CONFIDENCES.indexOf(f.confidence) >= floor;
}

/**
 * `report` with each finding `from` replaced by its verdict `to` (a subset, in order), code
 * frames carried over and counts redone: suppressed findings are counted apart from
 * reported ones.
 */
export function withFindings(report: ScanReport, pairs: ReadonlyArray<{ from: Finding; to: Finding }>): ScanReport {
  const frames = new Map<Finding, CodeFrame>();
  for (const { from, to } of pairs) {
    const frame = report.frames?.get(from);
    if (frame) frames.set(to, frame);
  }
  const findings = pairs.map((p) => p.to);
  const reported = findings.filter((f) => !f.suppressed);
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of reported) bySeverity[f.severity]++;
  return {
    ...report,
    findings,
    ...(report.frames ? { frames } : {}),
    stats: { ...report.stats, findings: reported.length, bySeverity, suppressed: findings.length - reported.length },
  };
}

/** Whether any reported (not suppressed) finding is at or above `failOn`. */
export function failing(findings: readonly Finding[], failOn: Severity): boolean {
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) >= threshold);
}
