/**
 * Sitemaps and feeds as plain objects (fast-xml-parser). Namespace prefixes are dropped
 * (`rdf:RDF` -> `RDF`, `atom:link` -> `link`), attributes are kept as `@_name`, and the
 * elements that repeat are always arrays, so one `<item>` reads like many.
 */
import { gunzipSync } from "node:zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SourceError } from "./source.js";

const REPEATED = new Set(["url", "sitemap", "item", "entry", "link"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

/** Gzipped bytes (a `.xml.gz` sitemap) are unpacked, up to `maxBytes`. */
export function ungzip(body: Buffer, maxBytes: number, what: string): Buffer {
  if (body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (e) {
    throw new SourceError(`${what}: cannot unpack the gzip data (${(e as Error).message})`);
  }
}

export function parseXml(text: string, what: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new SourceError(`${what}: not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  return parser.parse(text) as XmlNode;
}

/** The text of an element that may carry attributes (`{"#text": …, "@_isPermaLink": …}`). */
export function text(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (v && typeof v === "object" && "#text" in v) return text((v as XmlNode)["#text"]);
  return undefined;
}

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
export const asNode = (v: unknown): XmlNode | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as XmlNode) : undefined);
