/**
 * Fetch one page of the run and hand it to the pipeline, which records its outcome.
 * The same steps as the single-machine audit's page phase (src/audit/audit.ts
 * `fetchPage`): validators from the last audit, dev.to pages read from the Forem API's
 * `body_markdown`, and 304/skipped/failed recorded with their reason.
 */
import { FOREM_ACCEPT, type AuditContext } from "../audit/sources/index.js";
import type { Document } from "../audit/pipeline.js";
import type { PageRow } from "../audit/store/audit-store.js";

const PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/markdown;q=0.8,text/plain;q=0.7,*/*;q=0.1";

export async function fetchPage(ctx: AuditContext, page: PageRow, opts: { rescan: boolean; maxPageBytes: number }): Promise<void> {
  const devto = page.via === "devto";
  const fresh = opts.rescan || devto;
  const r = await ctx.fetcher.fetch({
    url: page.fetch_url ?? page.url,
    accept: devto ? FOREM_ACCEPT : PAGE_ACCEPT,
    maxBytes: opts.maxPageBytes,
    ...(!fresh && page.etag ? { etag: page.etag } : {}),
    ...(!fresh && page.last_modified ? { lastModified: page.last_modified } : {}),
  });
  if (ctx.signal.aborted) return;
  const attempts = r.attempts;
  const httpStatus = "status" in r && r.status !== undefined ? { httpStatus: r.status } : {};
  switch (r.kind) {
    case "not-modified":
      return ctx.pipeline.finish(page.url, { status: "unchanged", reason: "HTTP 304 Not Modified since the last audit", attempts, httpStatus: 304 });
    case "skipped":
      return ctx.pipeline.finish(page.url, { status: "skipped", reason: r.reason, attempts, ...httpStatus });
    case "failed":
      return ctx.pipeline.finish(page.url, { status: "failed", reason: r.reason, attempts, ...httpStatus });
  }
  const header = (name: string) => {
    const v = r.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  let doc: Document;
  if (devto) {
    let markdown: unknown;
    try {
      markdown = (JSON.parse(r.body.toString("utf8")) as { body_markdown?: unknown }).body_markdown;
    } catch {
      markdown = undefined;
    }
    if (typeof markdown !== "string") return ctx.pipeline.finish(page.url, { status: "failed", reason: "the Forem API answer has no body_markdown", attempts, httpStatus: r.status });
    doc = { bytes: Buffer.from(markdown, "utf8"), format: "markdown", contentType: "text/markdown; charset=utf-8", attempts, httpStatus: r.status };
  } else {
    const etag = header("etag");
    const lastModified = header("last-modified");
    const contentType = header("content-type");
    doc = {
      bytes: r.body,
      attempts,
      httpStatus: r.status,
      finalUrl: r.url,
      ...(contentType ? { contentType } : {}),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  }
  await ctx.pipeline.scanDocument(page, doc);
}
