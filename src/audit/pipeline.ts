/**
 * One page from document to stored outcome: size and type checks, "unchanged" by
 * content hash, scanning on the thread pool, and one transaction that records the
 * outcome with the page's occurrences. Used for fetched pages and for documents that
 * arrive with their source (WordPress API content, repository archives, WARC records).
 */
import { createHash } from "node:crypto";
import { formatSize } from "../fs/scan-files.js";
import type { DocumentFormat } from "../document/index.js";
import type { Finding } from "../types.js";
import { documentFormat, parseContentType } from "./content-type.js";
import type { ScanPool } from "./scan/scan-pool.js";
import type { AuditStore, NewPage, Occurrence, Outcome, PageResult, PageRow } from "./store/audit-store.js";

/** A document in hand: its bytes and what is known about them. */
export interface Document {
  bytes: Uint8Array;
  /** Content-Type as served (`text/html; charset=gbk`). */
  contentType?: string;
  /** Parser, when the source knows it (API markdown); else from `contentType` and the URL. */
  format?: DocumentFormat;
  httpStatus?: number;
  finalUrl?: string;
  etag?: string;
  lastModified?: string;
  attempts?: number;
}

export interface PipelineEvents {
  /** A page reached its outcome in this process. */
  page(url: string, outcome: Outcome, reason?: string): void;
  /**
   * Occurrences of a page just scanned (none when it had none), with the findings they
   * were stored from, in the same order (the raw secrets, for --show-secrets; never stored).
   */
  occurrences(url: string, found: readonly Occurrence[], findings: readonly Finding[]): void;
}

export interface PipelineOptions {
  runId: string;
  maxPageBytes: number;
  /** Ignore what earlier audits knew (validators, hashes, API versions). */
  rescan: boolean;
}

export class PagePipeline {
  constructor(
    private readonly store: AuditStore,
    private readonly pool: ScanPool,
    private readonly events: PipelineEvents,
    readonly opts: PipelineOptions,
  ) {}

  /** Store an outcome that needs no scan. */
  async finish(url: string, result: PageResult): Promise<void> {
    await this.store.recordPage(this.opts.runId, url, result);
    this.events.page(url, result.status, result.reason);
  }

  /** Scan `doc` as the current content of `page` (a row of this run) and record it. */
  async scanDocument(page: Pick<PageRow, "url" | "sha256">, doc: Document): Promise<void> {
    const url = page.url;
    const media = parseContentType(doc.contentType);
    const base = {
      attempts: doc.attempts ?? 1,
      ...(doc.httpStatus !== undefined ? { httpStatus: doc.httpStatus } : {}),
      ...(doc.finalUrl && doc.finalUrl !== url ? { finalUrl: doc.finalUrl } : {}),
      ...(media.type ? { contentType: media.type } : {}),
    };
    if (doc.bytes.length > this.opts.maxPageBytes) {
      return this.finish(url, { ...base, status: "skipped", reason: `too large: ${formatSize(doc.bytes.length)} is over the ${formatSize(this.opts.maxPageBytes)} limit` });
    }
    const format = doc.format ?? documentFormat(media, doc.finalUrl ?? url, doc.bytes);
    if (!format) return this.finish(url, { ...base, status: "skipped", reason: `not a page: Content-Type ${media.type}` });
    const sha256 = createHash("sha256").update(doc.bytes).digest("hex");
    const bytes = doc.bytes.length;
    if (!this.opts.rescan && page.sha256 === sha256) {
      const validators = { ...(doc.etag ? { etag: doc.etag } : {}), ...(doc.lastModified ? { lastModified: doc.lastModified } : {}) };
      return this.finish(url, { ...base, ...validators, status: "unchanged", reason: "same content as at the last audit", bytes });
    }
    // The bytes may be handed over to a scanning thread: nothing may read them after this.
    const r = await this.pool.scan({ bytes: doc.bytes, url, format, ...(media.charset ? { charset: media.charset } : {}) });
    if (r.kind === "binary") return this.finish(url, { ...base, status: "skipped", reason: "not a page: binary content", bytes });
    if (r.kind === "error") return this.finish(url, { ...base, status: "failed", reason: r.message, bytes });
    const occurrences = await this.store.recordPage(this.opts.runId, url, {
      ...base,
      status: "scanned",
      bytes,
      sha256,
      encoding: r.encoding,
      ...(doc.etag ? { etag: doc.etag } : {}),
      ...(doc.lastModified ? { lastModified: doc.lastModified } : {}),
      findings: r.findings,
    });
    this.events.page(url, "scanned");
    this.events.occurrences(url, occurrences, r.findings);
  }

  /**
   * A document that came with its source: add its page to the run and scan it, unless
   * this run already has an outcome for it (a resumed run, a URL seen twice) or the
   * source's version says it has not changed.
   */
  async ingest(page: NewPage, doc: Document | { skipped: string }): Promise<void> {
    const before = await this.store.page(page.url);
    if (before && before.run_id === this.opts.runId && before.status !== "pending") return;
    await this.store.addPages(this.opts.runId, [page], undefined, this.opts.rescan);
    if (before?.run_id !== this.opts.runId) {
      const now = await this.store.page(page.url);
      if (now && now.status !== "pending") {
        this.events.page(page.url, now.status as Outcome, now.reason ?? undefined);
        return;
      }
    }
    if ("skipped" in doc) return this.finish(page.url, { status: "skipped", reason: doc.skipped });
    await this.scanDocument({ url: page.url, sha256: before?.sha256 ?? null }, doc);
  }
}
