/**
 * micromark resolves emphasis with a pass that is quadratic in the number of `*`/`_` runs in
 * a paragraph: 40 KB of `*_*_*_…` takes about a minute, while real posts stay far below a
 * thousand runs per paragraph. Such paragraphs get their `*` and `_` turned into spaces in
 * the copy the parser reads (same length, so offsets hold; segment text is copied from the
 * raw file, so it still shows the original characters). Only emphasis structure is lost.
 */

/** Delimiter runs per paragraph above which emphasis is not worth parsing (≈0.1 s at this size). */
const MAX_RUNS = 2000;

/** `src` with emphasis delimiters blanked in paragraphs that have too many of them. */
export function defuseEmphasis(src: string): string {
  let out: string[] | undefined;
  let last = 0;
  let chunkStart = 0;
  let runs = 0;
  let prev = 0;
  let blank = true; // current line has only whitespace so far
  const close = (end: number): void => {
    if (runs > MAX_RUNS) {
      out ??= [];
      out.push(src.slice(last, chunkStart), src.slice(chunkStart, end).replace(/[*_]/g, " "));
      last = end;
    }
    runs = 0;
  };
  for (let k = 0; k < src.length; k++) {
    const c = src.charCodeAt(k);
    if (c === 10 || c === 13) {
      if (blank) {
        close(k);
        chunkStart = k + 1;
      }
      blank = true;
    } else if (c === 42 || c === 95) {
      if (c !== prev) runs++;
      blank = false;
    } else if (c !== 32 && c !== 9) {
      blank = false;
    }
    prev = c;
  }
  close(src.length);
  if (!out) return src;
  out.push(src.slice(last));
  return out.join("");
}
