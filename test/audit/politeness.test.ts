/**
 * Politeness and bad input: spacing between requests to one host (--delay, raised by
 * robots.txt Crawl-delay), robots.txt that cannot be read, --since on sitemap dates, and
 * every kind of bad input named with what to do, while the rest of the audit completes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { backoffMs, parseRetryAfter } from "../../src/audit/http/retry.js";
import { githubToken } from "./secrets.js";
import { send, TestServer } from "./test-server.js";

const FAST = ["--concurrency", "4", "--per-host", "2", "--delay", "0", "--timeout", "2", "--retries", "1", "--retry-delay", "0.02", "--workers", "0"];

let dir: string;
const servers: TestServer[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "postguard-polite-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function site(robots: string | number, pages = 4): Promise<TestServer> {
  const s = await TestServer.start();
  servers.push(s);
  s.route("/robots.txt", (_q, res) => (typeof robots === "number" ? send(res, robots, "text/plain", "") : send(res, 200, "text/plain", robots)));
  s.pattern(/^\/p\/\d+\.html$/, (_q, res, { url }) => send(res, 200, "text/html", `<p>page ${url.pathname}</p>`));
  const urls = Array.from({ length: pages }, (_, i) => `<url><loc>${s.base}/p/${i}.html</loc><lastmod>2024-0${(i % 9) + 1}-15</lastmod></url>`);
  s.route("/sitemap.xml", (_q, res) => send(res, 200, "application/xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join("")}</urlset>`));
  return s;
}

const pageTimes = (s: TestServer) => s.seen.filter((x) => x.path.startsWith("/p/")).map((x) => x.at);
const gaps = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);

function statuses(db: string): Array<{ url: string; status: string; reason: string | null }> {
  const d = new Database(join(dir, db), { readonly: true });
  try {
    return d.prepare("SELECT url, status, reason FROM audit_pages ORDER BY seq").all() as Array<{ url: string; status: string; reason: string | null }>;
  } finally {
    d.close();
  }
}

describe("spacing between requests to one host", () => {
  it("keeps --delay between request starts", async () => {
    const s = await site("User-agent: *\nAllow: /\n");
    const r = await run(["audit", "--sitemap", `${s.base}/sitemap.xml`, "--state", "delay.db", ...FAST, "--delay", "0.2"], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const t = pageTimes(s);
    expect(t).toHaveLength(4);
    // Measured where the server sees them: a request written a little late after a
    // punctual one may arrive a few ms early relative to it; spacing itself is exact.
    for (const g of gaps(t)) expect(g).toBeGreaterThanOrEqual(180);
  });

  it("raises the spacing to robots.txt Crawl-delay for postguard", async () => {
    const s = await site("User-agent: other\nCrawl-delay: 30\n\nUser-agent: postguard\nCrawl-delay: 0.3\nAllow: /\n", 3);
    const r = await run(["audit", "--sitemap", `${s.base}/sitemap.xml`, "--state", "crawl-delay.db", ...FAST], { cwd: dir });
    expect(r.exitCode).toBe(0);
    for (const g of gaps(pageTimes(s))) expect(g).toBeGreaterThanOrEqual(280);
  });
});

describe("robots.txt", () => {
  it("an unreachable robots.txt (5xx) means nothing is fetched from that host, each page saying why", async () => {
    const s = await site(503, 2);
    writeFileSync(join(dir, "robots-503.txt"), `${s.base}/p/0.html\n${s.base}/p/1.html\n`);
    const r = await run(["audit", "--urls", "robots-503.txt", "--state", "r503.db", ...FAST], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(s.paths().filter((p) => p !== "/robots.txt")).toEqual([]);
    for (const row of statuses("r503.db")) {
      expect(row.status).toBe("skipped");
      expect(row.reason).toBe(`robots.txt of ${s.base} answered HTTP 503; nothing is fetched from it (RFC 9309)`);
    }
    expect(r.stdout).toContain("skipped: 2 robots.txt unavailable");
  });

  it("a missing robots.txt (404) allows everything", async () => {
    const s = await site(404, 2);
    const r = await run(["audit", "--sitemap", `${s.base}/sitemap.xml`, "--state", "r404.db", ...FAST], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(statuses("r404.db").map((x) => x.status)).toEqual(["scanned", "scanned"]);
  });
});

describe("--since", () => {
  it("keeps sitemap URLs whose lastmod is on or after the date", async () => {
    const s = await site("User-agent: *\nAllow: /\n", 6);
    const r = await run(["audit", "--sitemap", `${s.base}/sitemap.xml`, "--since", "2024-04-15", "--state", "since.db", ...FAST], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(statuses("since.db").map((x) => new URL(x.url).pathname)).toEqual(["/p/3.html", "/p/4.html", "/p/5.html"]);
  });
});

describe("bad input", () => {
  it("names lines of a URL list that are not URLs, audits the others, and exits 2", async () => {
    const s = await site("User-agent: *\nAllow: /\n");
    s.route("/leak.html", (_q, res) => send(res, 200, "text/html", `<pre><code>git clone https://${githubToken(7)}@github.com/a/b.git</code></pre>`));
    writeFileSync(join(dir, "list.txt"), `# posts\n${s.base}/leak.html\nftp://example.com/file\n\nnot a url\n${s.base}/p/1.html\n`);
    const r = await run(["audit", "--urls", "list.txt", "--state", "list.db", ...FAST], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('list.txt:3: not an http(s) URL: "ftp://example.com/file"');
    expect(r.stderr).toContain('list.txt:5: not an http(s) URL: "not a url"');
    expect(statuses("list.db").map((x) => x.status)).toEqual(["scanned", "scanned"]);
    expect(r.stdout).toContain("1 distinct secret (");
  });

  it("names a source it cannot read and still audits the others", async () => {
    const s = await site("User-agent: *\nAllow: /\n", 2);
    s.route("/not-a-sitemap.xml", (_q, res) => send(res, 200, "application/xml", "<html><body>hello</body></html>"));
    s.route("/broken.xml", (_q, res) => send(res, 200, "application/xml", "<urlset><url><loc>x</url>"));
    const r = await run(
      ["audit", "--sitemap", `${s.base}/sitemap.xml`, "--sitemap", `${s.base}/not-a-sitemap.xml`, "--sitemap", `${s.base}/broken.xml`, "--feed", `${s.base}/nope.xml`, "--urls", "no-such-list.txt", "--sitemap", "http://127.0.0.1:9/sitemap.xml", "--state", "sources.db", ...FAST],
      { cwd: dir },
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${s.base}/not-a-sitemap.xml: not a sitemap (expected <urlset> or <sitemapindex>, found <html>)`);
    expect(r.stderr).toMatch(new RegExp(`${s.base.replace(/\./g, "\\.")}/broken\\.xml: not well-formed XML \\(line 1`));
    expect(r.stderr).toContain(`${s.base}/nope.xml: HTTP 404 Not Found`);
    expect(r.stderr).toContain("no-such-list.txt: cannot read: no such file");
    expect(r.stderr).toMatch(/http:\/\/127\.0\.0\.1:9\/sitemap\.xml: robots\.txt of http:\/\/127\.0\.0\.1:9 is unreachable \(connection refused\)/);
    expect(statuses("sources.db").map((x) => x.status)).toEqual(["scanned", "scanned"]);
  });

  it.each([
    [["audit"], "`audit` needs at least one source"],
    [["audit", "--resume", "--sitemap", "https://example.com/s.xml"], "--resume continues the audit recorded in --state with its own sources; give no sources with it"],
    [["audit", "--sitemap", "example.com/sitemap.xml"], "--sitemap needs an http(s) URL such as https://example.com/sitemap.xml; got `example.com/sitemap.xml`"],
    [["audit", "--urls", "u.txt", "--since", "last week"], "--since must be a date such as 2024-05-01"],
    [["audit", "--github-repo", "just-a-name"], "--github-repo needs OWNER/REPO such as octo-org/docs; got `just-a-name`"],
    [["audit", "--urls", "u.txt", "--per-host", "0"], "--per-host must be a whole number from 1 to 256; got `0`"],
    [["audit", "--urls", "u.txt", "--delay", "soon"], "--delay must be a number of seconds from 0 to 3600; got `soon`"],
    [["audit", "--urls", "u.txt", "--max-page-size", "big"], "--max-page-size must be a size such as 5MB"],
    [["audit", "--urls", "u.txt", "--rule", "no.such-rule"], "unknown rule `no.such-rule` for --rule"],
    [["audit", "--urls", "u.txt", "stray.txt"], "unexpected argument `stray.txt`"],
    [["audit", "--urls", "u.txt", "--domain", "not a domain"], "--domain needs a host name such as example.com; got `not a domain`"],
  ])("usage error: %j", async (argv, message) => {
    const r = await run(argv, { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("--resume with nothing to resume says so", async () => {
    const r = await run(["audit", "--resume", "--state", "never.db"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("nothing to resume in");
    expect(r.stderr).toContain("it holds no audit; run without --resume to start one");
  });

  it("a state file that is not a database is named", async () => {
    writeFileSync(join(dir, "not.db"), "hello, I am a text file and not SQLite at all; ".repeat(100));
    const r = await run(["audit", "--urls", "list.txt", "--state", "not.db"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/postguard: error: cannot open the state file .*not\.db: file is not a database/);
  });
});

describe("retry timing", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("backs off exponentially, never less than half the step, never over the cap", () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
