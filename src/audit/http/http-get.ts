/**
 * One HTTP exchange with Node's own client (node:http / node:https): a GET with a time
 * limit for the whole exchange, a cap on the decoded body, and gzip/deflate/br decoding.
 * No redirects, retries or politeness here; fetcher.ts adds those.
 *
 * An exchange that had to be cut short (time limit, body over the cap) resolves only
 * once its socket has closed, so the caller's per-host slot is not handed to the next
 * request while the server may still be counting this one.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Readable } from "node:stream";

export type ExchangeResult = (
  | { kind: "response"; status: number; headers: IncomingHttpHeaders; body: Buffer; truncated?: boolean }
  /** Headers only: a redirect, 304, an error status, or `readBody` said no. */
  | { kind: "head"; status: number; headers: IncomingHttpHeaders }
  | { kind: "too-large"; status: number; headers: IncomingHttpHeaders; declared?: number }
  | { kind: "error"; message: string; retryable: boolean }
) & {
  /** The exchange was cut short and its connection closed by us. */
  cut?: boolean;
};

export interface ExchangeOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** Which statuses have a body worth reading (default: 2xx). */
  readBody?: (status: number) => boolean;
  /** Over `maxBytes`, keep the first `maxBytes` as the body instead of giving up (robots.txt). */
  truncate?: boolean;
  signal?: AbortSignal;
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: "lifo" }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256, scheduling: "lifo" }),
};

/** Node's error codes as a reader would say them, and whether trying again can help. */
function describeError(e: NodeJS.ErrnoException): { message: string; retryable: boolean } {
  switch (e.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { message: `cannot resolve the host name (${e.code})`, retryable: e.code === "EAI_AGAIN" };
    case "ECONNREFUSED":
      return { message: "connection refused", retryable: true };
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
      return { message: "connection reset by the server", retryable: true };
    case "ETIMEDOUT":
    case "ECONNABORTED":
      return { message: "connection timed out", retryable: true };
    case "HPE_HEADER_OVERFLOW":
      return { message: "response headers too large", retryable: false };
    case "Z_DATA_ERROR":
    case "Z_BUF_ERROR":
    case "ERR_BROTLI_DECOMPRESSION_FAILED":
      return { message: "body could not be decompressed", retryable: false };
    default:
      if (e.code?.startsWith("ERR_TLS") || e.code?.includes("CERT") || /certificate/i.test(e.message)) return { message: `TLS error: ${e.message}`, retryable: false };
      if (e.code?.startsWith("HPE_")) return { message: `malformed HTTP response (${e.code})`, retryable: true };
      return { message: e.message || String(e), retryable: true };
  }
}

function decoder(res: IncomingMessage): Readable {
  const enc = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (enc === "gzip" || enc === "x-gzip") return res.pipe(createGunzip());
  if (enc === "deflate") return res.pipe(createInflate());
  if (enc === "br") return res.pipe(createBrotliDecompress());
  return res;
}

/** GET `url` once. Never rejects. */
export function exchange(url: URL, opts: ExchangeOptions): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const lib = url.protocol === "https:" ? https : http;
    let settled = false;
    let cut: ExchangeResult | undefined;
    const req = lib.request(url, {
      method: "GET",
      agent: url.protocol === "https:" ? agents.https : agents.http,
      headers: { "accept-encoding": "gzip, deflate, br", ...opts.headers },
    });
    const finish = (r: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      resolve(r);
    };
    /** Cut the exchange short; settle once the socket is gone. */
    const abort = (r: ExchangeResult) => {
      if (cut || settled) return;
      cut = r;
      req.destroy();
    };
    req.on("close", () => {
      if (cut) finish({ ...cut, cut: true });
    });
    const timer = setTimeout(() => abort({ kind: "error", message: `timed out after ${formatSeconds(opts.timeoutMs)}`, retryable: true }), opts.timeoutMs);
    const onAbort = () => abort({ kind: "error", message: "interrupted", retryable: false });
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (e: NodeJS.ErrnoException) => {
      if (cut) return;
      finish({ kind: "error", ...describeError(e) });
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const headers = res.headers;
      const wanted = opts.readBody ? opts.readBody(status) : status >= 200 && status < 300;
      if (!wanted) {
        // Drain a small body so the connection can be reused; drop a big one.
        const len = Number(headers["content-length"] ?? NaN);
        if (Number.isFinite(len) && len <= 65536) {
          res.resume();
          res.on("end", () => finish({ kind: "head", status, headers }));
          res.on("error", () => finish({ kind: "head", status, headers }));
        } else abort({ kind: "head", status, headers });
        return;
      }
      const declared = Number(headers["content-length"] ?? NaN);
      const encoded = headers["content-encoding"] !== undefined && headers["content-encoding"] !== "identity";
      if (!encoded && Number.isFinite(declared) && declared > opts.maxBytes) {
        abort({ kind: "too-large", status, headers, declared });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decoder(res);
      body.on("data", (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          // Say why first: destroying the body makes the response report itself aborted.
          if (opts.truncate) {
            chunks.push(c.subarray(0, c.length - (size - opts.maxBytes)));
            abort({ kind: "response", status, headers, body: Buffer.concat(chunks), truncated: true });
          } else {
            abort({ kind: "too-large", status, headers, ...(Number.isFinite(declared) && !encoded ? { declared } : {}) });
          }
          body.destroy();
          return;
        }
        chunks.push(c);
      });
      body.on("end", () => finish({ kind: "response", status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) }));
      body.on("error", (e: NodeJS.ErrnoException) => {
        if (cut) return;
        abort({ kind: "error", ...describeError(e) });
      });
      res.on("close", () => {
        if (!res.complete) abort({ kind: "error", message: "connection closed before the body was complete", retryable: true });
      });
    });
    req.end();
  });
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
