/**
 * Token stream -> segments. Walks the page once, keeping the open-element stack, and
 * routes every text run to where a reader would see it: the current code block, the
 * current prose block, or nowhere (copy buttons, gutters, `<style>`).
 */
import type { Segment, SegmentKind } from "../../types.js";
import {
  BLOCK_TAGS,
  INLINE_CODE_TAGS,
  STRUCTURE_TAGS,
  isChrome,
  isCnblogsNumberStyle,
  isCodeContainer,
  isCodeish,
  isLineWrapper,
  langHint,
  type LangHint,
} from "./classify.js";
import { CodeAssembler } from "./code-assembler.js";
import { HtmlTextDecoder, RefMode } from "./decode-text.js";
import { OpenElements, VOID_TAGS, type OpenElement } from "./open-elements.js";
import { ProseBuffer } from "./prose-buffer.js";
import { BodyMode, scanHtml, type ScanHandler, type StartTag } from "./scan.js";

// Context bits, inherited by descendants.
const DROP = 1;
const CODEISH = 2;
const FOREIGN = 4;

// Role bits of one element.
const CONTAINER = 1;
const LINE = 2;
const BLOCK = 4;
const INLINE_CODE = 8;
const NUMBER = 16;

/**
 * Attribute values shorter than this are skipped: no credential a rule can recognise is
 * shorter, and it keeps `href="#"`, `width="100"` and friends from becoming segments.
 */
const MIN_ATTRIBUTE_LENGTH = 8;

/** Attributes that point somewhere: reported as `url` segments. */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  "href", "src", "srcset", "action", "formaction", "poster", "cite", "background", "longdesc",
  "manifest", "ping", "xlink:href", "data-src", "data-srcset", "data-href", "data-url",
  "data-original", "data-lazy-src",
]);

/**
 * Never hold author data: presentation and identity, keyword-valued attributes (a fixed
 * vocabulary cannot hide a secret), and SVG geometry (often huge).
 */
const SKIPPED_ATTRIBUTES: ReadonlySet<string> = new Set([
  "class", "id", "style", "name", "rel", "type", "http-equiv", "charset", "media", "target",
  "lang", "dir", "role", "crossorigin", "referrerpolicy", "loading", "decoding", "autocomplete",
  "method", "enctype", "xmlns", "xmlns:xlink", "xml:space", "d", "points", "viewbox", "transform",
  "preserveaspectratio",
]);

/** How far up a `<pre>` looks for the highlighter language (Hexo: figure > table > tbody > tr > td > pre). */
const LANG_ANCESTORS = 6;

interface CodeBlock {
  asm: CodeAssembler;
  lang: LangHint | undefined;
}

/** Segments of an HTML page, in the order they start in `raw`. */
export function extractHtml(raw: string): Segment[] {
  const x = new Extractor(raw);
  scanHtml(raw, x);
  return x.finish();
}

class Extractor implements ScanHandler {
  private readonly out: Segment[] = [];
  private readonly decoder: HtmlTextDecoder;
  private readonly open = new OpenElements((el, at) => this.closed(el, at));
  private readonly prose = new ProseBuffer();
  private code: CodeBlock | undefined;
  /** A newline right after `<pre>` / `<textarea>` is not content (WHATWG "in body", pre). */
  private skipNewlineAt = -1;
  private lastStart: StartTag | undefined;

  constructor(private readonly raw: string) {
    this.decoder = new HtmlTextDecoder(raw);
  }

  finish(): Segment[] {
    this.open.closeAll(this.raw.length);
    this.flushProse();
    const starts = new Map<Segment, number>(this.out.map((s) => [s, s.map.toRaw(0)]));
    return this.out.sort((a, b) => starts.get(a)! - starts.get(b)!);
  }

  text(start: number, end: number): void {
    const top = this.open.top;
    if (top && top.ctx & DROP) return;
    if (!this.code) {
      // Whitespace between blocks would only open an empty prose buffer.
      if (this.prose.length === 0 && isBlank(this.raw, start, end)) return;
      this.decoder.append(this.prose, start, end, RefMode.text);
      return;
    }
    if (start === this.skipNewlineAt) start = this.afterLeadingNewline(start, end);
    if (top && STRUCTURE_TAGS.has(top.tag) && isBlank(this.raw, start, end)) return;
    this.decoder.append(this.code.asm, start, end, RefMode.text);
  }

  startTag(tag: StartTag): void {
    this.lastStart = tag;
    this.attributes(tag);
    const name = tag.name;
    if (name === "br") return this.lineBreak(tag.start);
    if ((name === "html" || name === "body" || name === "head") && this.open.has(name)) return;
    this.open.closeForStartTag(name, tag.start);

    const cls = attr(this.raw, tag, "class");
    let ctx = this.open.top?.ctx ?? 0;
    let flags = 0;
    let mark = 0;
    if (name === "svg" || name === "math") ctx |= FOREIGN;
    const isVoid = VOID_TAGS.has(name) || (tag.selfClosing && (ctx & FOREIGN) !== 0);

    if (!(ctx & DROP)) {
      if (isCodeish(name, cls)) ctx |= CODEISH;
      if (isChrome(name, cls, (ctx & CODEISH) !== 0)) {
        ctx |= DROP;
      } else if (this.code) {
        const asm = this.code.asm;
        if (name === "code" || name === "pre") this.offerLang(this.code, langHint(cls, dataLang(this.raw, tag, true), true));
        if (BLOCK_TAGS.has(name) || isLineWrapper(cls)) {
          flags |= LINE;
          asm.lineOpen(tag.start);
          mark = asm.length;
        } else if (name === "span" && isCnblogsNumberStyle(attr(this.raw, tag, "style"))) {
          flags |= NUMBER;
          mark = asm.beginNumber();
        }
      } else if (!isVoid && isCodeContainer(name, cls)) {
        this.flushProse();
        flags |= CONTAINER;
        this.code = { asm: new CodeAssembler(), lang: undefined };
        this.offerLang(this.code, langHint(cls, dataLang(this.raw, tag, true), true));
        for (const el of this.open.ancestors(LANG_ANCESTORS)) this.offerLang(this.code, langHint(el.cls, el.dataLang, false));
        if (name === "pre" || name === "listing" || name === "textarea") this.skipNewlineAt = tag.end;
      } else if (BLOCK_TAGS.has(name)) {
        flags |= BLOCK;
        this.flushProse();
      } else if (INLINE_CODE_TAGS.has(name)) {
        flags |= INLINE_CODE;
        this.prose.openInline();
      }
    }
    if (isVoid) return;
    this.open.push({ tag: name, cls, dataLang: dataLang(this.raw, tag, false), ctx, flags, mark });
  }

