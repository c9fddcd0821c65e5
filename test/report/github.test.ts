/** Workflow-command annotations: escaping per the runner's rules, exact positions, masking. */
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub, workflowCommand } from "../../src/report/github.js";
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
  context: { kind: "code", lang: "bash" },
  fingerprint: "f".repeat(32),
  ...over,
});
const report = (findings: Finding[], extra: Partial<ScanReport> = {}): ScanReport => ({ findings, errors: [], skipped: [], warnings: [], stats: emptyStats(), ...extra });
const opts = { rules: [], version: "1.0.0", cwd: "/repo" };

describe("escaping", () => {
  it.each([
    ["100% done", "100%25 done", "100%25 done"],
    ["a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"],
    ["x: y, z", "x: y, z", "x%3A y%2C z"],
    ["%0A is literal", "%250A is literal", "%250A is literal"],
  ])("%j -> data %j, property %j", (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it("a file name with a comma, colon or newline cannot add properties or end the command", () => {
    expect(workflowCommand("error", { file: "posts/a,line=1:b\n.md", line: 3 }, "m::n")).toBe("::error file=posts/a%2Cline=1%3Ab%0A.md,line=3::m::n");
  });

  it("drops properties that are not given", () => {
    expect(workflowCommand("warning", { file: undefined, title: "" }, "x")).toBe("::warning::x");
  });
});

describe("formatGithub", () => {
  it("one line per finding, exact columns (endColumn inclusive), level by severity, secret masked", () => {
    const out = formatGithub(report([finding(), finding({ severity: "medium", path: "b.md" }), finding({ severity: "low", path: "c.md" })]), opts);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "::error file=content/posts/a.md,line=12,endLine=12,col=5,endColumn=44,title=postguard%3A Demo secret::Unexpected Demo secret in `bash` code block, expected a placeholder such as `<DEMO_SECRET>`. Secret: Zq************. Rule: demo.secret (high, high confidence).",
    );
    expect(lines[1]).toMatch(/^::warning file=b\.md,/);
    expect(lines[2]).toMatch(/^::notice file=c\.md,/);
    expect(out).not.toContain(secret);
  });

  it("leaves columns out for a finding over several lines (the runner rejects them there)", () => {
    const out = formatGithub(report([finding({ end: { line: 14, column: 3, offset: 200 } })]), opts);
    expect(out).toMatch(/^::error file=content\/posts\/a\.md,line=12,endLine=14,title=/);
  });

  it("names the paired part masked, and files that were not scanned", () => {
    const keyId = ["AKIA", "Q4ZT7WX2", "NR5KM3BV"].join("");
    const out = formatGithub(
      report([finding({ related: [{ ruleId: "aws.access-key-id", secret: keyId, credential: true, start: { line: 11, column: 3, offset: 80 }, end: { line: 11, column: 23, offset: 100 } }] })], {
        errors: [{ path: "x.md", message: "cannot read: permission denied" }],
        skipped: [{ path: "big.html", reason: "too-large", message: "60 MB is over the limit" }],
      }),
      opts,
    );
    expect(out).toContain("Secret: Zq************, with aws.access-key-id AKIA************ at 11:3.");
    expect(out).not.toContain(keyId);
    expect(out).toContain("::error file=x.md,title=postguard%3A file not scanned::cannot read: permission denied\n");
    expect(out).toContain("::notice file=big.html,title=postguard%3A file skipped::60 MB is over the limit\n");
  });

  it("shows the secret only when asked", () => {
    expect(formatGithub(report([finding()]), { ...opts, showSecrets: true })).toContain(secret);
  });

  it("is empty for a clean scan", () => {
    expect(formatGithub(report([]), opts)).toBe("");
  });
});

describe("suppressed findings", () => {
  it("get no annotation and no table row (machine formats list them, marked)", () => {
    const hidden = finding({ path: "hidden.md", suppressed: { kind: "baseline", justification: "recorded in the baseline" } });
    expect(formatGithub(report([hidden, finding()]), opts)).not.toContain("hidden.md");
  });
});
