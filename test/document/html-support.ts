/** Shared checks for the HTML extractor tests. */
import { LineIndex } from "../../src/document/line-index.js";
import type { Segment } from "../../src/types.js";

/**
 * Every character of a segment must sit where the raw page has it: the same character,
 * or a character reference (`&…`) it was decoded from, a no-break space read as a space,
 * or a line break standing for a tag (`<br>`, a line `<div>`) or a `\r`. Offsets never
 * go backwards inside a segment.
 */
export function mappingProblems(raw: string, seg: Segment): string[] {
  const problems: string[] = [];
  let prev = -1;
  for (let i = 0; i < seg.text.length && problems.length < 5; i++) {
    const r = seg.map.toRaw(i);
    const t = seg.text[i]!;
    const c = raw[r];
    if (r < prev) problems.push(`${seg.kind} text[${i}] maps to ${r}, before ${prev}`);
    prev = r;
    if (t === c || c === "&" || (t === " " && c === "\u00a0") || (t === "\n" && (c === "<" || c === "\r"))) continue;
    problems.push(`${seg.kind} text[${i}]=${JSON.stringify(t)} maps to raw[${r}]=${JSON.stringify(c)}`);
  }
  return problems;
}

export interface Place {
  line: number;
  column: number;
}

/** Start and end (exclusive) positions of every occurrence of `value` in `seg`. */
export function placesOf(raw: string, seg: Segment, value: string, lines = new LineIndex(raw)): Array<{ start: Place; end: Place }> {
  const out: Array<{ start: Place; end: Place }> = [];
  for (let i = seg.text.indexOf(value); i >= 0; i = seg.text.indexOf(value, i + 1)) {
    const [s, e] = seg.map.rangeToRaw(i, i + value.length);
    const a = lines.position(s);
    const b = lines.position(e);
    out.push({ start: { line: a.line, column: a.column }, end: { line: b.line, column: b.column } });
  }
  return out;
}

/** True when text[start, end) lies inside one of the segment's inline-code ranges. */
export function inInlineCode(seg: Segment, start: number, end: number): boolean {
  return (seg.inlineCode ?? []).some(([a, b]) => a <= start && end <= b);
}
