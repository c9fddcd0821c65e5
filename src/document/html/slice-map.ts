import type { OffsetMap } from "../offset-map.js";

/**
 * The map of text that is one untouched slice of the raw file (most attribute values,
 * script bodies, comments): two numbers instead of a piece table.
 */
export class SliceMap implements OffsetMap {
  constructor(
    private readonly rawStart: number,
    readonly length: number,
  ) {}

  toRaw(t: number): number {
    return this.rawStart + Math.min(Math.max(t, 0), this.length);
  }

  rawEndOf(end: number): number {
    return this.rawStart + Math.min(Math.max(end, 0), this.length);
  }

  rangeToRaw(start: number, end: number): [number, number] {
    const s = this.toRaw(start);
    return [s, Math.max(s, this.rawEndOf(end))];
  }
}
