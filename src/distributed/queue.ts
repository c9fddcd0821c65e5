/**
 * The distributed audit's jobs on a BullMQ queue: what a job carries, how its id is made
 * (from the normalized URL, so adding the same page twice is a no-op), and the sweep's
 * settings, which the producer writes once to Redis and every worker reads, so the
 * politeness bounds are the same everywhere.
 */
import { createHash, randomUUID } from "node:crypto";
import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import type { HostLimits } from "../audit/http/fetcher.js";
import type { NewPage, NewSource } from "../audit/store/audit-store.js";
import { redactUrl } from "./redact-url.js";

/** The queue's name when none is given (`--queue-name`). */
export const DEFAULT_QUEUE_NAME = "postguard-audit";

/** Settings of one sweep, fixed when its first job is enqueued; its host limits hold across all workers together. */
export interface SweepSettings extends HostLimits {
  runId: string;
  createdAt: string;
  maxPageBytes: number;
  maxSourceBytes: number;
  /** Job-level tries for a transient failure (BullMQ `attempts`). */
  attempts: number;
  /** First job-level backoff (exponential). */
  backoffMs: number;
  userAgent: string;
  since?: number;
  domains: string[];
  rescan: boolean;
  rules: string[];
  minConfidence: "low" | "medium" | "high";
  devtoApi: string;
  githubApi: string;
}

export type AuditJobData =
  | { kind: "source"; runId: string; source: NewSource }
  | { kind: "page"; runId: string; page: NewPage };

/** What a finished job returns (kept with the completed job, read by `status`). */
export interface AuditJobResult {
  outcome: string;
  reason?: string;
  items?: number;
}

/** BullMQ rejects `:` in custom ids (it separates key parts), so ids are hex digests. */
const digest = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 40);

/** A page's job id: the same normalized URL always gives the same id. */
export const pageJobId = (url: string) => `page-${digest(url)}`;
export const sourceJobId = (key: string) => `source-${digest(key)}`;

/**
 * `redis://host:port[/db]` as BullMQ connection options. Workers block on the queue and
 * ride out a Redis restart (no retry cap); the producer and `status` fail fast instead.
 */
export function redisConnection(url: string, failFast = false): ConnectionOptions {
  return failFast ? { url, maxRetriesPerRequest: 1, connectTimeout: 5000 } : { url, maxRetriesPerRequest: null };
}

export class QueueUnreachableError extends Error {
  override name = "QueueUnreachableError";
}


/** Fail at once, saying so, when Redis does not answer (the producer and `status`). */
export async function checkRedis(url: string): Promise<void> {
  let last: Error | undefined;
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on("error", (e: Error) => (last = e));
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new QueueUnreachableError(`cannot reach the queue ${redactUrl(url)}: ${(last ?? (e as Error)).message}`);
  } finally {
    r.disconnect();
  }
}

/** Whether `value` looks like a Redis URL (`redis://` or `rediss://`). */
export function isRedisUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "redis:" || u.protocol === "rediss:") && !!u.hostname;
  } catch {
    return false;
  }
}

/**
 * Completed jobs kept in Redis (about 1.5 KB each, measured): enough to make re-adding a
 * recent URL a no-op on the queue itself, bounded for a sweep of millions. An older page
 * added again gets a job that finds its outcome in the store and ends without a fetch.
 * Failed jobs are all kept, with their reasons.
 */
export const KEEP_COMPLETED = 100_000;

/** Job options: retries with exponential backoff. */
export function jobOptions(jobId: string, s: Pick<SweepSettings, "attempts" | "backoffMs">, priority?: number): JobsOptions {
  return { jobId, attempts: s.attempts, backoff: { type: "exponential", delay: s.backoffMs }, removeOnComplete: { count: KEEP_COMPLETED }, removeOnFail: false, ...(priority ? { priority } : {}) };
}

/**
 * A page's place in the queue: a number from its URL's digest. A sitemap lists one
 * host's pages together; taken in that order, every worker would wait on that host's
 * per-host bound while other hosts sit idle. Ordered by digest, hosts interleave.
 * Sources carry no priority, which BullMQ takes first, so expansion runs ahead of pages.
 */
export function pagePriority(url: string): number {
  // BullMQ priorities run from 1 to 2^21.
  return 1 + (parseInt(digest(url).slice(0, 8), 16) % 2_000_000);
}

export class AuditQueue {
  readonly queue: Queue<AuditJobData, AuditJobResult>;
  /** For the sweep's settings, kept next to the queue's own keys. */
  private readonly redis: Redis;
  private readonly settingsKey: string;

  constructor(
    readonly redisUrl: string,
    readonly name: string = DEFAULT_QUEUE_NAME,
    failFast = true,
  ) {
    this.queue = new Queue<AuditJobData, AuditJobResult>(name, { connection: redisConnection(redisUrl, failFast) });
    // Connection trouble surfaces as the failing command's error; the events would only repeat it.
    this.queue.on("error", () => undefined);
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: failFast ? 1 : null, connectTimeout: 5000, lazyConnect: true });
    this.redis.on("error", () => undefined);
    this.settingsKey = this.queue.toKey("postguard-sweep");
  }

  /** The sweep's settings, if a producer has started one on this queue. */
  async settings(): Promise<SweepSettings | undefined> {
    const raw = await this.redis.get(this.settingsKey);
    return raw ? (JSON.parse(raw) as SweepSettings) : undefined;
  }

  /**
   * Start a sweep with `wanted` settings, or join the one already on the queue (whose
   * settings then apply: workers of one sweep must agree on the bounds). Returns the
   * settings in force and whether they are new.
   */
  async startSweep(wanted: Omit<SweepSettings, "runId" | "createdAt">): Promise<{ settings: SweepSettings; created: boolean }> {
    const now = new Date().toISOString();
    const fresh: SweepSettings = { ...wanted, runId: `${now.replace(/[-:.]/g, "").slice(0, 15)}-${randomUUID().slice(0, 8)}`, createdAt: now };
    const ok = await this.redis.set(this.settingsKey, JSON.stringify(fresh), "NX");
    if (ok) return { settings: fresh, created: true };
    return { settings: (await this.settings())!, created: false };
  }

  async addSources(runId: string, sources: readonly NewSource[], s: SweepSettings): Promise<void> {
    if (!sources.length) return;
    await this.queue.addBulk(sources.map((source) => ({ name: "source", data: { kind: "source" as const, runId, source }, opts: jobOptions(sourceJobId(source.key), s) })));
  }

  /** Enqueue pages; a page whose job exists already (same URL) is left alone by BullMQ. */
  async addPages(runId: string, pages: readonly NewPage[], s: SweepSettings): Promise<void> {
    for (let i = 0; i < pages.length; i += 1000) {
      const batch = pages.slice(i, i + 1000);
      await this.queue.addBulk(batch.map((page) => ({ name: "page", data: { kind: "page" as const, runId, page }, opts: jobOptions(pageJobId(page.url), s, pagePriority(page.url)) })));
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
