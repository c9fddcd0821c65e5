/**
 * A polite GET: robots.txt first, then the host gate (per-host bound and spacing) and
 * the global bound, bounded redirects with loop detection (each hop checked against
 * robots.txt again), retries with `Retry-After` or backoff on 429/5xx, time limits and a
 * body cap. Every outcome says what happened in words a user can act on.
 */
import { STATUS_CODES, type IncomingHttpHeaders } from "node:http";
import pLimit from "p-limit";
import { formatSize } from "../../fs/scan-files.js";
import { exchange, formatSeconds, type ExchangeResult } from "./http-get.js";
import { HostGate } from "./host-gate.js";
import { backoffMs, parseRetryAfter, retryableStatus, sleep } from "./retry.js";
import { originOf, ROBOTS_MAX_BYTES, robotsPolicy, type RobotsFetch, type RobotsPolicy } from "./robots.js";

export interface FetcherOptions {
  userAgent: string;
  /** Requests in flight across all hosts. */
  concurrency: number;
  /** Requests in flight to one host. */
  perHost: number;
  /** Minimum time between two request starts to one host. */
  delayMs: number;
  /** Time limit for one exchange (connect, headers and body). */
  timeoutMs: number;
  /** Extra tries after the first for retryable failures. */
  retries: number;
  /** Base of the exponential backoff. */
  retryBaseMs: number;
  /** A longer `Retry-After` fails the page instead of stalling the audit. */
  maxRetryAfterMs: number;
  maxRedirects: number;
  /** robots.txt `Crawl-delay` is honoured up to this. */
  maxCrawlDelayMs: number;
  signal?: AbortSignal;
  /**
   * Per-host politeness. Default: this process's own HostGate (with the global bound);
   * the distributed audit passes one whose counts live in Redis, shared by all workers.
   */
  gate?: RequestGate;
}

/** What the fetcher asks of a per-host gate: one request at a time through `run`. */
/** The politeness and retry limits a single audit and a distributed sweep share. */
export type HostLimits = Pick<FetcherOptions, "perHost" | "delayMs" | "timeoutMs" | "retries" | "retryBaseMs" | "maxRetryAfterMs" | "maxRedirects" | "maxCrawlDelayMs">;

export interface RequestGate {
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
  setDelay(host: string, ms: number): void;
  delayOf(host: string): number;
  pause(host: string, until: number): void;
}

export interface FetchRequest {
  url: string;
  accept: string;
  maxBytes: number;
  /** Validators from the last audit: a 304 answer means unchanged. */
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | { kind: "ok"; url: string; status: number; headers: IncomingHttpHeaders; body: Buffer; attempts: number }
  | { kind: "not-modified"; url: string; headers: IncomingHttpHeaders; attempts: number }
  | { kind: "skipped"; reason: string; attempts: number; status?: number }
  | { kind: "failed"; reason: string; attempts: number; status?: number };

export interface FetchStats {
  requests: number;
  bytes: number;
}

const statusText = (s: number) => `HTTP ${s}${STATUS_CODES[s] ? ` ${STATUS_CODES[s]}` : ""}`;
const tries = (n: number) => (n > 1 ? ` (${n} attempts)` : "");

export class PoliteFetcher {
  readonly gate: RequestGate;
  readonly stats: FetchStats = { requests: 0, bytes: 0 };
  private readonly robots = new Map<string, Promise<RobotsPolicy>>();

  constructor(readonly opts: FetcherOptions) {
    this.gate = opts.gate ?? new HostGate(opts.perHost, opts.delayMs, pLimit(opts.concurrency));
  }

  /** One exchange through the gate; a connection we cut is given a moment to close. */
  private async once(url: URL, headers: Record<string, string>, maxBytes: number, truncate = false): Promise<ExchangeResult> {
    return this.gate.run(url.host, async () => {
      this.stats.requests++;
      const r = await exchange(url, { headers: { "user-agent": this.opts.userAgent, ...headers }, timeoutMs: this.opts.timeoutMs, maxBytes, truncate, ...(this.opts.signal ? { signal: this.opts.signal } : {}) });
      if (r.kind === "response") this.stats.bytes += r.body.length;
      // The server learns of a connection we closed a moment later than we do; keep the
      // host's slot until it has, so it never sees one request more than the bound.
      if (r.cut) await sleep(25);
      return r;
    });
  }

  private policy(url: string): Promise<RobotsPolicy> {
    const origin = originOf(url);
    let p = this.robots.get(origin);
    if (!p) {
      p = this.fetchRobots(origin).then((fetched) => {
        const policy = robotsPolicy(origin, fetched);
        if (policy.crawlDelayMs) this.gate.setDelay(new URL(origin).host, Math.min(policy.crawlDelayMs, this.opts.maxCrawlDelayMs));
        return policy;
      });
      this.robots.set(origin, p);
    }
    return p;
  }

