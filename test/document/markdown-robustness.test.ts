/**
 * Inputs a blog never should contain but a scanner will meet: NUL bytes, absurd nesting,
 * huge files, pathological emphasis, nodes without positions, random syntax soup.
 */
import { describe, expect, it } from "vitest";
import { toSegments } from "../../src/document/index.js";
import { LineIndex } from "../../src/document/line-index.js";
import { markdownSegments } from "../../src/document/markdown.js";
import { codeSegment, fenceLang } from "../../src/document/markdown/code.js";
import { frontMatterSegments } from "../../src/document/markdown/front-matter.js";
import { htmlNodeSegments } from "../../src/document/markdown/html-node.js";
import { destinationSegment } from "../../src/document/markdown/links.js";
import { attributeSegments, scriptSegment } from "../../src/document/markdown/mdx.js";
import { proseSegments } from "../../src/document/markdown/prose.js";
import { type MdNode, Source } from "../../src/document/markdown/source.js";
import type { Segment } from "../../src/types.js";

/** Line and column where `plain` starts in the first segment that contains it. */
function locate(raw: string, segments: Segment[], plain: string) {
  const seg = segments.find((s) => s.text.includes(plain));
  if (!seg) return undefined;
  const { line, column } = new LineIndex(raw).position(seg.map.toRaw(seg.text.indexOf(plain)));
  return { kind: seg.kind, line, column };
}

/** CPU time, not wall time: the suite may share the machine with other work. */
function withCpuTime<T>(run: () => T): { result: T; cpuMs: number } {
  const before = process.cpuUsage();
  const result = run();
  const { user, system } = process.cpuUsage(before);
  return { result, cpuMs: (user + system) / 1000 };
}

describe("fenceLang", () => {
  it.each([
    ["js", "js"],
    ["JS", "js"],
    ["js{1,3}", "js"],
    ["{.python}", "python"],
    ["{r setup}", "r"],
    ["yaml", "yaml"],
    [null, undefined],
    ["", undefined],
  ])("%j -> %j", (lang, want) => {
    expect(fenceLang(lang)).toBe(want);
  });

  it("drops highlighter attributes after the language", () => {
    const raw = '```TypeScript {1,3} title="x.ts"\nconst k = "FAKEmetaKEYfake";\n```\n';
    expect(markdownSegments(raw, { mdx: false })[0]).toMatchObject({ kind: "code", lang: "typescript" });
  });
});

