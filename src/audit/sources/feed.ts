/**
 * `--feed URL`: the posts an RSS 2.0, RSS 1.0 (RDF) or Atom feed links to — CSDN
 * (`/<user>/rss/list`) and cnblogs (`/<user>/rss`) user feeds are RSS 2.0. Each item's
 * page is fetched and scanned like any other; `--since` applies to the item's date.
 */
import { siteOf, type NewPage } from "../store/audit-store.js";
import { inDomains, isRecent, normalizeUrl, parseDate } from "../url.js";
import { fetchSource, SourceError, type SourceHandler } from "./source.js";
import { asArray, asNode, parseXml, text, ungzip, type XmlNode } from "./xml.js";

const ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

interface FeedItem {
  link?: string;
  date?: string;
}

/** RSS <link> is text; RSS <guid isPermaLink="true"> is the link when <link> is missing. */
function rssItem(n: XmlNode): FeedItem {
  const link = asArray(n.link).map(text).find(Boolean);
  const guid = asNode(n.guid);
  const permalink = guid && guid["@_isPermaLink"] !== "false" ? text(guid) : typeof n.guid === "string" ? n.guid : undefined;
  return { link: link ?? permalink, date: text(n.pubDate) ?? text(n.date) ?? text(n.updated) };
}

/** Atom: the `alternate` link (a link without `rel` is one). */
function atomEntry(n: XmlNode): FeedItem {
  const links = asArray(n.link).map(asNode).filter((l): l is XmlNode => !!l);
  const alt = links.find((l) => (l["@_rel"] ?? "alternate") === "alternate") ?? links[0];
  return { link: (alt?.["@_href"] as string | undefined) ?? undefined, date: text(n.updated) ?? text(n.published) };
}

export const expandFeed: SourceHandler = async (source, ctx) => {
  const { body, url } = await fetchSource(ctx, source.target, ACCEPT);
  const doc = parseXml(ungzip(body, ctx.settings.maxSourceBytes, url).toString("utf8").replace(/^\uFEFF/, ""), url);
  let items: FeedItem[];
  const rss = asNode(doc.rss);
  if (rss) items = asArray(asNode(rss.channel)?.item).map((i) => rssItem(asNode(i) ?? {}));
  else if (asNode(doc.RDF)) items = asArray(asNode(doc.RDF)!.item).map((i) => rssItem(asNode(i) ?? {}));
  else if (asNode(doc.feed)) items = asArray(asNode(doc.feed)!.entry).map((e) => atomEntry(asNode(e) ?? {}));
  else throw new SourceError(`${url}: not a feed (expected <rss>, <rdf:RDF> or Atom <feed>)`);

  const pages: NewPage[] = [];
  for (const item of items) {
    const u = item.link ? normalizeUrl(item.link, url) : undefined;
    const date = parseDate(item.date);
    if (!u || !inDomains(u, ctx.settings.domains) || !isRecent(date, ctx.settings.since)) continue;
    pages.push({ url: u, site: siteOf(u), source: source.key, via: "http", ...(date !== undefined ? { publishedAt: new Date(date).toISOString() } : {}) });
  }
  return { pages };
};
