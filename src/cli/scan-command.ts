/**
 * `postguard scan`: options -> discovery -> scanFiles -> a report on stdout (or
 * --output), notices about files that were skipped or could not be read on stderr.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { discoverFiles } from "../fs/discover.js";
import { scanFiles, type ScanInput } from "../fs/scan-files.js";
import { formatReport, sanitizeForTerminal, type ScanReport } from "../report/index.js";
import { builtinRules } from "../rules/load.js";
import { Engine } from "../scan.js";
import { CONFIDENCES, SEVERITIES, type Finding } from "../types.js";
import { useColor } from "./color.js";
import { UsageError, type ScanOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";
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

async function* inputs(opts: ScanOptions, ctx: RunContext): AsyncGenerator<ScanInput> {
  if (opts.stdin) yield { kind: "stream", path: opts.stdinFilename ?? "<stdin>", stream: ctx.stdin() };
  if (opts.paths.length) yield* discoverFiles(opts.paths, { cwd: ctx.cwd });
}

export async function scanCommand(opts: ScanOptions, ctx: RunContext): Promise<CommandResult> {
  const all = builtinRules();
  let rules = all;
  if (opts.rules.length) {
    const ids = new Set(all.map((r) => r.id));
    const unknown = opts.rules.filter((id) => !ids.has(id));
    if (unknown.length) throw new UsageError(`unknown rule ${unknown.map((id) => `\`${id}\``).join(", ")} for --rule; \`postguard rules list\` shows the ids`);
    const wanted = new Set(opts.rules);
    rules = all.filter((r) => wanted.has(r.id));
  }
  const minConfidence = CONFIDENCES.indexOf(opts.minConfidence);
  const keep = (f: Finding) => CONFIDENCES.indexOf(f.confidence) >= minConfidence;
  const report = await scanFiles(inputs(opts, ctx), {
    engine: new Engine(rules),
    maxFileSize: opts.maxFileSize,
    concurrency: opts.concurrency,
    keep,
    frames: opts.format === "text",
    showSecrets: opts.showSecrets,
  });

  const color = opts.format === "text" && useColor({ noColor: opts.noColor, toFile: opts.output !== undefined, isTTY: ctx.stdoutIsTTY, env: ctx.env });
  const text = formatReport(opts.format, report, { rules, version: version(), cwd: ctx.cwd, showSecrets: opts.showSecrets, color, quiet: opts.quiet });
  const stderr = notices(report);
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

  const threshold = SEVERITIES.indexOf(opts.failOn);
  const failing = report.findings.some((f) => SEVERITIES.indexOf(f.severity) >= threshold);
  const exitCode = report.errors.length || failedToWrite ? 2 : failing ? 1 : 0;
  return { exitCode, stdout, stderr: stderr.length ? `${stderr.join("\n")}\n` : "" };
}
