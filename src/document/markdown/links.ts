/**
 * Link, image and definition destinations as `url` segments, mapped to where the URL is
 * written: `[t](url "title")`, `[t](<url with spaces>)`, `[ref]: url`, `<https://autolink>`
 * and GFM bare URLs (`www.example.com`, `https://...`).
 */
import type { Segment } from "../../types.js";
import { SegmentTextBuilder } from "../offset-map.js";
import { alignInto } from "./align.js";
import type { MdNode, Source } from "./source.js";

/** Start and end of the destination that begins at or after `from` (whitespace skipped). */
function destinationAt(src: string, from: number, end: number): [number, number] | undefined {
  let q = from;
  while (q < end && /[ \t\r\n>]/.test(src[q]!)) q++; // line ending plus blockquote prefix in definitions
  if (q >= end) return undefined;
  if (src[q] === "<") {
    const close = src.indexOf(">", q + 1);
    return close < 0 || close > end ? undefined : [q + 1, close];
  }
  let depth = 0;
  let k = q;
  for (; k < end; k++) {
    const c = src[k]!;
    if (c === "\\") k++;
    else if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) break;
      depth--;
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") break;
  }
  return [q, Math.min(k, end)];
}

function urlSegment(url: string, source: Source, start: number, end: number): Segment {
  const b = new SegmentTextBuilder();
  if (source.src.slice(start, end) === url) source.verbatim(b, start, end);
  else alignInto(b, url, source, start, end);
  return { kind: "url", ...b.build() };
}

/** Where the written URL sits inside a link, image or definition, or undefined. */
function destinationRange(node: MdNode, source: Source, range: [number, number]): [number, number] | undefined {
  const src = source.src;
  const [s, e] = range;
  if (node.type === "definition") {
    const colon = src.indexOf("]:", s);
    return colon < 0 || colon >= e ? undefined : destinationAt(src, colon + 2, e);
  }
  // Search after the link text, whose last node ends right before `]`.
  const children = node.children ?? [];
  const lastChild = source.rangeOf(children[children.length - 1]);
  const open = src.indexOf("](", lastChild ? lastChild[1] : s);
  return open < 0 || open >= e ? undefined : destinationAt(src, open + 2, e);
}

/** The `url` segment of a link, image or definition node, or undefined when there is none. */
export function destinationSegment(node: MdNode, source: Source): Segment | undefined {
  const range = source.rangeOf(node);
  const url = typeof node.url === "string" ? node.url : "";
  if (!range || !url) return undefined;
  const [s, e] = range;
  const first = source.src[s];
  if (node.type === "link" && first !== "[") {
    // Autolink `<...>` or GFM literal: the URL is the text as written (the node's `url` may add
    // `mailto:` or `http://`, which the reader never saw).
    const [a, z] = first === "<" ? [s + 1, e - 1] : [s, e];
    return urlSegment(source.src.slice(a, z), source, a, z);
  }
  const dest = destinationRange(node, source, range);
  if (dest) return urlSegment(url, source, dest[0], dest[1]);
  const at = source.src.slice(s, e).indexOf(url);
  return at >= 0 ? urlSegment(url, source, s + at, s + at + url.length) : undefined;
}
