/**
 * Politeness per host: at most `perHost` requests at once and at least `delayMs` between
 * two request starts (raised by robots.txt `Crawl-delay`, paused by `Retry-After`).
 * The global bound is a p-limit around the exchange itself; a request waits for its
 * host's turn first, so a slow host never holds global slots other hosts could use.
 *
 * The start time is taken when the request really starts (after the global wait), so
 * the spacing holds even when the global bound is saturated.
 */
import type { LimitFunction } from "p-limit";

interface HostState {
  active: number;
  waiting: Array<() => void>;
  /** No start before this time (ms epoch). */
  nextStart: number;
  pausedUntil: number;
  /** A request was let in and has not started yet (only while a delay applies). */
  starting: boolean;
  delayMs: number;
  timer?: NodeJS.Timeout;
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly perHost: number,
    private readonly delayMs: number,
    private readonly global: LimitFunction,
  ) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, waiting: [], nextStart: 0, pausedUntil: 0, starting: false, delayMs: this.delayMs };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Raise the minimum spacing for `host` (robots.txt Crawl-delay). */
  setDelay(host: string, ms: number): void {
    const s = this.state(host);
    s.delayMs = Math.max(this.delayMs, ms);
  }

  delayOf(host: string): number {
    return this.state(host).delayMs;
  }

  /** No new request to `host` before `until` (ms epoch): the server asked for a pause. */
  pause(host: string, until: number): void {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, until);
  }

  private pump(host: string, s: HostState): void {
    while (s.waiting.length && s.active < this.perHost && !s.starting) {
      const wait = Math.max(s.nextStart, s.pausedUntil) - Date.now();
      if (wait > 0) {
        if (!s.timer) {
          s.timer = setTimeout(() => {
            s.timer = undefined;
            this.pump(host, s);
          }, wait);
        }
        return;
      }
      s.active++;
      if (s.delayMs > 0) s.starting = true;
      s.waiting.shift()!();
    }
  }

  /** Run `fn` as one request to `host`; its slot is freed when `fn`'s promise settles. */
  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    await new Promise<void>((resolve) => {
      s.waiting.push(resolve);
      this.pump(host, s);
    });
    try {
      return await this.global(() => {
        s.nextStart = Date.now() + s.delayMs;
        s.starting = false;
        this.pump(host, s);
        return fn();
      });
    } finally {
      s.active--;
      this.pump(host, s);
    }
  }
}
