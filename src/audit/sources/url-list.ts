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

export const expandUrlList: SourceHandler = async (source, ctx) => {
  const stdin = source.target === "-";
  const name = stdin ? "<stdin>" : source.target;
  let input: Readable;
  if (stdin) {
    input = Readable.from(ctx.stdin());
  } else {
    input = createReadStream(resolve(ctx.cwd, source.target));
  }
  const bad: string[] = [];
  let batch: NewPage[] = [];
  let count = 0;
  let lineNo = 0;
  const flush = async () => {
    if (!batch.length) return;
    const pages = batch;
    batch = [];
    await ctx.store.db.transaction((tx) => ctx.store.addPages(ctx.runId, pages, tx, ctx.settings.rescan));
  };
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++;
      const t = line.trim();
      if (!t || t.startsWith("#")) continue;
      const url = normalizeUrl(t);
      if (!url) {
        if (bad.length < 20) bad.push(`${name}:${lineNo}: not an http(s) URL: ${JSON.stringify(t.length > 80 ? `${t.slice(0, 80)}…` : t)}`);
        else if (bad.length === 20) bad.push("…");
        continue;
      }
      if (!inDomains(url, ctx.settings.domains)) continue;
      batch.push({ url, site: siteOf(url), source: source.key, via: "http" });
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
