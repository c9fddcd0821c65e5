/**
 * `postguard audit` as a library: sources -> pages -> polite fetches -> scans on worker
 * threads -> one committed outcome per page in the state database. Two phases: every
 * source is expanded first (sitemaps, feeds, API listings; documents that come with
 * their source are scanned on the way), then pending pages are fetched in discovery
 * order. Both phases read their work from the database, so a run that was killed at
 * any point resumes where it stopped: nothing scanned twice, nothing lost.
 */
import { setMaxListeners } from "node:events";
import { version } from "../cli/version.js";
import type { Confidence, Finding } from "../types.js";
import { PoliteFetcher, type FetchStats, type HostLimits } from "./http/fetcher.js";
import { PagePipeline, type Document } from "./pipeline.js";
import { ScanPool } from "./scan/scan-pool.js";
import { FOREM_ACCEPT, HANDLERS, sourceKey, SourceError, type AuditContext, type SourceSettings } from "./sources/index.js";
import { AuditStore, type NewSource, type Occurrence, type Outcome, type PageRow, type RunRow, type RunSummary, type SourceKind, type SourceRow } from "./store/audit-store.js";
import { SqliteDatabase } from "./store/sqlite.js";
import { lockState, StateLockedError } from "./store/state-lock.js";
import { StateVersionError } from "./store/migrations.js";

export interface SourceSpec {
  kind: SourceKind;
  target: string;
}

export interface AuditOptions extends HostLimits {
  sources: SourceSpec[];
  /** The state database file. */
  statePath: string;
  resume: boolean;
  rescan: boolean;
  since?: number;
  domains: string[];
  rules: string[];
  minConfidence: Confidence;
  concurrency: number;
  maxPageBytes: number;
  maxSourceBytes: number;
  contact?: string;
  /** Scanning threads (0: scan on the main thread). */
  threads: number;
  devtoApi: string;
  githubApi: string;
  githubToken?: string;
  cwd: string;
  stdin(): AsyncIterable<Uint8Array | string>;
  signal?: AbortSignal;
}

/** What is stored with a run, so `--resume` needs no sources. */
interface RunConfig {
  sources: SourceSpec[];
  since?: number;
  domains: string[];
  rules: string[];
  minConfidence: Confidence;
  devtoApi: string;
  githubApi: string;
}

export interface Progress {
  phase: "sources" | "pages";
  total: number;
  done: number;
  /** Pages finished by this process, per outcome. */
  now: Record<Outcome, number>;
  /** Pages per second over the last few seconds. */
  rate: number;
  occurrences: number;
  elapsedMs: number;
}

export interface AuditHooks {
  /** A page's occurrences, and the findings they came from (raw secrets: never stored). */
  occurrences?(url: string, found: readonly Occurrence[], findings: readonly Finding[]): void;
  page?(url: string, outcome: Outcome, reason?: string): void;
  notice?(message: string): void;
  progress?(p: Progress): void;
  /** How often `progress` is called. Default 1 s. */
  progressIntervalMs?: number;
  /** Last look at the state before it is closed (write reports from it). */
  beforeClose?(store: AuditStore, runId: string): Promise<void>;
}

export interface AuditResult {
  runId: string;
  resumed: boolean;
  interrupted: boolean;
  summary: RunSummary;
  elapsedMs: number;
  fetch: FetchStats;
  /** Pages finished by this process. */
  processed: number;
  threads: number;
}

/** A problem with the audit as a whole (the state file, nothing to resume). */
export class AuditError extends Error {
  override name = "AuditError";
}

const PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/markdown;q=0.8,text/plain;q=0.7,*/*;q=0.1";

export function userAgent(contact?: string): string {
  return `postguard/${version()}${contact ? ` (+${contact})` : ""}`;
}

async function openStore(path: string): Promise<AuditStore> {
  let db: SqliteDatabase;
  try {
    db = new SqliteDatabase(path);
  } catch (e) {
    throw new AuditError(`cannot open the state file ${path}: ${(e as Error).message}`);
  }
  try {
    return await AuditStore.open(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    if (e instanceof StateVersionError) throw new AuditError(`the state file ${path} ${e.message}`);
    throw new AuditError(`the state file ${path} cannot be used: ${(e as Error).message}`);
  }
}

export async function runAudit(opts: AuditOptions, hooks: AuditHooks = {}): Promise<AuditResult> {
  let unlock: () => void;
  try {
    unlock = lockState(opts.statePath);
  } catch (e) {
    throw new AuditError(e instanceof StateLockedError ? e.message : `cannot lock the state file ${opts.statePath}: ${(e as Error).message}`);
  }
  try {
    return await auditLocked(opts, hooks);
  } finally {
    unlock();
  }
}

async function auditLocked(opts: AuditOptions, hooks: AuditHooks): Promise<AuditResult> {
  const started = Date.now();
  const store = await openStore(opts.statePath);
  const notice = (m: string) => hooks.notice?.(m);
  const controller = new AbortController();
  // Every request and every backoff sleep listens on it: many at once is the point.
  setMaxListeners(Infinity, controller.signal);
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.signal?.aborted) controller.abort();
  const signal = controller.signal;

  let run: RunRow;
  let config: RunConfig;
  try {
    const latest = await store.latestRun();
    if (opts.resume) {
      if (!latest || latest.status === "finished") {
        throw new AuditError(`nothing to resume in ${opts.statePath}: ${latest ? `its last audit (${latest.id}) finished` : "it holds no audit"}; run without --resume to start one`);
      }
      run = latest;
      config = JSON.parse(run.config) as RunConfig;
      await store.setRunStatus(run.id, "running");
    } else {
      if (latest && latest.status !== "finished") notice(`the audit ${latest.id} in ${opts.statePath} did not finish; starting a new one (--resume continues it instead)`);
      config = { sources: opts.sources, ...(opts.since !== undefined ? { since: opts.since } : {}), domains: opts.domains, rules: opts.rules, minConfidence: opts.minConfidence, devtoApi: opts.devtoApi, githubApi: opts.githubApi };
      run = await store.startRun(config);
      await store.addSources(run.id, config.sources.map((s): NewSource => ({ key: sourceKey(s.kind, s.target), kind: s.kind, target: s.target })));
    }
  } catch (e) {
    await store.close();
    opts.signal?.removeEventListener("abort", onAbort);
    throw e;
  }

  const fetcher = new PoliteFetcher({
    userAgent: userAgent(opts.contact),
    concurrency: opts.concurrency,
    perHost: opts.perHost,
    delayMs: opts.delayMs,
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    retryBaseMs: opts.retryBaseMs,
    maxRetryAfterMs: opts.maxRetryAfterMs,
    maxRedirects: opts.maxRedirects,
    maxCrawlDelayMs: opts.maxCrawlDelayMs,
    signal,
  });
  const pool = new ScanPool({ rules: config.rules, minConfidence: config.minConfidence }, opts.threads);
  const now: Record<Outcome, number> = { scanned: 0, unchanged: 0, skipped: 0, failed: 0 };
  let occurrences = 0;
  const recent: number[] = [];
  const pipeline = new PagePipeline(
    store,
    pool,
    {
      page(url, outcome, reason) {
        now[outcome]++;
        recent.push(Date.now());
        hooks.page?.(url, outcome, reason);
      },
      occurrences(url, found, findings) {
        occurrences += found.length;
        if (found.length) hooks.occurrences?.(url, found, findings);
      },
    },
    { runId: run.id, maxPageBytes: opts.maxPageBytes, rescan: opts.rescan },
  );
  const settings: SourceSettings = {
    ...(config.since !== undefined ? { since: config.since } : {}),
    domains: config.domains,
    maxPageBytes: opts.maxPageBytes,
    maxSourceBytes: opts.maxSourceBytes,
    rescan: opts.rescan,
    devtoApi: config.devtoApi,
    githubApi: config.githubApi,
    ...(opts.githubToken ? { githubToken: opts.githubToken } : {}),
    retries: opts.retries,
    maxRetryAfterMs: opts.maxRetryAfterMs,
  };
  const ctx: AuditContext = { runId: run.id, store, fetcher, pipeline, settings, cwd: opts.cwd, stdin: opts.stdin, signal, notice };

  let phase: Progress["phase"] = "sources";
  const finished = () => now.scanned + now.unchanged + now.skipped + now.failed;
  // Counting a run of millions of pages takes a while: ask the database every few
  // seconds (and throughout the sources phase, when the total moves) and add what this
  // process finished since.
  let counted: { at: number; total: number; done: number; finished: number } | undefined;
  const report = async (fresh = false) => {
    if (!hooks.progress) return;
    const t = Date.now();
    while (recent.length && recent[0]! < t - 5000) recent.shift();
    const window = Math.min(5000, t - started) / 1000;
    if (fresh || phase === "sources" || !counted || t - counted.at > 5000) counted = { at: t, ...(await store.pageCount(run.id)), finished: finished() };
    const done = Math.min(counted.total, counted.done + finished() - counted.finished);
    hooks.progress({ phase, total: counted.total, done, now: { ...now }, rate: window > 0 ? recent.length / window : 0, occurrences, elapsedMs: t - started });
  };
  const ticker = hooks.progress ? setInterval(() => void report().catch(() => undefined), hooks.progressIntervalMs ?? 1000) : undefined;

  try {
    await expandSources(ctx, opts.resume);
    phase = "pages";
    counted = undefined;
    if (!signal.aborted) await fetchPages(ctx, pool, opts);
  } finally {
    if (ticker) clearInterval(ticker);
    await pool.close();
    opts.signal?.removeEventListener("abort", onAbort);
  }
  await report(true).catch(() => undefined);
  const interrupted = signal.aborted;
  await store.setRunStatus(run.id, interrupted ? "interrupted" : "finished");
  const summary = await store.summary(run.id);
  try {
    await hooks.beforeClose?.(store, run.id);
  } finally {
    await store.close();
  }
  return {
    runId: run.id,
    resumed: opts.resume,
    interrupted,
    summary,
    elapsedMs: Date.now() - started,
    fetch: { ...fetcher.stats },
    processed: now.scanned + now.unchanged + now.skipped + now.failed,
    threads: pool.threads,
  };
}

/** Phase 1: expand pending sources (and the sources they yield) until none is left. */
async function expandSources(ctx: AuditContext, resumed: boolean): Promise<void> {
  const { store, runId, signal } = ctx;
  const expandOne = async (src: SourceRow) => {
    if (resumed && src.kind === "urls" && src.target === "-") {
      await store.finishSource(runId, src.key, "failed", "the URL list read from stdin was interrupted before it was stored; give it again in a new audit", 0);
      ctx.notice(`error: ${src.key}: the URL list from stdin cannot be read again by --resume`);
      return;
    }
    try {
      const exp = await HANDLERS[src.kind](src, ctx);
      if (signal.aborted) return;
      await store.db.transaction(async (tx) => {
        if (exp.sources?.length) await store.addSources(runId, exp.sources, tx);
        if (exp.pages?.length) await store.addPages(runId, exp.pages, tx, ctx.settings.rescan);
        await store.finishSource(runId, src.key, "done", null, exp.items ?? (exp.sources?.length ?? 0) + (exp.pages?.length ?? 0), tx);
      });
    } catch (e) {
      if (signal.aborted) return;
      const reason = e instanceof SourceError ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
      await store.finishSource(runId, src.key, "failed", reason, 0);
      ctx.notice(`error: ${reason}`);
    }
  };
  for (;;) {
    const pending = await store.pendingSources(runId);
    if (!pending.length || signal.aborted) return;
    // A few sources at a time: each may hold a repository archive or a WARC reader.
    const queue = [...pending];
    await Promise.all(
      Array.from({ length: Math.min(4, queue.length) }, async () => {
        for (let src = queue.shift(); src && !signal.aborted; src = queue.shift()) await expandOne(src);
      }),
    );
  }
}

