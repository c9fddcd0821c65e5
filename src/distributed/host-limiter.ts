/**
 * Per-host politeness for all workers together: at most `perHost` requests in flight to
 * one host and at least `delayMs` between two request starts, counted in Redis by
 * Bottleneck's clustered limiters (one per host, in a Group), whose state changes are
 * atomic Lua scripts — https://github.com/SGrondin/bottleneck#clustering.
 *
 * A worker killed mid-request cannot give its slot back; every request therefore
 * carries an expiration (the exchange's own time limit plus a margin), after which the
 * cluster counts it as finished. The exchange is cut at its time limit, so a live
 * request never outlasts its expiration and the bound holds.
 *
 * The fetcher takes it in place of its in-process HostGate (`FetcherOptions.gate`), so
 * every request — robots.txt, redirect hops, retries — holds its own slot. `pause`
 * (Retry-After) is kept per worker: a host that asks one worker to wait will answer the
 * others the same way. robots.txt Crawl-delay (`setDelay`) is stored in Redis for all.
 */
import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import type { RequestGate } from "../audit/http/fetcher.js";

export interface RedisHostGateOptions {
  redisUrl: string;
  /** Limiters of one sweep share this namespace (the run id). */
  namespace: string;
  perHost: number;
  delayMs: number;
  /** A request still running after this is counted as finished (a dead worker's). */
  expirationMs: number;
}

export class RedisHostGate implements RequestGate {
  private readonly connection: Bottleneck.IORedisConnection;
  private readonly group: Bottleneck.Group;
  private readonly delays = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private errors: Error[] = [];

  constructor(private readonly opts: RedisHostGateOptions) {
    const client = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.connection = new Bottleneck.IORedisConnection({ client });
    this.connection.on("error", (e: Error) => this.errors.push(e));
    this.group = new Bottleneck.Group({
      id: `postguard-${opts.namespace}`,
      datastore: "ioredis",
      connection: this.connection,
      maxConcurrent: opts.perHost,
      minTime: opts.delayMs,
      // Forget a host's limiter state after an hour without requests.
      timeout: 3_600_000,
    });
    this.group.on("error", (e: Error) => this.errors.push(e));
  }

  /** Connection problems seen since the last call (logged by the worker). */
  takeErrors(): Error[] {
    const e = this.errors;
    this.errors = [];
    return e;
  }

  setDelay(host: string, ms: number): void {
    if (ms <= this.delayOf(host)) return;
    this.delays.set(host, ms);
    // Stored in Redis: every worker's limiter for this host spaces its starts by `ms`.
    this.group.key(host).updateSettings({ minTime: ms });
  }

  delayOf(host: string): number {
    return this.delays.get(host) ?? this.opts.delayMs;
  }

  pause(host: string, until: number): void {
    this.pausedUntil.set(host, Math.max(this.pausedUntil.get(host) ?? 0, until));
  }

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const wait = (this.pausedUntil.get(host) ?? 0) - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    let result: Promise<T> | undefined;
    try {
      // The limiter only decides when `fn` starts and counts it until it settles; `fn`'s
      // own outcome (which never rejects in the fetcher) is returned as is.
      await this.group.key(host).schedule({ expiration: this.opts.expirationMs }, () => {
        result = fn();
        return result.then(
          () => undefined,
          () => undefined,
        );
      });
    } catch (e) {
      // Expired (counted as finished) while `fn` still ran: its outcome still counts.
      if (!result) throw e;
    }
    return result!;
  }

  async close(): Promise<void> {
    // The Group does not own the connection (it returns nothing); the connection closes both clients.
    await Promise.resolve(this.connection.disconnect(false)).catch(() => undefined);
  }
}
