/**
 * Accuracy on a corpus the rules were not tuned on: test/fixtures/accuracy, rendered by
 * scripts/make-accuracy-corpus.mjs from platforms, formats and credential types corpus-dev
 * lacks. The real CLI scans it into SARIF and the findings are scored line by line, the way
 * ../shared/bench/score.mjs scores corpus-dev.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { scoreSarif, type Label, type Score } from "../../scripts/accuracy-corpus/score.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CORPUS = join(ROOT, "test/fixtures/accuracy");
const BAR = 0.97;

const readLabels = (dir: string): Label[] =>
  readFileSync(join(dir, "labels.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Label);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** What a reader needs when the bar is missed: misses and false positives, by type. */
function report(s: Score): string {
  const lines = [`precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} (${s.secretsFound}/${s.secrets} secrets, ${s.falsePositiveLines} false-positive lines)`];
  const byType = new Map<string, string[]>();
  for (const m of s.missed) byType.set(m.type, [...(byType.get(m.type) ?? []), `${m.file}:${m.line}`]);
  for (const [type, where] of byType) lines.push(`  missed ${type} x${where.length}: ${where.join(", ")}`);
  for (const f of s.falsePositives) lines.push(`  false positive on ${f.type} (${f.rules.join(", ")}): ${f.file}:${f.line}`);
  return lines.join("\n");
}

describe("held-out accuracy corpus", () => {
  const tmp: string[] = [];
  afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is exactly what the generator writes (labels cannot drift from the files)", () => {
    const out = mkdtempSync(join(tmpdir(), "postguard-accuracy-"));
    tmp.push(out);
    execFileSync(process.execPath, [join(ROOT, "scripts/make-accuracy-corpus.mjs"), "--out", out], { stdio: "pipe" });
    const rel = (d: string) => files(join(d, "posts")).map((f) => relative(d, f)).sort();
    expect(rel(out)).toEqual(rel(CORPUS));
    for (const f of rel(CORPUS)) expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(CORPUS, f), "utf8"));
    expect(readFileSync(join(out, "labels.jsonl"), "utf8")).toBe(readFileSync(join(CORPUS, "labels.jsonl"), "utf8"));
  });

  it("scores findings by line: a secret's line is a hit, a decoy's line a false positive, an ambiguous one neither", () => {
    const labels: Label[] = [
      { file: "posts/a.md", line: 3, label: "secret", type: "t" },
      { file: "posts/a.md", line: 5, endLine: 7, label: "secret", type: "pem" },
      { file: "posts/a.md", line: 9, label: "decoy", type: "placeholder" },
      { file: "posts/a.md", line: 11, label: "either", type: "local" },
    ];
    const at = (line: number) => ({ ruleId: "r", locations: [{ physicalLocation: { artifactLocation: { uri: "posts/a.md" }, region: { startLine: line } } }] });
    const s = scoreSarif({ labels, sarif: { runs: [{ results: [at(3), at(3), at(6), at(9), at(11), at(12)] }] }, root: "/c", base: "/c" });
    expect([s.truePositiveLines, s.falsePositiveLines, s.ignoredLines, s.secretsFound]).toEqual([2, 2, 1, 2]);
    expect(s.falsePositivesByType).toEqual({ placeholder: 1, unlabeled: 1 });
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(1);
  });

  it(`postguard scan reaches precision and recall >= ${BAR}`, async () => {
    const r = await run(["scan", "test/fixtures/accuracy/posts", "--format", "sarif"], { cwd: ROOT });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(1);
    const s = scoreSarif({ labels: readLabels(CORPUS), sarif: JSON.parse(r.stdout), root: CORPUS, base: ROOT });
    const summary = report(s);
    expect(s.secrets, "the corpus has secrets to find").toBeGreaterThan(200);
    expect(s.precision, summary).toBeGreaterThanOrEqual(BAR);
    expect(s.recall, summary).toBeGreaterThanOrEqual(BAR);
  });
});
