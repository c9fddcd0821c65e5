/**
 * When to try a request again and how long to wait. Servers that say how long
 * (`Retry-After`, RFC 9110 §10.2.3: seconds or an HTTP date) are obeyed; otherwise
 * exponential backoff with jitter, so many clients that failed together do not come back
 * together (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */

/** Statuses worth another try: rate limiting, timeouts and transient server errors. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `Retry-After` as milliseconds from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/**
 * Wait before attempt `attempt + 1` (attempt counts from 1): base * 2^(attempt-1), capped,
 * with "equal jitter" — half fixed, half random — so a retry never comes back at once.
 */
export function backoffMs(attempt: number, baseMs: number, capMs = 60_000, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return exp / 2 + random() * (exp / 2);
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
