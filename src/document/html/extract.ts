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
import { TagAttributes } from "./attributes.js";
import { CodeAssembler } from "./code-assembler.js";
import { HtmlTextDecoder, RefMode, isBlank } from "./decode-text.js";
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

/** How far up a `<pre>` looks for the highlighter language (Hexo: figure > table > tbody > tr > td > pre). */
const LANG_ANCESTORS = 6;

interface CodeBlock {
  asm: CodeAssembler;
  lang: LangHint | undefined;
  /** `<code>` children of the container seen so far. */
  codeChildren: number;
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
  private readonly attrs: TagAttributes;

  constructor(private readonly raw: string) {
    this.decoder = new HtmlTextDecoder(raw);
    this.attrs = new TagAttributes(raw, this.decoder);
  }

  finish(): Segment[] {
    this.open.closeAll(this.raw.length);
    this.flushProse();
    return inDocumentOrder(this.out);
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
    this.attrs.read(tag, this.out);
    const name = tag.name;
    if (name === "br") return this.lineBreak(tag.start);
    if ((name === "html" || name === "body" || name === "head") && this.open.has(name)) return;
    this.open.closeForStartTag(name, tag.start);

    const cls = this.attrs.cls;
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
        if (name === "code" || name === "pre") this.offerLang(this.code, langHint(cls, this.attrs.codeLang(name), true));
        if (BLOCK_TAGS.has(name) || isLineWrapper(cls) || this.isCodePerLine(name)) {
          flags |= LINE;
          asm.lineOpen(tag.start);
          mark = asm.length;
        } else if (name === "span" && isCnblogsNumberStyle(this.attrs.style)) {
          flags |= NUMBER;
          mark = asm.beginNumber();
        }
      } else if (!isVoid && isCodeContainer(name, cls)) {
        this.flushProse();
        flags |= CONTAINER;
        this.code = { asm: new CodeAssembler(), lang: undefined, codeChildren: 0 };
        this.offerLang(this.code, langHint(cls, this.attrs.codeLang(name), true));
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
    this.open.push({ tag: name, cls, dataLang: this.attrs.dataLang, ctx, flags, mark });
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
      if (el.flags & LINE) this.code.asm.lineClose(at, el.mark, BLOCK_TAGS.has(el.tag) || el.tag === "code");
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

  /**
   * WeChat (mp.weixin.qq.com) renders a `<code>` per line straight inside the `<pre>`,
   * with no newline between them; one `<code>` per block is the usual shape, and
   * SyntaxHighlighter's many `<code>` tokens sit inside `div.line`, not the container.
   */
  private isCodePerLine(name: string): boolean {
    if (name !== "code" || !this.code || !(this.open.top!.flags & CONTAINER)) return false;
    return ++this.code.codeChildren > 1;
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
    const type = this.attrs.type?.trim().toLowerCase();
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
}

/**
 * Segments come out when their element closes (a paragraph after the links inside it);
 * sort by first raw offset. The list is nearly sorted, so check before sorting.
 */
function inDocumentOrder(segs: Segment[]): Segment[] {
  const starts = segs.map((s) => s.map.toRaw(0));
  let sorted = true;
  for (let i = 1; i < starts.length && sorted; i++) sorted = starts[i - 1]! <= starts[i]!;
  if (sorted) return segs;
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b);
  return order.map((i) => segs[i]!);
}
