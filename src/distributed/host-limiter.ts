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
 * every request — robots.txt, redirect hops, retries — holds its own slot. robots.txt
 * Crawl-delay (`setDelay`) is stored in the limiter's settings in Redis, for all. A pause
 * (`Retry-After`) holds for all workers too: it is announced on the host limiter's own
 * cluster channel (Bottleneck's `publish`, heard by every worker that has a limiter for
 * the host) and kept in a Redis key that expires with it, which a worker reads when it
 * first makes a limiter for the host.
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

/** Set the key to expire in ARGV[1] ms unless it already lives longer: a pause is only ever lengthened. */
const LENGTHEN = `local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0`;

const PAUSE = "pause:";

export class RedisHostGate implements RequestGate {
  private readonly client: Redis;
  private readonly connection: Bottleneck.IORedisConnection;
  private readonly group: Bottleneck.Group;
  private readonly delays = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  /** Per host, the first look at its pause key (once per host and process). */
  private readonly known = new Map<string, Promise<void>>();
  /** Slots still being given back in Redis after their request's outcome was returned. */
  private readonly freeing = new Set<Promise<unknown>>();
  private errors: Error[] = [];

  constructor(private readonly opts: RedisHostGateOptions) {
    this.client = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.connection = new Bottleneck.IORedisConnection({ client: this.client });
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
    // Pauses other workers announce for a host this worker has a limiter for. The message
    // carries the pause's length, not its end: the workers' clocks need not agree.
    this.group.on("created", (limiter: Bottleneck, host: string) => {
      limiter.on("message", (msg: string) => {
        const ms = msg.startsWith(PAUSE) ? Number(msg.slice(PAUSE.length)) : NaN;
        if (ms > 0) this.pauseHere(host, Date.now() + ms);
      });
    });
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

  /** No request to `host` from any worker before `until` (ms epoch, this machine's clock). */
  pause(host: string, until: number): void {
    const ms = Math.ceil(until - Date.now());
    if (ms <= 0) return;
    this.pauseHere(host, until);
    const keep = (p: Promise<unknown>) => void p.catch((e: Error) => this.errors.push(e));
    keep(this.group.key(host).publish(`${PAUSE}${ms}`));
    keep(this.client.eval(LENGTHEN, 1, this.pauseKey(host), ms));
  }

  private pauseHere(host: string, until: number): void {
    this.pausedUntil.set(host, Math.max(this.pausedUntil.get(host) ?? 0, until));
  }

  private pauseKey(host: string): string {
    return `postguard-${this.opts.namespace}:pause:${host}`;
  }

  /** A pause announced before this worker had a limiter for `host` (it heard nothing). */
  private firstLook(host: string): Promise<void> {
    let p = this.known.get(host);
    if (!p) {
      const asked = Date.now();
      p = this.client.pttl(this.pauseKey(host)).then(
        (ms) => void (ms > 0 && this.pauseHere(host, asked + ms)),
        (e: Error) => void this.errors.push(e),
      );
      this.known.set(host, p);
    }
    return p;
  }

  private pausedFor(host: string): number {
    return (this.pausedUntil.get(host) ?? 0) - Date.now();
  }

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    await this.firstLook(host);
    for (;;) {
      const wait = this.pausedFor(host);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      let result: Promise<T> | undefined;
      let started!: () => void;
      const start = new Promise<void>((r) => (started = r));
      // The limiter only decides when `fn` starts and counts it until it settles; `fn`'s
      // own outcome (which never rejects in the fetcher) is returned as is.
      const slot = this.group.key(host).schedule({ expiration: this.opts.expirationMs }, () => {
        // A pause announced while this request waited for its slot: give the slot back
        // (an idle slot would only keep others waiting) and wait for the pause's end.
        if (this.pausedFor(host) > 0) return Promise.resolve();
        result = fn();
        started();
        return result.then(
          () => undefined,
          () => undefined,
        );
      });
      // Expired (counted as finished) while `fn` still ran: its outcome still counts.
      const settled = slot.catch((e: unknown) => {
        if (!result) throw e;
      });
      await Promise.race([settled, start]);
      if (!result) continue;
      // The outcome goes back as soon as it is known; giving the slot back in Redis is one
      // more round trip, which the caller need not wait for (until it lands the slot
      // still counts as taken, which errs on the polite side).
      const freeing = settled.catch(() => undefined);
      this.freeing.add(freeing);
      void freeing.finally(() => this.freeing.delete(freeing));
      return result;
    }
  }

  async close(): Promise<void> {
    // Slots still being given back: a moment for them, so other workers need not wait for their expiration.
    await Promise.race([Promise.allSettled([...this.freeing]), new Promise((r) => setTimeout(r, 2000).unref())]);
    // The Group does not own the connection (it returns nothing); the connection closes both clients.
    await Promise.resolve(this.connection.disconnect(false)).catch(() => undefined);
  }
}