  endTag(name: string, start: number): void {
    if (name === "br") return this.lineBreak(start); // `</br>` is a `<br>` (WHATWG "in body")
    this.open.closeForEndTag(name, start);
  }

  rawBody(name: string, mode: BodyMode, start: number, end: number): void {
    if (name === "script") return this.script(start, end);
    if (name === "style" || name === "iframe" || name === "noembed" || name === "noframes") return;
    if (this.open.top && this.open.top.ctx & DROP) return;
    const refs = mode === BodyMode.RcData ? RefMode.text : RefMode.none;
    if (this.code) {
      if (start === this.skipNewlineAt) start = this.afterLeadingNewline(start, end);
      this.decoder.append(this.code.asm, start, end, refs);
    } else {
      this.decoder.append(this.prose, start, end, refs);
    }
  }

  comment(start: number, end: number): void {
    this.verbatimSegment("comment", start, end);
  }

  private closed(el: OpenElement, at: number): void {
    if (el.ctx & DROP) return;
    if (el.flags & CONTAINER) return this.finishCode();
    if (this.code) {
      if (el.flags & LINE) this.code.asm.lineClose(at, el.mark);
      else if (el.flags & NUMBER) this.code.asm.endNumber(el.mark);
    } else if (el.flags & BLOCK) {
      this.flushProse();
    } else if (el.flags & INLINE_CODE) {
      this.prose.closeInline();
    }
  }

  private lineBreak(at: number): void {
    const top = this.open.top;
    if (top && top.ctx & DROP) return;
    if (this.code) this.code.asm.br(at);
    else this.prose.br(at);
  }

  private afterLeadingNewline(start: number, end: number): number {
    const c = this.raw.charCodeAt(start);
    if (c === 10) return start + 1;
    if (c === 13) return this.raw.charCodeAt(start + 1) === 10 && start + 1 < end ? start + 2 : start + 1;
    return start;
  }

  private offerLang(code: CodeBlock, hint: LangHint | undefined): void {
    if (hint && (!code.lang || hint.score > code.lang.score)) code.lang = hint;
  }

  private finishCode(): void {
    const code = this.code;
    this.code = undefined;
    this.skipNewlineAt = -1;
    const built = code?.asm.finish();
    if (!built) return;
    const seg: Segment = { kind: "code", text: built.text, map: built.map };
    if (code!.lang) seg.lang = code!.lang.lang;
    this.out.push(seg);
  }

  private flushProse(): void {
    const seg = this.prose.take();
    if (seg) this.out.push(seg);
  }

  private script(start: number, end: number): void {
    const type = this.lastStart ? attr(this.raw, this.lastStart, "type")?.trim().toLowerCase() : undefined;
    let lang: string | undefined;
    if (!type || type === "module" || /(?:java|ecma)script/.test(type)) lang = "javascript";
    else if (type.includes("json")) lang = "json";
    this.verbatimSegment("script", start, end, lang);
  }

  /** Script bodies and comments: no character references, only line endings normalised. */
  private verbatimSegment(kind: SegmentKind, start: number, end: number, lang?: string): void {
    if (isBlank(this.raw, start, end)) return;
    const { text, map } = this.decoder.segmentText(start, end, RefMode.none);
    const seg: Segment = { kind, text, map };
    if (lang) seg.lang = lang;
    this.out.push(seg);
  }

  private attributes(tag: StartTag): void {
    for (const a of tag.attrs) {
      if (a.end - a.start < MIN_ATTRIBUTE_LENGTH || SKIPPED_ATTRIBUTES.has(a.name)) continue;
      if (isBlank(this.raw, a.start, a.end)) continue;
      const { text, map } = this.decoder.segmentText(a.start, a.end, RefMode.attribute);
      if (text.length < MIN_ATTRIBUTE_LENGTH) continue;
      this.out.push({ kind: URL_ATTRIBUTES.has(a.name) ? "url" : "attribute", name: a.name, text, map });
    }
  }
}

function attr(raw: string, tag: StartTag, name: string): string | undefined {
  for (const a of tag.attrs) if (a.name === name) return a.start < 0 ? "" : raw.slice(a.start, a.end);
  return undefined;
}

/** `data-lang`, and on the code element itself also `lang` (WordPress: `<code lang="json">`). */
function dataLang(raw: string, tag: StartTag, own: boolean): string | undefined {
  return (
    attr(raw, tag, "data-lang") ??
    attr(raw, tag, "data-language") ??
    (own && (tag.name === "code" || tag.name === "pre") ? attr(raw, tag, "lang") : undefined)
  );
}

function isBlank(raw: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 12 && c !== 0xa0) return false;
  }
  return true;
}
