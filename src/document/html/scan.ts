/**
 * A flat HTML tokenizer: tags, text runs, comments and raw-text bodies with their raw
 * offsets, nothing else. It follows the WHATWG tokenizer where it decides what is text
 * (comment forms, raw-text and RCDATA elements, attribute quoting) and stays linear on
 * any input: every search moves forward, and a tag cut off by the end of the file turns
 * the rest of the file into text instead of being dropped (a scanner must not lose it).
 *
 * Why not parse5 / rehype-parse: hast-util-from-parse5 recurses per nesting level and
 * overflows the stack near 3,000 levels, and the full tree costs ~2 MB/s; we only need
 * offsets, which a forward scan gives exactly.
 */

/** One attribute; `start`/`end` delimit the raw value (quotes excluded), -1 when absent. */
export interface RawAttribute {
  name: string;
  start: number;
  end: number;
}

export interface StartTag {
  /** Lower-cased tag name. */
  name: string;
  /** Raw offset of `<`. */
  start: number;
  /** Raw offset just past `>`. */
  end: number;
  selfClosing: boolean;
  attrs: RawAttribute[];
}

/** How the body of an element is tokenized (WHATWG 13.2.5: RAWTEXT / RCDATA). */
export const BodyMode = {
  /** Up to the matching end tag, no tags and no character references (script, style). */
  RawText: 1,
  /** Up to the matching end tag, character references decoded (textarea, title). */
  RcData: 2,
} as const;
export type BodyMode = (typeof BodyMode)[keyof typeof BodyMode];

export interface ScanHandler {
  text(start: number, end: number): void;
  startTag(tag: StartTag): void;
  endTag(name: string, start: number, end: number): void;
  /** Body of a RAWTEXT / RCDATA element, reported right after its start tag. */
  rawBody(name: string, mode: BodyMode, start: number, end: number): void;
  /** `<!-- ... -->`, bogus comments and CDATA; `start`/`end` are the content's raw range. */
  comment(start: number, end: number): void;
}

const BODY_MODE: ReadonlyMap<string, BodyMode> = new Map([
  ["script", BodyMode.RawText],
  ["style", BodyMode.RawText],
  ["xmp", BodyMode.RawText],
  ["iframe", BodyMode.RawText],
  ["noembed", BodyMode.RawText],
  ["noframes", BodyMode.RawText],
  ["plaintext", BodyMode.RawText],
  ["textarea", BodyMode.RcData],
  ["title", BodyMode.RcData],
]);

const endTagPatterns = new Map<string, RegExp>();

/** Where the end tag `</name` (followed by whitespace, `/` or `>`) starts, or -1. */
function findEndTag(raw: string, from: number, name: string): number {
  let re = endTagPatterns.get(name);
  if (!re) {
    re = new RegExp(`</${name}[\\t\\n\\f\\r />]`, "gi");
    endTagPatterns.set(name, re);
  }
  re.lastIndex = from;
  const m = re.exec(raw);
  return m ? m.index : -1;
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

const UNTERMINATED = -1;

/**
 * Parses a start or end tag beginning at `lt` (`<` or `</`). Returns the offset past `>`,
 * or UNTERMINATED when the file ends first. Attributes go into `out` when given.
 */
function parseTag(raw: string, lt: number, nameStart: number, out: StartTag | null): number {
  const n = raw.length;
  let i = nameStart;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (isSpace(c) || c === 47 || c === 62) break;
    i++;
  }
  if (out) out.name = raw.slice(nameStart, i).toLowerCase();
  for (;;) {
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (i >= n) return UNTERMINATED;
    const c = raw.charCodeAt(i);
    if (c === 62) return i + 1;
    if (c === 47) {
      if (raw.charCodeAt(i + 1) === 62) {
        if (out) out.selfClosing = true;
        return i + 2;
      }
      i++;
      continue;
    }
    // Attribute name; a leading `=` belongs to the name (WHATWG "before attribute name").
    const an = i++;
    while (i < n) {
      const d = raw.charCodeAt(i);
      if (isSpace(d) || d === 47 || d === 62 || d === 61) break;
      i++;
    }
    const ae = i;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    let vs = -1;
    let ve = -1;
    if (raw.charCodeAt(i) === 61) {
      i++;
      while (i < n && isSpace(raw.charCodeAt(i))) i++;
      const q = raw.charCodeAt(i);
      if (q === 34 || q === 39) {
        vs = i + 1;
        ve = raw.indexOf(q === 34 ? '"' : "'", vs);
        if (ve < 0) return UNTERMINATED;
        i = ve + 1;
      } else {
        vs = i;
        while (i < n) {
          const d = raw.charCodeAt(i);
          if (isSpace(d) || d === 62) break;
          i++;
        }
        ve = i;
      }
    }
    if (out) {
      const name = raw.slice(an, ae).toLowerCase();
      // Duplicate attributes: the first one wins (WHATWG "attribute name state").
      if (!out.attrs.some((a) => a.name === name)) out.attrs.push({ name, start: vs, end: ve });
    }
  }
}

