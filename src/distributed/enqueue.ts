/**
 * `postguard audit … --queue redis://…`: the producer. It does no fetching: URL lists
 * (read here, where the file is) become one page job each; sitemaps, feeds and API
 * listings become source jobs, which workers expand into more source jobs (child
 * sitemaps, further API pages) and page jobs, so a huge source is split across workers.
 * Job ids come from the normalized URL (or source key): enqueuing the same thing twice,
 * from one producer or several, adds nothing.
 */
import { sourceKey } from "../audit/sources/index.js";
import { openUrlList, urlListPages } from "../audit/sources/url-list.js";
import type { NewPage, NewSource, SourceKind } from "../audit/store/audit-store.js";
import { AuditQueue, checkRedis, type SweepSettings } from "./queue.js";

export interface EnqueueOptions {
  redisUrl: string;
  queueName: string;
  sources: Array<{ kind: SourceKind; target: string }>;
  /** Settings for a new sweep; a sweep already on the queue keeps its own. */
  sweep: Omit<SweepSettings, "runId" | "createdAt">;
  cwd: string;
  stdin(): AsyncIterable<Uint8Array | string>;
}

export interface EnqueueResult {
  settings: SweepSettings;
  /** False when the queue already had a sweep, which these jobs joined. */
  created: boolean;
  pages: number;
  sources: number;
  /** Problems with the input (bad URL-list lines, unreadable files); the rest was enqueued. */
  problems: string[];
  /** Jobs on the queue after enqueuing: waiting (incl. delayed), active, done, failed. */
  counts: Record<string, number>;
}

const BATCH = 1000;

export class EnqueueError extends Error {
  override name = "EnqueueError";
}

export async function enqueueAudit(opts: EnqueueOptions): Promise<EnqueueResult> {
  const warc = opts.sources.find((s) => s.kind === "warc");
  if (warc) throw new EnqueueError(`--warc ${warc.target}: a WARC file is read where it is stored; audit it without --queue on the machine that has it`);
  await checkRedis(opts.redisUrl);
  const queue = new AuditQueue(opts.redisUrl, opts.queueName);
  try {
    const { settings, created } = await queue.startSweep(opts.sweep);
    const problems: string[] = [];
    let pages = 0;
    const sources: NewSource[] = [];
    for (const s of opts.sources) {
      if (s.kind === "urls") pages += await enqueueUrlList(queue, settings, s.target, opts, problems);
      else sources.push({ key: sourceKey(s.kind, s.target), kind: s.kind, target: s.target });
    }
    await queue.addSources(settings.runId, sources, settings);
    const counts = await queue.queue.getJobCounts("waiting", "prioritized", "delayed", "active", "completed", "failed");
    return { settings, created, pages, sources: sources.length, problems, counts };
  } finally {
    await queue.close();
  }
}

async function enqueueUrlList(queue: AuditQueue, settings: SweepSettings, target: string, opts: EnqueueOptions, problems: string[]): Promise<number> {
  const { input, name } = openUrlList(target, opts.cwd, opts.stdin);
  let batch: NewPage[] = [];
  let count = 0;
  let bad = 0;
  const onBad = (message: string) => {
    if (bad++ < 20) problems.push(message);
  };
  try {
    for await (const page of urlListPages(input, name, sourceKey("urls", target), settings.domains, onBad)) {
      batch.push(page);
      count++;
      if (batch.length >= BATCH) {
        await queue.addPages(settings.runId, batch, settings);
        batch = [];
      }
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    problems.push(`${name}: cannot read: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
  if (bad > 20) problems.push(`${name}: ${bad - 20} more lines that are not URLs`);
  await queue.addPages(settings.runId, batch, settings);
  return count;
}
