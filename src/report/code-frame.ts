/**
 * A few raw lines around a finding, with every known secret in view replaced by its
 * mask, so a frame never shows what the finding line itself hides. Built while the file
 * is in memory (reporters run after the file is gone) and cut to a fixed width, so a
 * 50 MB one-line minified page yields a 120-character frame, not a 50 MB string.
 */
import { detached } from "../detach.js";
import type { LineIndex } from "../document/line-index.js";
import type { Position } from "../types.js";

export interface CodeFrameRow {
  /** 1-based line number of the row's first character. */
  line: number;
  /** Display text: masked, cut to the frame width, control characters made visible. */
  text: string;
}

export interface CodeFrame {
  rows: CodeFrameRow[];
  /** Index into `rows` of the row holding the secret. */
  caretRow: number;
  /** 0-based index into that row's text where the (masked) secret starts. */
  caretColumn: number;
  /** How many characters to underline. */
  caretWidth: number;
}

/** A raw range shown as other text (a masked secret). Half-open raw offsets. */
export interface HiddenRange {
  start: number;
  end: number;
  text: string;
}

export interface CodeFrameOptions {
  /** Lines shown before and after the secret. Default 1. */
  context?: number;
  /** Maximum row width in characters. Default 120. */
  width?: number;
}

type Piece = { raw: [number, number] } | { text: string; target: boolean };

const pieceLength = (p: Piece): number => ("raw" in p ? p.raw[1] - p.raw[0] : p.text.length);

/**
 * C0/C1 controls (an ANSI escape in a post would restyle the terminal) and bidi
 * overrides ("Trojan Source") are shown as U+FFFD; one character each, so carets stay put.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitizeForTerminal(s: string): string {
  return s.replace(UNSAFE, "\uFFFD");
}

function lineEnd(raw: string, lines: LineIndex, line: number): number {
  if (line >= lines.lineCount) return raw.length;
  const next = lines.lineStart(line + 1);
  return raw.charCodeAt(next - 1) === 10 && raw.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
}

/** Sorted, non-overlapping copy of `hidden` (an overlap keeps the first range's text). */
function normalize(hidden: readonly HiddenRange[]): HiddenRange[] {
  const sorted = [...hidden].filter((h) => h.end > h.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: HiddenRange[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else out.push({ ...h });
  }
  return out;
}

/**
 * Frame the secret at `target` in `raw`. Ranges in `hidden` (usually every part of every
 * finding in the file, masked) replace their raw text; a range that spans lines folds
 * them into one row numbered by its first line.
 */
export function codeFrame(raw: string, lines: LineIndex, target: { start: Position; end: Position }, hidden: readonly HiddenRange[], opts: CodeFrameOptions = {}): CodeFrame {
  const context = opts.context ?? 1;
  const width = Math.max(20, opts.width ?? 120);
  const ranges = normalize(hidden);
  const first = Math.max(1, target.start.line - context);
  const last = Math.min(lines.lineCount, target.end.line + context);

  const rows: Array<{ line: number; pieces: Piece[] }> = [];
  let caretRow = -1;
  let caretColumn = 0;
  let caretWidth = 1;
  let r = 0;
  for (let line = first; line <= last; ) {
    const pieces: Piece[] = [];
    let p = lines.lineStart(line);
    let endLine = line;
    let display = 0;
    const row = rows.length;
    for (;;) {
      const le = lineEnd(raw, lines, endLine);
      while (r < ranges.length && ranges[r]!.end <= p) r++;
      const h = ranges[r];
      // Where the target is not hidden (--show-secrets), find it inside a raw piece.
      const noteRaw = (a: number, b: number) => {
        if (caretRow < 0 && target.start.offset >= a && target.start.offset < Math.max(b, a + 1)) {
          caretRow = row;
          caretColumn = display + (target.start.offset - a);
          caretWidth = Math.max(1, Math.min(target.end.offset, b) - target.start.offset);
        }
      };
      if (!h || h.start >= le) {
        noteRaw(p, le);
        pieces.push({ raw: [p, le] });
        display += le - p;
        break;
      }
      if (h.start > p) {
        noteRaw(p, h.start);
        pieces.push({ raw: [p, h.start] });
        display += h.start - p;
      }
      const isTarget = h.start <= target.start.offset && target.start.offset < h.end;
      if (isTarget && caretRow < 0) {
        caretRow = row;
        caretColumn = display;
        caretWidth = Math.max(1, h.text.length);
      }
      pieces.push({ text: h.text, target: isTarget });
      display += h.text.length;
      p = h.end;
      r++;
      const endPos = lines.position(Math.min(p, raw.length));
      if (endPos.line > endLine) endLine = endPos.line;
    }
    rows.push({ line, pieces });
    line = endLine + 1;
  }
  if (caretRow < 0) caretRow = Math.max(0, rows.findIndex((row) => row.line >= target.start.line));

  // One horizontal window for all rows, chosen so the secret is in view.
  const caretLength = rows[caretRow]?.pieces.reduce((n, p) => n + pieceLength(p), 0) ?? 0;
  let from = 0;
  if (caretLength > width) {
    from = Math.max(0, Math.min(caretColumn - 40, caretLength - width));
  }
  const to = from + width;
  const out: CodeFrameRow[] = rows.map((row) => {
    let text = "";
    let at = 0;
    let length = 0;
    for (const piece of row.pieces) {
      const n = pieceLength(piece);
      const s = Math.max(at, from);
      const e = Math.min(at + n, to);
      if (s < e) text += "raw" in piece ? raw.slice(piece.raw[0] + (s - at), piece.raw[0] + (e - at)) : piece.text.slice(s - at, e - at);
      at += n;
      length = at;
    }
    text = sanitizeForTerminal(text);
    if (from > 0 && length > from) text = `…${text}`;
    if (length > to) text = `${text}…`;
    // A row outlives its file in the report: a copy, not a view into the file (src/detach.ts).
    return { line: row.line, text: detached(text) };
  });
  const shift = from > 0 ? 1 - from : 0;
  return {
    rows: out,
    caretRow,
    caretColumn: Math.max(0, caretColumn + shift),
    caretWidth: Math.max(1, Math.min(caretWidth, to - caretColumn)),
  };
}
