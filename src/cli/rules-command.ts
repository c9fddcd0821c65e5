/** `postguard rules list` and `postguard rules check`. */
import { dirname, resolve } from "node:path";
import { configuredRules } from "../config/apply.js";
import { loadConfig } from "../config/load.js";
import { formatConfigProblem } from "../config/schema.js";
import { checkExamples } from "../rules/check.js";
import { Engine } from "../scan.js";
import { builtinRules, builtinRulesDir, formatProblem, loadRuleTexts, readRuleDir, type RuleProblem } from "../rules/load.js";
import { SEVERITIES } from "../types.js";
import type { RulesCheckOptions, RulesListOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n");
}

export function rulesList(opts: RulesListOptions): CommandResult {
  const rules = [...builtinRules()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (opts.format === "json") {
    const out = rules.map((r) => ({
      id: r.id,
      title: r.title,
      provider: r.provider,
      providerName: r.providerName,
      severity: r.severity,
      confidence: r.confidence,
      ...(r.spec.description ? { description: r.spec.description } : {}),
      placeholder: r.placeholder,
      references: r.spec.references,
    }));
    return { exitCode: 0, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: "" };
  }
  const rows = [["ID", "SEVERITY", "PROVIDER", "TITLE"], ...rules.map((r) => [r.id, r.severity, r.provider, r.title])];
  const bySeverity = [...SEVERITIES].reverse().map((s) => `${rules.filter((r) => r.severity === s).length} ${s}`).join(", ");
  return { exitCode: 0, stdout: `${table(rows)}\n\n${rules.length} rules (${bySeverity})\n`, stderr: "" };
}

/** `rules check --config FILE`: the configuration's custom rules, each on its own examples. */
async function customRulesCheck(configFile: string, ctx: RunContext): Promise<CommandResult> {
  const builtin = builtinRules();
  const { config, problems } = await loadConfig(resolve(ctx.cwd, configFile), { cwd: ctx.cwd, builtin });
  if (!config) {
    const summary = `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${configFile}`;
    return { exitCode: 1, stdout: `${problems.map(formatConfigProblem).join("\n")}\n\n${summary}\n`, stderr: "" };
  }
  if (!config.customRules.length) return { exitCode: 0, stdout: `${configFile} has no custom rules (\`custom_rules\`); nothing to check\n`, stderr: "" };
  // The examples run against every rule the scan would use, as a scan would see them.
  const found = checkExamples(config.customRules, new Engine(configuredRules(builtin, config)));
  const n = config.customRules.length;
  if (!found.length) return { exitCode: 0, stdout: `${n} custom rule${n === 1 ? "" : "s"} in ${configFile}: no problems\n`, stderr: "" };
  const summary = `${found.length} problem${found.length === 1 ? "" : "s"} in ${n} custom rule${n === 1 ? "" : "s"}`;
  return { exitCode: 1, stdout: `${found.map(formatProblem).join("\n")}\n\n${summary}\n`, stderr: "" };
}

export function rulesCheck(opts: RulesCheckOptions, ctx: RunContext): CommandResult | Promise<CommandResult> {
  if (opts.config !== undefined) return customRulesCheck(opts.config, ctx);
  const dir = opts.rulesDir === undefined ? builtinRulesDir() : resolve(ctx.cwd, opts.rulesDir);
  let files: Array<{ path: string; text: string }>;
  try {
    // Built-in rule files are named as in the package (`rules/aws.yaml`), wherever it runs.
    files = readRuleDir(dir, opts.rulesDir === undefined ? dirname(dir.replace(/[\\/]+$/, "")) : ctx.cwd);
  } catch (e) {
    return { exitCode: 2, stdout: "", stderr: `postguard: error: cannot read the rules folder ${opts.rulesDir ?? dir}: ${(e as Error).message}\n` };
  }
  if (!files.length) return { exitCode: 2, stdout: "", stderr: `postguard: error: no rule files (*.yaml, *.yml) in ${opts.rulesDir ?? dir}\n` };
  const { rules, problems } = loadRuleTexts(files);
  const all: RuleProblem[] = [...problems, ...checkExamples(rules)];
  const order = new Map(files.map((f, i) => [f.path, i]));
  all.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
  const fileCount = `${files.length} rule file${files.length === 1 ? "" : "s"}`;
  if (!all.length) return { exitCode: 0, stdout: `${rules.length} rules in ${fileCount}: no problems\n`, stderr: "" };
  const summary = `${all.length} problem${all.length === 1 ? "" : "s"} in ${fileCount}`;
  return { exitCode: 1, stdout: `${all.map(formatProblem).join("\n")}\n\n${summary}\n`, stderr: "" };
}
