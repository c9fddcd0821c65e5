/**
 * What an audit prints: a progress bar redrawn in place on a terminal, plain lines in a
 * log, JSON Lines on stdout with `--jsonl -` (the summary moving to stderr), secrets in
 * clear only with --show-secrets — and never in the state.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { progressBar, progressLine } from "../../src/audit/report/progress.js";
import { githubToken } from "./secrets.js";
import { send, TestServer, wait } from "./test-server.js";

const TOKEN = githubToken(4242);
let site: TestServer;
let dir: string;

beforeAll(async () => {
  site = await TestServer.start();
  site.route("/robots.txt", (_q, res) => send(res, 404, "text/plain", ""));
  site.pattern(/^\/p\/\d+\.html$/, async (_q, res, { url }) => {
    await wait(60);
    const leak = url.pathname === "/p/3.html" ? `<pre><code>git clone https://${TOKEN}@github.com/a/b.git</code></pre>` : "<p>nothing here</p>";
    send(res, 200, "text/html", `<!DOCTYPE html><html><body>\n${leak}\n</body></html>`);
  });
  site.route("/sitemap.xml", (_q, res) =>
    send(res, 200, "application/xml", `<urlset>${Array.from({ length: 8 }, (_, i) => `<url><loc>${site.base}/p/${i}.html</loc></url>`).join("")}</urlset>`),
  );
  dir = mkdtempSync(join(tmpdir(), "postguard-output-"));
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

const NET = ["--per-host", "1", "--delay", "0", "--workers", "0"];

describe("progress", () => {
  const p = { phase: "pages" as const, total: 200, done: 50, now: { scanned: 45, unchanged: 0, skipped: 2, failed: 3 }, rate: 12.5, occurrences: 4, elapsedMs: 4000 };

  it("a bar with pages/s, ETA, failures and findings", () => {
    expect(progressBar(p)).toBe("[######------------------] 25% 50/200 pages · 13 pages/s · ETA 12s · 3 failed · 4 findings");
    expect(progressLine(p)).toBe("postguard: audit: 50/200 pages (25%), 13 pages/s, ETA 12s, 3 failed, 4 findings, 4s elapsed");
  });

  it("is redrawn in place on a terminal, and cleared before findings and the summary", async () => {
    let err = "";
    let out = "";
    const r = await run(["audit", "--sitemap", `${site.base}/sitemap.xml`, "--state", "tty.db", ...NET], {
      cwd: dir,
      stderrIsTTY: true,
      stderrWrite: (t) => (err += t),
      stdoutWrite: (t) => (out += t),
    });
    expect(r.exitCode).toBe(1);
    expect(err).toMatch(/\r\u001b\[K\[#*-*\] \d+% \d+\/8 pages · /);
    expect(err.endsWith("\r\u001b[K")).toBe(true);
    expect(out).toContain(`${site.base}/p/3.html:2:`);
    expect(out).toContain("Audit finished");
  });
});

describe("outputs", () => {
  it("--jsonl - puts JSON Lines on stdout and the summary on stderr", async () => {
    const r = await run(["audit", "--sitemap", `${site.base}/sitemap.xml`, "--state", "jsonl.db", "--jsonl", "-", ...NET], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ url: `${site.base}/p/3.html`, ruleId: "github.personal-access-token", secret: "ghp_************", start: { line: 2 } });
    expect(r.stderr).toContain("1 distinct secret (1 high) in 1 occurrence on 1 page.");
  });

  it("--show-secrets prints the value, but the state keeps only its hash", async () => {
    const r = await run(["audit", "--sitemap", `${site.base}/sitemap.xml`, "--state", "shown.db", "--jsonl", "shown.jsonl", "--show-secrets", ...NET], { cwd: dir });
    expect(r.stdout).toContain(TOKEN);
    expect(readFileSync(join(dir, "shown.jsonl"), "utf8")).toContain(TOKEN);
    expect(readFileSync(join(dir, "shown.db")).includes(TOKEN)).toBe(false);
  });

  it("-q prints findings but neither progress nor summary; --fail-on critical exits 0 for a high finding", async () => {
    const r = await run(["audit", "--sitemap", `${site.base}/sitemap.xml`, "--state", "quiet.db", "-q", "--fail-on", "critical", ...NET], { cwd: dir, stderrIsTTY: true });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("/p/3.html:2:");
    expect(r.stdout).not.toContain("Audit finished");
    expect(r.stderr).toBe("");
  });
});
