/**
 * Rebuilds the text of a highlighted code block the way the browser shows it, so that
 * the code reads as the author typed it while each character still maps to its raw
 * offset. Highlighters end lines in three ways, often mixed:
 *
 *  - a newline inside the markup (Chroma `<span class="line">…\n</span>`, hljs, Prism);
 *  - `<br>` (Medium, Hexo `<span class="line">…</span><br>`);
 *  - one block per line with no newline at all (SyntaxHighlighter `div.line`,
 *    `hljs-ln` table rows, `<li>` in CSDN's `ol.hljs-ln`, WeChat's `<code>` per line).
 *
 * A line wrapper therefore only *owes* a line break (`pending`); the break is written
 * when the next content arrives, and dropped when that content is a newline. A `<br>`
 * right after an inline wrapper (`span.line`) pays the break it owes; after a block it
 * starts an empty line, as CSS renders it. No combination doubles or loses a line.
 */
import type { OffsetMap } from "../offset-map.js";
import type { TextSink } from "./decode-text.js";
import { RunBuilder } from "./run-builder.js";

const VERBATIM = 0;
const REPLACED = 1;
const SYNTHETIC = 2;
const NL = 10;
const SPACE = 32;

export class CodeAssembler implements TextSink {
  private readonly strs: string[] = [];
  private readonly starts: number[] = [];
  private readonly rawStarts: number[] = [];
  private readonly rawEnds: number[] = [];
  private readonly kinds: number[] = [];
  private len = 0;
  private last = -1;
  /** Raw point of a line break owed before the next content, or -1. */
  private pendingAt = -1;
  /** The owed break is the end of an inline line wrapper, which a `<br>` right after pays. */
  private pendingSoft = false;
  /** `len` when an empty block line left the pending break (nested empty blocks count once). */
  private pendingLen = -1;
  /** Drop one leading space of the next text: the separator after a removed line number. */
  private eatSpace = false;

  get length(): number {
    return this.len;
  }

  verbatim(str: string, rawStart: number): void {
    this.add(str, rawStart, rawStart + str.length, VERBATIM);
  }

  replaced(str: string, rawStart: number, rawEnd: number): void {
    this.add(str, rawStart, rawEnd, REPLACED);
  }

  /** `<br>`: a line break now. */
  br(rawAt: number): void {
    if (this.pendingAt >= 0 && this.pendingSoft) this.pendingAt = -1;
    else this.flushPending();
    this.eatSpace = false;
    this.push("\n", rawAt, rawAt, SYNTHETIC);
  }

  /** A line wrapper or block starts: it begins on a fresh line. */
  lineOpen(rawAt: number): void {
    if (this.len > 0 && this.last !== NL && this.pendingAt < 0) this.owe(rawAt, false);
  }

  /**
   * A line wrapper that opened when `length` was `mark` ends at `rawAt`. `block` is true
   * for block boxes (`div.line`, `li`, `tr`), false for inline ones (`span.line`).
   */
  lineClose(rawAt: number, mark: number, block: boolean): void {
    if (this.len === mark) {
      // An empty inline wrapper renders nothing; an empty block line is still a line
      // (SyntaxHighlighter rows), once however deeply it is nested.
      if (!block || (this.pendingAt >= 0 && this.pendingLen === this.len)) return;
      this.flushPending();
      this.owe(rawAt, false);
      this.pendingLen = this.len;
      return;
    }
    if (this.last !== NL && this.pendingAt < 0) this.owe(rawAt, !block);
  }

  /** Start of an element that may turn out to be a line number; returns its mark. */
  beginNumber(): number {
    this.flushPending();
    return this.len;
  }

  /**
   * End of that element: when it held only digits at the start of a line, it was a
   * gutter number rendered inline (cnblogs), so it and the space after it go.
   */
  endNumber(mark: number): void {
    if (mark >= this.len) return;
    if (mark > 0 && this.charCodeAt(mark - 1) !== NL) return;
    if (!/^\s*\d+\s*$/.test(this.textFrom(mark))) return;
    this.truncate(mark);
    this.eatSpace = true;
  }

