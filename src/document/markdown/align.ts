/**
 * Lines a parsed value up with the source it was parsed from.
 *
 * mdast values are not source slices: escapes (`\_`) and character references (`&amp;`) are
 * decoded, blockquote markers and list indentation are dropped from continuation lines, tabs
 * in stripped indentation become spaces, trailing spaces before a line ending go. The two
 * functions here walk value and source side by side and emit builder pieces, so every
 * character of the value lands on the raw character it came from.
 */
import type { SegmentTextBuilder } from "../offset-map.js";
import type { Source } from "./source.js";

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const AMP = 38;
const GT = 62;
const BACKSLASH = 92;
const REPLACEMENT = 0xfffd;

/** How far ahead `alignInto` looks for the value again after an unexplained difference. */
const RESYNC_WINDOW = 256;

// Character references as CommonMark defines them (decimal up to 7 digits, hex up to 6).
const CHAR_REF = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

// Named references seen in posts; other names are sized by looking at what follows.
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  copy: "\u00a9",
  reg: "\u00ae",
  hellip: "\u2026",
  mdash: "\u2014",
  ndash: "\u2013",
};

/** ASCII punctuation: what a CommonMark backslash escape may escape. */
function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isLineEnd(c: number): boolean {
  return c === LF || c === CR;
}

