/**
 * `postguard worker`: a BullMQ worker that takes audit jobs from Redis, fetches and
 * scans with the single-machine audit's own parts (polite fetcher, page pipeline, source
 * handlers), and writes outcomes to the shared store with idempotent upserts.
 *
 * Robustness comes from BullMQ and from the store, not from anything invented here:
 * - a worker killed mid-job (SIGKILL) stops renewing its job locks; after the stall
 *   timeout another worker's stalled-job check puts the jobs back in the queue;
 * - a transient failure (429/5xx after the fetcher's own retries, a timeout, a database
 *   error) throws, and BullMQ retries the job with exponential backoff;
 * - a permanent failure (404, robots-unreachable, a source that is not a sitemap) is
 *   recorded as `failed` with its reason and fails the job without retries;
 * - SIGTERM stops taking jobs and lets in-flight ones finish; those still running after
 *   the grace period are interrupted and handed back to the queue at once;
 * - a job done twice (after a stall) writes the same rows: pages are keyed by URL,
 *   occurrences by (URL, rule, secret, offset), secrets by hash.
 */
import { availableParallelism, hostname } from "node:os";
import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import { fetchPage } from "../audit/audit.js";
import { PoliteFetcher } from "../audit/http/fetcher.js";
import { retryableStatus } from "../audit/http/retry.js";
import { PagePipeline } from "../audit/pipeline.js";
import { ScanPool } from "../audit/scan/scan-pool.js";
import { HANDLERS, SourceError, type AuditContext, type SourceSettings } from "../audit/sources/index.js";
import type { AuditStore, NewPage, Outcome, PageRow, SourceRow } from "../audit/store/audit-store.js";
import { RedisHostGate } from "./host-limiter.js";
import { openAuditStore } from "./open-store.js";
import { AuditQueue, checkRedis, redisConnection, type AuditJobData, type AuditJobResult, type SweepSettings } from "./queue.js";
import { ensureRun, markRunFinished } from "./runs.js";

export interface WorkerOptions {
  redisUrl: string;
  queueName: string;
  /** `postgres://…` (or a SQLite file, for one machine). */
  store: string;
  /** Jobs this worker runs at once. */
  concurrency: number;
  /** Scanning threads (0: scan on the main thread). */
  threads: number;
  /** A job whose worker stopped renewing its lock this long ago is handed to another. */
  stallTimeoutMs: number;
  /** After SIGTERM, how long in-flight jobs may run before they are handed back. */
  graceMs: number;
  /** Exit once the queue has nothing waiting, delayed or active. */
  untilEmpty: boolean;
  githubToken?: string;
  /** Aborted on SIGTERM / SIGINT. */
  signal?: AbortSignal;
  /** One line of progress or a notice. */
  log(line: string): void;
  statusIntervalMs: number;
  name?: string;
}

export interface WorkerSummary {
  name: string;
  pages: Record<Outcome, number>;
  sources: { done: number; failed: number };
  retried: number;
  handedBack: number;
  elapsedMs: number;
  /** CPU time of this process, all threads (user + system). */
  cpuMs: number;
  stoppedBy: "signal" | "empty";
  /** When things happened, in seconds since this process started: where a sweep's time goes. */
  timeline: WorkerTimeline;
}

/** Seconds since the process started (`performance.now()` counts from there). */
export interface WorkerTimeline {
  /** Connected to Redis and the store (schema migrated), taking jobs. */
  ready: number;
  firstJob?: number;
  /** The first page outcome (sources before it were being expanded). */
  firstPage?: number;
  lastPage?: number;
  /** The queue was seen empty (--until-empty) or a signal arrived. */
  stopping?: number;
  /** BullMQ, the limiter, the scanning threads and the store closed. */
  closed: number;
}

const since = () => Math.round(performance.now()) / 1000;

/** Everything a worker keeps for one sweep (run), made when its first job arrives. */
interface Sweep {
  settings: SweepSettings;
  gate: RedisHostGate;
  fetcher: PoliteFetcher;
  pool: ScanPool;
  ctx: AuditContext;
  /** Outcomes the pipeline just recorded, by URL, for the job that asked. */
  outcomes: Map<string, { outcome: Outcome; reason?: string }>;
}

