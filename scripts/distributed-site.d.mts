export interface HostStats {
  active: number;
  maxActive: number;
  requests: number;
  byPath: Map<string, number>;
  /** performance.now() at each request's arrival. */
  starts: number[];
  /** performance.now() when the host sent its one 429 (with `throttle`). */
  throttledAt?: number;
}
export interface Site {
  origins: string[];
  hosts: string[];
  stats: HostStats[];
  /** url -> expected outcome (scanned, skipped, failed). */
  expected: Map<string, "scanned" | "skipped" | "failed">;
  planted: Array<{ url: string; token: string }>;
  paths(h: number): string[];
  tokenFor(h: number, kind: string, i: number): string | undefined;
  sitemaps(): string[];
  requestCounts(): Map<string, number>;
  close(): Promise<void>;
}
export function syntheticToken(seed: number): string;
export function startSite(opts?: { hosts?: number; pagesPerHost?: number; perSitemap?: number; secretEvery?: number; latencyMs?: number; special?: boolean; throttle?: { after: number; retryAfter: number } }): Promise<Site>;
