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
 * Front matter is never cut: remark reads it only at the start of the document.
 *
 * The scan also cuts finer (one top-level block per piece) to parse only the pieces that
 * hold a keyword (./plan.ts).
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

const FRONT_MATTER_OPEN = /^(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/;
const FRONT_MATTER_CLOSE = /(?:\r\n|\r|\n)(?:---|\.\.\.|\+\+\+)[ \t]*(?=\r|\n|$)/;

/** Offset of the line after a closed front matter block at the start of `src`, or 0. */
function frontMatterEnd(src: string): number {
  const open = FRONT_MATTER_OPEN.exec(src);
  if (!open) return 0;
  const from = open[0].length - 1; // its line ending
  const close = FRONT_MATTER_CLOSE.exec(src.slice(from));
  if (!close) return 0;
  const end = from + close.index + close[0].length;
  return src[end] === "\r" && src[end + 1] === "\n" ? end + 2 : Math.min(end + 1, src.length);
}

/** Start offsets of the pieces of `src` (always begins with 0), up to 256 top-level blocks each. */
export function pieceStarts(src: string): number[] {
  return cut(src, BLOCKS_PER_PIECE, false)!;
}

/**
 * Start offsets of `src`'s top-level blocks that follow a blank line (always begins with
 * 0), or undefined when `src` has an HTML block that ends at a blank line (`<div>`, a tag
 * alone on its line, CommonMark kinds 6 and 7): a fence-like line inside one opens no fence,
 * and telling those blocks from paragraphs needs the parser.
 */
export function blockStarts(src: string): number[] | undefined {
  return cut(src, 1, true);
}

const OTHER_HTML = /^ {0,3}<[A-Za-z/]/;

function cut(src: string, blocksPerPiece: number, strict: boolean): number[] | undefined {
  const starts = [0];
  let blocks = 0;
  let fence = ""; // the open fence's marker run, or ""
  let htmlEnd: RegExp | undefined;
  let opener = 0; // the indentation of the line that opened the fence or HTML block
  let previousBlank = true; // the first line begins a block
  let ls = frontMatterEnd(src);
  while (ls < src.length) {
    let le = ls;
    while (le < src.length && src[le] !== "\n" && src[le] !== "\r") le++;
    const next = src[le] === "\r" && src[le + 1] === "\n" ? le + 2 : le + 1;
    const line = src.slice(ls, le);
    const blank = !/[^ \t]/.test(line);
    // An indented fence or HTML block may sit in a list item, which a less indented line
    // ends (and the block with it) but a top-level block does not: only the parser knows.
    if (strict && (fence || htmlEnd) && opener > 0 && !blank && /^ */.exec(line)![0].length < opener) return undefined;
    if (fence) {
      const m = FENCE.exec(line);
      const closes = m && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
      if (closes && !/[^ \t]/.test(line.slice(m[0].length))) fence = "";
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (!blank) {
      if (previousBlank && line[0] !== " " && line[0] !== "\t") {
        if (++blocks > blocksPerPiece) {
          starts.push(ls);
          blocks = 1;
        }
      }
      const m = FENCE.exec(line);
      opener = /^ */.exec(line)![0].length;
      if (m && !(m[1]![0] === "`" && line.slice(m[0].length).includes("`"))) {
        fence = m[1]!;
      } else {
        const html = HTML_BLOCKS.find(([open]) => open.test(line));
        if (html && !html[1].test(line.slice(line.indexOf("<") + 2))) htmlEnd = html[1];
        else if (strict && !html && OTHER_HTML.test(line)) return undefined;
      }
    }
    previousBlank = blank;
    ls = next;
  }
  return starts;
}

/**
 * Whether `src` may hold a link reference or footnote definition (`[label]: url`,
 * `[^1]: text`). A reference resolves only against a definition parsed with it, so such a
 * document is not cut finer than a long one must be.
 */
export function mayHoldDefinitions(src: string): boolean {
  return /^ {0,3}\[[^\r\n]*\]:/m.test(src);
}
