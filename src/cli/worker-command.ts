/**
 * `postguard worker --queue redis://… --store postgres://…`: take audit jobs until
 * SIGTERM/SIGINT (or, with --until-empty, until the queue is empty). Progress lines go
 * to stderr as they happen; the summary is the result.
 */
import { resolve } from "node:path";
import { StoreOpenError } from "../distributed/open-store.js";
import { isPostgresUrl } from "../distributed/postgres.js";
import { QueueUnreachableError } from "../distributed/queue.js";
import { defaultThreads, runWorker } from "../distributed/worker.js";
import type { WorkerOptions } from "./distributed-options.js";
import type { CommandResult, RunContext } from "./run.js";

export async function workerCommand(opts: WorkerOptions, ctx: RunContext): Promise<CommandResult> {
  let stderr = "";
  const write = ctx.stderrWrite ?? ((s: string) => void (stderr += s));
  try {
    const summary = await runWorker({
      redisUrl: opts.queue,
      queueName: opts.queueName,
      // A SQLite file (workers on one machine) is relative to where the command runs.
      store: isPostgresUrl(opts.store) ? opts.store : resolve(ctx.cwd, opts.store),
      concurrency: opts.concurrency,
      threads: opts.threads ?? defaultThreads(),
      stallTimeoutMs: opts.stallTimeoutMs,
      graceMs: opts.graceMs,
      untilEmpty: opts.untilEmpty,
      statusIntervalMs: opts.statusIntervalMs,
      ...(opts.name ? { name: opts.name } : {}),
      ...(ctx.env.GITHUB_TOKEN || ctx.env.GH_TOKEN ? { githubToken: (ctx.env.GITHUB_TOKEN || ctx.env.GH_TOKEN)! } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      log: (line) => {
        if (!opts.quiet || /error|stopping|handing/.test(line)) write(`postguard: ${line}\n`);
      },
    });
    const p = summary.pages;
    const done = p.scanned + p.unchanged + p.skipped + p.failed;
    const why = summary.stoppedBy === "empty" ? "the queue is empty" : "asked to stop";
    write(
      `postguard: worker ${summary.name} stopped (${why}) after ${(summary.elapsedMs / 1000).toFixed(1)} s: ` +
        `${p.scanned} scanned, ${p.unchanged} unchanged, ${p.skipped} skipped, ${p.failed} failed; ` +
        `${summary.sources.done} sources expanded, ${summary.sources.failed} failed; ${summary.retried} retries scheduled, ${summary.handedBack} jobs handed back; ` +
        `CPU ${(summary.cpuMs / 1000).toFixed(1)} s (${done ? (summary.cpuMs / done).toFixed(1) : "0"} ms per page)\n`,
    );
    if (!opts.quiet) {
      const t = summary.timeline;
      const at = (label: string, v: number | undefined) => (v === undefined ? [] : [`${label} ${v.toFixed(2)} s`]);
      write(
        `postguard: worker ${summary.name} timeline (since its process started): ` +
          [...at("ready", t.ready), ...at("first job", t.firstJob), ...at("first page", t.firstPage), ...at("last page", t.lastPage), ...at("stopping", t.stopping), ...at("closed", t.closed)].join(", ") +
          "\n",
      );
    }
    return { exitCode: 0, stdout: "", stderr };
  } catch (e) {
    if (e instanceof StoreOpenError || e instanceof QueueUnreachableError) return { exitCode: 2, stdout: "", stderr: `${stderr}postguard: error: ${e.message}\n` };
    throw e;
  }
}
