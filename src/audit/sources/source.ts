/**
 * What a source handler gets and gives. A handler turns one source (a sitemap, a feed
 * page, an API page, a repository, a WARC file) into more sources and pages; documents
 * that come with the source itself (API content, archive files) go straight to the
 * pipeline. Throwing a SourceError fails that source with its message; the rest of the
 * audit goes on.
 */
import type { PoliteFetcher } from "../http/fetcher.js";
import type { PagePipeline } from "../pipeline.js";
import type { AuditStore, NewPage, NewSource, SourceKind, SourceRow } from "../store/audit-store.js";

export class SourceError extends Error {
  override name = "SourceError";
}

export interface SourceSettings {
  /** Only items dated on or after this (epoch ms). */
  since?: number;
  /** Only pages on these domains (and below). */
  domains: readonly string[];
  maxPageBytes: number;
  /** Sitemaps and feeds may be bigger than pages (50 MB is the sitemap limit). */
  maxSourceBytes: number;
  rescan: boolean;
  devtoApi: string;
  githubApi: string;
  githubToken?: string;
  retries: number;
  maxRetryAfterMs: number;
}

export interface AuditContext {
  runId: string;
  store: AuditStore;
  fetcher: PoliteFetcher;
  pipeline: PagePipeline;
  settings: SourceSettings;
  cwd: string;
  stdin(): AsyncIterable<Uint8Array | string>;
  signal: AbortSignal;
  notice(message: string): void;
}

export interface Expansion {
  sources?: NewSource[];
  pages?: NewPage[];
  /** Items this source yielded, for the record (default: sources + pages). */
  items?: number;
}

export type SourceHandler = (source: SourceRow, ctx: AuditContext) => Promise<Expansion>;

export const sourceKey = (kind: SourceKind, target: string) => `${kind}:${target}`;

/** Fetch a source document (sitemap, feed, API page) or fail the source saying why. */
export async function fetchSource(ctx: AuditContext, url: string, accept: string): Promise<{ body: Buffer; headers: Record<string, string | string[] | undefined>; url: string }> {
  const r = await ctx.fetcher.fetch({ url, accept, maxBytes: ctx.settings.maxSourceBytes });
  if (r.kind === "ok") return { body: r.body, headers: r.headers, url: r.url };
  if (r.kind === "not-modified") throw new SourceError(`${url}: unexpected 304 Not Modified`);
  throw new SourceError(`${url}: ${r.reason}`);
}
