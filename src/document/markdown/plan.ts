/**
 * Which parts of a markdown post need the parser.
 *
 * The scan asks for segments only because a rule's keyword is somewhere in the post, and a
 * rule runs only over segments that hold one of its keywords (src/detect/detect.ts). So
 * the post is cut into top-level blocks (./chunks.ts: each parses the same alone as in the
 * whole document) and only the blocks that may hold a keyword are parsed. A block that is
 * one fenced code block, the usual home of a pasted key, is read without the parser at
 * all: a post whose keywords all sit in such blocks never loads remark (src/document/index.ts).
 */
import type { Segment } from "../../types.js";
import { quickText } from "../quick-text.js";
import { blockStarts, mayHoldDefinitions, pieceStarts } from "./chunks.js";
import { codeSegment } from "./code.js";
import { defuseEmphasis } from "./defuse.js";
import { type MdNode, Source } from "./source.js";

/** A part of the post to read: src[start, end), and its code node when it is one fenced code block. */
export interface PlannedPiece {
  start: number;
  end: number;
  node?: MdNode;
}

/** What the parser must read of a post: `src` is the text it sees (./defuse.ts), pieces in document order. */
export interface MarkdownPlan {
  src: string;
  pieces: PlannedPiece[];
}

/**
 * Whether text may hold what a rule looks for, judged on raw text: markdown shows less than
 * its source (escapes, entities, tags, emphasis markers), so when any of those characters
 * is there the piece is also judged as it may read once they are gone.
 */
export type Relevance = (text: string) => boolean;

const MARKUP = /[\\&<*_~`]/;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

function mayBeRelevant(piece: string, relevant: Relevance): boolean {
  if (relevant(piece)) return true;
  if (!MARKUP.test(piece)) return false;
  const shown = quickText(piece).replace(ESCAPE, "$1").replace(/[*~`]/g, "");
  return relevant(shown) || relevant(shown.replace(/_/g, ""));
}

/**
 * The pieces of `raw` that may hold something `relevant`, cut one top-level block each (or
 * as a long post must be cut, when the post has reference definitions, which resolve only
 * within a piece, or HTML blocks that only the parser can delimit: ./chunks.ts).
 */
export function planMarkdown(raw: string, relevant: Relevance): MarkdownPlan {
  const src = defuseEmphasis(raw);
  const blocks = mayHoldDefinitions(src) ? undefined : blockStarts(src);
  const starts = blocks ?? pieceStarts(src);
  const pieces: PlannedPiece[] = [];
  let run = 0; // blocks in the last piece, when it is to be parsed
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = starts[k + 1] ?? src.length;
    if (!mayBeRelevant(raw.slice(start, end), relevant)) continue;
    const node = fencedCode(src, start, end);
    const last = pieces[pieces.length - 1];
    if (node) {
      pieces.push({ start, end, node });
      run = 0;
    } else if (blocks && last && !last.node && last.end === start && run < MAX_RUN) {
      // Next to the last one: parsed with it (one parse call, not one per block).
      last.end = end;
      run++;
    } else {
      pieces.push({ start, end });
      run = 1;
    }
  }
  return { src, pieces };
}

/** Neighbouring blocks parsed in one call, at most this many (./chunks.ts: long runs parse in quadratic time). */
const MAX_RUN = 256;

/** Segments of a plan whose pieces are all fenced code blocks: what the parser would give. */
export function plannedCodeSegments(raw: string, plan: MarkdownPlan): Segment[] {
  const source = new Source(raw, plan.src);
  const out: Segment[] = [];
  for (const piece of plan.pieces) {
    const seg = piece.node && codeSegment(piece.node, source);
    if (seg) out.push(seg);
  }
  return out;
}

const OPENING = /^(`{3,}|~{3,})([^\r\n]*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The mdast `code` node of src[start, end) when that is one fenced code block, its fence in
 * column 0, closed, with nothing but blank lines around it; undefined for anything else (the
 * parser reads it). What remark gives for such a block: the lines between the fences
 * verbatim, and the info string's first word as `lang`. Info strings with escapes or
 * entities, and NUL characters (which remark replaces), are left to the parser.
 */
export function fencedCode(src: string, start: number, end: number): MdNode | undefined {
  const lines: Array<[number, number]> = []; // [line start, line end without its ending]
  for (let ls = start; ls < end; ) {
    let le = ls;
    while (le < end && src[le] !== "\n" && src[le] !== "\r") le++;
    lines.push([ls, le]);
    ls = src[le] === "\r" && src[le + 1] === "\n" ? le + 2 : le + 1;
  }
  const blank = (k: number) => !/[^ \t]/.test(src.slice(lines[k]![0], lines[k]![1]));
  let first = 0;
  while (first < lines.length && blank(first)) first++;
  if (first === lines.length) return undefined;
  const opening = OPENING.exec(src.slice(lines[first]![0], lines[first]![1]));
  if (!opening) return undefined;
  const [, fence, info] = opening as unknown as [string, string, string];
  if ((fence[0] === "`" && info.includes("`")) || /[\\&\0]/.test(info)) return undefined;
  let close = first + 1;
  for (; close < lines.length; close++) {
    const m = CLOSING.exec(src.slice(lines[close]![0], lines[close]![1]));
    if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) break;
  }
  if (close >= lines.length) return undefined;
  for (let k = close + 1; k < lines.length; k++) if (!blank(k)) return undefined;
  const value = close === first + 1 ? "" : src.slice(lines[first + 1]![0], lines[close - 1]![1]);
  if (value.includes("\0")) return undefined;
  const lang = info.trim().split(/[ \t]/)[0] || undefined;
  return {
    type: "code",
    value,
    ...(lang ? { lang } : {}),
    position: { start: { offset: lines[first]![0] }, end: { offset: lines[close]![1] } },
  };
}
