/**
 * `postguard scan`: configuration -> inputs (folders, stdin, or git: --staged / --since)
 * -> scanFiles -> verdicts (inline markers, allowlists, baseline, --diff-only) -> a
 * report on stdout (or --output), notices about files on stderr.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { discoverFiles } from "../fs/discover.js";
import { scanFiles, type ScanInput } from "../fs/scan-files.js";
import { sanitizeForTerminal } from "../report/code-frame.js";
import { formatReportLazily } from "../report/format-lazily.js";
import type { ScanReport } from "../report/model.js";
import type { Finding } from "../types.js";
import { useColor } from "./color.js";
import type { ScanOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";
import { confidentEnough, failing, judge, prepare, readBaseline, withFindings, type ScanSetup } from "./setup.js";
import { version } from "./version.js";

/** Notices for stderr: every file that was not scanned, or scanned with a caveat, by name. */
export function notices(report: ScanReport): string[] {
  const name = (p: string) => sanitizeForTerminal(p);
  return [
    ...report.errors.map((e) => `postguard: error: ${name(e.path)}: ${e.message}`),
    ...report.skipped.map((s) => `postguard: skipped ${name(s.path)}: ${s.message}`),
    ...report.warnings.map((w) => `postguard: warning: ${name(w.path)}: ${w.message}`),
  ];
}

/** Folder/glob inputs, with the config's include/exclude applied to files. */
async function* filtered(inputs: AsyncIterable<ScanInput>, setup: ScanSetup): AsyncGenerator<ScanInput> {
  for await (const input of inputs) {
    if (input.kind === "file" && !setup.accept(input.abs)) {
      // A file named on the command line and left out deserves a word; a folder's files do not.
      if (input.explicit) setup.notices.push(`postguard: skipped ${sanitizeForTerminal(input.path)}: not scanned under ${setup.config?.file ?? "the configuration"} (include/exclude, or the configuration's own files)`);
      continue;
    }
    yield input;
  }
}

async function* inputs(opts: ScanOptions, ctx: RunContext, setup: ScanSetup): AsyncGenerator<ScanInput> {
  // The git modules (and node:child_process behind them) load only for a git-aware scan.
  if (opts.staged) {
    const { stagedInputs } = await import("../git/staged.js");
    yield* stagedInputs(ctx.cwd, opts.paths, { maxFileSize: opts.maxFileSize, accept: setup.accept });
    return;
  }
  if (opts.since !== undefined) {
    const { changedInputs } = await import("../git/changed.js");
    yield* changedInputs(ctx.cwd, opts.since, opts.paths, { accept: setup.accept });
    return;
  }
  if (opts.stdin) yield { kind: "stream", path: opts.stdinFilename ?? "<stdin>", stream: ctx.stdin() };
  if (opts.paths.length) yield* filtered(discoverFiles(opts.paths, { cwd: ctx.cwd }), setup);
}

/** "2 suppressed findings not shown (1 inline, 1 baseline) ..." for text output. */
function suppressedLine(findings: readonly Finding[], inlineIgnore: boolean): string | undefined {
  const hidden = findings.filter((f) => f.suppressed);
  if (!hidden.length) return undefined;
  const kinds = (["inline", "config", "baseline"] as const)
    .map((k) => [k, hidden.filter((f) => f.suppressed!.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k === "config" ? "allowlist" : k}`);
  const audit = inlineIgnore && hidden.some((f) => f.suppressed!.kind === "inline") ? ", --no-inline-ignore reports the inline ones" : "";
  return `${hidden.length} suppressed finding${hidden.length === 1 ? "" : "s"} not shown (${kinds.join(", ")}); --format json lists them${audit}.`;
}

export async function scanCommand(opts: ScanOptions, ctx: RunContext): Promise<CommandResult> {
  // Configuration and baseline are checked before a single file is read.
  const setup = await prepare(opts, ctx);
  const baseline = opts.baseline !== undefined ? { file: opts.baseline, entries: await readBaseline(opts.baseline, ctx) } : undefined;
  const onAddedLine = opts.diffOnly ? await (await import("../git/changed.js")).addedLines(ctx.cwd, opts.staged ? "index" : { ref: opts.since! }, opts.paths) : undefined;
  const rules = setup.rules;
  const scanned = await scanFiles(inputs(opts, ctx, setup), {
    engine: setup.engine,
    maxFileSize: opts.maxFileSize,
    concurrency: opts.concurrency,
    keep: confidentEnough(opts.minConfidence),
    frames: opts.format === "text",
    showSecrets: opts.showSecrets,
    inline: opts.inlineIgnore ? "honour" : "audit",
    // Every core for a big tree (workers start only once a scan proves long); --concurrency 1 stays on one thread.
    threads: opts.concurrency === 1 ? 1 : availableParallelism(),
  });
  const inScope = onAddedLine ? scanned.findings.filter((f) => onAddedLine(f.path, f.start.line, f.end.line)) : scanned.findings;
  const judged = judge(inScope, setup, ctx, baseline);
  const all = withFindings(scanned, inScope.map((from, i) => ({ from, to: judged[i]! })));
  // Suppressed findings are listed (marked) by machine formats; people read only what is open.
  const machine = opts.format === "json" || opts.format === "jsonl" || opts.format === "sarif";
  const report: ScanReport = machine ? all : { ...all, findings: all.findings.filter((f) => !f.suppressed) };

  const color = opts.format === "text" && useColor({ noColor: opts.noColor, toFile: opts.output !== undefined, isTTY: ctx.stdoutIsTTY, env: ctx.env });
  // The page language matters to the HTML report only, and its module loads with that reporter.
  const lang = opts.format === "html" ? (await import("../report/html/i18n.js")).langFromEnv(ctx.env) : undefined;
  let text = await formatReportLazily(opts.format, report, { rules, version: version(), cwd: ctx.cwd, showSecrets: opts.showSecrets, color, quiet: opts.quiet, ...(lang ? { lang } : {}) });
  const hiddenNote = opts.format === "text" && !opts.quiet ? suppressedLine(all.findings, opts.inlineIgnore) : undefined;
  if (hiddenNote) text += `${hiddenNote}\n`;
  const stderr = [...setup.notices, ...notices(report)];
  let stdout = text;
  let failedToWrite = false;
  if (opts.output !== undefined) {
    stdout = "";
    try {
      const file = resolve(ctx.cwd, opts.output);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      if (!opts.quiet) stderr.push(`postguard: wrote the ${opts.format} report to ${opts.output}`);
    } catch (e) {
      failedToWrite = true;
      stderr.push(`postguard: error: cannot write --output ${opts.output}: ${(e as Error).message}`);
    }
  }

  const exitCode = report.errors.length || failedToWrite ? 2 : failing(all.findings, opts.failOn) ? 1 : 0;
  return { exitCode, stdout, stderr: stderr.length ? `${stderr.join("\n")}\n` : "" };
}
