/**
 * The stack of open elements, with the parts of WHATWG tree construction (13.2.6) that
 * decide *where an element ends*: void elements, implied end tags (`<p>` closed by a
 * block, `<li>` by the next `<li>`, table cells and rows), and end-tag matching with
 * scopes, so that a stray `</span>` inside `<pre>` cannot end the code block. Nodes are
 * never re-parented (no adoption agency, no foster parenting): we need boundaries, not
 * a DOM. Everything is iterative; a tag-name count keeps unmatched end tags O(1).
 */

export interface OpenElement {
  tag: string;
  /** Raw `class` attribute value, when present. */
  cls: string | undefined;
  /** `data-lang` / `data-language`, when present. */
  dataLang: string | undefined;
  /** Context bits inherited by descendants (owner-defined). */
  ctx: number;
  /** Role bits of this element only (owner-defined). */
  flags: number;
  /** Owner-defined offset recorded at open (e.g. code length). */
  mark: number;
}

export const VOID_TAGS: ReadonlySet<string> = new Set([
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
  "keygen", "link", "meta", "param", "source", "track", "wbr",
]);

/** WHATWG "special" elements: an unrelated end tag never closes past them. */
const SPECIAL: ReadonlySet<string> = new Set([
  "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote",
  "body", "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div",
  "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
  "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img",
  "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav", "noembed",
  "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search",
  "section", "select", "source", "style", "summary", "table", "tbody", "td", "template",
  "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
]);

const DEFAULT_SCOPE: ReadonlySet<string> = new Set([
  "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
]);
const LIST_SCOPE: ReadonlySet<string> = new Set([...DEFAULT_SCOPE, "ol", "ul"]);
const BUTTON_SCOPE: ReadonlySet<string> = new Set([...DEFAULT_SCOPE, "button"]);
const TABLE_SCOPE: ReadonlySet<string> = new Set(["html", "table", "template"]);
const TABLE_PARTS: ReadonlySet<string> = new Set(["table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"]);
const HEADINGS: ReadonlySet<string> = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** Start tags that close an open `<p>` (WHATWG "in body" insertion mode). */
const CLOSES_P: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div",
  "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
  "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext",
  "pre", "search", "section", "summary", "table", "ul", "xmp",
]);

/** Deepest a single implied-end-tag search looks; past that, leaving an element open is harmless. */
const MAX_WALK = 4096;

export class OpenElements {
  private readonly items: OpenElement[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly onClose: (el: OpenElement, at: number) => void) {}

  get top(): OpenElement | undefined {
    return this.items[this.items.length - 1];
  }

  /** The open elements from the top down, at most `limit` of them. */
  *ancestors(limit: number): Iterable<OpenElement> {
    for (let i = this.items.length - 1; i >= 0 && i >= this.items.length - limit; i--) yield this.items[i]!;
  }

  has(tag: string): boolean {
    return (this.counts.get(tag) ?? 0) > 0;
  }

  push(el: OpenElement): void {
    this.items.push(el);
    this.counts.set(el.tag, (this.counts.get(el.tag) ?? 0) + 1);
  }

  /** Closes everything (end of file). */
  closeAll(at: number): void {
    this.popTo(0, at);
  }

  /** Closes the elements a start tag `tag` implicitly ends, before it is inserted. */
  closeForStartTag(tag: string, at: number): void {
    switch (tag) {
      case "li":
        this.closeItem(tag, tag, at);
        break;
      case "dd":
      case "dt":
        this.closeItem("dd", "dt", at);
        break;
      case "td":
      case "th":
        if (this.has("td") || this.has("th")) this.closeTablePart((t) => t === "td" || t === "th", at);
        return;
      case "tr":
        if (this.has("tr")) this.closeTablePart((t) => t === "tr", at);
        return;
      case "tbody":
      case "thead":
      case "tfoot":
        this.closeTablePart((t) => t === "tbody" || t === "thead" || t === "tfoot", at);
        return;
      case "option":
        if (this.top?.tag === "option") this.popTo(this.items.length - 1, at);
        return;
      case "optgroup":
        if (this.top?.tag === "option") this.popTo(this.items.length - 1, at);
        if (this.top?.tag === "optgroup") this.popTo(this.items.length - 1, at);
        return;
      case "a":
        if (this.has("a")) this.closeMatching("a", BUTTON_SCOPE, at);
        return;
    }
    if (CLOSES_P.has(tag)) this.closeP(at);
    if (HEADINGS.has(tag) && this.top && HEADINGS.has(this.top.tag)) this.popTo(this.items.length - 1, at);
  }

  /** Closes up to and including the element an end tag `tag` matches; false when ignored. */
  closeForEndTag(tag: string, at: number): boolean {
    if (!this.has(tag)) return false;
    let boundary: ReadonlySet<string>;
    if (TABLE_PARTS.has(tag)) boundary = TABLE_SCOPE;
    else if (tag === "li") boundary = LIST_SCOPE;
    else if (tag === "p") boundary = BUTTON_SCOPE;
    else if (SPECIAL.has(tag)) boundary = DEFAULT_SCOPE;
    else boundary = SPECIAL; // "any other end tag": stops at the first special element
    return this.closeMatching(tag, boundary, at);
  }

  private closeMatching(tag: string, boundary: ReadonlySet<string>, at: number): boolean {
    const stop = Math.max(0, this.items.length - MAX_WALK);
    for (let i = this.items.length - 1; i >= stop; i--) {
      const t = this.items[i]!.tag;
      if (t === tag) {
        this.popTo(i, at);
        return true;
      }
      if (boundary.has(t)) return false;
    }
    return false;
  }

  private closeP(at: number): void {
    if (this.has("p")) this.closeMatching("p", BUTTON_SCOPE, at);
  }

  /** `<li>` closes an open `<li>` (`<dd>`/`<dt>` likewise) unless a nested list or block intervenes. */
  private closeItem(a: string, b: string, at: number): void {
    if (this.has(a) || this.has(b)) {
      const stop = Math.max(0, this.items.length - MAX_WALK);
      for (let i = this.items.length - 1; i >= stop; i--) {
        const t = this.items[i]!.tag;
        if (t === a || t === b) {
          this.popTo(i, at);
          break;
        }
        if (SPECIAL.has(t) && t !== "address" && t !== "div" && t !== "p") break;
      }
    }
    this.closeP(at);
  }

  private closeTablePart(match: (tag: string) => boolean, at: number): void {
    if (!this.has("table")) return;
    const stop = Math.max(0, this.items.length - MAX_WALK);
    for (let i = this.items.length - 1; i >= stop; i--) {
      const t = this.items[i]!.tag;
      if (match(t)) {
        this.popTo(i, at);
        return;
      }
      if (TABLE_SCOPE.has(t)) return;
    }
  }

  /** Pops items[index..] from the top down, reporting each. */
  private popTo(index: number, at: number): void {
    while (this.items.length > index) {
      const el = this.items.pop()!;
      this.counts.set(el.tag, this.counts.get(el.tag)! - 1);
      this.onClose(el, at);
    }
  }
}
