/**
 * Parsing only the blocks of a post that may hold a keyword (src/document/markdown/plan.ts)
 * must give the rules exactly what parsing the whole post gives them: every segment that
 * holds a keyword, with the same text, kind and map into the raw file. Checked on every
 * markdown post we have and on generated posts built to stress the cuts (front matter with
 * blank lines, HTML blocks and fences spanning blank lines, lists, quotes, references,
 * escapes, entities, emphasis inside keywords, CRLF).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toSegments } from "../../src/document/index.js";
import { markdownSegments } from "../../src/document/markdown.js";
import { fencedCode, planMarkdown, plannedCodeSegments } from "../../src/document/markdown/plan.js";
import { builtinRules } from "../../src/rules/load.js";
import { Engine, scanText } from "../../src/scan.js";
import type { Segment } from "../../src/types.js";
import { rng } from "../audit/secrets.js";

const engine = new Engine(builtinRules());
const relevant = (text: string) => engine.index.scan(text).rules.length > 0;

/** Every offset of a segment's text mapped into the raw file: maps compared by what they do. */
function shape(seg: Segment) {
  const raw: number[] = [];
  for (let k = 0; k < seg.text.length; k++) raw.push(seg.map.toRaw(k));
  return { kind: seg.kind, text: seg.text, lang: seg.lang, name: seg.name, inlineCode: seg.inlineCode, raw };
}

/** What the rules see of a post: the segments that hold a keyword, in order. */
function seen(segments: Segment[]) {
  return segments.filter((s) => s.text.length >= 8 && relevant(s.text)).map(shape);
}

function expectSameAsWholeParse(raw: string): void {
  const whole = seen(toSegments(raw, "markdown"));
  const planned = seen(toSegments(raw, "markdown", { relevant }));
  expect(planned).toEqual(whole);
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(md|markdown)$/.test(f))
    .map((f) => join(dir, f));
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const POSTS = [
  ...markdownFiles(join(ROOT, "test/fixtures")),
  ...markdownFiles(join(ROOT, "examples")),
  // The shared bench corpus sits beside the project here and in CI; elsewhere it is skipped.
  ...markdownFiles(join(ROOT, "../shared/bench/corpus-dev/posts")),
];

describe("planned markdown parse", () => {
  it("has posts to compare", () => {
    expect(POSTS.length).toBeGreaterThan(40);
  });

  it.each(POSTS.map((p) => [relative(ROOT, p)]))("%s: the rules see what a whole parse shows them", (rel) => {
    const raw = readFileSync(join(ROOT, rel), "utf8");
    expectSameAsWholeParse(raw);
    expect(scanText(raw, rel, engine)).toEqual(scanText(raw, rel, engine, { noPrefilter: true }));
  });

  it("generated posts: the rules see what a whole parse shows them", () => {
    let checked = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const raw = generatedPost(seed);
      try {
        expectSameAsWholeParse(raw);
      } catch (e) {
        throw new Error(`generated post ${seed}:\n${raw}\n${String(e)}`);
      }
      checked++;
    }
    expect(checked).toBe(400);
  });

  it("reads a post whose keywords sit in fenced code without the parser, as the parser would", () => {
    const raw = `# Deploy\n\nPlain words about deploying.\n\n\`\`\`ini\naws_access_key_id = ${awsKeyId(7)}\n\`\`\`\n\nMore words.\n`;
    const plan = planMarkdown(raw, relevant);
    expect(plan.pieces).toHaveLength(1);
    expect(plan.pieces[0]!.node).toBeDefined();
    expect(plannedCodeSegments(raw, plan).map(shape)).toEqual(seen(markdownSegments(raw, { mdx: false })));
  });

  it("skips blocks without a keyword, and keeps one whose keyword shows only once escapes are read", () => {
    const raw = `Nothing here.\n\nStill nothing.\n\nThe aws\\_secret\\_access\\_key is \`${awsSecret(3)}\`.\n`;
    const plan = planMarkdown(raw, relevant);
    expect(plan.pieces.map((p) => raw.slice(p.start, p.end))).toEqual([raw.slice(raw.indexOf("The aws"))]);
  });

  it("reads the whole post when a cut turns out not to be a block boundary", () => {
    // The second fence line is a new top-level fence that runs to the end: the key is code.
    const raw = `1. step\n   \`\`\`sh\n   export A=1\n\nback in column 0\n   \`\`\`\n\nThe aws_access_key_id=${awsKeyId(9)}\n`;
    expectSameAsWholeParse(raw);
    expect(seen(toSegments(raw, "markdown", { relevant })).map((s) => s.kind)).toEqual(["code"]);
  });

  it("parses the whole post when a planned piece's last block runs on past its cut", () => {
    // A plan cut inside a fenced block (no planner makes this one; the check is for the ones it gets wrong).
    const raw = `\`\`\`ini\nid = ${awsKeyId(4)}\n\nsecret = ${awsSecret(4)}\n\`\`\`\n`;
    const cutAt = raw.indexOf("secret");
    const plan = { src: raw, pieces: [{ start: 0, end: cutAt }, { start: cutAt, end: raw.length }] };
    expect(markdownSegments(raw, { mdx: false, plan }).map(shape)).toEqual(markdownSegments(raw, { mdx: false }).map(shape));
  });

  it("does not cut front matter at its blank lines", () => {
    const raw = `---\ntitle: a\n\naws_key: ${awsKeyId(5)}\n\nnote: b\n---\n\nBody.\n\nMore body.\n\n${"Even more.\n\n".repeat(3)}`;
    expectSameAsWholeParse(raw);
    expect(seen(toSegments(raw, "markdown", { relevant })).map((s) => s.kind)).toContain("front-matter");
  });
});