  private async fetchRobots(origin: string): Promise<RobotsFetch> {
    let url = new URL("/robots.txt", origin);
    let attempt = 0;
    for (let hops = 0; hops <= 5; ) {
      attempt++;
      const r = await this.once(url, { accept: "text/plain, */*;q=0.5" }, ROBOTS_MAX_BYTES, true);
      if (this.opts.signal?.aborted) return { kind: "unreachable", message: "interrupted" };
      // Over the cap with no body kept cannot happen (truncate), but reads as "no rules".
      if (r.kind === "too-large") return { kind: "status", status: 404 };
      const transient = r.kind === "error" ? r.retryable : r.status === 429 || (r.status >= 500 && retryableStatus(r.status));
      if (transient) {
        if (attempt <= this.opts.retries) {
          await sleep(backoffMs(attempt, this.opts.retryBaseMs), this.opts.signal);
          continue;
        }
      }
      if (r.kind === "error") return { kind: "unreachable", message: r.message };
      if (r.status >= 300 && r.status < 400 && r.headers.location) {
        url = new URL(r.headers.location, url);
        hops++;
        continue;
      }
      if (r.kind === "response" && r.status >= 200 && r.status < 300) return { kind: "body", text: r.body.toString("utf8") };
      return { kind: "status", status: r.status };
    }
    return { kind: "status", status: 404 };
  }

  /** GET `req.url` politely. Never rejects. */
  async fetch(req: FetchRequest): Promise<FetchOutcome> {
    const o = this.opts;
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { kind: "failed", reason: "not a valid URL", attempts: 0 };
    }
    const chain = [url.href];
    let attempts = 0;
    let transient = 0;
    for (;;) {
      if (o.signal?.aborted) return { kind: "failed", reason: "interrupted", attempts };
      const verdict = (await this.policy(url.href)).check(url.href);
      if (!verdict.allowed) {
        const via = chain.length > 1 ? `redirected to ${url.href}, which is ` : "";
        return { kind: "skipped", reason: `${via}${verdict.reason}`, attempts };
      }
      const headers: Record<string, string> = { accept: req.accept };
      if (req.etag) headers["if-none-match"] = req.etag;
      if (req.lastModified) headers["if-modified-since"] = req.lastModified;
      attempts++;
      const r = await this.once(url, headers, req.maxBytes);
      if (o.signal?.aborted) return { kind: "failed", reason: "interrupted", attempts };

      let wait: number | undefined;
      let failure: string;
      if (r.kind === "error") {
        if (!r.retryable) return { kind: "failed", reason: r.message, attempts };
        failure = r.message;
      } else if (r.kind === "too-large") {
        const declared = r.declared !== undefined ? ` (Content-Length ${formatSize(r.declared)})` : "";
        return { kind: "skipped", reason: `too large: over the ${formatSize(req.maxBytes)} limit${declared}`, attempts, status: r.status };
      } else if (r.status >= 300 && r.status < 400 && r.status !== 304) {
        const location = r.headers.location;
        if (!location) return { kind: "failed", reason: `${statusText(r.status)} without a Location header`, attempts, status: r.status };
        const next = new URL(location, url);
        if (chain.includes(next.href)) return { kind: "failed", reason: `redirect loop: ${[...chain, next.href].join(" -> ")}`, attempts, status: r.status };
        if (chain.length > o.maxRedirects) return { kind: "failed", reason: `more than ${o.maxRedirects} redirects (last: ${next.href})`, attempts, status: r.status };
        if (next.protocol !== "http:" && next.protocol !== "https:") return { kind: "failed", reason: `redirected to a ${next.protocol} URL`, attempts, status: r.status };
        chain.push(next.href);
        url = next;
        attempts--; // a hop is not a try
        continue;
      } else if (r.status === 304) {
        return { kind: "not-modified", url: url.href, headers: r.headers, attempts };
      } else if (r.kind === "response") {
        return { kind: "ok", url: url.href, status: r.status, headers: r.headers, body: r.body, attempts };
      } else if (retryableStatus(r.status)) {
        failure = statusText(r.status);
        wait = parseRetryAfter(r.headers["retry-after"]);
        if (wait !== undefined && wait > o.maxRetryAfterMs) {
          return { kind: "failed", reason: `${failure}: Retry-After of ${formatSeconds(wait)} is over the ${formatSeconds(o.maxRetryAfterMs)} limit`, attempts, status: r.status };
        }
        // The server asked the whole host to slow down, not just this URL.
        if (wait !== undefined) this.gate.pause(url.host, Date.now() + wait);
      } else {
        return { kind: "failed", reason: statusText(r.status), attempts, status: r.status };
      }
      transient++;
      if (transient > o.retries) return { kind: "failed", reason: `${failure}${tries(attempts)}`, attempts, ...(r.kind === "error" ? {} : { status: r.status }) };
      await sleep(wait ?? backoffMs(transient, o.retryBaseMs), o.signal);
    }
  }
}
