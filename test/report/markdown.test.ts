/** The Markdown summary: a GFM table that survives hostile paths, masked secrets, a row cap. */
import { describe, expect, it } from "vitest";
import { codeSpan, formatMarkdown, tableCell } from "../../src/report/markdown.js";
import { emptyStats, type ScanReport } from "../../src/report/model.js";
import type { Finding } from "../../src/types.js";

const secret = ["Zq8Vx3Lm7Tp0Wb2Nk5Hs", "9Yd4Gf6Jc1Ua/Ee+Qi0R"].join("");
const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: "demo.secret",
  title: "Demo secret",
  provider: "demo",
  severity: "high",
  confidence: "high",
  secret,
  path: "content/posts/a.md",
  start: { line: 12, column: 5, offset: 100 },
  end: { line: 12, column: 45, offset: 140 },
  context: { kind: "prose" },
  fingerprint: "f".repeat(32),
  ...over,
});
function report(findings: Finding[], extra: Partial<ScanReport> = {}): ScanReport {
  const stats = { ...emptyStats(), scanned: 3, files: 3, findings: findings.length };
  for (const f of findings) stats.bySeverity[f.severity]++;
  return { findings, errors: [], skipped: [], warnings: [], stats, ...extra };
}
const opts = { rules: [], version: "1.0.0", cwd: "/repo" };

describe("codeSpan and tableCell", () => {
  it.each([
    ["plain", "`plain`"],
    ["a`b", "``a`b``"],
    ["`x`", "`` `x` ``"],
    ["two\nlines", "`two lines`"],
  ])("codeSpan(%j) = %j", (input, out) => expect(codeSpan(input)).toBe(out));

  it("escapes pipes and folds line breaks", () => {
    expect(tableCell("a|b\nc")).toBe("a\\|b c");
  });
});

describe("formatMarkdown", () => {
  it("a heading, the count, one row per finding with the secret masked, and what to do", () => {
    const out = formatMarkdown(report([finding(), finding({ severity: "critical", confidence: "medium", path: "b.md" })]), { ...opts, heading: "postguard: pull request #7" });
    expect(out).toBe(
      [
        "### postguard: pull request #7",
        "",
        "2 findings (1 critical, 1 high) in 2 files. Scanned 3 files.",
        "",
        "| Severity | Location | Finding | Secret (masked) | Rule |",
        "| --- | --- | --- | --- | --- |",
        "| high | `content/posts/a.md:12:5` | Unexpected Demo secret in prose, expected a placeholder such as `<DEMO_SECRET>` | `Zq************` | `demo.secret` |",
        "| critical (medium confidence) | `b.md:12:5` | Unexpected Demo secret in prose, expected a placeholder such as `<DEMO_SECRET>` | `Zq************` | `demo.secret` |",
        "",
        "**What to do:** treat each credential as leaked, even if a later commit removes it (it stays in the history and may already be public). Revoke or rotate it with its provider first, then replace it with a placeholder such as `<DEMO_SECRET>`, or run `postguard fix`.",
        "",
      ].join("\n"),
    );
  });

  it("a path with pipes, backticks and HTML stays one cell, inside a code span", () => {
    const out = formatMarkdown(report([finding({ path: "posts/a|b`<img src=x>`.md" })]), opts);
    const row = out.split("\n").find((l) => l.startsWith("| high"))!;
    expect(row).toContain("``posts/a\\|b`<img src=x>`.md:12:5``");
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5); // five cells
  });

  it("links the location when given a URL, encoding spaces and parentheses", () => {
    const out = formatMarkdown(report([finding({ path: "my post (draft).md" })]), { ...opts, link: (p, l) => `https://github.com/o/r/blob/abc/${p}#L${l}` });
    expect(out).toContain("[`my post (draft).md:12:5`](https://github.com/o/r/blob/abc/my%20post%20%28draft%29.md#L12)");
  });

  it("caps the table and says how many more there are", () => {
    const many = Array.from({ length: 5 }, (_, i) => finding({ path: `p${i}.md` }));
    const out = formatMarkdown(report(many), { ...opts, maxRows: 2 });
    expect(out.split("\n").filter((l) => l.startsWith("| high"))).toHaveLength(2);
    expect(out).toContain("…and 3 more, not shown here");
  });

  it("a clean scan says so, and lists files that were not scanned", () => {
    const out = formatMarkdown(report([], { errors: [{ path: "x.md", message: "cannot read: permission denied" }] }), opts);
    expect(out).toContain("No credentials found. Scanned 3 files");
    expect(out).toContain("- `x.md`: not scanned: cannot read: permission denied");
    expect(out).not.toContain("| Severity");
  });

  it("never shows the secret unless asked", () => {
    expect(formatMarkdown(report([finding()]), opts)).not.toContain(secret);
    expect(formatMarkdown(report([finding()]), { ...opts, showSecrets: true })).toContain(secret);
  });
});

describe("suppressed findings", () => {
  it("are not rows of the table", () => {
    const hidden = finding({ path: "hidden.md", suppressed: { kind: "inline", justification: "postguard-ignore at line 3" } });
    const out = formatMarkdown(report([hidden, finding()]), opts);
    expect(out).not.toContain("hidden.md");
    expect(out.split("\n").filter((l) => l.startsWith("| high"))).toHaveLength(1);
  });
});