describe("fencedCode", () => {
  it.each([
    ["```ini\nkey = v\n```\n", "ini"],
    ["~~~~ yaml title=x\nkey: v\n~~~~\n\n", "yaml"],
    ["\n\n```\nkey = v\n```", undefined],
    ["````js\n```\ninner\n```\n````\n", "js"],
    ["```sh\r\nexport K=v\r\n```\r\n", "sh"],
    ["```\n```\n", undefined],
  ])("reads %j as remark does", (raw, lang) => {
    const node = fencedCode(raw, 0, raw.length);
    expect(node).toBeDefined();
    expect(node!.lang).toBe(lang);
    const plan = { src: raw, pieces: [{ start: 0, end: raw.length, node: node! }] };
    expect(plannedCodeSegments(raw, plan).map(shape)).toEqual(markdownSegments(raw, { mdx: false }).map(shape));
  });

  it.each([
    ["an unclosed fence", "```ini\nkey = v\n"],
    ["text after the fence", "```ini\nkey = v\n```\nmore\n"],
    ["an indented fence", "  ```ini\n  key = v\n  ```\n"],
    ["a backtick in a backtick info string", "```a`b\nkey\n```\n"],
    ["an escape in the info string", "```c\\+\\+\nkey\n```\n"],
    ["a NUL in the code", "```\nk\0ey\n```\n"],
    ["a paragraph", "key = v\n"],
    ["a closing fence of the other kind", "```\nkey\n~~~\n"],
  ])("leaves %s to the parser", (_, raw) => {
    expect(fencedCode(raw, 0, raw.length)).toBeUndefined();
  });
});

// -- generated posts ------------------------------------------------------------------------

/** Synthetic: AKIA and 16 invented base32 characters. */
function awsKeyId(n: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let s = "AKIA";
  for (let k = 0; k < 16; k++) s += alphabet[(n * 7 + k * 13) % 32];
  return s;
}

/** Synthetic: 40 invented base64 characters. */
function awsSecret(n: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let s = "";
  for (let k = 0; k < 40; k++) s += alphabet[(n * 11 + k * 29 + k * k) % 64];
  return s;
}

function generatedPost(seed: number): string {
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const key = () => awsKeyId(Math.floor(rnd() * 1000));
  const secret = () => awsSecret(Math.floor(rnd() * 1000));
  const blocks: Array<() => string> = [
    () => "Some prose about uploading files, with nothing to find.",
    () => `The key is \`${key()}\` and the secret is **${secret()}**.`,
    () => `aws\\_secret\\_access\\_key = ${secret()}`,
    () => `password: &#104;unter2${Math.floor(rnd() * 100)}xyz`,
    () => `The id **AK**IA${key().slice(4)} is split by emphasis.`,
    () => `${pick(["```", "~~~", "````"])}${pick(["", "ini", "yaml {1,3}", "bash title=x"])}\naws_access_key_id = ${key()}\n\naws_secret_access_key = ${secret()}\n${pick(["```", "~~~", "````", "`````"])}`,
    () => `\`\`\`\nnot closed ${key()}`,
    () => `- item one\n- item with \`${key()}\`\n\n  continued paragraph secret_key=${secret()}`,
    () => `> quoted\n> aws_secret_access_key: ${secret()}\n\n> another quote`,
    () => `<pre>\ntoken = ${key()}\n\nsecret = ${secret()}\n</pre>`,
    () => `<!--\nhidden aws_access_key_id=${key()}\n\nstill hidden\n-->`,
    () => `<div>\napi_key: ${secret()}\n</div>`,
    () => `| name | value |\n|---|---|\n| key | ${key()} |`,
    () => `See [the console][aws] for ${key()}.`,
    () => `[aws]: https://user:${secret()}@example.org/path`,
    () => `Heading with ${key()}\n===`,
    () => `    indented code ${key()}\n\n    more indented secret=${secret()}`,
    () => `1. step\n\n   \`\`\`sh\n   export AWS_SECRET_ACCESS_KEY=${secret()}\n   \`\`\`\n\n2. next`,
    () => `mysql://root:${secret().slice(0, 12)}@db.internal:3306/app`,
    // A list item's fence that a less indented line ends; the fence line after it opens one.
    () => `1. step\n   \`\`\`sh\n   export A=1\n\nback in column 0\n   \`\`\`\n\nsecret_key = ${secret()}`,
    () => `- item\n  <pre>\n  x\n\nout of the item\n  </pre>\n\naws_access_key_id=${key()}`,
    () => `\t\`\`\`\ntab-indented ${key()}\n\`\`\``,
  ];
  const parts: string[] = [];
  if (rnd() < 0.3) parts.push(`---\ntitle: post ${seed}\n${rnd() < 0.5 ? "\n" : ""}secret_key: ${secret()}\n${rnd() < 0.5 ? "\nmore: x\n" : ""}---`);
  const n = 2 + Math.floor(rnd() * 8);
  for (let k = 0; k < n; k++) parts.push(pick(blocks)());
  let raw = "";
  for (const part of parts) raw += part + pick(["\n\n", "\n\n", "\n\n\n", "\n"]);
  return rnd() < 0.2 ? raw.replace(/\n/g, "\r\n") : raw;
}
