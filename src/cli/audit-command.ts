/**
 * `postguard audit`: options -> runAudit, with findings streamed as they are found (text
 * on stdout, or JSON Lines with `--jsonl`), progress on stderr, SARIF written from the
 * state at the end, and a summary by outcome, severity, provider and site.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { AuditError, runAudit, type AuditResult } from "../audit/audit.js";
import { jsonlLine, textLines } from "../audit/report/findings.js";
import { progressReporter } from "../audit/report/progress.js";
import { writeAuditSarif } from "../audit/report/sarif.js";
import { formatSummary } from "../audit/report/summary.js";
import { sanitizeForTerminal } from "../report/code-frame.js";
import { builtinRules } from "../rules/load.js";
import { SEVERITIES } from "../types.js";
import { auditLimits, type AuditCliOptions } from "./audit-options.js";
import { useColor } from "./color.js";
import { UsageError } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";
import { version } from "./version.js";

/** Exit code for an audit stopped by Ctrl-C (128 + SIGINT), listed in --help. */
export const EXIT_INTERRUPTED = 130;

export async function auditCommand(opts: AuditCliOptions, ctx: RunContext): Promise<CommandResult> {
  if (opts.queue) return (await import("./enqueue-command.js")).enqueueCommand({ ...opts, queue: opts.queue }, ctx);
  const all = builtinRules();
  const ids = new Set(all.map((r) => r.id));
  const unknown = opts.rules.filter((id) => !ids.has(id));
  if (unknown.length) throw new UsageError(`unknown rule ${unknown.map((id) => `\`${id}\``).join(", ")} for --rule; \`postguard rules list\` shows the ids`);
  const wanted = new Set(opts.rules);
  const rules = opts.rules.length ? all.filter((r) => wanted.has(r.id)) : all;
  const rulesById = new Map(rules.map((r) => [r.id, r]));

  const out: string[] = [];
  const err: string[] = [];
  const writeOut = ctx.stdoutWrite ?? ((s: string) => void out.push(s));
  const writeErr = ctx.stderrWrite ?? ((s: string) => void err.push(s));
  const progress = progressReporter(writeErr, ctx.stderrIsTTY ?? false);
  const jsonlToStdout = opts.jsonl === "-";
  const color = !jsonlToStdout && useColor({ noColor: opts.noColor, toFile: false, isTTY: ctx.stdoutIsTTY, env: ctx.env });

  let jsonlFd: number | undefined;
  if (opts.jsonl && !jsonlToStdout) {
    const file = resolve(ctx.cwd, opts.jsonl);
    try {
      await mkdir(dirname(file), { recursive: true });
      // A resumed audit adds to the lines the interrupted one wrote.
      jsonlFd = openSync(file, opts.resume ? "a" : "w");
    } catch (e) {
      return { exitCode: 2, stdout: "", stderr: `postguard: error: cannot write --jsonl ${opts.jsonl}: ${(e as Error).message}\n` };
    }
  }
  const absolute = (s: AuditCliOptions["sources"][number]) => ((s.kind === "urls" && s.target !== "-") || s.kind === "warc" ? { ...s, target: resolve(ctx.cwd, s.target) } : s);
  const failures: Array<{ path: string; message: string }> = [];
  let sarifError: string | undefined;
  let reportError: string | undefined;
  let result: AuditResult;
  try {
    result = await runAudit(
      {
        sources: opts.sources.map(absolute),
        statePath: resolve(ctx.cwd, opts.state),
        resume: opts.resume,
        rescan: opts.rescan,
        ...(opts.since !== undefined ? { since: opts.since } : {}),
        domains: opts.domains,
        rules: opts.rules,
        minConfidence: opts.minConfidence,
        concurrency: opts.concurrency,
        ...auditLimits(opts),
        ...(opts.contact ? { contact: opts.contact } : {}),
        threads: opts.workers,
        devtoApi: opts.devtoApi,
        githubApi: opts.githubApi,
        ...(ctx.env.GITHUB_TOKEN || ctx.env.GH_TOKEN ? { githubToken: (ctx.env.GITHUB_TOKEN || ctx.env.GH_TOKEN)! } : {}),
        cwd: ctx.cwd,
        stdin: ctx.stdin,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      },
      {
        occurrences(_url, found, findings) {
          progress.clear();
          for (const [i, o] of found.entries()) {
            const raw = opts.showSecrets ? findings[i] : undefined;
            if (jsonlFd !== undefined) writeSync(jsonlFd, jsonlLine(o, rulesById, raw));
            if (jsonlToStdout) writeOut(jsonlLine(o, rulesById, raw));
            else writeOut(`${textLines(o, rulesById, color, raw)}\n`);
          }
        },
        notice(message) {
          progress.clear();
          writeErr(`postguard: ${message.split("\n").map(sanitizeForTerminal).join("\n")}\n`);
        },
        ...(opts.quiet ? {} : { progress: (p) => progress.update(p), progressIntervalMs: progress.intervalMs }),
        async beforeClose(store, runId) {
          for (const p of await store.pagesIn(runId, "failed", 100_000)) failures.push({ path: p.url, message: p.reason ?? "failed" });
          if (opts.report) reportError = await (await import("./report-command.js")).writeStateReport(store.db, opts.report, ctx);
          if (!opts.sarif) return;
          const file = resolve(ctx.cwd, opts.sarif);
          try {
            await mkdir(dirname(file), { recursive: true });
            await writeAuditSarif(file, store, runId, { rules, version: version(), failures });
          } catch (e) {
            sarifError = `cannot write --sarif ${opts.sarif}: ${(e as Error).message}`;
          }
        },
      },
    );
  } catch (e) {
    progress.clear();
    if (e instanceof AuditError) return { exitCode: 2, stdout: out.join(""), stderr: `${err.join("")}postguard: error: ${e.message}\n` };
    throw e;
  } finally {
    if (jsonlFd !== undefined) closeSync(jsonlFd);
  }
  progress.clear();

  const s = result.summary;
  const notes: string[] = [];
  for (const f of failures.slice(0, 20)) notes.push(`postguard: failed ${sanitizeForTerminal(f.path)}: ${f.message}`);
  if (failures.length > 20) notes.push(`postguard: … ${failures.length - 20} more failed pages (listed in the state, and in --sarif)`);
  if (opts.sarif && !sarifError && !opts.quiet) notes.push(`postguard: wrote the SARIF log to ${opts.sarif}`);
  if (sarifError) notes.push(`postguard: error: ${sarifError}`);
  if (opts.report && !reportError && !opts.quiet) notes.push(`postguard: wrote the HTML report to ${opts.report}`);
  if (reportError) notes.push(`postguard: error: ${reportError}`);
  if (notes.length) writeErr(`${notes.join("\n")}\n`);
  if (!opts.quiet) (jsonlToStdout ? writeErr : writeOut)(formatSummary(result));

  const threshold = SEVERITIES.indexOf(opts.failOn);
  const failing = s.bySeverity.some((r) => r.secrets > 0 && SEVERITIES.indexOf(r.key as (typeof SEVERITIES)[number]) >= threshold);
  const exitCode = result.interrupted ? EXIT_INTERRUPTED : s.byOutcome.failed || s.failedSources.length || sarifError || reportError ? 2 : failing ? 1 : 0;
  return { exitCode, stdout: out.join(""), stderr: err.join("") };
}
