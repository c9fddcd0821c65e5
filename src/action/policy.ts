/**
 * The `config` and `baseline` inputs, through the same modules as the CLI (src/config,
 * src/baseline): which rules run at what severity, which files are scanned, and which
 * findings are suppressed (allowlists, baseline). Everything is validated before a file
 * is read; every problem is reported at once.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { applyBaseline, BaselineError, parseBaseline, type BaselineEntry } from "../baseline/baseline.js";
import { allowlistMatcher, configuredRules, pathFilter, severityOverride } from "../config/apply.js";
import { findConfig, loadConfig } from "../config/load.js";
import { formatConfigProblem, type ResolvedConfig } from "../config/schema.js";
import type { CompiledRule } from "../rules/spec.js";
import type { Finding } from "../types.js";

export interface ActionPolicy {
  config?: ResolvedConfig;
  rules: CompiledRule[];
  /** Whether a file (absolute path) is scanned under the config's include/exclude. */
  accept(abs: string): boolean;
  baseline?: { file: string; entries: BaselineEntry[] };
}

export class PolicyError extends Error {
  constructor(
    readonly title: string,
    readonly problems: string[],
  ) {
    super(problems.join("\n"));
    this.name = "PolicyError";
  }
}

/**
 * The configuration in force: the `config` input, else `.postguard.yaml` (or another
 * config name) found from the workspace root upwards, as the CLI finds it.
 * `trustedCode: false` (pull_request_target, where the workspace may hold a fork's files
 * while the token can write) refuses to run a JavaScript configuration.
 */
export async function loadPolicy(opts: { config?: string; baseline?: string; workspace: string; builtin: readonly CompiledRule[]; trustedCode: boolean }): Promise<ActionPolicy> {
  const ws = opts.workspace;
  const file = opts.config !== undefined ? resolve(ws, opts.config) : (await findConfig(ws))?.path;
  let config: ResolvedConfig | undefined;
  if (file) {
    if (!opts.trustedCode && /\.[cm]?js$/.test(file)) {
      throw new PolicyError("bad configuration", [
        `${file}: a JavaScript configuration is not run on pull_request_target events (it could be a fork's code running with a token that can write); use .postguard.yaml`,
      ]);
    }
    const loaded = await loadConfig(file, { cwd: ws, builtin: opts.builtin });
    if (!loaded.config) throw new PolicyError("bad configuration", loaded.problems.map(formatConfigProblem));
    config = loaded.config;
  }
  let baseline: ActionPolicy["baseline"];
  if (opts.baseline !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(ws, opts.baseline), "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new PolicyError("bad baseline", [`cannot read the baseline ${opts.baseline}: ${code === "ENOENT" ? "no such file (create one with `postguard baseline` and commit it)" : (e as Error).message}`]);
    }
    try {
      baseline = { file: opts.baseline, entries: parseBaseline(text, opts.baseline) };
    } catch (e) {
      if (e instanceof BaselineError) throw new PolicyError("bad baseline", [e.message]);
      throw e;
    }
  }
  return { ...(config ? { config } : {}), rules: configuredRules(opts.builtin, config), accept: pathFilter(config), ...(baseline ? { baseline } : {}) };
}

/**
 * Severity overrides and allowlists from the config, then the baseline: suppressed
 * findings are kept and marked (SARIF lists them as dismissed), in the same order.
 */
export function judge(findings: readonly Finding[], policy: ActionPolicy, workspace: string): Finding[] {
  const allowed = allowlistMatcher(policy.config);
  let out = findings.map((f) => {
    const severity = severityOverride(policy.config, f.ruleId);
    let g = severity && severity !== f.severity ? { ...f, severity } : f;
    if (!g.suppressed) {
      const s = allowed(g, resolve(workspace, g.path));
      if (s) g = { ...g, suppressed: s };
    }
    return g;
  });
  if (policy.baseline) out = applyBaseline(out, policy.baseline.entries, { cwd: workspace, file: policy.baseline.file });
  return out;
}
