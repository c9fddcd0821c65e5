/** The action's pure parts: patches, inputs, output files, masks, markers, diff classification. */
import { describe, expect, it } from "vitest";
import { findingCommentBody, parseFindingMarker, resolvedCommentBody } from "../../src/action/comments.js";
import { classifyFindings } from "../../src/action/diff-findings.js";
import { InputError, parseInputs } from "../../src/action/inputs.js";
import { parsePatch } from "../../src/action/patch.js";
import { toChangedFile } from "../../src/action/pr-files.js";
import { pathFilter } from "../../src/action/scan-workspace.js";
import { maskCommands, outputBlock } from "../../src/action/workflow-files.js";
import type { Finding } from "../../src/types.js";
import { parseOutputs } from "./harness.js";

describe("parsePatch: lines of the head file that the PR adds", () => {
  it.each<[string, string, Array<[number, string]>]>([
    ["one added line among context", "@@ -40,5 +40,5 @@ title\n [ctx]\n line41\n-old 42\n+new 42\n line43\n line44", [[42, "new 42"]]],
    ["a new file", "@@ -0,0 +1,2 @@\n+a\n+b", [[1, "a"], [2, "b"]]],
    ["two hunks, removals shift nothing", "@@ -1,3 +1,2 @@\n a\n-b\n c\n@@ -10,2 +9,3 @@\n x\n+y\n z", [[10, "y"]]],
    ["no newline at end of file", "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file", [[1, "b"]]],
    ["CRLF content keeps its text, not the CR", "@@ -1,1 +1,2 @@\n a\r\n+b\r", [[2, "b"]]],
    ["a removed-only patch", "@@ -1,2 +1,1 @@\n a\n-b", []],
    ["an added line that starts with + or @@", "@@ -1,1 +1,3 @@\n a\n++b\n+@@ not a hunk", [[2, "+b"], [3, "@@ not a hunk"]]],
  ])("%s", (_name, patch, added) => {
    expect([...parsePatch(patch).lines]).toEqual(added);
  });

  it("refuses text that is not a patch instead of guessing line numbers", () => {
    expect(() => parsePatch("diff --git a/x b/x\n+oops")).toThrow(/not a unified diff/);
  });
});

describe("toChangedFile: what an API entry means for the scan", () => {
  it.each([
    ["renamed without edits adds nothing", { filename: "b.md", status: "renamed", previous_filename: "a.md", changes: 0, additions: 0 }, { added: 0 }],
    ["a diff too large for GitHub: unknown, with a reason", { filename: "big.md", status: "modified", changes: 9000, additions: 9000 }, { added: undefined, note: /too large/ }],
    ["a removed file adds nothing", { filename: "gone.md", status: "removed", changes: 3, additions: 0 }, { added: 0 }],
  ] as const)("%s", (_n, api, want) => {
    const f = toChangedFile(api as Parameters<typeof toChangedFile>[0]);
    if (want.added === undefined) expect(f.added).toBeUndefined();
    else expect(f.added?.size).toBe(want.added);
    if ("note" in want) expect(f.note).toMatch(want.note);
  });
});

