/**
 * A cheap approximation of what a page says, for the prefilter: tags dropped (so a
 * secret split across highlighter spans reads whole), block ends turned into newlines
 * (so gutters and lines don't glue together), the usual entities decoded. It runs at
 * 100+ MB/s where a real HTML parse runs at 1-2 MB/s; only files in which it (or the
 * raw text) yields a candidate are parsed for real.
 */

// `</code>` is not one: SyntaxHighlighter (WordPress) writes each token of a line as its own
// <code>, so a key and its value sit in sibling <code> elements of one line <div>.
const BLOCK_END = /<(?:br\s*\/?|\/(?:p|div|li|tr|td|th|pre|h[1-6]|table|ul|ol|dd|dt|blockquote|figure|section|article)\s*)>/gi;
const TAG = /<\/?[A-Za-z][^<>]{0,2000}>|<!--[\s\S]{0,20000}?-->/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp|#39));?/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/** What ENTITY decodes, by regex (the reference `decodeEntities` is tested against). */
export function decodeBasicEntities(s: string): string {
  return s.replace(ENTITY, (m, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? m;
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/**
 * Tag-free, entity-decoded text of an HTML (or markdown-with-HTML) document: exactly
 * `decodeBasicEntities(raw.replace(BLOCK_END, "\n").replace(TAG, ""))`, in one pass over
 * the tags (three regex passes cost 5 ms per MB, a quarter of a kafka-site scan).
 */
export function quickText(raw: string): string {
  return decodeEntities(stripTags(raw));
}

/** The regex spelling of `quickText`, kept as the reference its tests compare with. */
export function quickTextByRegex(raw: string): string {
  return decodeBasicEntities(raw.replace(BLOCK_END, "\n").replace(TAG, ""));
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BLOCK_NAMES = ["p", "div", "li", "tr", "td", "th", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dd", "dt", "blockquote", "figure", "section", "article"];

const NAMES_BY_LENGTH: string[][] = [];
for (const name of BLOCK_NAMES) (NAMES_BY_LENGTH[name.length] ??= []).push(name);

/** Whether `raw[start, end)` is a block element's name, in any ASCII case (`| 32` lower-cases a letter and keeps a digit). */
function isBlockName(raw: string, start: number, end: number): boolean {
  const names = NAMES_BY_LENGTH[end - start];
  if (!names) return false;
  next: for (const name of names) {
    for (let k = 0; k < name.length; k++) if ((raw.charCodeAt(start + k) | 32) !== name.charCodeAt(k)) continue next;
    return true;
  }
  return false;
}

/** What `\s` matches (ECMA-262 WhiteSpace and LineTerminator). */
function isSpace(u: number): boolean {
  return (u >= 9 && u <= 13) || u === 32 || u === 0xa0 || u === 0x1680 || (u >= 0x2000 && u <= 0x200a) || u === 0x2028 || u === 0x2029 || u === 0x202f || u === 0x205f || u === 0x3000 || u === 0xfeff;
}

function isLetter(u: number): boolean {
  return (u >= 65 && u <= 90) || (u >= 97 && u <= 122);
}

/** Length of the BLOCK_END match at `i` (where `raw` has `<`), 0 when there is none. */
function blockEndAt(raw: string, i: number): number {
  let j = i + 1;
  if ((raw.charCodeAt(j) | 32) === 98 && (raw.charCodeAt(j + 1) | 32) === 114) {
    // <br\s*\/?>
    j += 2;
    while (isSpace(raw.charCodeAt(j))) j++;
    if (raw.charCodeAt(j) === SLASH) j++;
    return raw.charCodeAt(j) === GT ? j + 1 - i : 0;
  }
  if (raw.charCodeAt(j) !== SLASH) return 0;
  // <\/(?:p|div|...)\s*> : a name is followed by a space or `>`, so it is the whole run of
  // ASCII letters and digits (case-insensitive, ASCII only, as `/i` without `u`).
  const start = ++j;
  for (let u = raw.charCodeAt(j); isLetter(u) || (u >= 48 && u <= 57); u = raw.charCodeAt(++j));
  if (!isBlockName(raw, start, j)) return 0;
  while (isSpace(raw.charCodeAt(j))) j++;
  return raw.charCodeAt(j) === GT ? j + 1 - i : 0;
}

/**
 * End of the TAG match at `i` (where `raw` has `<` that starts no block end), or -1. TAG
 * runs on the text with block ends already replaced by a newline: inside a tag or a
 * comment such a block end reads as one character, and is not a `<` that stops a tag.
 */
function tagEndAt(raw: string, i: number): number {
  let j = i + 1;
  if (raw.charCodeAt(j) === SLASH) j++;
  if (isLetter(raw.charCodeAt(j))) {
    // <\/?[A-Za-z][^<>]{0,2000}>
    j++;
    // Usually the next `>` comes before any `<`: two native searches instead of a loop.
    const gt = raw.indexOf(">", j);
    if (gt < 0) return -1;
    if (gt - j <= 2000 && raw.lastIndexOf("<", gt) < j) return gt + 1;
    for (let count = 0; j < raw.length; count++) {
      const u = raw.charCodeAt(j);
      if (u === GT) return j + 1;
      if (count === 2000) return -1;
      if (u === LT) {
        const be = blockEndAt(raw, j);
        if (!be) return -1;
        j += be;
      } else j++;
    }
    return -1;
  }
  if (!raw.startsWith("<!--", i)) return -1;
  // <!--[\s\S]{0,20000}?--> : the first `-->` (no block end holds a `-`), if near enough.
  const close = raw.indexOf("-->", i + 4);
  if (close < 0) return -1;
  let length = close - (i + 4);
  for (let k = raw.indexOf("<", i + 4); k >= 0 && k < close && length > 20000; k = raw.indexOf("<", k + 1)) {
    const be = blockEndAt(raw, k);
    if (be) {
      length -= be - 1;
      k += be - 1;
    }
  }
  return length <= 20000 ? close + 3 : -1;
}

/** `raw.replace(BLOCK_END, "\n").replace(TAG, "")`, visiting only the `<`s. */
function stripTags(raw: string): string {
  // Appending makes a rope that the first read flattens once: less than `join` of ~1 000
  // pieces per kafka-site page costs.
  let out = "";
  let copied = 0;
  for (let i = raw.indexOf("<"); i >= 0; ) {
    const be = blockEndAt(raw, i);
    const end = be ? i + be : tagEndAt(raw, i);
    if (end < 0) {
      i = raw.indexOf("<", i + 1);
      continue;
    }
    if (i > copied) out += raw.slice(copied, i);
    if (be) out += "\n";
    copied = end;
    i = raw.indexOf("<", end);
  }
  if (copied === 0) return raw;
  return out + raw.slice(copied);
}

const HASH = 35;
const SEMI = 59;
const NAMES = ["amp", "lt", "gt", "quot", "apos", "nbsp"];

function isHex(u: number): boolean {
  return (u >= 48 && u <= 57) || ((u | 32) >= 97 && (u | 32) <= 102);
}

/** `decodeBasicEntities(s)` without a regex and a callback per entity. */
export function decodeEntities(s: string): string {
  let i = s.indexOf("&");
  if (i < 0) return s;
  const out: string[] = [];
  let copied = 0;
  for (; i >= 0; i = s.indexOf("&", i)) {
    // &(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp|#39));?  (`#39` is
    // always read by the first branch)
    let j = i + 1;
    let value: string | undefined;
    if (s.charCodeAt(j) === HASH) {
      j++;
      let k = j;
      while (k - j < 7 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
      let cp = -1;
      if (k > j) cp = Number(s.slice(j, k));
      else if ((s.charCodeAt(j) | 32) === 120) {
        k = ++j;
        while (k - j < 6 && isHex(s.charCodeAt(k))) k++;
        if (k > j) cp = parseInt(s.slice(j, k), 16);
      }
      if (cp < 0) {
        i++;
        continue;
      }
      j = k;
      if (cp > 0 && cp <= 0x10ffff) value = String.fromCodePoint(cp);
    } else {
      const name = NAMES.find((n) => s.startsWith(n, j));
      if (!name) {
        i++;
        continue;
      }
      j += name.length;
      value = NAMED[name];
    }
    if (s.charCodeAt(j) === SEMI) j++;
    // A code point out of range stays as written, `;` included.
    if (value !== undefined) {
      if (i > copied) out.push(s.slice(copied, i));
      out.push(value);
      copied = j;
    }
    i = j;
  }
  if (copied === 0) return s;
  out.push(s.slice(copied));
  return out.join("");
}
