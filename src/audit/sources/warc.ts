/**
 * `--warc FILE`: audit a web archive offline — a team can sweep a Common Crawl segment
 * for its own domains (`--domain`). Pages come from `response` records (the archived
 * HTTP answer: status 2xx, its Content-Type and body), `resource` records (a document
 * stored as is) and WET `conversion` records (extracted plain text). A page is keyed by
 * its WARC-Target-URI, so results match fetching the same URLs live. Records of other
 * kinds (requests, metadata, revisits), non-2xx answers and non-documents (images,
 * scripts, styles) are not pages and are passed over. A URL captured twice is audited
 * once per run; a resumed run passes over the records it already stored.
 */
import { resolve } from "node:path";
import { parseContentType, documentFormat } from "../content-type.js";
import { siteOf } from "../store/audit-store.js";
import { inDomains, normalizeUrl } from "../url.js";
import { formatSize } from "../../fs/scan-files.js";
import { forEachLimited } from "../../fs/pool.js";
import type { Document } from "../pipeline.js";
import { SourceError, type SourceHandler } from "./source.js";
import { parseHttpResponse, readWarc, type WarcRecord } from "./warc-reader.js";

interface WarcPage {
  url: string;
  doc: Document | { skipped: string };
}

/** The page a record holds, if it holds one. */
function pageOf(rec: WarcRecord, maxBytes: number, domains: readonly string[]): WarcPage | undefined {
  if (rec.type !== "response" && rec.type !== "resource" && rec.type !== "conversion") return undefined;
  const url = rec.targetUri ? normalizeUrl(rec.targetUri) : undefined;
  if (!url || !inDomains(url, domains)) return undefined;
  const tooLarge = (n: number) => ({ url, doc: { skipped: `too large: ${formatSize(n)} is over the ${formatSize(maxBytes)} limit` } });
  if (!rec.block) return rec.type === "conversion" ? tooLarge(rec.length) : undefined;
  if (rec.type === "response") {
    const http = parseHttpResponse(rec.block);
    if (!http || http.status < 200 || http.status >= 300) return undefined;
    const contentType = http.headers.get("content-type") ?? "";
    if (!documentFormat(parseContentType(contentType), url, http.body)) return undefined;
    if (http.body.length > maxBytes) return tooLarge(http.body.length);
    return { url, doc: { bytes: http.body, contentType, httpStatus: http.status } };
  }
  const contentType = rec.fields.get("content-type") ?? "";
  if (rec.type === "conversion") return { url, doc: { bytes: rec.block, contentType: "text/plain; charset=utf-8", format: "text" } };
  if (!documentFormat(parseContentType(contentType), url, rec.block)) return undefined;
  return { url, doc: { bytes: rec.block, contentType } };
}

export const expandWarc: SourceHandler = async (source, ctx) => {
  const path = resolve(ctx.cwd, source.target);
  const max = ctx.settings.maxPageBytes;
  let items = 0;
  const pages = (async function* () {
    // A block a bit over the page cap may still hold a page under it (HTTP headers).
    for await (const rec of readWarc(path, max + 65536)) {
      const p = pageOf(rec, max, ctx.settings.domains);
      if (p) yield p;
    }
  })();
  try {
    await forEachLimited(pages, 8, async (p) => {
      items++;
      await ctx.pipeline.ingest({ url: p.url, site: siteOf(p.url), source: source.key, via: "warc" }, p.doc);
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "Z_DATA_ERROR" ? "corrupt gzip data" : err.message;
    throw new SourceError(`${source.target}: cannot read the WARC file (${why}); ${items} pages before the problem were audited`);
  }
  return { items };
};
