/**
 * `--urls FILE` (`-` for stdin): one URL per line; blank lines and `#` comments are
 * skipped. Lines that are not http(s) URLs are named (file:line) and the source counts
 * as failed, but every good line is still audited. Pages are stored a thousand at a
 * time, so a list of millions never sits in memory.
 */
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { siteOf, type NewPage } from "../store/audit-store.js";
import { inDomains, normalizeUrl } from "../url.js";
import { SourceError, type SourceHandler } from "./source.js";

const BATCH = 1000;

/** A URL list's lines (`target` relative to `cwd`, or `-` for stdin) and its name for messages. */
export function openUrlList(target: string, cwd: string, stdin: () => AsyncIterable<Uint8Array | string>): { input: Readable; name: string } {
  return target === "-" ? { input: Readable.from(stdin()), name: "<stdin>" } : { input: createReadStream(resolve(cwd, target)), name: target };
}

/**
 * The pages of a URL list, read line by line: each http(s) URL within `domains`, normalized,
 * as a page of the source `key`. A line that is not such a URL goes to `onBad` as a message
 * naming it (`name:line`). Reading errors are thrown as they come.
 */
export async function* urlListPages(input: Readable, name: string, key: string, domains: readonly string[], onBad: (message: string) => void): AsyncGenerator<NewPage> {
  let lineNo = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    const t = line.trim();
    if (!t || t.startsWith("#")) continue;
    const url = normalizeUrl(t);
    if (!url) {
      onBad(`${name}:${lineNo}: not an http(s) URL: ${JSON.stringify(t.length > 80 ? `${t.slice(0, 80)}…` : t)}`);
      continue;
    }
    if (inDomains(url, domains)) yield { url, site: siteOf(url), source: key, via: "http" };
  }
}

export const expandUrlList: SourceHandler = async (source, ctx) => {
  const { input, name } = openUrlList(source.target, ctx.cwd, ctx.stdin);
  const bad: string[] = [];
  let batch: NewPage[] = [];
  let count = 0;
  const flush = async () => {
    if (!batch.length) return;
    const pages = batch;
    batch = [];
    await ctx.store.db.transaction((tx) => ctx.store.addPages(ctx.runId, pages, tx, ctx.settings.rescan));
  };
  const onBad = (message: string) => {
    if (bad.length < 20) bad.push(message);
    else if (bad.length === 20) bad.push("…");
  };
  try {
    for await (const page of urlListPages(input, name, source.key, ctx.settings.domains, onBad)) {
      batch.push(page);
      count++;
      if (batch.length >= BATCH) await flush();
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SourceError(`${name}: cannot read: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
  await flush();
  if (bad.length) throw new SourceError(`${name} has lines that are not URLs (the others are audited):\n  ${bad.join("\n  ")}`);
  return { items: count };
};
