/**
 * What a fetched document is, from its Content-Type (and, for plain text, its name):
 * which parser reads it and which charset the server declared.
 */
import { formatOf, type DocumentFormat } from "../document/index.js";

export interface MediaType {
  /** `text/html`, lower-case, no parameters; empty when there was no header. */
  type: string;
  charset?: string;
}

export function parseContentType(value: string | string[] | undefined): MediaType {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return { type: "" };
  const [type, ...params] = v.split(";");
  let charset: string | undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m) charset = m[1]!.toLowerCase();
  }
  return { type: type!.trim().toLowerCase(), ...(charset ? { charset } : {}) };
}

/**
 * The parser for a document, or undefined when it is not one (an image, a PDF, JSON).
 * `text/plain` served for `post.md` is markdown; no Content-Type at all is judged by the
 * first non-blank byte.
 */
export function documentFormat(media: MediaType, url: string, bytes?: Uint8Array): DocumentFormat | undefined {
  const t = media.type;
  if (t === "text/html" || t === "application/xhtml+xml") return "html";
  if (t === "text/markdown" || t === "text/x-markdown") return formatOfPath(url) === "mdx" ? "mdx" : "markdown";
  if (t === "text/mdx") return "mdx";
  if (t === "text/plain" || t === "text/x-web-markdown") {
    const f = formatOfPath(url);
    return f === "html" ? "text" : f;
  }
  if (t === "") {
    const f = formatOfPath(url);
    if (f !== "text") return f;
    if (!bytes) return "html";
    for (let i = 0; i < Math.min(bytes.length, 512); i++) {
      const c = bytes[i]!;
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xef || c === 0xbb || c === 0xbf) continue;
      return c === 0x3c /* < */ ? "html" : "text";
    }
    return "text";
  }
  return undefined;
}

/** The format by the URL's path (its query and fragment ignored). */
function formatOfPath(url: string): DocumentFormat {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // a file path: use as is
  }
  return formatOf(path);
}
