/**
 * A small streaming WARC 1.0/1.1 reader (ISO 28500; https://iipc.github.io/warc-specifications/).
 * A file is records of `WARC/1.x` + named fields + CRLF + `Content-Length` bytes of block
 * + CRLF CRLF. Web archives compress each record as its own gzip member; Node's gunzip
 * reads the members one after another, so `.warc.gz` and `.warc` read the same way.
 * Blocks over `maxBlock` are skipped without being held in memory.
 */
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export interface WarcRecord {
  /** Field names lower-cased. */
  fields: Map<string, string>;
  type: string;
  targetUri?: string;
  /** The block; undefined when it was over `maxBlock`. */
  block?: Buffer;
  length: number;
}

/** Reads lines and byte runs from a stream of chunks, copying each byte at most once. */
class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private readonly it: AsyncIterator<Buffer>;
  private done = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.chunks.push(r.value);
    this.length += r.value.length;
    return true;
  }

  /** Take `n` buffered bytes off the front (n <= length). */
  private take(n: number, keep: boolean): Buffer {
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.chunks[0]!;
      if (c.length <= left) {
        if (keep) parts.push(c);
        this.chunks.shift();
        left -= c.length;
      } else {
        if (keep) parts.push(c.subarray(0, left));
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.length -= n;
    return keep ? (parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts, n)) : Buffer.alloc(0);
  }

  /** A line without its CRLF/LF; null at the end of the stream. */
  async line(maxLength = 65536): Promise<string | null> {
    for (let searched = 0; ; ) {
      // Header lines are short: look in the first chunk, merging with the next when needed.
      const first = this.chunks[0];
      const nl = first ? first.indexOf(10, searched) : -1;
      if (nl >= 0) {
        const s = this.take(nl + 1, true);
        return s.toString("utf8", 0, nl > 0 && s[nl - 1] === 13 ? nl - 1 : nl);
      }
      if (first) searched = first.length;
      if (this.length > maxLength) throw new Error("a WARC header line is too long; is this a WARC file?");
      if (!(await this.more())) {
        if (!this.length) return null;
        return this.take(this.length, true).toString("utf8");
      }
      if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    }
  }

  /** Exactly `n` bytes (fewer only at the end of a truncated file). */
  async bytes(n: number): Promise<Buffer> {
    while (this.length < n && (await this.more()));
    return this.take(Math.min(n, this.length), true);
  }

  /** Skip `n` bytes without keeping them. */
  async skip(n: number): Promise<void> {
    let left = n;
    for (;;) {
      const t = Math.min(left, this.length);
      this.take(t, false);
      left -= t;
      if (left === 0 || !(await this.more())) return;
    }
  }
}

async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const head = createReadStream(path, { start: 0, end: 1 });
  let magic = Buffer.alloc(0);
  for await (const c of head) magic = Buffer.concat([magic, c as Buffer]);
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  const stream = magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  raw.on("error", (e) => stream.destroy(e));
  for await (const c of stream) yield c as Buffer;
}

/** Records of the WARC file at `path`, in order. */
export async function* readWarc(path: string, maxBlock: number): AsyncGenerator<WarcRecord> {
  const r = new ByteReader(fileChunks(path));
  for (;;) {
    let version = await r.line();
    while (version !== null && version.trim() === "") version = await r.line();
    if (version === null) return;
    if (!/^WARC\/\d/.test(version)) throw new Error(`expected a WARC record, found ${JSON.stringify(version.slice(0, 40))}`);
    const fields = new Map<string, string>();
    for (let line = await r.line(); line !== null && line !== ""; line = await r.line()) {
      const colon = line.indexOf(":");
      if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(fields.get("content-length") ?? NaN);
    if (!Number.isFinite(length) || length < 0) throw new Error("a WARC record without a valid Content-Length");
    let block: Buffer | undefined;
    if (length > maxBlock) await r.skip(length);
    else block = await r.bytes(length);
    const target = fields.get("warc-target-uri")?.replace(/^<(.*)>$/, "$1");
    yield { fields, type: (fields.get("warc-type") ?? "").toLowerCase(), ...(target ? { targetUri: target } : {}), ...(block ? { block } : {}), length };
  }
}

export interface HttpPayload {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const nl = body.indexOf("\r\n", at);
    if (nl < 0) break;
    const size = parseInt(body.subarray(at, nl).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * The HTTP response a `response` record holds: status, headers and the entity body —
 * de-chunked and decompressed when the archive kept the bytes as they came over the
 * wire (Common Crawl stores them decoded and renames the headers, so both work).
 */
export function parseHttpResponse(block: Buffer): HttpPayload | undefined {
  let end = block.indexOf("\r\n\r\n");
  let sep = 4;
  if (end < 0) {
    end = block.indexOf("\n\n");
    sep = 2;
  }
  if (end < 0) return undefined;
  const lines = block.subarray(0, end).toString("latin1").split(/\r?\n/);
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? "");
  if (!m) return undefined;
  const headers = new Map<string, string>();
  for (const l of lines.slice(1)) {
    const colon = l.indexOf(":");
    if (colon > 0) headers.set(l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim());
  }
  let body = block.subarray(end + sep);
  if (/chunked/i.test(headers.get("transfer-encoding") ?? "")) body = dechunk(body);
  const enc = (headers.get("content-encoding") ?? "").toLowerCase();
  try {
    if (enc === "gzip" || enc === "x-gzip") body = gunzipSync(body);
    else if (enc === "deflate") body = inflateSync(body);
    else if (enc === "br") body = brotliDecompressSync(body);
  } catch {
    // Already decoded by the archiver, whatever the header says.
  }
  return { status: Number(m[1]), headers, body };
}