describe("parseInputs", () => {
  it("defaults", () => {
    expect(parseInputs({})).toEqual({ paths: ["."], failOn: "low", minConfidence: "medium", comment: "review", sarifFile: "postguard.sarif", token: "" });
  });

  it("reads INPUT_ variables with hyphens as the runner sets them, lists by line or comma", () => {
    const inputs = parseInputs({ "INPUT_PATHS": "content/posts\n docs/**/*.md, # comment\n", "INPUT_FAIL-ON": "high", "INPUT_MIN-CONFIDENCE": "low", INPUT_COMMENT: "summary", "INPUT_SARIF-FILE": "out/pg.sarif", "INPUT_GITHUB-TOKEN": "t" });
    expect(inputs).toMatchObject({ paths: ["content/posts", "docs/**/*.md"], failOn: "high", minConfidence: "low", comment: "summary", sarifFile: "out/pg.sarif", token: "t" });
  });

  it("names every bad input at once", () => {
    let err: unknown;
    try {
      parseInputs({ "INPUT_FAIL-ON": "severe", INPUT_COMMENT: "yes", INPUT_PATHS: "../elsewhere", "INPUT_SARIF-FILE": "/tmp/x.sarif" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems).toEqual([
      "input `paths` must name paths inside the workspace; got `../elsewhere`",
      "input `fail-on` must be one of low, medium, high, critical, none; got `severe`",
      "input `comment` must be one of review, summary, off; got `yes`",
      "input `sarif-file` must be a path inside the workspace; got `/tmp/x.sarif`",
    ]);
  });
});

describe("pathFilter: which changed files the `paths` input covers", () => {
  it.each([
    [["."], "content/a.md", true],
    [["content"], "content/posts/a.md", true],
    [["./content/"], "content/posts/a.md", true],
    [["content"], "contentious.md", false],
    [["content/**/*.md"], "content/posts/a.md", true],
    [["content/**/*.md"], "content/posts/a.html", false],
    [["docs", "blog"], "blog/x.mdx", true],
    [["."], "node_modules/pkg/README.md", false],
  ])("%j covers %s: %s", (paths, path, covered) => {
    expect(pathFilter(paths)(path)).toBe(covered);
  });
});

describe("GITHUB_OUTPUT and masks", () => {
  it("writes any value as a delimited block that reads back exactly", () => {
    const text = outputBlock("sarif-file", "/w/a b.sarif") + outputBlock("note", "two\nlines");
    expect(parseOutputs(text)).toEqual({ "sarif-file": "/w/a b.sarif", note: "two\nlines" });
  });

  it("masks whole values, and each long line of a multi-line key but not its armour", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nshort\n-----END PRIVATE KEY-----";
    expect(maskCommands(["abc%def", pem, "abc%def", "  "])).toEqual(["::add-mask::abc%25def", `::add-mask::${pem.replace(/\n/g, "%0A")}`, "::add-mask::MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"]);
  });
});

const f = (line: number, over: Partial<Finding> = {}): Finding => ({
  ruleId: "demo.secret",
  title: "Demo secret",
  provider: "demo",
  severity: "high",
  confidence: "high",
  secret: "s3cr3t-value-xyz-123",
  path: "a.md",
  start: { line, column: 1, offset: 0 },
  end: { line, column: 10, offset: 9 },
  context: { kind: "prose" },
  fingerprint: "a".repeat(32),
  ...over,
});

describe("classifyFindings", () => {
  const files = new Map([["a.md", { path: "a.md", status: "modified" as const, added: new Map([[42, "key = X"]]) }]]);
  const head = (_p: string, line: number) => (line === 42 ? "key = X" : `line ${line}`);

  it("a finding on an added line is placed there; one elsewhere in the file was already there", () => {
    const r = classifyFindings([f(42), f(10)], files, head);
    expect(r.placed.map((p) => p.line)).toEqual([42]);
    expect(r.preexisting.map((x) => x.start.line)).toEqual([10]);
    expect(r.unplaced).toEqual([]);
  });

  it("a paired finding whose other part is on the added line is placed on that line", () => {
    const paired = f(43, { related: [{ ruleId: "demo.id", secret: "id", credential: true, start: { line: 42, column: 1, offset: 0 }, end: { line: 42, column: 3, offset: 2 } }] });
    expect(classifyFindings([paired], files, head).placed.map((p) => p.line)).toEqual([42]);
  });

  it("a workspace that is not the head commit (lines shifted) reports the finding without a line, never as pre-existing", () => {
    const shifted = (_p: string, line: number) => (line === 44 ? "key = X" : `line ${line}`);
    const r = classifyFindings([f(44)], files, shifted);
    expect(r.preexisting).toEqual([]);
    expect(r.unplaced[0]?.reason).toMatch(/not the pull request's version/);
  });

  it("files without a diff or not listed are reported without a line", () => {
    const r = classifyFindings([f(1, { path: "big.md" }), f(1, { path: "unlisted.md" })], new Map([["big.md", { path: "big.md", status: "modified" as const, note: "GitHub sent no diff" }]]), head);
    expect(r.unplaced.map((u) => [u.finding.path, u.reason])).toEqual([
      ["big.md", "GitHub sent no diff"],
      ["unlisted.md", expect.stringMatching(/did not list this file/)],
    ]);
  });
});

describe("comment markers", () => {
  it("a finding comment carries a marker that reads back, and its resolved form keeps the key", () => {
    const body = findingCommentBody(f(42), 42, undefined);
    const marker = parseFindingMarker(body)!;
    expect(marker).toEqual({ fingerprint: "a".repeat(32), line: 42, resolved: false });
    const resolved = resolvedCommentBody(body, marker, "0123456789abcdef");
    expect(parseFindingMarker(resolved)).toEqual({ fingerprint: "a".repeat(32), line: 42, resolved: true });
    expect(resolved).toContain("as of 0123456");
    expect(body).not.toContain("s3cr3t-value-xyz-123");
  });
});
