/**
 * Raw HTML inside markdown (`html` nodes, block and inline) goes through the HTML extractor;
 * its maps point into the node's value and are composed with the value's map into the file.
 */
import type { Segment } from "../../types.js";
import { htmlSegments } from "../html.js";
import { ComposedMap, type OffsetMap, SegmentTextBuilder, shiftedMap, verbatimMap } from "../offset-map.js";
import { mapLines } from "./align.js";
import { type MdNode, type Source, valueOf } from "./source.js";

const COMMENT = /<!--([\s\S]*?)-->/g;

/** Segments of an `html` node with maps into the raw file. */
export function htmlNodeSegments(node: MdNode, source: Source): Segment[] {
  const range = source.rangeOf(node);
  const value = valueOf(node);
  if (!range || !value) return [];
  let lift: (map: OffsetMap) => OffsetMap;
  let html = value;
  if (source.src.startsWith(value, range[0])) {
    html = source.raw.slice(range[0], range[0] + value.length);
    lift = (map) => shiftedMap(map, range[0]);
  } else {
    // Inside a blockquote or list the value lost each line's container prefix.
    const b = new SegmentTextBuilder();
    mapLines(b, value, source, range[0], range[1]);
    const outer = b.build().map;
    lift = (map) => new ComposedMap(map, outer);
  }
  const inner = htmlSegments(html);
  const out = inner.map((seg) => ({ ...seg, map: lift(seg.map) }));
  // Comments must stay visible (people park old keys in them); emit them if the HTML extractor did not.
  if (!inner.some((seg) => seg.kind === "comment")) {
    for (const m of html.matchAll(COMMENT)) {
      const text = m[1]!;
      if (text.trim()) out.push({ kind: "comment", text, map: lift(verbatimMap(text, m.index + 4)) });
    }
  }
  return out;
}

/** Inline tags that break a line when rendered; prose gets a newline so words do not run together. */
export function breaksLine(node: MdNode): boolean {
  return /^<\/?(?:br|hr|p|div|li|tr|h[1-6])\b/i.test(valueOf(node));
}
