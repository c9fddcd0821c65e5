/**
 * Raw file text -> segments. The only entry point the detector needs from this folder.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Segment } from "../types.js";
import { requireWithCodeCache } from "./code-cache.js";
import type * as Html from "./html.js";
import { stringLiteralSegments } from "./js-strings.js";
import type * as Markdown from "./markdown.js";
import { planMarkdown, plannedCodeSegments, type Relevance } from "./markdown/plan.js";
import { verbatimMap } from "./offset-map.js";

/**
 * The markdown parser (remark, micromark and their plugins: ~300 modules, ~0.3 s) loads
 * when the first post that needs a parse arrives, not when postguard starts: most posts
 * never get past the raw-text prefilter, and a pre-commit hook has 150 ms. Loading is
 * synchronous (require of an ES module, Node >= 20.19), so `toSegments` stays a plain
 * function. Run from the TypeScript sources (the tests) it is imported up front instead,
 * since require cannot load TypeScript.
 */
let markdown: typeof Markdown | undefined = import.meta.url.endsWith(".ts") ? await import("./markdown.js") : undefined;

declare const POSTGUARD_CLI_BUNDLE: boolean | undefined;

function loadMarkdown(): typeof Markdown {
  // The CLI bundle's CommonJS copy with V8's code cache (see ./code-cache.ts) loads in about
  // half the time; without it (tsc output, a partial install) the ES module does the same work.
  if (typeof POSTGUARD_CLI_BUNDLE !== "undefined" && POSTGUARD_CLI_BUNDLE) {
    try {
      return requireWithCodeCache(fileURLToPath(new URL("./markdown.cjs", import.meta.url))).exports as typeof Markdown;
    } catch {
      // fall through to the ES module
    }
  }
  return createRequire(import.meta.url)("./markdown.js") as typeof Markdown;
}

function markdownSegments(raw: string, mdx: boolean, relevant: Relevance | undefined): Segment[] {
  if (mdx || !relevant) {
    markdown ??= loadMarkdown();
    return markdown.markdownSegments(raw, { mdx });
  }
  // Only the blocks that may hold a keyword; when they are all fenced code, no parser at all.
  const plan = planMarkdown(raw, relevant);
  if (plan.pieces.every((piece) => piece.node)) return plannedCodeSegments(raw, plan);
  markdown ??= loadMarkdown();
  return markdown.markdownSegments(raw, { mdx: false, plan });
}

/** The HTML extractor (with the `entities` decoder: ~5 ms to load) likewise, on the first HTML page. */
let html: typeof Html | undefined = import.meta.url.endsWith(".ts") ? await import("./html.js") : undefined;

function htmlSegments(raw: string): Segment[] {
  html ??= createRequire(import.meta.url)("./html.js") as typeof Html;
  return html.htmlSegments(raw);
}

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

export interface ToSegmentsOptions {
  /**
   * Whether a text may hold what the caller looks for (a scan: a rule's keyword). Given, a
   * markdown post's segments are only those of its blocks that may (./markdown/plan.ts);
   * segments of other blocks would not have held it either.
   */
  relevant?: Relevance;
}

/** Split a decoded file into segments with exact maps back into `raw`. */
export function toSegments(raw: string, format: DocumentFormat, opts: ToSegmentsOptions = {}): Segment[] {
  switch (format) {
    case "markdown":
      return markdownSegments(raw, false, opts.relevant);
    case "mdx":
      return markdownSegments(raw, true, undefined);
    case "html": {
      const segments = htmlSegments(raw);
      return [...segments, ...segments.filter((s) => s.kind === "script").flatMap(stringLiteralSegments)];
    }
    default:
      return textSegments(raw);
  }
}
