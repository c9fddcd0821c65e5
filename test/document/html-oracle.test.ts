// Differential test against rehype-parse, the spec-following HTML parser of the unified
// ecosystem. postguard reads pages with its own forward-only scanner (rehype-parse
// overflows the stack on ~3,000-deep nesting and parses at ~1-2 MB/s, see README), so
// this test holds the scanner to rehype-parse's reading of the same pages: for random
// pages of highlighted code and prose, the text of every <pre> and every <p> must be
// what rehype-parse's tree says it is.
import type { Element, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { htmlSegments } from "../../src/document/html.js";

function makeRandom(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}

const WORDS = ["const", "token", "=", "password:", "'Tq8#kW2", "mZx'", "AKIA2Z7Q", "W4XK5RB3", "&&", "<tag>", "a < b", "x & y", "\"q\"", "它的", "密钥", "url=https://h.test/?a=1&b=2"];
const ENTITY: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" };
const escape = (s: string, r: (n: number) => number) =>
  s.replace(/[<>&"]/g, (c) => (c === '"' && r(2) ? "&#34;" : ENTITY[c]!)).replace(/'/g, () => (r(2) ? "&#39;" : "'"));

/** A page with `blocks` code blocks whose lines are cut into highlighter spans at random. */
function randomPage(seed: number): string {
  const r = makeRandom(seed);
  const parts = ["<!DOCTYPE html><html><head><title>t</title></head><body><article>"];
  for (let b = 0; b < 4; b++) {
    const lines: string[] = [];
    for (let l = 0; l < 1 + r(5); l++) {
      const text = Array.from({ length: 1 + r(6) }, () => WORDS[r(WORDS.length)]!).join(" ");
      let html = "";
      let i = 0;
      while (i < text.length) {
        const n = 1 + r(8);
        const piece = escape(text.slice(i, i + n), r);
        html += r(3) ? `<span class="hljs-${["string", "keyword", "attr"][r(3)]}">${piece}</span>` : piece;
        i += n;
      }
      lines.push(html);
    }
    parts.push(`<pre><code class="language-${["yaml", "bash", "js"][r(3)]}">${lines.join("\n")}</code></pre>`);
    parts.push(`<p>Prose ${escape(WORDS[r(WORDS.length)]!, r)} with <code>${escape(WORDS[r(WORDS.length)]!, r)}</code> and <a href="https://h.test/x">a link</a>.</p>`);
  }
  parts.push("</article></body></html>");
  return parts.join("\n");
}

function textOf(node: Root | RootContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element" && node.tagName === "br") return "\n";
  if ("children" in node) return node.children.map(textOf).join("");
  return "";
}

function elements(node: Root | RootContent, tag: string, out: Element[] = []): Element[] {
  if (node.type === "element" && node.tagName === tag) out.push(node);
  if ("children" in node) for (const c of node.children) elements(c, tag, out);
  return out;
}

describe("the HTML scanner reads pages as rehype-parse does", () => {
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))("random page %i", (seed) => {
    const page = randomPage(seed);
    const tree = unified().use(rehypeParse).parse(page);
    const segments = htmlSegments(page);
    // Code: each <pre>'s text, as the tree has it.
    const expectedCode = elements(tree, "pre").map(textOf);
    const code = segments.filter((s) => s.kind === "code").map((s) => s.text);
    expect(code).toEqual(expectedCode);
    // Prose: every paragraph's words, whatever whitespace the scanner keeps (the page's
    // <title> is prose too; only the paragraphs are compared).
    const norm = (s: string) => s.replace(/\s+/g, " ").trim();
    const expectedProse = elements(tree, "p").map((p) => norm(textOf(p)));
    const prose = segments.filter((s) => s.kind === "prose").map((s) => norm(s.text)).filter((t) => t.startsWith("Prose"));
    expect(prose).toEqual(expectedProse);
    // Every character of every code segment maps back to itself in the raw page, or to
    // the entity that spells it.
    for (const seg of segments.filter((s) => s.kind === "code")) {
      for (let i = 0; i < seg.text.length; i++) {
        const at = seg.map.toRaw(i);
        const ch = seg.text[i]!;
        const raw = page.slice(at, at + 8);
        if (ch === "\n") continue;
        expect(raw.startsWith(ch) || raw.startsWith("&"), `char ${JSON.stringify(ch)} at ${i} maps to ${JSON.stringify(raw)}`).toBe(true);
      }
    }
  });
});
