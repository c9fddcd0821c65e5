/**
 * Maps offsets in a segment's decoded text back to offsets in the raw file string.
 *
 * A segment is built from pieces: text copied verbatim from the raw file, text that
 * stands for a raw range as a unit (an HTML entity, a markdown escape), and synthetic
 * text with no source (a newline for `<br>`). Lookups are a binary search over pieces,
 * so a 50 MB page costs a few arrays, not one number per character.
 */

const VERBATIM = 0;
const REPLACED = 1;
const SYNTHETIC = 2;

/** Text offsets -> raw offsets. Half-open ranges throughout. */
export interface OffsetMap {
  /** Raw offset where the character at text offset `t` starts. */
  toRaw(t: number): number;
  /** Raw offset just past the character before text offset `end`. */
  rawEndOf(end: number): number;
  /** Half-open text range -> half-open raw range. */
  rangeToRaw(start: number, end: number): [number, number];
  readonly length: number;
}

export class PieceMap implements OffsetMap {
  /** @internal */
  constructor(
    private readonly textStart: Int32Array,
    private readonly rawStart: Int32Array,
    private readonly rawEnd: Int32Array,
    private readonly kind: Uint8Array,
    private readonly textLength: number,
  ) {}

  /** Index of the piece that holds text offset `t` (0 <= t < length). */
  private piece(t: number): number {
    let lo = 0;
    let hi = this.textStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.textStart[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Raw offset where the character at text offset `t` starts. */
  toRaw(t: number): number {
    if (this.textStart.length === 0) return 0;
    if (t >= this.textLength) return this.rawEndOf(this.textLength);
    const i = this.piece(Math.max(0, t));
    return this.kind[i] === VERBATIM ? this.rawStart[i]! + (t - this.textStart[i]!) : this.rawStart[i]!;
  }

  /** Raw offset just past the character before text offset `end` (exclusive end). */
  rawEndOf(end: number): number {
    if (this.textStart.length === 0 || end <= 0) return this.textStart.length ? this.rawStart[0]! : 0;
    const i = this.piece(Math.min(end, this.textLength) - 1);
    if (this.kind[i] === VERBATIM) return this.rawStart[i]! + (Math.min(end, this.textLength) - this.textStart[i]!);
    return this.rawEnd[i]!;
  }

  /** Half-open text range -> half-open raw range. */
  rangeToRaw(start: number, end: number): [number, number] {
    const s = this.toRaw(start);
    return [s, Math.max(s, this.rawEndOf(end))];
  }

  get length(): number {
    return this.textLength;
  }
}

/** Accumulates a segment's text and its offset map, piece by piece. */
export class SegmentTextBuilder {
  private readonly parts: string[] = [];
  private ts: number[] = [];
  private rs: number[] = [];
  private re: number[] = [];
  private ks: number[] = [];
  private len = 0;

  get length(): number {
    return this.len;
  }

  /** The last character appended, or "" when empty. */
  lastChar(): string {
    const last = this.parts[this.parts.length - 1];
    return last ? last[last.length - 1]! : "";
  }

  /** `str` is exactly raw[rawStart, rawStart + str.length). */
  verbatim(str: string, rawStart: number): this {
    if (!str) return this;
    const n = this.ks.length - 1;
    // Extend the previous piece when it continues both in text and in raw.
    if (n >= 0 && this.ks[n] === VERBATIM && this.re[n] === rawStart) {
      this.re[n] = rawStart + str.length;
    } else {
      this.push(str.length, rawStart, rawStart + str.length, VERBATIM);
    }
    this.parts.push(str);
    this.len += str.length;
    return this;
  }

  /** `str` stands for raw[rawStart, rawEnd) as a unit (an entity, an escape sequence). */
  replaced(str: string, rawStart: number, rawEnd: number): this {
    if (!str) return this;
    this.push(str.length, rawStart, rawEnd, REPLACED);
    this.parts.push(str);
    this.len += str.length;
    return this;
  }

  /** `str` has no source of its own; it maps to the zero-width raw point `rawAt`. */
  synthetic(str: string, rawAt: number): this {
    if (!str) return this;
    this.push(str.length, rawAt, rawAt, SYNTHETIC);
    this.parts.push(str);
    this.len += str.length;
    return this;
  }

  private push(_len: number, rawStart: number, rawEnd: number, kind: number): void {
    this.ts.push(this.len);
    this.rs.push(rawStart);
    this.re.push(rawEnd);
    this.ks.push(kind);
  }

  build(): { text: string; map: OffsetMap } {
    const text = this.parts.join("");
    const map = new PieceMap(
      Int32Array.from(this.ts),
      Int32Array.from(this.rs),
      Int32Array.from(this.re),
      Uint8Array.from(this.ks),
      this.len,
    );
    return { text, map };
  }
}

/** A map for text that is a verbatim slice of the raw file starting at `rawStart`. */
export function verbatimMap(text: string, rawStart: number): OffsetMap {
  return new SegmentTextBuilder().verbatim(text, rawStart).build().map;
}

/**
 * Chains two maps: `inner` maps a segment into an intermediate string (e.g. the value
 * of a markdown `html` node), `outer` maps that string into the raw file.
 */
export class ComposedMap implements OffsetMap {
  constructor(
    private readonly inner: OffsetMap,
    private readonly outer: OffsetMap,
  ) {}
  toRaw(t: number): number {
    return this.outer.toRaw(this.inner.toRaw(t));
  }
  rawEndOf(end: number): number {
    return this.outer.rawEndOf(this.inner.rawEndOf(end));
  }
  rangeToRaw(start: number, end: number): [number, number] {
    const s = this.toRaw(start);
    return [s, Math.max(s, this.rawEndOf(end))];
  }
  get length(): number {
    return this.inner.length;
  }
}

/** Shifts every offset by `delta` (a verbatim sub-string of the raw file). */
export function shiftedMap(map: OffsetMap, delta: number): OffsetMap {
  if (delta === 0) return map;
  return {
    toRaw: (t) => map.toRaw(t) + delta,
    rawEndOf: (e) => map.rawEndOf(e) + delta,
    rangeToRaw: (s, e) => {
      const [a, b] = map.rangeToRaw(s, e);
      return [a + delta, b + delta];
    },
    length: map.length,
  };
}
