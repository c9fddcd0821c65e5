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
import type { MarkdownPlan, PlannedPiece } from "./markdown/plan.js";
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
 *
 * With a `plan` (./markdown/plan.ts), plain markdown only: just the planned pieces.
 */
export function markdownSegments(raw: string, opts: { mdx: boolean; plan?: MarkdownPlan }): Segment[] {
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
    const src = opts.plan?.src ?? defuseEmphasis(raw);
    // A planned piece that does not end where its cut said (./markdown/chunks.ts guessed a
    // block boundary wrong) costs the plan: the whole post is read instead.
    const root = (opts.plan && parsePieces(src, opts.plan.pieces)) || parsePieces(src, wholePieces(src))!;
    return extract(root, new Source(raw, src), new Set());
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

/** All of `src` in pieces that parse independently (see ./markdown/chunks.ts for why). */
function wholePieces(src: string): PlannedPiece[] {
  const starts = pieceStarts(src);
  return starts.map((start, k) => ({ start, end: starts[k + 1] ?? src.length }));
}

/**
 * Parses plain markdown piece by piece and joins the pieces' blocks under one root, their
 * positions moved to offsets in `src`; a piece with its node already made is not parsed.
 * Undefined when a piece's last block runs on over the blank lines its cut was made after:
 * then it was a fence or HTML block still open, and the cut was not a block boundary.
 */
function parsePieces(src: string, pieces: readonly PlannedPiece[]): MdNode | undefined {
  if (pieces.length === 1 && pieces[0]!.start === 0 && pieces[0]!.end === src.length && !pieces[0]!.node) {
    return markdownParser.parse(src) as unknown as MdNode;
  }
  const children: MdNode[] = [];
  for (const { start: base, end, node: made } of pieces) {
    if (made) {
      children.push(made);
      continue;
    }
    const piece = markdownParser.parse(src.slice(base, end)) as unknown as MdNode;
    if (end < src.length && runsOn(piece, src, base, end)) return undefined;
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

/** Whether the last block parsed of src[base, end) reaches into the blank lines it ends with. */
function runsOn(piece: MdNode, src: string, base: number, end: number): boolean {
  const last = piece.children?.at(-1)?.position?.end?.offset;
  if (typeof last !== "number") return false;
  let t = end;
  while (t > base && /[ \t\r\n]/.test(src[t - 1]!)) t--;
  return base + last > t;
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
