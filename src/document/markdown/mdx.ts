/**
 * MDX pieces: ESM (`import`/`export`) and `{expressions}` become `script` segments, JSX
 * attribute values become `attribute` (or `url` for link-like names) segments.
 */
import type { Segment } from "../../types.js";
import { SegmentTextBuilder } from "../offset-map.js";
import { alignInto, mapLines } from "./align.js";
import { type MdNode, type Source, valueOf } from "./source.js";

/** Attribute names whose values are links, reported as `url` like `href` in HTML. */
const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "action", "poster", "to", "url", "link"]);

/**
 * MDX 2+ rejects HTML comments, but Docusaurus posts still carry `<!--truncate-->` and
 * commented-out notes. Each comment is rewritten in place into a same-length MDX comment
 * expression (`<!--` -> `{/**`, `-->` -> `*\/}`), so the file parses and every offset stays
 * put; `starts` remembers them so they come out as `comment` segments.
 */
export function prepareMdx(raw: string): { src: string; starts: Set<number> } {
  const starts = new Set<number>();
  const parts: string[] = [];
  let last = 0;
  let at = raw.indexOf("<!--");
  while (at >= 0) {
    const close = raw.indexOf("-->", at + 4);
    if (close < 0) break;
    if (!raw.slice(at + 4, close).includes("*/")) {
      parts.push(raw.slice(last, at), "{/**", raw.slice(at + 4, close), "*/}");
      last = close + 3;
      starts.add(at);
    }
    at = raw.indexOf("<!--", close + 3);
  }
  if (!starts.size) return { src: raw, starts };
  parts.push(raw.slice(last));
  return { src: parts.join(""), starts };
}

function mapped(
  kind: Segment["kind"],
  value: string,
  source: Source,
  start: number,
  end: number,
  name?: string,
): Segment | undefined {
  if (!value.trim()) return undefined;
  const b = new SegmentTextBuilder();
  mapLines(b, value, source, start, end);
  const { text, map } = b.build();
  return name === undefined ? { kind, text, map } : { kind, text, name, map };
}

/** `mdxjsEsm`, `mdxFlowExpression`, `mdxTextExpression` -> `script`, or `comment` for a rewritten HTML comment. */
export function scriptSegment(node: MdNode, source: Source, commentStarts: ReadonlySet<number>): Segment | undefined {
  const range = source.rangeOf(node);
  if (!range) return undefined;
  const [s, e] = range;
  if (node.type === "mdxjsEsm") return mapped("script", valueOf(node), source, s, e);
  if (commentStarts.has(s)) {
    const b = new SegmentTextBuilder();
    source.verbatim(b, s + 4, e - 3);
    const { text, map } = b.build();
    return text.trim() ? { kind: "comment", text, map } : undefined;
  }
  return mapped("script", valueOf(node), source, s + 1, e - 1);
}

/** Segments for the attributes of a JSX element (`<Tabs groupId="x" token={T} {...rest}>`). */
export function attributeSegments(node: MdNode, source: Source): Segment[] {
  const out: Segment[] = [];
  for (const attr of node.attributes ?? []) {
    const range = source.rangeOf(attr);
    if (!range) continue;
    const [s, e] = range;
    if (attr.type === "mdxJsxExpressionAttribute") {
      const seg = mapped("script", valueOf(attr), source, s + 1, e - 1);
      if (seg) out.push(seg);
      continue;
    }
    const name = typeof attr.name === "string" ? attr.name : "";
    const eq = source.src.indexOf("=", s + name.length);
    if (attr.type !== "mdxJsxAttribute" || eq < 0 || eq >= e) continue;
    let q = eq + 1;
    while (q < e && /\s/.test(source.src[q]!)) q++;
    const value = attr.value;
    if (typeof value === "string") {
      if (!value) continue;
      const b = new SegmentTextBuilder();
      alignInto(b, value, source, q + 1, e - 1);
      const kind = URL_ATTRIBUTES.has(name.toLowerCase()) ? "url" : "attribute";
      out.push({ kind, name, ...b.build() });
    } else if (value && typeof value === "object") {
      const seg = mapped("script", valueOf(value as MdNode), source, q + 1, e - 1, name);
      if (seg) out.push(seg);
    }
  }
  return out;
}