describe("markdownSegments robustness", () => {
  it("reads NUL bytes as U+FFFD mapped onto the NUL", () => {
    const raw = "pass\0word\n\n```\nkey=\0FAKEnulKEYfake\n```\n";
    const segments = markdownSegments(raw, { mdx: false });
    const code = segments.find((s) => s.kind === "code")!;
    expect(code.text).toBe("key=\ufffdFAKEnulKEYfake");
    expect(raw[code.map.toRaw(4)]).toBe("\0");
    expect(locate(raw, segments, "FAKEnulKEYfake")).toEqual({ kind: "code", line: 4, column: 6 });
  });

  it("handles 300 nested blockquotes without recursion", () => {
    const depth = 300;
    let raw = "";
    for (let i = 1; i <= depth; i++) raw += `${">".repeat(i)} level ${i}\n`;
    raw += `${">".repeat(depth)} \`\`\`\n${">".repeat(depth)} token=FAKEdeepQUOTEfake\n`;
    const segments = markdownSegments(raw, { mdx: false });
    expect(locate(raw, segments, "FAKEdeepQUOTEfake")).toEqual({ kind: "code", line: depth + 2, column: depth + 8 });
  });

  it("handles 200 nested list items", () => {
    let raw = "";
    for (let i = 0; i < 200; i++) raw += `${"  ".repeat(i)}- item ${i}\n`;
    raw += `${"  ".repeat(200)}FAKEdeepLISTfake\n`;
    const segments = markdownSegments(raw, { mdx: false });
    expect(locate(raw, segments, "FAKEdeepLISTfake")).toEqual({ kind: "prose", line: 201, column: 401 });
  });

  it("parses a 5 MB post in seconds and maps its last line", { timeout: 180_000 }, () => {
    const codeLine = (i: number) => `  config.set("key.${i}", "value-${i}"); // line ${i}`;
    const code = Array.from({ length: 40 }, (_, i) => codeLine(i)).join("\n");
    const block = [
      "## Step",
      "",
      "Set the key in `application.yml` &amp; restart the service, then check the [logs](https://example.com/logs).",
      "",
      "```java",
      code,
      "```",
      "",
      "- item one",
      "- item two",
      "",
      "> a quoted note",
      "",
    ].join("\n");
    const raw = `${block.repeat(Math.ceil(5_000_000 / block.length))}\nlast: FAKElastLINEfake\n`;
    const { result: segments, cpuMs } = withCpuTime(() => markdownSegments(raw, { mdx: false }));
    expect(cpuMs).toBeLessThan(30_000);
    const last = segments[segments.length - 1]!;
    const { line } = new LineIndex(raw).position(last.map.toRaw(last.text.indexOf("FAKElastLINEfake")));
    expect(line).toBe(raw.split("\n").length - 1);
  });

  it("stays linear on thousands of separate blockquotes", { timeout: 120_000 }, () => {
    // micromark alone is quadratic here (10,000 quotes: about 90 s); parsing in pieces is not.
    const raw = `${"> quoted\n\n".repeat(10_000)}> FAKElastQUOTEfake\n`;
    const { result: segments, cpuMs } = withCpuTime(() => markdownSegments(raw, { mdx: false }));
    expect(cpuMs).toBeLessThan(20_000);
    expect(locate(raw, segments, "FAKElastQUOTEfake")).toEqual({ kind: "prose", line: 20_001, column: 3 });
  });

  it("stays linear on thousands of blockquotes that all hold a keyword (the scan's planned parse)", { timeout: 120_000 }, () => {
    // Neighbouring planned blocks are parsed together, never more than 256 at a time.
    const raw = `${"> the password is hunter22\n\n".repeat(10_000)}> FAKElastQUOTEfake\n`;
    const { result: segments, cpuMs } = withCpuTime(() => toSegments(raw, "markdown", { relevant: (t) => t.includes("password") || t.includes("FAKE") }));
    // ~1.5 s here; in one parse call, ~21 s.
    expect(cpuMs).toBeLessThan(10_000);
    expect(segments.filter((s) => s.text.includes("password"))).toHaveLength(10_000);
    expect(locate(raw, segments, "FAKElastQUOTEfake")).toEqual({ kind: "prose", line: 20_001, column: 3 });
  });

  it("does not go quadratic on a paragraph of emphasis delimiters", () => {
    const raw = `${"*_".repeat(20_000)} FAKEstarsFAKE\n`;
    const { result: segments, cpuMs } = withCpuTime(() => markdownSegments(raw, { mdx: false }));
    expect(cpuMs).toBeLessThan(5_000);
    expect(locate(raw, segments, "FAKEstarsFAKE")).toMatchObject({ line: 1, column: 40_002 });
  });

  it("returns one text segment only when nothing can be read, and never throws", () => {
    for (const raw of ["", "\0", "{", "<", "---", "+++\n= x\n+++\n", "```", "<!--", "\r\r\r", "\ufeff# t"]) {
      for (const mdx of [false, true]) {
        expect(() => markdownSegments(raw, { mdx })).not.toThrow();
      }
    }
  });

  it("keeps a front matter block whole when it does not parse", () => {
    const raw = "---\ntitle: [unclosed\nkey: FAKEbadYAMLfake\n---\n\nBody.\n";
    const segments = markdownSegments(raw, { mdx: false });
    expect(segments[0]).toMatchObject({ kind: "front-matter", text: "title: [unclosed\nkey: FAKEbadYAMLfake" });
    expect(segments[0]!.name).toBeUndefined();
    expect(locate(raw, segments, "FAKEbadYAMLfake")).toEqual({ kind: "front-matter", line: 3, column: 6 });
  });

  it("reads lone-CR line endings", () => {
    const raw = "# t\r\r```sh\rexport T=FAKEcrONLYfake\r```\r";
    const segments = markdownSegments(raw, { mdx: false });
    expect(locate(raw, segments, "FAKEcrONLYfake")).toEqual({ kind: "code", line: 4, column: 10 });
  });
});

