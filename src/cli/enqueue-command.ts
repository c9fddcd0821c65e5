/**
 * `postguard audit … --queue redis://HOST:PORT`: enqueue the audit's sources and pages
 * for `postguard worker`s instead of running them here. The politeness and scanning
 * flags become the sweep's settings, which every worker reads from the queue.
 */
import { resolve } from "node:path";
import { userAgent } from "../audit/audit.js";
import { EnqueueError, enqueueAudit } from "../distributed/enqueue.js";
import { QueueUnreachableError } from "../distributed/queue.js";
import { auditLimits, type AuditCliOptions } from "./audit-options.js";
import { redactUrl } from "../distributed/redact-url.js";
import { DEFAULT_QUEUE_NAME } from "./distributed-options.js";
import type { CommandResult, RunContext } from "./run.js";

/** Job-level tries of a page or source whose failure may pass (BullMQ `attempts`). */
const JOB_ATTEMPTS = 3;

export async function enqueueCommand(opts: AuditCliOptions & { queue: string }, ctx: RunContext): Promise<CommandResult> {
  const queueName = opts.queueName ?? DEFAULT_QUEUE_NAME;
  let r;
  try {
    r = await enqueueAudit({
      redisUrl: opts.queue,
      queueName,
      sources: opts.sources.map((s) => (s.kind === "urls" && s.target !== "-" ? { ...s, target: resolve(ctx.cwd, s.target) } : s)),
      sweep: {
        ...auditLimits(opts),
        attempts: JOB_ATTEMPTS,
        // A page that failed for a while (an outage, a long 429) is tried again well after
        // the fetcher's own quick retries: ten times their base, doubling each time.
        backoffMs: Math.max(1000, opts.retryDelayMs * 10),
        userAgent: userAgent(opts.contact),
        ...(opts.since !== undefined ? { since: opts.since } : {}),
        domains: opts.domains,
        rescan: opts.rescan,
        rules: opts.rules,
        minConfidence: opts.minConfidence,
        devtoApi: opts.devtoApi,
        githubApi: opts.githubApi,
      },
      cwd: ctx.cwd,
      stdin: ctx.stdin,
    });
  } catch (e) {
    if (e instanceof EnqueueError || e instanceof QueueUnreachableError) return { exitCode: 2, stdout: "", stderr: `postguard: error: ${e.message}\n` };
    const err = e as Error;
    return { exitCode: 2, stdout: "", stderr: `postguard: error: cannot enqueue on ${redactUrl(opts.queue)}: ${err.message}\n` };
  }
  const s = r.settings;
  const c = r.counts;
  const lines = [
    r.created
      ? `postguard: started the sweep ${s.runId} on queue ${queueName}`
      : `postguard: added to the sweep ${s.runId} already on queue ${queueName} (started ${s.createdAt}; its settings apply: --per-host ${s.perHost}, --delay ${s.delayMs / 1000})`,
    `postguard: enqueued ${r.sources} source${r.sources === 1 ? "" : "s"} and ${r.pages} page${r.pages === 1 ? "" : "s"}; a page or source already on the queue is not added again`,
    `postguard: jobs now: ${(c.waiting ?? 0) + (c.prioritized ?? 0)} waiting, ${c.delayed ?? 0} delayed, ${c.active ?? 0} active, ${c.completed ?? 0} done, ${c.failed ?? 0} failed`,
    ...r.problems.map((p) => `postguard: error: ${p}`),
  ];
  if (!opts.quiet || r.problems.length) {
    if (!opts.quiet) lines.push(`postguard: run workers with: postguard worker --queue ${redactUrl(opts.queue)}${queueName !== DEFAULT_QUEUE_NAME ? ` --queue-name ${queueName}` : ""} --store postgres://…`);
    return { exitCode: r.problems.length ? 2 : 0, stdout: "", stderr: `${lines.filter((l) => !opts.quiet || l.includes("error:")).join("\n")}\n` };
  }
  return { exitCode: 0, stdout: "", stderr: "" };
}
