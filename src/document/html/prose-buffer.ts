/**
 * The text of one block of prose (a paragraph, list item, table cell…), with the ranges
 * that were inline `<code>` so a finding can say "inline code" while rules still read the
 * whole sentence ("the password is <code>abc</code>").
 */
import type { Segment } from "../../types.js";
import type { TextSink } from "./decode-text.js";
import { RunBuilder } from "./run-builder.js";

export class ProseBuffer implements TextSink {
  private b = new RunBuilder();
  private blank = true;
  private inline: Array<[number, number]> = [];
  private inlineDepth = 0;
  private inlineStart = 0;

  get length(): number {
    return this.b.length;
  }

  verbatim(str: string, rawStart: number): void {
    if (this.blank && /\S/.test(str)) this.blank = false;
    this.b.verbatim(str, rawStart);
  }

  replaced(str: string, rawStart: number, rawEnd: number): void {
    if (this.blank && /\S/.test(str)) this.blank = false;
    this.b.replaced(str, rawStart, rawEnd);
  }

  /** `<br>`: a line break the raw file does not contain. */
  br(rawAt: number): void {
    this.b.synthetic("\n", rawAt);
  }

  openInline(): void {
    if (this.inlineDepth++ === 0) this.inlineStart = this.b.length;
  }

  closeInline(): void {
    if (this.inlineDepth === 0) return;
    if (--this.inlineDepth === 0 && this.b.length > this.inlineStart) {
      this.inline.push([this.inlineStart, this.b.length]);
    }
  }

  /** The block so far as a segment (undefined when blank); the buffer starts over. */
  take(): Segment | undefined {
    const b = this.b;
    if (b.length === 0) return undefined;
    if (this.inlineDepth > 0 && b.length > this.inlineStart) this.inline.push([this.inlineStart, b.length]);
    const inline = this.inline;
    const blank = this.blank;
    this.b = new RunBuilder();
    this.blank = true;
    this.inline = [];
    this.inlineStart = 0;
    if (blank) return undefined;
    const { text, map } = b.build();
    const seg: Segment = { kind: "prose", text, map };
    if (inline.length > 0) seg.inlineCode = inline;
    return seg;
  }
}
