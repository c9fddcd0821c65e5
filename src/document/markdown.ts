/**
 * Markdown and MDX posts -> segments with exact maps into the raw file.
 *
 * remark parses; every segment's text is rebuilt from the source, because mdast values are
 * not source slices (code in lists and blockquotes loses its container prefix, escapes and
 * entities are decoded). See ./markdown/align.ts for how values are lined up with the source.
 */
import { createRequire } from "node:module";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import type RemarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Segment } from "../types.js";
import { pieceStarts } from "./markdown/chunks.js";
import { codeSegment } from "./markdown/code.js";
import { defuseEmphasis } from "./markdown/defuse.js";
import { frontMatterSegments } from "./markdown/front-matter.js";
import { htmlNodeSegments } from "./markdown/html-node.js";
import { destinationSegment } from "./markdown/links.js";
import { attributeSegments, prepareMdx, scriptSegment } from "./markdown/mdx.js";
import { proseSegments } from "./markdown/prose.js";
import { appendAll, type MdNode, Source } from "./markdown/source.js";
import { verbatimMap } from "./offset-map.js";

const FRONT_MATTER = ["yaml", "toml"] as const;
const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, [...FRONT_MATTER]).freeze();

/**
 * remark-mdx and what it brings (acorn, acorn-jsx, the MDX micromark extensions: ~320 KB
 * bundled, a third of the parser's load time) load on the first `.mdx` post only: a plain
 * markdown post never needs them.
 * Synchronous like the load of this module (require of an ES module, Node >= 20.19); the
 * CLI bundle turns the require into its `lib-remark-mdx.js` entry (scripts/build-cli.mjs).
 */
let mdxParserMemo: ReturnType<typeof createMdxParser> | undefined;
function createMdxParser() {
  const remarkMdx = (createRequire(import.meta.url)("remark-mdx") as { default: typeof RemarkMdx }).default;
  return unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkFrontmatter, [...FRONT_MATTER])
    .freeze();
}
const mdxParser = () => (mdxParserMemo ??= createMdxParser());

/** Inline node types: a block holding them directly is read as one prose segment. */
const PHRASING = new Set([
  "text",
  "inlineCode",
  "emphasis",
  "strong",
  "delete",
  "link",
  "linkReference",
  "image",
  "imageReference",
  "break",
  "footnoteReference",
  "mdxTextExpression",
  "mdxJsxTextElement",
]);

/**
 * Splits a markdown (`mdx: false`) or MDX (`mdx: true`) post into segments:
 *
 * - `code`: fenced and indented code blocks, `lang` from the fence's info string;
 * - `prose`: one per paragraph, heading and table cell, inline code listed in `inlineCode`;
 * - `url`: link, image and definition destinations, autolinks and GFM bare URLs;
 * - `front-matter`: one per YAML/TOML value, `name` = key path (`dingtalk.webhook`);
 * - raw HTML through `htmlSegments` (`code` for `<pre>`, `comment`, `url`, ...);
 * - MDX: `script` for ESM and `{expressions}`, `attribute`/`url` for JSX attribute values.
 *
 * Every map points into `raw`. Never throws: an MDX file that does not parse as MDX
 * (unclosed JSX, a stray `{`) is read as plain markdown, and a file that cannot be read at
 * all comes back as one `text` segment.
 */
export function markdownSegments(raw: string, opts: { mdx: boolean }): Segment[] {
  const attempts: Array<() => Segment[]> = [];
  if (opts.mdx) {
    // Loaded outside the attempts: a parser that cannot load is a broken install, not a post to read as markdown.
    const parser = mdxParser();
    attempts.push(() => {
      const { src, starts } = prepareMdx(raw);
      const defused = defuseEmphasis(src);
      return extract(parser.parse(defused) as unknown as MdNode, new Source(raw, defused), starts);
    });
  }
  attempts.push(() => {
    const src = defuseEmphasis(raw);
    return extract(parseInPieces(src), new Source(raw, src), new Set());
  });
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // Parse errors are expected for MDX (acorn and JSX errors); anything else (a stack
      // overflow deep inside a parser) must not cost the scan the file: try the next reading.
    }
  }
  return [{ kind: "text", text: raw, map: verbatimMap(raw, 0) }];
}

/**
 * Parses plain markdown piece by piece (see ./markdown/chunks.ts for why) and joins the
 * pieces' blocks under one root, their positions moved to offsets in `src`.
 */
function parseInPieces(src: string): MdNode {
  const starts = pieceStarts(src);
  if (starts.length === 1) return markdownParser.parse(src) as unknown as MdNode;
  const children: MdNode[] = [];
  for (let k = 0; k < starts.length; k++) {
    const base = starts[k]!;
    const piece = markdownParser.parse(src.slice(base, starts[k + 1] ?? src.length)) as unknown as MdNode;
    const stack = [...(piece.children ?? [])];
    appendAll(children, stack);
    while (stack.length) {
      const node = stack.pop()!;
      const s = node.position?.start?.offset;
      const e = node.position?.end?.offset;
      node.position =
        typeof s === "number" && typeof e === "number"
          ? { start: { offset: s + base }, end: { offset: e + base } }
          : undefined;
      if (node.children) appendAll(stack, node.children);
    }
  }
  return { type: "root", children };
}

/** Walks the tree iteratively (lists and blockquotes nest as deep as the input likes). */
function extract(root: MdNode, source: Source, commentStarts: ReadonlySet<number>): Segment[] {
  const out: Segment[] = [];
  const push = (seg: Segment | undefined): void => {
    if (seg) out.push(seg);
  };
  const stack: MdNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case "paragraph":
      case "heading":
      case "tableCell":
        proseSegments(node, source, commentStarts, out);
        continue;
      case "code":
        push(codeSegment(node, source));
        continue;
      case "html":
        appendAll(out, htmlNodeSegments(node, source));
        continue;
      case "yaml":
      case "toml":
        appendAll(out, frontMatterSegments(node, source));
        continue;
      case "definition":
        push(destinationSegment(node, source));
        continue;
      case "mdxjsEsm":
      case "mdxFlowExpression":
        push(scriptSegment(node, source, commentStarts));
        continue;
      case "mdxJsxFlowElement":
        appendAll(out, attributeSegments(node, source));
        break;
    }
    const children = node.children;
    if (!children) continue;
    if (children.some((child) => PHRASING.has(child.type))) {
      proseSegments(node, source, commentStarts, out);
      continue;
    }
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
  }
  return out;
}
