import type { Position } from "../types.js";

/**
 * Turns raw-file offsets into positions. Lines and columns start at 1; columns count
 * UTF-16 code units (SARIF's default `columnKind`). `\r\n`, `\n` and a lone `\r` end a line.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(raw: string) {
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (raw.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1, offset };
  }

  /** Offset where 1-based `line` starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
