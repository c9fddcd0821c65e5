/**
 * YAML (`---`) and TOML (`+++`) front matter: one `front-matter` segment per scalar value,
 * named by its key path (`dingtalk.webhook`, `images[0]`), mapped to where the value is
 * written. A block that does not parse becomes one segment, so nothing in it goes unscanned.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Scalar } from "yaml";
import type { Segment } from "../../types.js";
import { SegmentTextBuilder } from "../offset-map.js";
import { mapLines } from "./align.js";
import { type MdNode, type Source, valueOf } from "./source.js";
import { type TomlStyle, tomlScalars } from "./toml.js";

// YAML double-quoted escapes (YAML 1.2 §5.7); TOML basic strings use a subset of them.
const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Double-quoted content with its escapes decoded, each escape mapped to its source. */
function appendEscaped(b: SegmentTextBuilder, source: Source, start: number, end: number): void {
  const src = source.src;
  let run = start;
  for (let k = start; k < end; k++) {
    if (src[k] !== "\\" || k + 1 >= end) continue;
    source.verbatim(b, run, k);
    const c = src[k + 1]!;
    const digits = HEX_ESCAPES[c];
    let len = 2;
    let decoded: string | undefined = ESCAPES[c];
    if (digits !== undefined) {
      const hex = src.slice(k + 2, k + 2 + digits);
      const code = Number.parseInt(hex, 16);
      len = 2 + digits;
      decoded = /^[0-9a-fA-F]+$/.test(hex) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    } else if (c === "\n" || c === "\r") {
      decoded = ""; // an escaped line break joins the lines
    }
    if (decoded === undefined) {
      run = k; // unknown escape: keep it as written
      k++;
      continue;
    }
    if (decoded) b.replaced(decoded, k, k + len);
    k += len - 1;
    run = k + 1;
  }
  source.verbatim(b, run, end);
}

/** Single-quoted YAML content: `''` stands for `'`. */
function appendSingleQuoted(b: SegmentTextBuilder, source: Source, start: number, end: number): void {
  let run = start;
  for (let k = source.src.indexOf("''", start); k >= 0 && k + 1 < end; k = source.src.indexOf("''", k + 2)) {
    source.verbatim(b, run, k);
    b.replaced("'", k, k + 2);
    run = k + 2;
  }
  source.verbatim(b, run, end);
}

/** A block scalar's lines without their indentation (folding is not applied: lines stay lines). */
function appendBlock(b: SegmentTextBuilder, source: Source, start: number, end: number): void {
  const lines = source.src.slice(start, end).split(/(?<=\r\n|\n|\r)/);
  let at = start;
  let indent = -1;
  let pendingEol: [number, number] | undefined;
  for (const line of lines) {
    const body = line.replace(/[\r\n]+$/, "");
    if (body.trim()) {
      if (indent < 0) indent = body.length - body.trimStart().length;
      if (pendingEol && b.length) source.verbatim(b, pendingEol[0], pendingEol[1]);
      source.verbatim(b, at + Math.min(indent, body.length - body.trimStart().length), at + body.length);
    }
    if (body.length < line.length) pendingEol = [at + body.length, at + line.length];
    at += line.length;
  }
}

function scalarSegment(
  name: string,
  style: TomlStyle | Scalar.Type | undefined,
  source: Source,
  s: number,
  e: number,
): Segment | undefined {
  const b = new SegmentTextBuilder();
  switch (style) {
    case "QUOTE_DOUBLE":
      appendEscaped(b, source, s + 1, e - 1);
      break;
    case "basic":
    case "ml-basic":
      appendEscaped(b, source, s, e);
      break;
    case "QUOTE_SINGLE":
      appendSingleQuoted(b, source, s + 1, e - 1);
      break;
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED": {
      let body = source.src.indexOf("\n", s);
      body = body < 0 || body > e ? e : body + 1;
      appendBlock(b, source, body, e);
      break;
    }
    default:
      source.verbatim(b, s, e);
  }
  const { text, map } = b.build();
  return text ? { kind: "front-matter", text, name, map } : undefined;
}

function yamlSegments(value: string, base: number, source: Source): Segment[] | undefined {
  const doc = parseDocument(value, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) return undefined;
  const out: Segment[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: doc.contents, path: "" }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      for (let k = node.items.length - 1; k >= 0; k--) {
        const pair = node.items[k];
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : "?";
        stack.push({ node: pair.value, path: path ? `${path}.${key}` : key });
      }
    } else if (isSeq(node)) {
      for (let k = node.items.length - 1; k >= 0; k--) stack.push({ node: node.items[k], path: `${path}[${k}]` });
    } else if (isScalar(node) && node.range) {
      const seg = scalarSegment(path, node.type, source, base + node.range[0], base + node.range[1]);
      if (seg) out.push(seg);
    }
  }
  return out;
}

function tomlSegments(value: string, base: number, source: Source): Segment[] | undefined {
  const scalars = tomlScalars(value);
  if (!scalars) return undefined;
  const out: Segment[] = [];
  for (const { name, style, start, end } of scalars) {
    const seg = scalarSegment(name, style, source, base + start, base + end);
    if (seg) out.push(seg);
  }
  return out;
}

/** Segments of a `yaml` or `toml` front matter node. */
export function frontMatterSegments(node: MdNode, source: Source): Segment[] {
  const range = source.rangeOf(node);
  const value = valueOf(node);
  if (!range || !value.trim()) return [];
  const src = source.src;
  const eol = /\r\n|\r|\n/g;
  eol.lastIndex = range[0];
  const newline = eol.exec(src);
  const base = newline ? newline.index + newline[0].length : range[1];
  if (src.startsWith(value, base)) {
    let segs: Segment[] | undefined;
    try {
      segs = node.type === "toml" ? tomlSegments(value, base, source) : yamlSegments(value, base, source);
    } catch {
      segs = undefined; // the yaml package throws on some inputs (e.g. alias limits)
    }
    if (segs) return segs;
  }
  const b = new SegmentTextBuilder();
  mapLines(b, value, source, base, range[1]);
  return [{ kind: "front-matter", ...b.build() }];
}
