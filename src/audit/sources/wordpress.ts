/**
 * `--wordpress SITE`: posts through the WordPress REST API, a hundred per request with
 * their rendered content — far cheaper than fetching every page. Page 1 says how many
 * pages there are (`X-WP-TotalPages`); each further page is a source of its own, so a
 * resumed run fetches only the ones it has not stored. Sites without pretty permalinks
 * answer on `?rest_route=` instead of `/wp-json/`. A post whose `modified_gmt` has not
 * moved since it was last scanned is `unchanged` without being scanned.
 * https://developer.wordpress.org/rest-api/reference/posts/
 *
 * Findings point at the post's URL (`link`); their lines count in the rendered content
 * the API returns, which is the post body without the theme around it.
 */
import { siteOf, type NewSource } from "../store/audit-store.js";
import { inDomains, isRecent, normalizeUrl, parseDate } from "../url.js";
import { fetchSource, sourceKey, SourceError, type AuditContext, type SourceHandler } from "./source.js";

const PER_PAGE = 100;
const FIELDS = "id,link,date_gmt,modified_gmt,content";

interface WpPost {
  id?: number;
  link?: string;
  date_gmt?: string;
  modified_gmt?: string;
  content?: { rendered?: string; protected?: boolean };
}

/** `example.com` / `https://example.com/blog/` -> `https://example.com/blog`. */
export function wordpressBase(site: string): string | undefined {
  const withScheme = /^https?:\/\//i.test(site) ? site : `https://${site}`;
  const u = normalizeUrl(withScheme);
  if (!u) return undefined;
  const url = new URL(u);
  url.search = "";
  return url.href.replace(/\/+$/, "");
}

function apiUrl(base: string, page: number, style: "wp-json" | "rest_route", since?: number): string {
  const q = new URLSearchParams({ per_page: String(PER_PAGE), page: String(page), orderby: "id", order: "asc", _fields: FIELDS });
  if (since !== undefined) q.set("modified_after", new Date(since).toISOString());
  return style === "wp-json" ? `${base}/wp-json/wp/v2/posts?${q}` : `${base}/?rest_route=${encodeURIComponent("/wp/v2/posts")}&${q}`;
}

const gmt = (s?: string) => (s ? (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`) : undefined);

async function ingestPosts(posts: WpPost[], key: string, ctx: AuditContext): Promise<number> {
  let n = 0;
  await Promise.all(
    posts.map(async (p) => {
      const url = p.link ? normalizeUrl(p.link) : undefined;
      if (!url || !inDomains(url, ctx.settings.domains)) return;
      const modified = gmt(p.modified_gmt) ?? gmt(p.date_gmt);
      if (!isRecent(parseDate(modified), ctx.settings.since)) return;
      n++;
      const published = gmt(p.date_gmt);
      await ctx.pipeline.ingest(
        { url, site: siteOf(url), source: key, via: "wordpress", ...(modified ? { version: modified } : {}), ...(published ? { publishedAt: published } : {}) },
        { bytes: Buffer.from(p.content?.rendered ?? "", "utf8"), format: "html", contentType: "text/html; charset=utf-8" },
      );
    }),
  );
  return n;
}

function parsePosts(body: Buffer, url: string): WpPost[] {
  let data: unknown;
  try {
    data = JSON.parse(body.toString("utf8"));
  } catch {
    throw new SourceError(`${url}: not JSON; is this a WordPress site with the REST API enabled?`);
  }
  if (!Array.isArray(data)) throw new SourceError(`${url}: expected a JSON array of posts`);
  return data as WpPost[];
}

export const expandWordpress: SourceHandler = async (source, ctx) => {
  // Page 2 and on: the target is the API URL itself.
  if (source.parent) {
    const { body, url } = await fetchSource(ctx, source.target, "application/json");
    return { items: await ingestPosts(parsePosts(body, url), source.key, ctx) };
  }
  const base = wordpressBase(source.target);
  if (!base) throw new SourceError(`--wordpress ${source.target}: not a site address`);
  let style: "wp-json" | "rest_route" = "wp-json";
  let first: Awaited<ReturnType<typeof fetchSource>>;
  try {
    first = await fetchSource(ctx, apiUrl(base, 1, style, ctx.settings.since), "application/json");
  } catch (e) {
    if (!(e instanceof SourceError) || !/HTTP 404/.test(e.message)) throw e;
    style = "rest_route";
    first = await fetchSource(ctx, apiUrl(base, 1, style, ctx.settings.since), "application/json");
  }
  const total = Number(first.headers["x-wp-totalpages"] ?? 1);
  const sources: NewSource[] = [];
  for (let p = 2; Number.isFinite(total) && p <= total; p++) {
    const target = apiUrl(base, p, style, ctx.settings.since);
    sources.push({ key: sourceKey("wordpress", target), kind: "wordpress", target, parent: source.key });
  }
  const items = await ingestPosts(parsePosts(first.body, first.url), source.key, ctx);
  return { sources, items };
};
