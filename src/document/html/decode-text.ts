/**
 * Raw HTML text -> the text a reader sees, piece by piece, so every character keeps its
 * raw offset: plain runs stay verbatim, each character reference becomes one `replaced`
 * piece over exactly its raw span.
 */
import { DecodingMode, HtmlEntityDecoder } from "entities/decode";
import type { OffsetMap } from "../offset-map.js";
import { RunBuilder } from "./run-builder.js";

/** Where decoded pieces go (SegmentTextBuilder and CodeAssembler both fit). */
export interface TextSink {
  verbatim(str: string, rawStart: number): unknown;
  replaced(str: string, rawStart: number, rawEnd: number): unknown;
}

/** How character references are read (WHATWG 13.2.5.72: attributes refuse `&amp=`-style legacy forms). */
export const RefMode = {
  none: -1,
  text: DecodingMode.Legacy,
  attribute: DecodingMode.Attribute,
} as const;
export type RefMode = (typeof RefMode)[keyof typeof RefMode];

const NBSP = 0xa0;

/**
 * `raw.indexOf(ch, i)` remembered between calls: callers move forward through the file,
 * so each search resumes where the last one stopped instead of rescanning to the next
 * hit for every short run (which would be quadratic on a page with one late `\r`).
 */
class NextIndex {
  private from = 1;
  private at = 0;
  constructor(
    private readonly raw: string,
    private readonly ch: string,
  ) {}
  find(i: number): number {
    if (i >= this.from && i <= this.at) return this.at;
    this.from = i;
    const k = this.raw.indexOf(this.ch, i);
    this.at = k < 0 ? this.raw.length : k;
    return this.at;
  }
}

/** Decodes ranges of one raw page. */
export class HtmlTextDecoder {
  private readonly amp: NextIndex;
  private readonly cr: NextIndex;
  private readonly nbsp: NextIndex;
  private readonly hasCr: boolean;
  private readonly hasNbsp: boolean;
  private decoded = "";
  private readonly entity = new HtmlEntityDecoder((cp) => {
    this.decoded += String.fromCodePoint(cp);
  });

  constructor(private readonly raw: string) {
    this.amp = new NextIndex(raw, "&");
    this.cr = new NextIndex(raw, "\r");
    this.nbsp = new NextIndex(raw, "\u00a0");
    this.hasCr = raw.includes("\r");
    this.hasNbsp = raw.includes("\u00a0");
  }

  /**
   * Appends raw[start, end) to `sink`: character references decoded (unless `mode` is
   * `none`), `\r\n` and a lone `\r` read as `\n` (HTML input preprocessing), and no-break
   * spaces read as plain spaces, since that is what a reader copies out of a post.
   */
  append(sink: TextSink, start: number, end: number, mode: RefMode): void {
    const raw = this.raw;
    let run = start;
    let amp = mode === RefMode.none ? end : this.amp.find(start);
    let cr = this.hasCr ? this.cr.find(start) : end;
    let nb = this.hasNbsp ? this.nbsp.find(start) : end;
    for (;;) {
      const next = Math.min(amp, cr, nb);
      if (next >= end) break;
      if (next === amp) {
        const consumed = this.reference(amp, mode);
        if (consumed > 0 && amp + consumed <= end) {
          if (amp > run) sink.verbatim(raw.slice(run, amp), run);
          const text = this.decoded.charCodeAt(0) === NBSP ? " " + this.decoded.slice(1) : this.decoded;
          sink.replaced(text, amp, amp + consumed);
          run = amp + consumed;
        }
        amp = this.amp.find(Math.max(run, amp + 1));
        if (cr < run) cr = this.cr.find(run);
        if (nb < run) nb = this.nbsp.find(run);
        continue;
      }
      if (next > run) sink.verbatim(raw.slice(run, next), run);
      if (next === cr) {
        // `\r\n`: keep the `\n` verbatim; a lone `\r` stands for one.
        if (raw.charCodeAt(cr + 1) !== 10) sink.replaced("\n", cr, cr + 1);
        run = cr + 1;
        cr = this.cr.find(run);
      } else {
        sink.replaced(" ", nb, nb + 1);
        run = nb + 1;
        nb = this.nbsp.find(run);
      }
      if (amp < run) amp = this.amp.find(run);
    }
    if (end > run) sink.verbatim(raw.slice(run, end), run);
  }

  /** raw[start, end) decoded as a segment's text and map. */
  segmentText(start: number, end: number, mode: RefMode): { text: string; map: OffsetMap } {
    const b = new RunBuilder();
    this.append(b, start, end, mode);
    return b.build();
  }

  /** Length of the character reference at `amp` (0 when there is none); text in `decoded`. */
  private reference(amp: number, mode: RefMode): number {
    this.decoded = "";
    this.entity.startEntity(mode as DecodingMode);
    let consumed = this.entity.write(this.raw, amp + 1);
    if (consumed < 0) consumed = this.entity.end();
    return this.decoded ? consumed : 0;
  }
}

/** Only HTML whitespace (and no-break spaces) in raw[start, end). */
export function isBlank(raw: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 12 && c !== 0xa0) return false;
  }
  return true;
}
