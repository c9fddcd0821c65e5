/**
 * The regular files of a (gzipped) tar stream, one at a time, with backpressure: the
 * archive is read only as fast as files are consumed, so a big repository never sits in
 * memory. Files that `want` refuses are skipped without buffering.
 */
import { once } from "node:events";
import type { Readable } from "node:stream";
import { Parser, type ReadEntry } from "tar";

export interface TarFile {
  path: string;
  bytes: Buffer;
}

const HIGH = 8;

export async function* tarFiles(input: Readable, want: (path: string, size: number) => boolean): AsyncGenerator<TarFile> {
  const ready: TarFile[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  let stopped = false;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const parser = new Parser({
    strict: false,
    filter: (path, entry) => {
      const e = entry as ReadEntry;
      return e.type === "File" && want(path, e.size);
    },
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on("data", (c: Buffer) => chunks.push(c));
      entry.on("end", () => {
        ready.push({ path: entry.path, bytes: Buffer.concat(chunks) });
        notify();
      });
    },
  });
  parser.on("error", (e: Error) => {
    failure ??= e;
    notify();
  });
  parser.on("end", () => {
    ended = true;
    notify();
  });
  void (async () => {
    for await (const chunk of input) {
      if (stopped) return;
      if (!parser.write(chunk as Buffer)) await once(parser, "drain");
      while (ready.length >= HIGH && !stopped) await new Promise<void>((r) => (room = r));
    }
    parser.end();
  })().catch((e: Error) => {
    failure ??= e;
    notify();
  });
  try {
    for (;;) {
      if (ready.length) {
        yield ready.shift()!;
        room?.();
        room = undefined;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    stopped = true;
    room?.();
    input.destroy();
  }
}
