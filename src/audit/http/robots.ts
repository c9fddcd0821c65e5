/**
 * robots.txt per origin, fetched once per run through the same politeness gate as every
 * other request, read with `robots-parser` (RFC 9309 matching: longest match wins,
 * `*` and `$` wildcards). What an answer means follows RFC 9309 §2.3.1:
 * 2xx — the rules apply; 4xx — no rules (crawl everything); 5xx or no answer after
 * retries — "unreachable": crawl nothing from that origin.
 */
import robotsParserModule from "robots-parser";

// A CommonJS module typed as if it had an ES default export: under NodeNext the import
// is `module.exports`, the function itself.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => ReturnType<typeof robotsParserModule.default>;

export interface RobotsVerdict {
  allowed: boolean;
  /** Why not, as stored with the skipped page. */
  reason?: string;
}

export interface RobotsPolicy {
  check(url: string): RobotsVerdict;
  /** `Crawl-delay` for our user agent, in ms. */
  crawlDelayMs?: number;
}

/** What fetching robots.txt gave: a body, a status that is not 2xx, or nothing. */
export type RobotsFetch = { kind: "body"; text: string } | { kind: "status"; status: number } | { kind: "unreachable"; message: string };

export const ROBOTS_PRODUCT = "postguard";

/** RFC 9309 §2.5: parse at least 500 KiB; more is ignored. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export function robotsPolicy(origin: string, fetched: RobotsFetch): RobotsPolicy {
  if (fetched.kind === "unreachable") {
    const reason = `robots.txt of ${origin} is unreachable (${fetched.message}); nothing is fetched from it (RFC 9309)`;
    return { check: () => ({ allowed: false, reason }) };
  }
  if (fetched.kind === "status") {
    if (fetched.status >= 400 && fetched.status < 500) return { check: () => ({ allowed: true }) };
    const reason = `robots.txt of ${origin} answered HTTP ${fetched.status}; nothing is fetched from it (RFC 9309)`;
    return { check: () => ({ allowed: false, reason }) };
  }
  const robots = robotsParser(`${origin}/robots.txt`, fetched.text);
  const delay = robots.getCrawlDelay(ROBOTS_PRODUCT);
  return {
    check(url) {
      if (robots.isAllowed(url, ROBOTS_PRODUCT) === false) {
        const line = robots.getMatchingLineNumber(url, ROBOTS_PRODUCT);
        return { allowed: false, reason: `disallowed by robots.txt${line > 0 ? ` (line ${line})` : ""}` };
      }
      return { allowed: true };
    },
    ...(delay !== undefined && Number.isFinite(delay) && delay > 0 ? { crawlDelayMs: delay * 1000 } : {}),
  };
}

/** The origin whose robots.txt governs `url`: scheme, host and port. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
