/** SARIF details that code-scanning uploads depend on. */
import { describe, expect, it } from "vitest";
import { artifactUri, toSarif } from "../../src/report/sarif.js";
import { emptyStats, type ScanReport } from "../../src/report/model.js";
import type { Finding } from "../../src/types.js";

describe("artifactUri", () => {
  it.each([
    ["content/posts/a.md", "content/posts/a.md"],
    ["content/my post.md", "content/my%20post.md"],
    ["docs/100%.md", "docs/100%25.md"],
    ["a:b/c#d?.md", "a%3Ab/c%23d%3F.md"],
    ["博客/密钥.md", "%E5%8D%9A%E5%AE%A2/%E5%AF%86%E9%92%A5.md"],
    ["../elsewhere/x.md", "../elsewhere/x.md"],
  ])("%s -> %s", (path, uri) => {
    expect(artifactUri(path)).toEqual({ uri, uriBaseId: "%SRCROOT%" });
  });

  it("absolute paths become file URLs", () => {
    expect(artifactUri("/srv/blog/a b.md")).toEqual({ uri: "file:///srv/blog/a%20b.md" });
  });
});

describe("toSarif", () => {
  const secret = ["Zq8Vx3Lm7Tp0Wb2Nk5Hs", "9Yd4Gf6Jc1Ua/Ee+Qi0R"].join("");
  const finding: Finding = {
    ruleId: "demo.secret",
    title: "Demo secret",
    provider: "demo",
    severity: "medium",
    confidence: "medium",
    secret,
    path: "post.md",
    start: { line: 2, column: 5, offset: 10 },
    end: { line: 2, column: 45, offset: 50 },
    context: { kind: "prose" },
    fingerprint: "f".repeat(32),
  };
  const report: ScanReport = { findings: [finding], errors: [], skipped: [{ path: "big.html", reason: "too-large", message: "too big" }], warnings: [], stats: emptyStats() };

  it("never puts the raw secret anywhere unless asked", () => {
    const text = JSON.stringify(toSarif(report, { rules: [], version: "1.2.3", cwd: "/srv/blog" }));
    expect(text).not.toContain(secret);
    expect(JSON.stringify(toSarif(report, { rules: [], version: "1.2.3", cwd: "/srv/blog", showSecrets: true }))).toContain(secret);
  });

  it("maps medium to warning, keeps the fingerprint, and lists skipped files as notifications", () => {
    const log = toSarif(report, { rules: [], version: "1.2.3", cwd: "/srv/blog" });
    const run = log.runs[0]!;
    expect(run.results[0]).toMatchObject({ level: "warning", partialFingerprints: { "postguard/v1": "f".repeat(32) } });
    expect(run.results[0]).not.toHaveProperty("ruleIndex");
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///srv/blog/");
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: "warning", message: { text: "big.html: too big" }, descriptor: { id: "postguard.skipped.too-large" } }],
    });
  });
});
