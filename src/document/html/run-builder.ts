import { SegmentTextBuilder, type OffsetMap } from "../offset-map.js";
import type { TextSink } from "./decode-text.js";
import { SliceMap } from "./slice-map.js";

/**
 * A SegmentTextBuilder that stays two numbers while the text is one untouched run of the
 * raw file (most paragraphs, attribute values and scripts), and only builds the piece
 * table when an entity, a `<br>` or a skipped tag breaks the run. Saves most of the
 * allocation on large pages.
 */
export class RunBuilder implements TextSink {
  private b: SegmentTextBuilder | undefined;
  private runStart = -1;
  private runEnd = -1;
  private run = "";

  get length(): number {
    return this.b ? this.b.length : this.run.length;
  }

  verbatim(str: string, rawStart: number): void {
    if (!str) return;
    if (this.b) {
      this.b.verbatim(str, rawStart);
    } else if (this.runStart < 0) {
      this.runStart = rawStart;
      this.runEnd = rawStart + str.length;
      this.run = str;
    } else if (rawStart === this.runEnd) {
      this.run += str;
      this.runEnd += str.length;
    } else {
      this.pieces().verbatim(str, rawStart);
    }
  }

  replaced(str: string, rawStart: number, rawEnd: number): void {
    if (str) this.pieces().replaced(str, rawStart, rawEnd);
  }

  synthetic(str: string, rawAt: number): void {
    if (str) this.pieces().synthetic(str, rawAt);
  }

  build(): { text: string; map: OffsetMap } {
    if (this.b) return this.b.build();
    return { text: this.run, map: new SliceMap(Math.max(this.runStart, 0), this.run.length) };
  }

  private pieces(): SegmentTextBuilder {
    if (!this.b) {
      this.b = new SegmentTextBuilder();
      if (this.run) this.b.verbatim(this.run, this.runStart);
    }
    return this.b;
  }
}
