/**
 * HTML page -> segments: prose blocks (with inline `<code>` ranges), code blocks
 * reassembled from highlighter markup, URL and other attribute values, inline scripts
 * and comments. Every segment maps each character back to its offset in `raw`.
 * The pieces live in ./html/ (scanner, tree rules, highlighter classes, code assembly).
 */
import type { Segment } from "../types.js";
import { extractHtml } from "./html/extract.js";

/**
 * Splits a decoded HTML page into segments, in the order they start in `raw`.
 *
 * - `code`: each `<pre>` (and SyntaxHighlighter / gist tables without one) as the reader
 *   sees it: highlighter spans joined, line-number gutters and copy buttons dropped, one
 *   line per `<br>`, line `<div>`/`<li>`/`<tr>`, `lang` from the highlighter's classes.
 * - `prose`: one segment per block element; `<code>` inside it is listed in `inlineCode`.
 * - `url` / `attribute`: attribute values of 8+ characters (`name` = attribute name).
 * - `script`: inline `<script>` bodies; `comment`: HTML comments. `<style>` is skipped.
 *
 * Linear in the page size, no recursion: 50 MB pages and 10,000-deep nesting are fine.
 */
export function htmlSegments(raw: string): Segment[] {
  return extractHtml(raw);
}
