/**
 * The loose shape of the mdast nodes this extractor reads, and the source text they point into.
 *
 * Nodes are typed loosely on purpose: remark plugins add node types (`yaml`, `mdxJsxFlowElement`)
 * through module augmentation, and a node may lack a position (plugins, broken input); every
 * reader goes through `rangeOf`, which says "skip" instead of crashing.
 */
import type { SegmentTextBuilder } from "../offset-map.js";

export interface MdNode {
  type: string;
  position?: { start?: { offset?: number }; end?: { offset?: number } };
  children?: MdNode[];
  value?: unknown;
  url?: unknown;
  lang?: unknown;
  name?: unknown;
  attributes?: MdNode[];
}

/**
 * `raw` is the file every offset refers to; `src` is what the parser saw. They have the same
 * length and differ only where MDX preparation rewrote `<!--`/`-->` in place, so matching is
 * done against `src` and verbatim text is copied from `raw`.
 */
export class Source {
  constructor(
    readonly raw: string,
    readonly src: string = raw,
  ) {}

  /** Half-open offsets of a node, or undefined when it has no usable position. */
  rangeOf(node: MdNode | undefined): [number, number] | undefined {
    const s = node?.position?.start?.offset;
    const e = node?.position?.end?.offset;
    if (typeof s !== "number" || typeof e !== "number") return undefined;
    if (!(s >= 0 && s <= e && e <= this.src.length)) return undefined;
    return [s, e];
  }

  /** Appends raw[start, end) verbatim. */
  verbatim(b: SegmentTextBuilder, start: number, end: number): void {
    if (end > start) b.verbatim(this.raw.slice(start, end), start);
  }

  private starts: number[] | undefined;

  /** Offset where the line holding `offset` starts (`\n`, `\r\n` and `\r` end lines). */
  lineStart(offset: number): number {
    const starts = (this.starts ??= lineStarts(this.src));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo]!;
  }
}

/** String value of a node, or "" (values are untyped across plugins). */
export function valueOf(node: MdNode): string {
  return typeof node.value === "string" ? node.value : "";
}

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 13 && src.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** `out.push(...items)` without the argument-count limit (an HTML block can yield 100k segments). */
export function appendAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}
