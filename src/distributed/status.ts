/**
 * `postguard status`: where a distributed sweep stands — jobs waiting, active, done and
 * failed from the queue; pages by outcome, pages per second and findings so far from the
 * store. Read-only.
 */
import type { AuditStore, RunSummary } from "../audit/store/audit-store.js";
import { openAuditStore } from "./open-store.js";
import { AuditQueue, checkRedis, type SweepSettings } from "./queue.js";

export interface SweepStatus {
  queue: string;
  runId?: string;
  startedAt?: string;
  jobs: { waiting: number; delayed: number; active: number; done: number; failed: number };
  /** From the store, when one was given. */
  pages?: {
    total: number;
    pending: number;
    scanned: number;
    unchanged: number;
    skipped: number;
    failed: number;
    /** Over the last minute. */
    ratePerSecond: number;
    /** From the first page to the last one finished. */
    averagePerSecond: number;
  };
  findings?: { secrets: number; occurrences: number; pagesWithFindings: number };
  failedSources?: RunSummary["failedSources"];
}

export async function sweepStatus(opts: { redisUrl: string; queueName: string; store?: string; now?: number }): Promise<SweepStatus> {
  await checkRedis(opts.redisUrl);
  const queue = new AuditQueue(opts.redisUrl, opts.queueName);
  let settings: SweepSettings | undefined;
  let c: Record<string, number>;
  try {
    settings = await queue.settings();
    c = await queue.queue.getJobCounts("waiting", "prioritized", "waiting-children", "delayed", "active", "completed", "failed");
  } finally {
    await queue.close();
  }
  const n = (k: string) => c[k] ?? 0;
  const status: SweepStatus = {
    queue: opts.queueName,
    ...(settings ? { runId: settings.runId, startedAt: settings.createdAt } : {}),
    jobs: { waiting: n("waiting") + n("prioritized") + n("waiting-children"), delayed: n("delayed"), active: n("active"), done: n("completed"), failed: n("failed") },
  };
  if (!opts.store || !settings) return status;
  const store = await openAuditStore(opts.store);
  try {
    await addStoreStatus(store, settings.runId, status, opts.now ?? Date.now());
  } finally {
    await store.close();
  }
  return status;
}

async function addStoreStatus(store: AuditStore, runId: string, status: SweepStatus, now: number): Promise<void> {
  const s = await store.summary(runId);
  // fetched_at is ISO-8601 text: it compares as time does, in SQLite and PostgreSQL alike.
  const since = new Date(now - 60_000).toISOString();
  const t = await store.db.get<{ recent: number; first: string | null; last: string | null }>(
    "SELECT SUM(CASE WHEN fetched_at >= ? THEN 1 ELSE 0 END) AS recent, MIN(fetched_at) AS first, MAX(fetched_at) AS last FROM audit_pages WHERE run_id = ? AND status <> 'pending'",
    [since, runId],
  );
  const span = t?.first && t.last ? (Date.parse(t.last) - Date.parse(t.first)) / 1000 : 0;
  const done = s.byOutcome.scanned + s.byOutcome.unchanged + s.byOutcome.skipped + s.byOutcome.failed;
  const elapsed = Math.min(60, t?.first ? (now - Date.parse(t.first)) / 1000 : 0);
  status.pages = {
    total: s.pages,
    pending: s.byOutcome.pending,
    scanned: s.byOutcome.scanned,
    unchanged: s.byOutcome.unchanged,
    skipped: s.byOutcome.skipped,
    failed: s.byOutcome.failed,
    ratePerSecond: elapsed > 0 ? Number(t?.recent ?? 0) / elapsed : 0,
    averagePerSecond: span > 0 ? done / span : 0,
  };
  status.findings = { secrets: s.secrets, occurrences: s.occurrences, pagesWithFindings: s.pagesWithFindings };
  status.failedSources = s.failedSources;
}

export function formatStatus(s: SweepStatus): string {
  const lines: string[] = [];
  lines.push(s.runId ? `sweep ${s.runId} on queue ${s.queue} (started ${s.startedAt})` : `queue ${s.queue}: no sweep has been enqueued`);
  const j = s.jobs;
  lines.push(`jobs: ${j.waiting} waiting, ${j.active} active, ${j.delayed} delayed (retries), ${j.done} done, ${j.failed} failed`);
  if (s.pages) {
    const p = s.pages;
    lines.push(`pages: ${p.total - p.pending} of ${p.total} finished: ${p.scanned} scanned, ${p.unchanged} unchanged, ${p.skipped} skipped, ${p.failed} failed; ${p.pending} pending`);
    lines.push(`rate: ${p.ratePerSecond.toFixed(1)} pages/s over the last minute, ${p.averagePerSecond.toFixed(1)} pages/s on average`);
  }
  if (s.findings) {
    const f = s.findings;
    lines.push(`findings: ${f.secrets} distinct secret${f.secrets === 1 ? "" : "s"} in ${f.occurrences} occurrence${f.occurrences === 1 ? "" : "s"} on ${f.pagesWithFindings} page${f.pagesWithFindings === 1 ? "" : "s"}`);
  }
  for (const f of s.failedSources ?? []) lines.push(`failed source: ${f.key}: ${f.reason}`);
  return `${lines.join("\n")}\n`;
}