describe("nodes without a position", () => {
  const source = new Source("anything");
  const bare = (type: string, extra: Partial<MdNode> = {}): MdNode => ({ type, ...extra });

  it.each([
    ["code", () => codeSegment(bare("code", { value: "x" }), source)],
    ["html", () => htmlNodeSegments(bare("html", { value: "<b>x</b>" }), source)],
    ["yaml", () => frontMatterSegments(bare("yaml", { value: "a: b" }), source)],
    ["link", () => destinationSegment(bare("link", { url: "https://x" }), source)],
    ["mdxjsEsm", () => scriptSegment(bare("mdxjsEsm", { value: "import x from 'y'" }), source, new Set())],
    [
      "jsx attribute",
      () => {
        const attribute = bare("mdxJsxAttribute", { name: "a", value: "b" });
        return attributeSegments(bare("mdxJsxFlowElement", { attributes: [attribute] }), source);
      },
    ],
  ])("%s is skipped", (_name, run) => {
    const result = run();
    expect(Array.isArray(result) ? result : result === undefined ? [] : [result]).toEqual([]);
  });

  it("skips phrasing children without a position and keeps the rest", () => {
    const raw = "a FAKEkeptFAKE";
    const paragraph: MdNode = {
      type: "paragraph",
      children: [
        bare("text", { value: "lost" }),
        { type: "text", value: raw, position: { start: { offset: 0 }, end: { offset: raw.length } } },
      ],
    };
    const out: Segment[] = [];
    proseSegments(paragraph, new Source(raw), new Set(), out);
    expect(out.map((s) => s.text)).toEqual([raw]);
  });
});

describe("random syntax soup", () => {
  const TOKENS = [
    "> ", "- ", "1. ", "```js\n", "```\n", "~~~\n", "\t", "\r\n", "\n", "\n\n", "\r", "&amp;", "&#x41;", "\\_", "\\",
    "<!-- c -->", "<!--", "-->", "{", "}", "{/* x */}", '<a href="h&amp;x">', "</a>", "<br>", '[x](y "t")',
    "[r]: <u v>\n", "![i](<s t>)", "`", "``", "*", "_", "\0", "|", " | --- |\n", "---\n", "+++\n", "    ", "é", "𝒳",
    "https://x.y/z?t=1", "www.a.com", "<https://q.r>", 'import a from "b"\n', '<C p="v" q={1} {...r}>', "</C>",
  ];

  /** mulberry32: a small seeded generator, so a failure can be replayed. */
  function random(seed: number): (n: number) => number {
    let s = seed;
    return (n) => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
  }

  it("never throws and maps every character inside the file, in order", () => {
    const rnd = random(20240601);
    for (let doc = 0; doc < 200; doc++) {
      let raw = rnd(4) === 0 ? '---\ntitle: x\nk: "a\\tb"\n---\n' : "";
      for (let i = 5 + rnd(60); i > 0; i--) raw += TOKENS[rnd(TOKENS.length)];
      for (const mdx of [false, true]) {
        for (const seg of markdownSegments(raw, { mdx })) {
          let previous = 0;
          for (let t = 0; t < seg.text.length; t++) {
            const r = seg.map.toRaw(t);
            if (r < previous || r > raw.length) {
              throw new Error(`${JSON.stringify(raw)} (mdx: ${mdx}): ${seg.kind} offset ${t}`);
            }
            previous = r;
          }
        }
      }
    }
  });
});
