/**
 * Code blocks (fenced with ``` or ~~~, and indented) as `code` segments.
 */
import type { Segment } from "../../types.js";
import { SegmentTextBuilder } from "../offset-map.js";
import { mapLines } from "./align.js";
import { type MdNode, type Source, valueOf } from "./source.js";

/**
 * The language of a fence's info string: its first word, lower-cased, without highlighter
 * attributes (` ```js {1,3} title="x" `, ` ```{.python} `, ` ```ts{2} `).
 */
export function fenceLang(lang: unknown): string | undefined {
  if (typeof lang !== "string") return undefined;
  const m = /^\{?\.?([^\s{},=]+)/.exec(lang.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * True when the code block at `start` opens with a fence. An indented block's position
 * starts at its four columns of indentation, a fenced one's at most three columns before
 * the fence. (Line counts cannot tell them apart: an indented block's position may run
 * over a trailing whitespace-only line.)
 */
function isFenced(src: string, start: number): boolean {
  let k = start;
  let columns = 0;
  while (columns < 4 && (src[k] === " " || src[k] === "\t")) {
    columns += src[k] === "\t" ? 4 - (columns % 4) : 1;
    k++;
  }
  return columns < 4 && (src.startsWith("```", k) || src.startsWith("~~~", k));
}

/** Index just past the line ending that ends the line holding `offset` (or `end`). */
function nextLineStart(s: string, offset: number, end: number): number {
  for (let k = offset; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) return k + 1;
    if (c === 13) return s.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
  }
  return end;
}

/**
 * A `code` node's value mapped line by line onto the source: value line k is what the
 * parser kept of content line k (the line after the opening fence, or the block's first
 * line when it is indented). An unterminated fence simply runs to the end of the node.
 */
export function codeSegment(node: MdNode, source: Source): Segment | undefined {
  const range = source.rangeOf(node);
  const value = valueOf(node);
  if (!range || !value) return undefined;
  const fenced = isFenced(source.src, range[0]);
  const start = fenced ? nextLineStart(source.src, range[0], range[1]) : source.lineStart(range[0]);
  const b = new SegmentTextBuilder();
  mapLines(b, value, source, start, range[1]);
  const { text, map } = b.build();
  const lang = fenced ? fenceLang(node.lang) : undefined;
  return lang ? { kind: "code", text, lang, map } : { kind: "code", text, map };
}
