/**
 * The REST client (octokit lives only under src/action/). octokit's own plugins do the
 * waiting: plugin-throttling queues writes (one at a time, a second apart, as GitHub asks)
 * and retries 403/429 rate-limit answers after `retry-after` / `x-ratelimit-reset`;
 * plugin-retry retries 5xx (and other non-4xx-client errors) after 1, 4 and 9 seconds.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
import { Octokit, RequestError } from "octokit";

export interface ApiLog {
  (line: string): void;
}

/** Rate-limit waits longer than this are not worth holding a CI job for: give up and say so. */
const MAX_WAIT_SECONDS = 300;
const MAX_RATE_LIMIT_RETRIES = 3;

export function createOctokit(opts: { token: string; baseUrl: string; userAgent: string; log: ApiLog }): Octokit {
  const decide = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const retry = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_WAIT_SECONDS;
    const path = String(options.url ?? "").replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
    opts.log(`postguard: GitHub ${kind} for ${options.method ?? ""} ${path}; ${retry ? `retrying in ${retryAfter} s` : "giving up"}`);
    return retry;
  };
  return new Octokit({
    ...(opts.token ? { auth: opts.token } : {}),
    baseUrl: opts.baseUrl,
    userAgent: opts.userAgent,
    log: { debug: () => {}, info: () => {}, warn: (m: string) => opts.log(`postguard: ${m}`), error: (m: string) => opts.log(`postguard: ${m}`) },
    throttle: { onRateLimit: decide("rate limit"), onSecondaryRateLimit: decide("secondary rate limit") },
    retry: { retries: 3 },
  });
}

/** An API failure in one line: status and GitHub's message, never the request body. */
export function describeApiError(e: unknown): string {
  if (e instanceof RequestError) return `${e.status} ${(e.response?.data as { message?: string } | undefined)?.message ?? e.message}`.trim();
  return (e as Error)?.message ?? String(e);
}

/**
 * A 403 that is not a rate limit: the token may not write here. A pull request from a
 * fork gets a read-only GITHUB_TOKEN under `pull_request`, and GitHub answers 403
 * "Resource not accessible by integration".
 */
export function isPermissionError(e: unknown): boolean {
  return e instanceof RequestError && e.status === 403 && !/rate limit/i.test(e.message);
}

export { RequestError };
