/**
 * Attribute values -> `url` / `attribute` segments, plus the few attributes the
 * extractor itself reads (class, style, language hints, script type).
 */
import type { Segment } from "../../types.js";
import { HtmlTextDecoder, RefMode, isBlank } from "./decode-text.js";
import type { StartTag } from "./scan.js";

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

/** The attributes of the start tag being handled; one instance is reused for every tag. */
export class TagAttributes {
  cls: string | undefined;
  style: string | undefined;
  dataLang: string | undefined;
  type: string | undefined;
  private langAttr: string | undefined;

  constructor(
    private readonly raw: string,
    private readonly decoder: HtmlTextDecoder,
  ) {}

  /** Reads `tag`'s attributes, pushing reportable values onto `out`. */
  read(tag: StartTag, out: Segment[]): void {
    const raw = this.raw;
    this.cls = this.style = this.dataLang = this.type = this.langAttr = undefined;
    for (const a of tag.attrs) {
      switch (a.name) {
        case "class":
          this.cls = raw.slice(a.start, a.end);
          continue;
        case "style":
          this.style = raw.slice(a.start, a.end);
          continue;
        case "lang":
          this.langAttr = raw.slice(a.start, a.end);
          continue;
        case "type":
          this.type = raw.slice(a.start, a.end);
          continue;
        case "data-lang":
        case "data-language":
          this.dataLang ??= raw.slice(a.start, a.end);
          break;
      }
      if (a.end - a.start < MIN_ATTRIBUTE_LENGTH || SKIPPED_ATTRIBUTES.has(a.name)) continue;
      if (isBlank(raw, a.start, a.end)) continue;
      const { text, map } = this.decoder.segmentText(a.start, a.end, RefMode.attribute);
      if (text.length < MIN_ATTRIBUTE_LENGTH) continue;
      out.push({ kind: URL_ATTRIBUTES.has(a.name) ? "url" : "attribute", name: a.name, text, map });
    }
  }

  /** `data-lang`, and on the code element itself also `lang` (WordPress: `<code lang="json">`). */
  codeLang(tagName: string): string | undefined {
    return this.dataLang ?? (tagName === "code" || tagName === "pre" ? this.langAttr : undefined);
  }
}
