/**
 * `--sitemap URL`: a sitemap index (each child sitemap becomes a source of its own, so a
 * resumed run does not read finished ones again), a `<urlset>` (its URLs become pages,
 * filtered by `--since` on `<lastmod>` and by `--domain`), or a plain-text sitemap (one
 * URL per line). `.xml.gz` files are unpacked. https://www.sitemaps.org/protocol.html
 */
import { siteOf, type NewPage, type NewSource } from "../store/audit-store.js";
import { inDomains, isRecent, normalizeUrl, parseDate } from "../url.js";
import { fetchSource, sourceKey, SourceError, type SourceHandler } from "./source.js";
import { asArray, asNode, parseXml, text, ungzip } from "./xml.js";

const ACCEPT = "application/xml, text/xml;q=0.9, application/gzip;q=0.8, text/plain;q=0.5, */*;q=0.1";

export const expandSitemap: SourceHandler = async (source, ctx) => {
  const { body, url } = await fetchSource(ctx, source.target, ACCEPT);
  const raw = ungzip(body, ctx.settings.maxSourceBytes, url).toString("utf8").replace(/^\uFEFF/, "");
  const pages: NewPage[] = [];
  const sources: NewSource[] = [];
  const s = ctx.settings;
  const page = (loc: string | undefined, lastmod?: string) => {
    const u = loc ? normalizeUrl(loc, url) : undefined;
    if (!u || !inDomains(u, s.domains) || !isRecent(parseDate(lastmod), s.since)) return;
    pages.push({ url: u, site: siteOf(u), source: source.key, via: "http", ...(lastmod && parseDate(lastmod) !== undefined ? { publishedAt: new Date(parseDate(lastmod)!).toISOString() } : {}) });
  };

  if (!raw.trimStart().startsWith("<")) {
    for (const line of raw.split(/\r?\n/)) if (line.trim()) page(line.trim());
    return { pages };
  }
  const doc = parseXml(raw, url);
  const index = asNode(doc.sitemapindex);
  const urlset = asNode(doc.urlset);
  if (index) {
    for (const entry of asArray(index.sitemap)) {
      const n = asNode(entry);
      const loc = normalizeUrl(text(n?.loc) ?? "", url);
      // A child sitemap's lastmod says when any of its URLs last changed.
      if (!loc || !isRecent(parseDate(text(n?.lastmod)), s.since)) continue;
      sources.push({ key: sourceKey("sitemap", loc), kind: "sitemap", target: loc, parent: source.key });
    }
  } else if (urlset) {
    for (const entry of asArray(urlset.url)) {
      const n = asNode(entry);
      page(text(n?.loc), text(n?.lastmod));
    }
  } else {
    throw new SourceError(`${url}: not a sitemap (expected <urlset> or <sitemapindex>, found <${Object.keys(doc).find((k) => k !== "?xml") ?? "nothing"}>)`);
  }
  return { sources, pages };
};
