/**
 * Pages keep their text a second time inside scripts, as JS/JSON string literals: Nuxt's
 * `window.__NUXT__` (Juejin keeps the whole markdown of a post there), Next's `__NEXT_DATA__`,
 * search indexes, notebook JSON. Escapes (`\"`, `\n`, `\u002F`) hide the quotes, line breaks
 * and slashes rules anchor on, so each long literal that holds an escape is also scanned
 * decoded, mapped back character by character to its raw range.
 */
import type { Segment } from "../types.js";
import { ComposedMap, SegmentTextBuilder, type OffsetMap } from "./offset-map.js";

/**
 * A double-quoted literal, consumed whole so the scan stays in step with the quotes (linear:
 * no nesting). Only those of 24+ characters holding an escape are worth a second look.
 */
const LITERAL = /"((?:[^"\\\n]|\\[^\n])*)"/g;
const SIMPLE: Record<string, string> = { '"': '"', "'": "'", "\\": "\\", "/": "/", n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** The decoded text of the literal body `body` (at `offset` in its segment), with its map. */
function decode(body: string, offset: number): { text: string; map: OffsetMap } {
  const b = new SegmentTextBuilder();
  let run = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") continue;
    b.verbatim(body.slice(run, i), offset + run);
    const c = body[i + 1]!;
    let len = 2;
    let out: string | undefined = SIMPLE[c];
    if (c === "u" && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out = String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      len = 6;
    } else if (c === "x" && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out = String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      len = 4;
    }
    b.replaced(out ?? c, offset + i, offset + i + len);
    i += len - 1;
    run = i + 1;
  }
  b.verbatim(body.slice(run), offset + run);
  return b.build();
}

/** Decoded copies of the escaped string literals in `seg` (none when it holds no escape). */
export function stringLiteralSegments(seg: Segment): Segment[] {
  if (!seg.text.includes("\\")) return [];
  const out: Segment[] = [];
  LITERAL.lastIndex = 0;
  for (let m = LITERAL.exec(seg.text); m; m = LITERAL.exec(seg.text)) {
    const body = m[1]!;
    if (body.length < 24 || !body.includes("\\")) continue;
    const { text, map } = decode(body, m.index + 1);
    out.push({ kind: seg.kind, text, map: new ComposedMap(map, seg.map), ...(seg.lang ? { lang: seg.lang } : {}), ...(seg.name ? { name: seg.name } : {}) });
  }
  return out;
}