/** Decoded text of a numeric character reference, with CommonMark's replacements for invalid ones. */
function decodeNumeric(ref: string): string {
  const hex = ref[2] === "x" || ref[2] === "X";
  const n = Number.parseInt(ref.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(n);
}

/**
 * Appends `value` to `b`, mapping it onto src[start, end).
 *
 * `atLineStart` says the raw cursor sits where a container prefix (`> `, indentation) may
 * still have to be skipped; `decode` says the value has escapes and character references
 * decoded (inline text, URLs), which code and raw HTML values never have. Unexplained
 * differences resynchronise within a small window, so the cost stays linear and a surprise
 * shifts a few characters rather than the rest of the value.
 */
export function alignInto(
  b: SegmentTextBuilder,
  value: string,
  source: Source,
  start: number,
  end: number,
  { atLineStart = false, decode = true }: { atLineStart?: boolean; decode?: boolean } = {},
): void {
  const src = source.src;
  let i = 0;
  let j = start;
  let run = -1; // raw start of the pending verbatim run
  const flush = (): void => {
    if (run >= 0) source.verbatim(b, run, j);
    run = -1;
  };
  while (i < value.length) {
    if (j >= end) {
      flush();
      b.synthetic(value.slice(i), end);
      return;
    }
    const c = value.charCodeAt(i);
    const r = src.charCodeAt(j);
    if (decode && r === BACKSLASH && j + 1 < end && src.charCodeAt(j + 1) === c && isAsciiPunct(c)) {
      flush();
      b.replaced(value[i]!, j, j + 2);
      i++;
      j += 2;
      atLineStart = false;
      continue;
    }
    if (decode && r === AMP) {
      const decoded = decodeRefAt(src, j, end, value, i);
      if (decoded) {
        flush();
        b.replaced(value.slice(i, i + decoded.length), j, j + decoded.rawLength);
        i += decoded.length;
        j += decoded.rawLength;
        atLineStart = false;
        continue;
      }
    }
    if (c === r) {
      if (run < 0) run = j;
      i++;
      j++;
      atLineStart = c === LF || (c === CR && value.charCodeAt(i) !== LF);
      continue;
    }
    flush();
    if (c === LF && r === CR && src.charCodeAt(j + 1) === LF) {
      b.replaced("\n", j, j + 2);
      i++;
      j += 2;
      atLineStart = true;
    } else if (isLineEnd(c) && (r === SPACE || r === TAB)) {
      j++; // trailing whitespace the parser dropped before a line ending
    } else if (c === SPACE && r === TAB) {
      // the columns of a tab that indentation or a container prefix did not use
      let k = i;
      while (k < value.length && k - i < 4 && value.charCodeAt(k) === SPACE) k++;
      b.replaced(value.slice(i, k), j, j + 1);
      i = k;
      j++;
    } else if (atLineStart && (r === SPACE || r === TAB || r === GT)) {
      j++; // container prefix or continuation indentation
    } else if (c === SPACE && isLineEnd(r)) {
      // a line ending inside inline code reads as a space
      const len = r === CR && src.charCodeAt(j + 1) === LF ? 2 : 1;
      b.replaced(" ", j, j + len);
      i++;
      j += len;
      atLineStart = true;
    } else if (c === REPLACEMENT && r === 0) {
      b.replaced("\ufffd", j, j + 1); // NUL is read as U+FFFD
      i++;
      j++;
    } else {
      const probe = value.slice(i, i + 8);
      const at = src.slice(j, Math.min(end, j + RESYNC_WINDOW)).indexOf(probe);
      if (at > 0) {
        j += at;
      } else {
        b.synthetic(value[i]!, j);
        i++;
      }
    }
  }
  flush();
}

/** A character reference at src[j] that the value shows decoded, or undefined. */
function decodeRefAt(
  src: string,
  j: number,
  end: number,
  value: string,
  i: number,
): { length: number; rawLength: number } | undefined {
  CHAR_REF.lastIndex = j;
  const m = CHAR_REF.exec(src);
  if (!m || j + m[0].length > end) return undefined;
  const ref = m[0];
  // Left as written: an unknown name, or a context that does not decode (GFM bare URLs).
  if (value.startsWith(ref, i)) return undefined;
  const known = ref[1] === "#" ? decodeNumeric(ref) : NAMED[ref.slice(1, -1)];
  if (known !== undefined) {
    return value.startsWith(known, i) ? { length: known.length, rawLength: ref.length } : undefined;
  }
  // An unlisted name decodes to one or two code units; pick the one after which value and source agree again.
  const next = src.charCodeAt(j + ref.length);
  const length = i + 1 < value.length && value.charCodeAt(i + 1) !== next && value.charCodeAt(i + 2) === next ? 2 : 1;
  return { length, rawLength: ref.length };
}

/** Index of the next `\n` or `\r` in src at or after `from`, or `end`. */
function lineEndIn(src: string, from: number, end: number): number {
  for (let k = from; k < end; k++) {
    const c = src.charCodeAt(k);
    if (c === LF || c === CR) return k;
  }
  return end;
}

/**
 * Appends a block value whose lines correspond one to one to the lines of src[start, end)
 * (code, raw HTML, MDX ESM and expressions). Each value line is what is left of its source
 * line after the parser took the container prefix, so it is matched from the line's end.
 */
export function mapLines(b: SegmentTextBuilder, value: string, source: Source, start: number, end: number): void {
  const src = source.src;
  let i = 0;
  let j = start;
  while (i <= value.length) {
    const ve = lineEndIn(value, i, value.length);
    const re = lineEndIn(src, j, end);
    if (j >= end && (ve > i || i < value.length)) {
      b.synthetic(value.slice(i), end); // more value than source: should not happen
      return;
    }
    mapLine(b, value.slice(i, ve), source, j, re);
    if (ve >= value.length) return;
    const vEol = value.charCodeAt(ve) === CR && value.charCodeAt(ve + 1) === LF ? 2 : 1;
    const rEol = re < end ? (src.charCodeAt(re) === CR && src.charCodeAt(re + 1) === LF ? 2 : 1) : 0;
    const eol = value.slice(ve, ve + vEol);
    if (rEol === 0) b.synthetic(eol, end);
    else if (src.slice(re, re + rEol) === eol) source.verbatim(b, re, re + rEol);
    else b.replaced(eol, re, re + rEol);
    i = ve + vEol;
    j = re + rEol;
  }
}

/** Value and source agree on this pair: equal, or NUL that the parser read as U+FFFD. */
function same(v: number, r: number): boolean {
  return v === r || (v === REPLACEMENT && r === 0);
}

/** `text` agrees with src from `at` (see `same`): verbatim runs, NULs as replaced pieces. */
function appendSame(b: SegmentTextBuilder, text: string, source: Source, at: number): void {
  let run = 0;
  for (let k = text.indexOf("\ufffd"); k >= 0; k = text.indexOf("\ufffd", k + 1)) {
    if (source.src.charCodeAt(at + k) !== 0) continue;
    source.verbatim(b, at + run, at + k);
    b.replaced("\ufffd", at + k, at + k + 1);
    run = k + 1;
  }
  source.verbatim(b, at + run, at + text.length);
}

/** One value line onto the raw line src[ls, le). */
function mapLine(b: SegmentTextBuilder, line: string, source: Source, ls: number, le: number): void {
  if (!line) return;
  const src = source.src;
  const n = line.length;
  if (n <= le - ls && src.startsWith(line, le - n)) {
    source.verbatim(b, le - n, le);
    return;
  }
  let k = 0; // common suffix length
  while (k < n && k < le - ls && same(line.charCodeAt(n - 1 - k), src.charCodeAt(le - 1 - k))) k++;
  const rest = line.slice(0, n - k);
  const p = le - k;
  if (/^ *$/.test(rest)) {
    // Columns of a tab that the container prefix cut in half come out as spaces.
    if (rest && p > ls && src.charCodeAt(p - 1) === TAB) b.replaced(rest, p - 1, p);
    else b.synthetic(rest, p);
    appendSame(b, line.slice(n - k), source, p);
    return;
  }
  alignInto(b, line, source, ls, le, { atLineStart: true, decode: false });
}
