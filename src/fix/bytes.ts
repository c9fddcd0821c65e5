/**
 * Text edits -> byte edits. Positions are offsets into the decoded string; the file on
 * disk may be UTF-8 (with or without a BOM), UTF-16 or a legacy charset (GBK, Shift_JIS,
 * Big5…). Bytes outside the edits are copied as they are, and the result is decoded again
 * and compared with the intended text, so a mapping mistake can never be written.
 */
import { TextDecoder } from "node:util";
import { decodeBytes } from "../document/decode.js";
import type { TextEdit } from "./plan.js";

export class FixRefused extends Error {
  override name = "FixRefused";
}

function bomLength(bytes: Uint8Array): number {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 2;
  return 0;
}

/** Encode ASCII-only replacement text (placeholders and entities are ASCII). */
function encodeAscii(text: string, encoding: string): Uint8Array {
  if (encoding === "utf-16le") return Buffer.from(text, "utf16le");
  if (encoding === "utf-16be") return Buffer.from(text, "utf16le").swap16();
  return Buffer.from(text, "latin1");
}

/** Byte offset of decoded offset `offset`, for any charset: the shortest prefix that decodes to exactly text[0, offset). */
function legacyByteOffset(body: Uint8Array, text: string, offset: number, encoding: string): number {
  const decoder = new TextDecoder(encoding);
  const want = text.slice(0, offset);
  // Every charset here takes 1 to 4 bytes per UTF-16 unit; search the bytes that could hold it.
  let lo = offset;
  let hi = Math.min(body.length, offset * 4);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (decoder.decode(body.subarray(0, mid)).length < offset) lo = mid + 1;
    else hi = mid;
  }
  if (decoder.decode(body.subarray(0, lo)) !== want) throw new FixRefused(`cannot locate the secret's bytes in this ${encoding} file`);
  return lo;
}

/**
 * Apply `edits` (decoded-text offsets) to the file's `bytes`. Throws FixRefused when the
 * file is not cleanly decodable or the result would not decode to `expected`.
 */
export function applyToBytes(bytes: Uint8Array, edits: readonly TextEdit[], opts: { html: boolean; expected: string }): Uint8Array {
  const decoded = decodeBytes(bytes, { html: opts.html });
  if (decoded.invalid) throw new FixRefused(`not valid ${decoded.encoding}; postguard does not rewrite files it cannot decode exactly`);
  const { text, encoding } = decoded;
  const bom = bomLength(bytes);
  const body = bytes.subarray(bom);
  const toByte = (offset: number): number => {
    if (encoding === "utf-8") return bom + Buffer.byteLength(text.slice(0, offset), "utf8");
    if (encoding.startsWith("utf-16")) return bom + offset * 2;
    return bom + legacyByteOffset(body, text, offset, encoding);
  };
  if (edits.some((e) => /[^\x20-\x7e]/.test(e.text))) throw new FixRefused("a replacement is not plain ASCII");
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const s = toByte(e.start);
    const end = toByte(e.end);
    if (s < at) throw new FixRefused("overlapping replacements");
    parts.push(bytes.subarray(at, s), encodeAscii(e.text, encoding));
    at = end;
  }
  parts.push(bytes.subarray(at));
  const out = Buffer.concat(parts);
  // The new <meta charset> prescan, BOM and decoder must give back exactly the intended text.
  const check = decodeBytes(out, { html: opts.html });
  if (check.invalid || check.encoding !== encoding || check.text !== opts.expected) {
    throw new FixRefused(`the rewritten file would not read back as intended in ${encoding}; nothing was changed`);
  }
  return out;
}
