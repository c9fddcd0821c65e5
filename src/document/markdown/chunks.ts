/**
 * Splits a long markdown document into pieces that parse independently.
 *
 * micromark closes each blockquote and list by walking back over the document's events so
 * far, so a document of many separate quotes or lists parses in quadratic time (2,500
 * `> q` blocks: 7 s; 10,000: 90 s). A blank line followed by a line that starts in column 0
 * always begins a new top-level block, unless a fenced code block or an HTML block that
 * spans blank lines (`<pre>`, `<!--`) is open, so the document can be cut there and each
 * piece parsed on its own. What is lost: a `[text][ref]` in one piece does not resolve a
 * definition in another (its text is still read as prose, the definition's URL as a URL).
 */

/** Top-level blocks per piece: enough for any ordinary post to stay one piece. */
const BLOCKS_PER_PIECE = 256;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

// HTML blocks that run until an end marker, blank lines included (CommonMark 4.6, kinds 1-5).
const HTML_BLOCKS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Start offsets of the pieces of `src` (always begins with 0). */
export function pieceStarts(src: string): number[] {
  const starts = [0];
  let blocks = 0;
  let fence = ""; // the open fence's marker run, or ""
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  let ls = 0;
  while (ls < src.length) {
    let le = ls;
    while (le < src.length && src[le] !== "\n" && src[le] !== "\r") le++;
    const next = src[le] === "\r" && src[le + 1] === "\n" ? le + 2 : le + 1;
    const line = src.slice(ls, le);
    const blank = !/[^ \t]/.test(line);
    if (fence) {
      const m = FENCE.exec(line);
      const closes = m && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
      if (closes && !/[^ \t]/.test(line.slice(m[0].length))) fence = "";
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (!blank) {
      if (previousBlank && line[0] !== " " && line[0] !== "\t") {
        if (++blocks > BLOCKS_PER_PIECE) {
          starts.push(ls);
          blocks = 1;
        }
      }
      const m = FENCE.exec(line);
      if (m && !(m[1]![0] === "`" && line.slice(m[0].length).includes("`"))) {
        fence = m[1]!;
      } else {
        const html = HTML_BLOCKS.find(([open]) => open.test(line));
        if (html && !html[1].test(line.slice(line.indexOf("<") + 2))) htmlEnd = html[1];
      }
    }
    previousBlank = blank;
    ls = next;
  }
  return starts;
}
