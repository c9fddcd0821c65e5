/**
 * The real executable killed halfway: `node dist/cli/bin.js audit …` is SIGKILLed while
 * it crawls; `--resume` must end with the same totals and findings as a run that was
 * never interrupted, and fetch no page twice except those that were in flight when the
 * process died (pages the state still held as pending). Ctrl-C (SIGINT) stops cleanly
 * with exit code 130 and resumes the same way. Scanning runs on worker threads here.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateBuild, removeBuild } from "./build.js";
import { githubToken } from "./secrets.js";
import { send, TestServer, wait } from "./test-server.js";

const PAGES = 160;
const CONCURRENCY = 4;

let site: TestServer;
let dir: string;
let BIN: string;

function pageHtml(i: number): string {
  const code = i % 10 === 3 ? `git clone https://${githubToken(1000 + i)}@github.com/acme/x.git` : `echo build ${i}`;
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Post ${i}</title></head>\n<body><article>\n<h1>Post ${i}</h1>\n${"<p>Some words about deploying services.</p>\n".repeat(20)}<pre><code class="language-bash">${code}\n</code></pre>\n</article></body></html>\n`;
}

beforeAll(async () => {
  BIN = privateBuild();
  site = await TestServer.start();
  const urls = Array.from({ length: PAGES }, (_, i) => `<url><loc>${site.base}/p/${i}.html</loc></url>`);
  urls.push(`<url><loc>${site.base}/missing.html</loc></url>`);
  site.route("/robots.txt", (_q, res) => send(res, 200, "text/plain", "User-agent: *\nAllow: /\n"));
  site.route("/sitemap.xml", (_q, res) => send(res, 200, "application/xml", `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`));
  site.pattern(/^\/p\/\d+\.html$/, async (_q, res, { url }) => {
    await wait(15);
    send(res, 200, "text/html; charset=utf-8", pageHtml(Number(/\d+/.exec(url.pathname)![0])));
  });
  dir = mkdtempSync(join(tmpdir(), "postguard-resume-"));
}, 180_000);

afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (BIN) removeBuild(BIN);
});

interface Child {
  code: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  out(): string;
}

function audit(args: string[]): Child {
  const child = spawn(process.execPath, [BIN, "audit", ...args, "--per-host", String(CONCURRENCY), "--concurrency", String(CONCURRENCY), "--delay", "0", "--workers", "2", "--retries", "0"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return { code: new Promise((r) => child.on("close", (c) => r(c))), kill: (s) => child.kill(s), out: () => out };
}

const pagePaths = (from: number, to = site.seen.length) => site.seen.slice(from, to).map((s) => s.path).filter((p) => p.startsWith("/p/") || p === "/missing.html");

function state(file: string) {
  const db = new Database(join(dir, file), { readonly: true });
  try {
    const run = db.prepare("SELECT id, status FROM audit_runs ORDER BY started_at DESC LIMIT 1").get() as { id: string; status: string };
    const outcomes = db.prepare("SELECT status, COUNT(*) AS n FROM audit_pages WHERE run_id = ? GROUP BY status ORDER BY status").all(run.id);
    const findings = (db.prepare("SELECT o.url, o.start_line, o.rule_id, o.secret_hash FROM audit_occurrences o JOIN audit_pages p ON p.url = o.url WHERE p.run_id = ?").all(run.id) as Array<Record<string, unknown>>)
      .map((r) => `${r.url} ${r.start_line} ${r.rule_id} ${r.secret_hash}`)
      .sort();
    const pending = new Set((db.prepare("SELECT url FROM audit_pages WHERE status = 'pending'").all() as Array<{ url: string }>).map((r) => new URL(r.url).pathname));
    return { run, outcomes, findings, pending };
  } finally {
    db.close();
  }
}

/** Wait until the server has answered `n` page requests (or the child ended). */
async function pagesServed(n: number, from: number, child: Child): Promise<void> {
  let ended = false;
  void child.code.then(() => (ended = true));
  while (!ended && pagePaths(from).length < n) await wait(5);
}

describe("audit killed and resumed", () => {
  let whole: ReturnType<typeof state>;

  it("an uninterrupted run: the reference", async () => {
    const r = audit(["--sitemap", `${site.base}/sitemap.xml`, "--state", "whole.db"]);
    expect(await r.code).toBe(2); // one page answers 404
    whole = state("whole.db");
    expect(whole.run.status).toBe("finished");
    expect(whole.findings).toHaveLength(PAGES / 10);
    expect(whole.outcomes).toEqual([
      { status: "failed", n: 1 },
      { status: "scanned", n: PAGES },
    ]);
  }, 60_000);

  it("SIGKILL halfway, then --resume: same totals and findings, nothing fetched twice but what was in flight", async () => {
    const start = site.seen.length;
    const r = audit(["--sitemap", `${site.base}/sitemap.xml`, "--state", "killed.db"]);
    await pagesServed(PAGES / 2, start, r);
    r.kill("SIGKILL");
    expect(await r.code).toBe(null);
    await wait(50);
    const killedAt = site.seen.length;
    const before = pagePaths(start, killedAt);
    const atKill = state("killed.db");
    expect(atKill.run.status).toBe("running");
    // Killed halfway: some pages done, some not.
    expect(atKill.pending.size).toBeGreaterThan(PAGES / 4);
    expect(atKill.pending.size).toBeLessThan(PAGES);

    const resumed = audit(["--resume", "--state", "killed.db"]);
    expect(await resumed.code).toBe(2);
    const after = pagePaths(killedAt);
    const end = state("killed.db");
    expect(end.run.status).toBe("finished");
    expect(end.outcomes).toEqual(whole.outcomes);
    expect(end.findings).toEqual(whole.findings);
    expect(resumed.out()).toContain(`${PAGES / 10} distinct secrets`);

    // Fetched again only if its outcome was not stored when the process died.
    const twice = after.filter((p) => before.includes(p));
    for (const p of twice) expect(atKill.pending.has(p), p).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY * 2);
    expect(new Set(after).size).toBe(after.length);
    // Nothing lost: every page was fetched in one run or the other.
    expect(new Set([...before, ...after]).size).toBe(PAGES + 1);
  }, 60_000);

  it("Ctrl-C stops cleanly with exit code 130 and says how to continue", async () => {
    const start = site.seen.length;
    const r = audit(["--sitemap", `${site.base}/sitemap.xml`, "--state", "interrupted.db"]);
    await pagesServed(PAGES / 3, start, r);
    r.kill("SIGINT");
    expect(await r.code).toBe(130);
    expect(r.out()).toContain("Audit interrupted");
    expect(r.out()).toContain("--resume");
    const mid = state("interrupted.db");
    expect(mid.run.status).toBe("interrupted");
    const resumed = audit(["--resume", "--state", "interrupted.db"]);
    expect(await resumed.code).toBe(2);
    const end = state("interrupted.db");
    expect(end.outcomes).toEqual(whole.outcomes);
    expect(end.findings).toEqual(whole.findings);
  }, 60_000);
});
