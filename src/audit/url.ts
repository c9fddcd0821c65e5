/**
 * URLs as the audit keys them: one spelling per page, so a post listed by the sitemap
 * and by the feed is audited once, and a resumed run recognises what it already did.
 */

/** `HTTP://Example.COM:80/a#x` -> `http://example.com/a`; undefined when not an http(s) URL. */
export function normalizeUrl(input: string, base?: string): string | undefined {
  let u: URL;
  try {
    u = new URL(input.trim(), base);
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  if (!u.hostname) return undefined;
  u.hash = "";
  return u.href;
}

/** Whether `url`'s host is one of `domains` or below one (`blog.example.com` is in `example.com`). */
export function inDomains(url: string, domains: readonly string[]): boolean {
  if (!domains.length) return true;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** A date from a sitemap, feed or API (`2024-05-01`, RFC 822, ISO 8601) as epoch ms. */
export function parseDate(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const t = Date.parse(String(value).trim());
  return Number.isFinite(t) ? t : undefined;
}

/** True when the item is not older than `since` (an item without a date is kept). */
export function isRecent(date: number | undefined, since: number | undefined): boolean {
  return since === undefined || date === undefined || date >= since;
}