/** How soon a worker that found the queue drained looks at it again (see `check`). */
const EMPTY_RECHECK_MS = 250;

const DONE: ReadonlySet<string> = new Set(["scanned", "unchanged", "skipped"]);

/** Errors without an HTTP status that may well pass: network trouble, time limits. */
const TRANSIENT_REASON = /timed out|connection (refused|reset|closed|timed out)|EAI_AGAIN|malformed HTTP response|socket hang up|Retry-After of/i;

function transientPage(row: { reason: string | null; http_status: number | null }): boolean {
  // The reason is this attempt's; the status may be an earlier audit's (it is kept when a try got none).
  if (TRANSIENT_REASON.test(row.reason ?? "")) return true;
  return /^HTTP \d{3}/.test(row.reason ?? "") && row.http_status !== null && retryableStatus(Number(row.http_status));
}

export const defaultThreads = () => Math.max(1, availableParallelism() - 1);

export async function runWorker(opts: WorkerOptions): Promise<WorkerSummary> {
  const started = Date.now();
  const name = opts.name ?? `${hostname()}-${process.pid}`;
  // A wrong --queue fails at start; once running, a Redis restart is waited out.
  await checkRedis(opts.redisUrl);
  const store = await openAuditStore(opts.store, { max: Math.max(4, opts.concurrency + 2), applicationName: `postguard worker ${name}` });
  const queue = new AuditQueue(opts.redisUrl, opts.queueName, false);
  const hardStop = new AbortController();
  const sweeps = new Map<string, Promise<Sweep>>();
  const pages: Record<Outcome, number> = { scanned: 0, unchanged: 0, skipped: 0, failed: 0 };
  const sources = { done: 0, failed: 0 };
  let retried = 0;
  let handedBack = 0;
  const recent: number[] = [];
  const timeline: Partial<WorkerTimeline> = {};

  const sweepFor = (runId: string): Promise<Sweep> => {
    let s = sweeps.get(runId);
    if (!s) {
      s = openSweep(runId);
      sweeps.set(runId, s);
      s.catch(() => sweeps.delete(runId));
    }
    return s;
  };

  async function openSweep(runId: string): Promise<Sweep> {
    const settings = await queue.settings();
    if (!settings || settings.runId !== runId) throw new UnrecoverableError(`the sweep ${runId} has no settings on queue ${opts.queueName} (was the queue emptied?)`);
    await ensureRun(store, settings, opts.queueName);
    const gate = new RedisHostGate({
      redisUrl: opts.redisUrl,
      namespace: runId,
      perHost: settings.perHost,
      delayMs: settings.delayMs,
      // One request holds a slot; its exchange is cut at timeoutMs, so only a dead worker's
      // slot is still held after this.
      expirationMs: settings.timeoutMs + 2000,
    });
    const fetcher = new PoliteFetcher({
      userAgent: settings.userAgent,
      concurrency: opts.concurrency,
      perHost: settings.perHost,
      delayMs: settings.delayMs,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      retryBaseMs: settings.retryBaseMs,
      maxRetryAfterMs: settings.maxRetryAfterMs,
      maxRedirects: settings.maxRedirects,
      maxCrawlDelayMs: settings.maxCrawlDelayMs,
      signal: hardStop.signal,
      gate,
    });
    const pool = new ScanPool({ rules: settings.rules, minConfidence: settings.minConfidence }, opts.threads);
    const outcomes = new Map<string, { outcome: Outcome; reason?: string }>();
    const pipeline = new PagePipeline(
      store,
      pool,
      {
        page(url, outcome, reason) {
          pages[outcome]++;
          recent.push(Date.now());
          timeline.lastPage = since();
          timeline.firstPage ??= timeline.lastPage;
          outcomes.set(url, { outcome, ...(reason ? { reason } : {}) });
        },
        occurrences() {},
      },
      { runId, maxPageBytes: settings.maxPageBytes, rescan: settings.rescan },
    );
    const sourceSettings: SourceSettings = {
      ...(settings.since !== undefined ? { since: settings.since } : {}),
      domains: settings.domains,
      maxPageBytes: settings.maxPageBytes,
      maxSourceBytes: settings.maxSourceBytes,
      rescan: settings.rescan,
      devtoApi: settings.devtoApi,
      githubApi: settings.githubApi,
      ...(opts.githubToken ? { githubToken: opts.githubToken } : {}),
      retries: settings.retries,
      maxRetryAfterMs: settings.maxRetryAfterMs,
    };
    const ctx: AuditContext = {
      runId,
      store,
      fetcher,
      pipeline,
      settings: sourceSettings,
      cwd: process.cwd(),
      stdin: async function* () {},
      signal: hardStop.signal,
      notice: (m) => opts.log(`${name}: ${m}`),
    };
    return { settings, gate, fetcher, pool, ctx, outcomes };
  }

  /** Hand an interrupted job back to the queue now, without spending one of its tries. */
  async function handBack(job: Job<AuditJobData, AuditJobResult>, token: string | undefined): Promise<never> {
    handedBack++;
    await job.moveToDelayed(Date.now(), token);
    throw new DelayedError();
  }

  /**
   * The page's row in this run: the source job that found the page wrote it already, so
   * it is read first (one round trip); a page enqueued straight from a URL list, or one
   * from an earlier run, is put into the run and read again.
   */
  async function pageRow(runId: string, page: NewPage, settings: SweepSettings): Promise<PageRow | undefined> {
    const row = await store.page(page.url);
    if (row?.run_id === runId) return row;
    await store.addPages(runId, [page], undefined, settings.rescan);
    return store.page(page.url);
  }

  async function pageJob(job: Job<AuditJobData, AuditJobResult>, token: string | undefined, sweep: Sweep): Promise<AuditJobResult> {
    if (job.data.kind !== "page") throw new Error("not a page job");
    const { page, runId } = job.data;
    const { settings, ctx } = sweep;
    const before = await pageRow(runId, page, settings);
    if (!before || before.run_id !== runId) throw new Error(`${page.url} is not in the run ${runId}`);
    // Done already: by an earlier delivery of this job, or unchanged by its API version.
    if (DONE.has(before.status)) return { outcome: before.status, ...(before.reason ? { reason: before.reason } : {}) };
    sweep.outcomes.delete(page.url);
    await fetchPage(ctx, before as PageRow, settings);
    if (hardStop.signal.aborted) return handBack(job, token);
    const recorded = sweep.outcomes.get(page.url);
    sweep.outcomes.delete(page.url);
    if (recorded && recorded.outcome !== "failed") return { outcome: recorded.outcome, ...(recorded.reason ? { reason: recorded.reason } : {}) };
    const after = await store.db.get<{ status: string; reason: string | null; http_status: number | null }>(
      "SELECT status, reason, http_status FROM audit_pages WHERE url = ? AND run_id = ?",
      [page.url, runId],
    );
    if (!after) throw new Error(`${page.url} lost its row in the run ${runId}`);
    if (after.status === "failed") {
      const reason = after.reason ?? "failed";
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (transientPage(after) && !last) {
        retried++;
        throw new Error(`${reason} (will try again)`);
      }
      throw new UnrecoverableError(reason);
    }
    return { outcome: after.status, ...(after.reason ? { reason: after.reason } : {}) };
  }

  async function sourceJob(job: Job<AuditJobData, AuditJobResult>, token: string | undefined, sweep: Sweep): Promise<AuditJobResult> {
    if (job.data.kind !== "source") throw new Error("not a source job");
    const { source, runId } = job.data;
    const { settings, ctx } = sweep;
    await store.addSources(runId, [source]);
    const row = await store.db.get<SourceRow>("SELECT key, kind, target, parent, status, reason, attempts, items, seq FROM audit_sources WHERE run_id = ? AND key = ?", [runId, source.key]);
    if (!row) throw new Error(`${source.key} is not in the run ${runId}`);
    if (row.status === "done") return { outcome: "done", items: Number(row.items) };
    if (row.kind === "urls" || row.kind === "warc") {
      const reason = `${row.key}: a ${row.kind === "urls" ? "URL list" : "WARC file"} is read by the producer, not by workers`;
      await store.finishSource(runId, row.key, "failed", reason, 0);
      throw new UnrecoverableError(reason);
    }
    let exp;
    try {
      exp = await HANDLERS[row.kind](row, ctx);
    } catch (e) {
      if (hardStop.signal.aborted) return handBack(job, token);
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const permanent = e instanceof SourceError && !TRANSIENT_REASON.test(e.message) && !/HTTP (429|5\d\d)/.test(e.message);
      const reason = e instanceof SourceError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
      if (permanent || last) {
        await store.finishSource(runId, row.key, "failed", reason, 0);
        sources.failed++;
        opts.log(`${name}: error: ${reason}`);
        throw new UnrecoverableError(reason);
      }
      retried++;
      throw e;
    }
    if (hardStop.signal.aborted) return handBack(job, token);
    // Children first, then the source is done: a worker dying in between makes the job
    // run again, and adding the same children twice changes nothing. They are queued
    // before they are written to the store (a row per page, one round trip each), so the
    // other workers start on them at once; a child job that runs before its row is
    // written writes it itself (pageRow, and sourceJob's addSources).
    if (exp.sources?.length) {
      await queue.addSources(runId, exp.sources, settings);
      await store.addSources(runId, exp.sources);
    }
    if (exp.pages?.length) {
      await queue.addPages(runId, exp.pages, settings);
      for (let i = 0; i < exp.pages.length; i += 1000) {
        const batch = exp.pages.slice(i, i + 1000);
        await store.db.transaction((tx) => store.addPages(runId, batch, tx, settings.rescan));
      }
    }
    const items = exp.items ?? (exp.sources?.length ?? 0) + (exp.pages?.length ?? 0);
    await store.finishSource(runId, row.key, "done", null, items);
    sources.done++;
    return { outcome: "done", items };
  }

  const worker = new Worker<AuditJobData, AuditJobResult>(
    opts.queueName,
    async (job, token) => {
      timeline.firstJob ??= since();
      const sweep = await sweepFor(job.data.runId);
      return job.data.kind === "page" ? pageJob(job, token, sweep) : sourceJob(job, token, sweep);
    },
    {
      connection: redisConnection(opts.redisUrl),
      name,
      concurrency: opts.concurrency,
      lockDuration: opts.stallTimeoutMs,
      stalledInterval: Math.max(500, Math.round(opts.stallTimeoutMs / 2)),
      // A page that kills its worker twice is failed rather than passed on for ever.
      maxStalledCount: 2,
    },
  );
  worker.on("error", (e) => opts.log(`${name}: queue error: ${e.message}`));
  const ready = since();
  // A job can fail without its processor saying why in the store: BullMQ fails a job whose
  // workers died under it too often (stalled). Its page or source must not stay pending.
  // (A failure the job recorded itself, or one it will retry after, leaves nothing pending.)
  worker.on("failed", (job, err) => {
    if (!job) return;
    const reason = /stalled/i.test(err.message) ? `the workers working on it stopped too often (${err.message})` : err.message;
    const d = job.data;
    const write =
      d.kind === "page"
        ? store.db.run("UPDATE audit_pages SET status = 'failed', reason = ? WHERE url = ? AND run_id = ? AND status = 'pending'", [reason, d.page.url, d.runId])
        : store.db.run("UPDATE audit_sources SET status = 'failed', reason = ? WHERE key = ? AND run_id = ? AND status = 'pending'", [reason, d.source.key, d.runId]);
    write.catch((e: Error) => opts.log(`${name}: cannot record the failure of ${job.id}: ${e.message}`));
  });

  const status = () => {
    const t = Date.now();
    while (recent.length && recent[0]! < t - 10_000) recent.shift();
    const window = Math.min(10_000, t - started) / 1000;
    const done = pages.scanned + pages.unchanged + pages.skipped + pages.failed;
    return `${name}: ${done} pages (${pages.scanned} scanned, ${pages.unchanged} unchanged, ${pages.skipped} skipped, ${pages.failed} failed), ${(window > 0 ? recent.length / window : 0).toFixed(1)} pages/s`;
  };

  let stoppedBy: WorkerSummary["stoppedBy"] = "signal";
  await new Promise<void>((resolve) => {
    let emptySince: number | undefined;
    let poll: NodeJS.Timeout | undefined;
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      timeline.stopping ??= since();
      clearInterval(ticker);
      clearTimeout(poll);
      opts.signal?.removeEventListener("abort", onSignal);
      const grace = setTimeout(() => {
        opts.log(`${name}: jobs still running after ${opts.graceMs / 1000} s; handing them back to the queue`);
        hardStop.abort();
      }, opts.graceMs);
      await worker.close();
      clearTimeout(grace);
      resolve();
    };
    const onSignal = () => {
      opts.log(`${name}: stopping: no new jobs; waiting for the ones in flight`);
      void stop();
    };
    /**
     * Whether the sweep is over: nothing waiting, delayed or active at two checks at least
     * EMPTY_RECHECK_MS apart (so a job between "completed" and its children's "added" is
     * not missed). Returns whether to look again soon: jobs are running, none waiting.
     */
    const check = async (log: boolean): Promise<boolean> => {
      const c = await queue.queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
      const waiting = (c.waiting ?? 0) + (c.prioritized ?? 0) + (c["waiting-children"] ?? 0);
      if (log) opts.log(`${status()}; queue: ${waiting} waiting, ${c.active ?? 0} active, ${c.delayed ?? 0} delayed`);
      if (waiting + (c.active ?? 0) + (c.delayed ?? 0) > 0) {
        emptySince = undefined;
        return waiting === 0 && (c.active ?? 0) > 0;
      }
      const now = Date.now();
      if (emptySince === undefined || now - emptySince < EMPTY_RECHECK_MS) {
        emptySince ??= now;
        return true;
      }
      const settings = await queue.settings();
      // Nothing enqueued yet (workers started before the producer): keep waiting.
      if (!settings) return false;
      await markRunFinished(store, settings.runId);
      if (opts.untilEmpty) {
        stoppedBy = "empty";
        void stop();
      }
      return false;
    };
    const checkSoon = () => {
      if (poll || stopping) return;
      poll = setTimeout(() => {
        poll = undefined;
        check(false).then(
          (again) => void (again && checkSoon()),
          (e: Error) => opts.log(`${name}: status error: ${e.message}`),
        );
      }, EMPTY_RECHECK_MS);
    };
    // BullMQ found nothing for this worker to take: the sweep may be ending. Its last jobs
    // are watched every EMPTY_RECHECK_MS, not every --status-interval (10 s by default),
    // so an --until-empty worker exits within a fraction of a second of the last page.
    worker.on("drained", checkSoon);
    const ticker = setInterval(() => {
      void (async () => {
        for (const s of await Promise.allSettled([...sweeps.values()])) {
          if (s.status === "fulfilled") for (const e of s.value.gate.takeErrors()) opts.log(`${name}: limiter error: ${e.message}`);
        }
        if (await check(true)) checkSoon();
      })().catch((e: Error) => opts.log(`${name}: status error: ${e.message}`));
    }, opts.statusIntervalMs);
    if (opts.signal?.aborted) onSignal();
    else opts.signal?.addEventListener("abort", onSignal, { once: true });
  });

  opts.log(status());
  // Close everything even when one close fails: an open handle would keep the process alive.
  const closing: Array<Promise<unknown>> = [queue.close(), store.close()];
  for (const s of await Promise.allSettled([...sweeps.values()])) {
    if (s.status === "fulfilled") closing.push(s.value.pool.close(), s.value.gate.close());
  }
  for (const r of await Promise.allSettled(closing)) if (r.status === "rejected") opts.log(`${name}: while closing: ${(r.reason as Error)?.message ?? String(r.reason)}`);
  const cpu = process.cpuUsage();
  return { name, pages, sources, retried, handedBack, elapsedMs: Date.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, stoppedBy, timeline: { ...timeline, ready, closed: since() } };
}
