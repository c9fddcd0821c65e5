/**
 * A paragraph, heading or table cell as one `prose` segment, so a rule reads
 * "password is `abc123`" whole; inline code ranges are recorded on the segment. Things
 * that are not prose (link destinations, inline HTML, MDX expressions and attributes)
 * come out as segments of their own.
 */
import type { Segment } from "../../types.js";
import { SegmentTextBuilder } from "../offset-map.js";
import { alignInto } from "./align.js";
import { breaksLine, htmlNodeSegments } from "./html-node.js";
import { destinationSegment } from "./links.js";
import { attributeSegments, scriptSegment } from "./mdx.js";
import { appendAll, type MdNode, type Source, valueOf } from "./source.js";

function appendText(b: SegmentTextBuilder, value: string, source: Source, s: number, e: number): void {
  if (source.src.slice(s, e) === value) source.verbatim(b, s, e);
  else alignInto(b, value, source, s, e);
}

/**
 * Inline code content: the backtick runs are dropped, and one space (or line ending) on each
 * side when both are there (CommonMark 6.1).
 */
function appendInlineCode(b: SegmentTextBuilder, value: string, source: Source, s: number, e: number): void {
  const src = source.src;
  let a = s;
  let z = e;
  while (a < z && src[a] === "`") a++;
  while (z > a && src[z - 1] === "`") z--;
  const inner = src.slice(a, z);
  if (inner.length > value.length && /^[ \r\n]/.test(inner) && /[ \r\n]$/.test(inner) && inner.trim()) {
    a += inner.startsWith("\r\n") ? 2 : 1;
    z -= inner.endsWith("\r\n") ? 2 : 1;
  }
  appendText(b, value, source, a, z);
}

/** Appends the prose segment of a block with phrasing children, then its side segments, to `out`. */
export function proseSegments(block: MdNode, source: Source, commentStarts: ReadonlySet<number>, out: Segment[]): void {
  const b = new SegmentTextBuilder();
  const inlineCode: Array<[number, number]> = [];
  const side: Segment[] = [];
  const push = (seg: Segment | undefined): void => {
    if (seg) side.push(seg);
  };
  // Iterative pre-order walk: phrasing can nest deeply (`*_*_..._*_*`).
  const stack: MdNode[] = [...(block.children ?? [])].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    const range = source.rangeOf(node);
    switch (node.type) {
      case "text":
        if (range) appendText(b, valueOf(node), source, range[0], range[1]);
        continue;
      case "inlineCode": {
        if (!range) continue;
        const from = b.length;
        appendInlineCode(b, valueOf(node), source, range[0], range[1]);
        if (b.length > from) inlineCode.push([from, b.length]);
        continue;
      }
      case "break":
        if (range) b.replaced("\n", range[0], range[1]);
        continue;
      case "html":
        appendAll(side, htmlNodeSegments(node, source));
        if (range && breaksLine(node)) b.synthetic("\n", range[0]);
        continue;
      case "image":
        push(destinationSegment(node, source));
        continue;
      case "link":
        push(destinationSegment(node, source));
        break;
      case "mdxTextExpression":
        push(scriptSegment(node, source, commentStarts));
        continue;
      case "mdxJsxTextElement":
        appendAll(side, attributeSegments(node, source));
        break;
    }
    const children = node.children;
    if (children) for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
  }
  const { text, map } = b.build();
  if (text.trim()) {
    out.push(inlineCode.length ? { kind: "prose", text, map, inlineCode } : { kind: "prose", text, map });
  }
  appendAll(out, side);
}