  /** The finished block, or undefined when it holds nothing but whitespace. */
  finish(): { text: string; map: OffsetMap } | undefined {
    const b = new RunBuilder();
    for (let i = 0; i < this.strs.length; i++) {
      const k = this.kinds[i];
      if (k === VERBATIM) b.verbatim(this.strs[i]!, this.rawStarts[i]!);
      else if (k === REPLACED) b.replaced(this.strs[i]!, this.rawStarts[i]!, this.rawEnds[i]!);
      else b.synthetic(this.strs[i]!, this.rawStarts[i]!);
    }
    const built = b.build();
    return /\S/.test(built.text) ? built : undefined;
  }

  private add(str: string, rawStart: number, rawEnd: number, kind: number): void {
    if (!str) return;
    if (this.eatSpace) {
      this.eatSpace = false;
      if (str.charCodeAt(0) === SPACE) {
        if (str.length === 1) return;
        if (kind !== VERBATIM) return this.add(str.slice(1), rawStart, rawEnd, kind);
        str = str.slice(1);
        rawStart++;
      }
    }
    if (this.pendingAt >= 0) {
      if (str.charCodeAt(0) === NL) {
        this.pendingAt = -1;
      } else {
        this.flushPending();
      }
    }
    this.push(str, rawStart, rawEnd, kind);
  }

  private owe(rawAt: number, soft: boolean): void {
    this.pendingAt = rawAt;
    this.pendingSoft = soft;
    this.pendingLen = -1;
  }

  private flushPending(): void {
    if (this.pendingAt < 0) return;
    const at = this.pendingAt;
    this.pendingAt = -1;
    this.push("\n", at, at, SYNTHETIC);
  }

  private push(str: string, rawStart: number, rawEnd: number, kind: number): void {
    const n = this.kinds.length - 1;
    if (kind === VERBATIM && n >= 0 && this.kinds[n] === VERBATIM && this.rawEnds[n] === rawStart) {
      // Adjacent raw text (split only by a tag we skipped): one piece.
      this.strs[n] += str;
      this.rawEnds[n] = rawEnd;
    } else {
      this.strs.push(str);
      this.starts.push(this.len);
      this.rawStarts.push(rawStart);
      this.rawEnds.push(rawEnd);
      this.kinds.push(kind);
    }
    this.len += str.length;
    this.last = str.charCodeAt(str.length - 1);
  }

  /** Index of the piece holding text offset `t`. */
  private pieceAt(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private charCodeAt(t: number): number {
    const p = this.pieceAt(t);
    return this.strs[p]!.charCodeAt(t - this.starts[p]!);
  }

  private textFrom(mark: number): string {
    const p = this.pieceAt(mark);
    let s = this.strs[p]!.slice(mark - this.starts[p]!);
    for (let i = p + 1; i < this.strs.length; i++) s += this.strs[i]!;
    return s;
  }

  /** Drops everything from text offset `mark` on; marks sit on piece or verbatim boundaries. */
  private truncate(mark: number): void {
    while (this.starts.length > 0 && this.starts[this.starts.length - 1]! >= mark) {
      this.strs.pop();
      this.starts.pop();
      this.rawStarts.pop();
      this.rawEnds.pop();
      this.kinds.pop();
    }
    const n = this.strs.length - 1;
    if (n >= 0 && this.starts[n]! + this.strs[n]!.length > mark) {
      const keep = mark - this.starts[n]!;
      this.strs[n] = this.strs[n]!.slice(0, keep);
      if (this.kinds[n] === VERBATIM) this.rawEnds[n] = this.rawStarts[n]! + keep;
    }
    this.len = mark;
    const lastStr = n >= 0 ? this.strs[n]! : "";
    this.last = lastStr ? lastStr.charCodeAt(lastStr.length - 1) : -1;
  }
}
