/** The scan pipeline over many files, with rules defined here so the cases stay fixed. */
import { describe, expect, it, vi } from "vitest";
import { discoverFiles } from "../../src/fs/discover.js";
import { scanFiles } from "../../src/fs/scan-files.js";
import { loadRuleTexts } from "../../src/rules/load.js";
import { Engine } from "../../src/scan.js";
import { CONFIDENCES, type Finding } from "../../src/types.js";
import { tempTree } from "../cli/helpers.js";

// A parser that blows up on HTML (as a stack overflow on absurd nesting would).
vi.mock("../../src/document/index.js", async (importOriginal) => {
  const orig = await importOriginal<typeof import("../../src/document/index.js")>();
  return {
    ...orig,
    toSegments: (raw: string, format: Parameters<typeof orig.toSegments>[1]) => {
      if (format === "html") throw new RangeError("Maximum call stack size exceeded");
      return orig.toSegments(raw, format);
    },
  };
});

const RULES = `provider: demo
name: Demo
rules:
  - id: demo.strong
    title: Demo strong token
    severity: high
    keywords: [dst_]
    pattern: '(?<secret>dst_[a-z0-9]{16})'
    references: [https://example.invalid]
    examples: ['dst_a8f3k2m9q4w7e1r5', 'x dst_z9x8c7v6b5n4m3l2']
    negative_examples: ['dst_<TOKEN>']
  - id: demo.weak
    title: Demo weak token
    severity: low
    confidence: low
    keywords: [dwk_]
    pattern: '(?<secret>dwk_[a-z0-9]{16})'
    references: [https://example.invalid]
    examples: ['dwk_a8f3k2m9q4w7e1r5', 'x dwk_z9x8c7v6b5n4m3l2']
    negative_examples: ['dwk_<TOKEN>']
`;
const { rules, problems } = loadRuleTexts([{ path: "demo.yaml", text: RULES }]);
const engine = new Engine(rules);
const STRONG = ["dst_", "q1w2e3r4t5y6u7i8"].join("");
const WEAK = ["dwk_", "p0o9i8u7y6t5r4e3"].join("");
const atLeastMedium = (f: Finding) => CONFIDENCES.indexOf(f.confidence) >= 1;

describe("scanFiles", () => {
  it("the demo rules load", () => expect(problems).toEqual([]));

  it("reports only kept findings, but masks every secret in their frames", async () => {
    const dir = tempTree({ "post.txt": `weak = ${WEAK}\nstrong = ${STRONG}\n` });
    const report = await scanFiles(discoverFiles(["."], { cwd: dir }), { engine, maxFileSize: 1e6, concurrency: 2, keep: atLeastMedium, frames: true });
    expect(report.findings.map((f) => f.ruleId)).toEqual(["demo.strong"]);
    const frame = report.frames!.get(report.findings[0]!)!;
    expect(frame.rows.map((r) => r.text).join("\n")).not.toContain(WEAK);
    expect(frame.rows[0]!.text).toMatch(/^weak = dw\*+$/);
  });

  it("a parser that throws falls back to plain text, with a warning naming the file", async () => {
    const dir = tempTree({ "page.html": `<p>${STRONG}</p>\n`, "other.txt": `${STRONG}\n` });
    const report = await scanFiles(discoverFiles(["."], { cwd: dir }), { engine, maxFileSize: 1e6, concurrency: 2 });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([{ path: "page.html", message: "could not be parsed as html (Maximum call stack size exceeded); scanned as plain text" }]);
    expect(report.findings.map((f) => `${f.path}:${f.start.line}:${f.start.column}`)).toEqual(["other.txt:1:1", "page.html:1:4"]);
  });

  it("counts what it saw", async () => {
    const dir = tempTree({ "a.txt": STRONG, "b.txt": "nothing", "c.txt": Buffer.from([0, 1]) });
    const report = await scanFiles(discoverFiles(["."], { cwd: dir }), { engine, maxFileSize: 1e6, concurrency: 2 });
    expect(report.stats).toMatchObject({ files: 3, scanned: 2, skipped: 1, errors: 0, findings: 1, bySeverity: { high: 1 } });
  });
});
