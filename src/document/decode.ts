import { TextDecoder } from "node:util";
/**
 * Raw bytes -> the string every position refers to.
 *
 * Blog pages from Chinese platforms are still served as GBK / GB2312 / Big5, so the
 * charset comes from a BOM first, then from `<meta charset>` / `http-equiv` in the first
 * 4 KB of an HTML page (the HTML spec's prescan window is 1024 bytes; real pages put a
 * long <head> first), then from the caller (an HTTP header), and defaults to UTF-8.
 */

export interface DecodedFile {
  text: string;
  encoding: string;
  /** Bytes that were not valid in `encoding` (replaced by U+FFFD). */
  invalid: boolean;
}

const META_CHARSET = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})/i;

/** True when the bytes look binary (a NUL in the first 8 KB that is not UTF-16 text). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

function hasUtf16Bom(b: Uint8Array): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

/** Charset declared by an HTML page's `<meta>`, read as ASCII from the first 4 KB. */
export function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString("latin1");
  const m = META_CHARSET.exec(head);
  return m?.[1]?.toLowerCase();
}

function normalizeLabel(label: string): string {
  const l = label.trim().toLowerCase();
  // WHATWG treats these as GBK's superset; decoding as gb18030 never loses a character.
  if (l === "gb2312" || l === "gbk" || l === "x-gbk" || l === "gb_2312-80") return "gb18030";
  return l;
}

/**
 * Decode a file. `hint` is a charset from outside (HTTP `Content-Type`); `html` enables
 * the `<meta>` prescan. Never throws: an unknown label falls back to UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, opts: { html?: boolean; hint?: string } = {}): DecodedFile {
  let encoding = "utf-8";
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    start = 2;
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    start = 2;
  } else {
    const declared = (opts.html ? sniffMetaCharset(bytes) : undefined) ?? opts.hint;
    if (declared) encoding = normalizeLabel(declared);
  }
  const body = bytes.subarray(start);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    encoding = "utf-8";
    decoder = new TextDecoder("utf-8", { fatal: true });
  }
  // "utf-16" style labels declared in <meta> of an 8-bit page are a known lie (HTML spec).
  if (start === 0 && encoding.startsWith("utf-16")) {
    encoding = "utf-8";
    decoder = new TextDecoder("utf-8", { fatal: true });
  }
  try {
    return { text: decoder.decode(body), encoding, invalid: false };
  } catch {
    return { text: new TextDecoder(encoding).decode(body), encoding, invalid: true };
  }
}