/** Phase 2: fetch and scan the run's pending pages, a bounded window at a time. */
async function fetchPages(ctx: AuditContext, pool: ScanPool, opts: AuditOptions): Promise<void> {
  const { store, runId, signal } = ctx;
  const window = Math.max(8, opts.concurrency * 2);
  const backlog = Math.max(4, pool.threads * 4);
  const running = new Set<Promise<void>>();
  let cursor = 0;
  for (;;) {
    const batch = await store.pendingPages(runId, cursor, 500);
    if (!batch.length) break;
    for (const page of batch) {
      cursor = page.seq;
      while (running.size >= window || (running.size > 0 && pool.load >= backlog)) await Promise.race(running);
      if (signal.aborted) break;
      const p: Promise<void> = fetchPage(ctx, page, opts)
        .catch(async (e: unknown) => {
          if (signal.aborted) return;
          await ctx.pipeline.finish(page.url, { status: "failed", reason: `internal error: ${(e as Error)?.message ?? String(e)}` });
        })
        .finally(() => running.delete(p));
      running.add(p);
    }
    if (signal.aborted) break;
  }
  await Promise.all(running);
}

/** Fetch one pending page and record its outcome (also used by the distributed workers). */
export async function fetchPage(ctx: AuditContext, page: PageRow, opts: Pick<AuditOptions, "rescan" | "maxPageBytes">): Promise<void> {
  // A page that comes with its source (API content, an archive file, a WARC record) and
  // is still pending here lost its source on the way (a resumed run whose repository or
  // WARC file could not be read again): it is not fetched live, it failed.
  if (page.via !== "http" && page.via !== "devto") {
    return ctx.pipeline.finish(page.url, { status: "failed", reason: `its source ${page.source} did not deliver it`, attempts: 0 });
  }
  const devto = page.via === "devto";
  const fresh = opts.rescan || devto;
  const r = await ctx.fetcher.fetch({
    url: page.fetch_url ?? page.url,
    accept: devto ? FOREM_ACCEPT : PAGE_ACCEPT,
    maxBytes: opts.maxPageBytes,
    ...(!fresh && page.etag ? { etag: page.etag } : {}),
    ...(!fresh && page.last_modified ? { lastModified: page.last_modified } : {}),
  });
  // Interrupted: leave the page pending for --resume rather than record a failure.
  if (ctx.signal.aborted) return;
  const attempts = r.attempts;
  const httpStatus = "status" in r && r.status !== undefined ? { httpStatus: r.status } : {};
  switch (r.kind) {
    case "not-modified":
      return ctx.pipeline.finish(page.url, { status: "unchanged", reason: "HTTP 304 Not Modified since the last audit", attempts, httpStatus: 304 });
    case "skipped":
      return ctx.pipeline.finish(page.url, { status: "skipped", reason: r.reason, attempts, ...httpStatus });
    case "failed":
      return ctx.pipeline.finish(page.url, { status: "failed", reason: r.reason, attempts, ...httpStatus });
  }
  const header = (name: string) => {
    const v = r.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  let doc: Document;
  if (devto) {
    let markdown: unknown;
    try {
      markdown = (JSON.parse(r.body.toString("utf8")) as { body_markdown?: unknown }).body_markdown;
    } catch {
      markdown = undefined;
    }
    if (typeof markdown !== "string") return ctx.pipeline.finish(page.url, { status: "failed", reason: "the Forem API answer has no body_markdown", attempts, httpStatus: r.status });
    doc = { bytes: Buffer.from(markdown, "utf8"), format: "markdown", contentType: "text/markdown; charset=utf-8", attempts, httpStatus: r.status };
  } else {
    const etag = header("etag");
    const lastModified = header("last-modified");
    const contentType = header("content-type");
    doc = {
      bytes: r.body,
      attempts,
      httpStatus: r.status,
      finalUrl: r.url,
      ...(contentType ? { contentType } : {}),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  }
  await ctx.pipeline.scanDocument(page, doc);
}

