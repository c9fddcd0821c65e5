/**
 * Raw file text -> segments. The only entry point the detector needs from this folder.
 */
import type { Segment } from "../types.js";
import { htmlSegments } from "./html.js";
import { markdownSegments } from "./markdown.js";
import { verbatimMap } from "./offset-map.js";

export type DocumentFormat = "markdown" | "mdx" | "html" | "text";

const BY_EXTENSION: Record<string, DocumentFormat> = {
  md: "markdown",
  markdown: "markdown",
  mdown: "markdown",
  mkd: "markdown",
  mdx: "mdx",
  html: "html",
  htm: "html",
  xhtml: "html",
};

/** Which parser reads a file, from its name. Everything that is not a post is raw text. */
export function formatOf(path: string): DocumentFormat {
  const dot = path.lastIndexOf(".");
  if (dot < 0) return "text";
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? "text";
}

/** One segment holding the whole file verbatim. */
export function textSegments(raw: string): Segment[] {
  return [{ kind: "text", text: raw, map: verbatimMap(raw, 0) }];
}

/** Split a decoded file into segments with exact maps back into `raw`. */
export function toSegments(raw: string, format: DocumentFormat): Segment[] {
  switch (format) {
    case "markdown":
      return markdownSegments(raw, { mdx: false });
    case "mdx":
      return markdownSegments(raw, { mdx: true });
    case "html":
      return htmlSegments(raw);
    default:
      return textSegments(raw);
  }
}