/** Where a comment opened before `from` ends (`-->` or `--!>`): content end, and the offset past the marker. */
function commentEnd(raw: string, from: number): [number, number] {
  for (let i = raw.indexOf("--", from); i >= 0; i = raw.indexOf("--", i + 1)) {
    const c = raw.charCodeAt(i + 2);
    if (c === 62) return [i, i + 3];
    if (c === 33 && raw.charCodeAt(i + 3) === 62) return [i, i + 4];
  }
  return [raw.length, raw.length];
}

/** Tokenizes `raw` front to back, calling `h` for every token in document order. */
export function scanHtml(raw: string, h: ScanHandler): void {
  const n = raw.length;
  let pos = 0;
  let textStart = 0;
  const flushText = (end: number): void => {
    if (end > textStart) h.text(textStart, end);
  };

  while (pos < n) {
    const lt = raw.indexOf("<", pos);
    if (lt < 0) break;
    const c = raw.charCodeAt(lt + 1);

    if (isAsciiAlpha(c)) {
      const tag: StartTag = { name: "", start: lt, end: 0, selfClosing: false, attrs: [] };
      const end = parseTag(raw, lt, lt + 1, tag);
      if (end === UNTERMINATED) break;
      tag.end = end;
      flushText(lt);
      h.startTag(tag);
      pos = textStart = end;
      const mode = BODY_MODE.get(tag.name);
      if (mode !== undefined) {
        const close = tag.name === "plaintext" ? -1 : findEndTag(raw, end, tag.name);
        const bodyEnd = close < 0 ? n : close;
        h.rawBody(tag.name, mode, end, bodyEnd);
        pos = textStart = bodyEnd;
      }
      continue;
    }

    if (c === 47) {
      const c2 = raw.charCodeAt(lt + 2);
      if (isAsciiAlpha(c2)) {
        const tag: StartTag = { name: "", start: lt, end: 0, selfClosing: false, attrs: [] };
        const end = parseTag(raw, lt, lt + 2, tag);
        if (end === UNTERMINATED) break;
        flushText(lt);
        h.endTag(tag.name, lt, end);
        pos = textStart = end;
        continue;
      }
      if (c2 === 62) {
        // `</>` is dropped.
        flushText(lt);
        pos = textStart = lt + 3;
        continue;
      }
      if (lt + 2 >= n) break;
      // `</3...>` and friends are bogus comments.
      const gt = raw.indexOf(">", lt + 2);
      const stop = gt < 0 ? n : gt;
      flushText(lt);
      h.comment(lt + 2, stop);
      pos = textStart = gt < 0 ? n : gt + 1;
      continue;
    }

    if (c === 33) {
      flushText(lt);
      if (raw.startsWith("--", lt + 2)) {
        const open = lt + 4;
        // `<!-->` and `<!--->` are complete (empty) comments.
        if (raw.charCodeAt(open) === 62) {
          pos = textStart = open + 1;
        } else if (raw.charCodeAt(open) === 45 && raw.charCodeAt(open + 1) === 62) {
          pos = textStart = open + 2;
        } else {
          const [contentEnd, after] = commentEnd(raw, open);
          h.comment(open, contentEnd);
          pos = textStart = after;
        }
        continue;
      }
      if (raw.startsWith("[CDATA[", lt + 2)) {
        const close = raw.indexOf("]]>", lt + 9);
        h.comment(lt + 9, close < 0 ? n : close);
        pos = textStart = close < 0 ? n : close + 3;
        continue;
      }
      // DOCTYPE or a bogus comment: nothing we scan, up to the next `>`.
      const gt = raw.indexOf(">", lt + 2);
      if (!/^doctype/i.test(raw.slice(lt + 2, lt + 9))) h.comment(lt + 2, gt < 0 ? n : gt);
      pos = textStart = gt < 0 ? n : gt + 1;
      continue;
    }

    if (c === 63) {
      // `<?xml ...?>` is a bogus comment.
      flushText(lt);
      const gt = raw.indexOf(">", lt + 2);
      h.comment(lt + 1, gt < 0 ? n : gt);
      pos = textStart = gt < 0 ? n : gt + 1;
      continue;
    }

    // A `<` that starts nothing is text.
    pos = lt + 1;
  }
  flushText(n);
}
