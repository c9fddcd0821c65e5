/**
 * `postguard audit` against a real blog on 127.0.0.1: a sitemap index (one child
 * gzipped), RSS and Atom feeds, a WordPress REST API, a Forem API, a URL list, robots.txt
 * forbidding a section, slow pages, 429 with Retry-After, 500 then 200, a redirect loop,
 * oversized pages, GBK pages. Every planted secret must be reported with its URL and
 * line, every URL must land in exactly one outcome with the right reason, and the server
 * must never see more requests at once than allowed, nor any forbidden path.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type CommandResult } from "../../src/cli/run.js";
import { startBlog, type Blog } from "./blog-site.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

interface PageRow {
  url: string;
  status: string;
  reason: string | null;
  attempts: number;
}

interface JsonlRecord {
  url: string;
  site: string;
  ruleId: string;
  secret: string;
  secretHash: string;
  start: { line: number; column: number };
}

let blog: Blog;
let dir: string;
let first: CommandResult;
let second: CommandResult;
let pages: Map<string, PageRow>;
let jsonl: JsonlRecord[];
let requestsAfterFirst: number;
let aSeenAfterFirst: number;

const NETWORK = ["--concurrency", "4", "--per-host", "2", "--delay", "0", "--timeout", "1", "--retries", "1", "--retry-delay", "0.05", "--max-page-size", "1MB", "--workers", "0"];

function sources(b: Blog): string[] {
  return ["--sitemap", `${b.a.base}/sitemap_index.xml`, "--feed", `${b.a.base}/feed.xml`, "--feed", `${b.a.base}/atom.xml`, "--wordpress", b.a.base, "--devto", "alice", "--devto-api", `${b.b.base}/api`, "--urls", "urls.txt"];
}

function readPages(file: string): Map<string, PageRow> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT url, status, reason, attempts FROM audit_pages").all() as PageRow[];
    return new Map(rows.map((r) => [r.url, r]));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  blog = await startBlog();
  dir = mkdtempSync(join(tmpdir(), "postguard-audit-"));
  writeFileSync(join(dir, "urls.txt"), ["# pages on host B and one gone page", ...blog.urlList, ""].join("\n"));
  first = await run(["audit", ...sources(blog), "--state", "state.db", "--jsonl", "out.jsonl", "--sarif", "out.sarif", ...NETWORK], { cwd: dir });
  pages = readPages(join(dir, "state.db"));
  jsonl = readFileSync(join(dir, "out.jsonl"), "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as JsonlRecord);
  requestsAfterFirst = blog.a.seen.length + blog.b.seen.length;
  aSeenAfterFirst = blog.a.seen.length;
  second = await run(["audit", ...sources(blog), "--state", "state.db", "--jsonl", "again.jsonl", ...NETWORK], { cwd: dir });
}, 60_000);

afterAll(async () => {
  await blog?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("audit of a blog", () => {
  it("puts every URL in exactly one outcome, with the right reason and attempt count", () => {
    expect([...pages.keys()].sort()).toEqual(blog.expected.map((e) => e.url).sort());
    for (const e of blog.expected) {
      const row = pages.get(e.url)!;
      expect({ url: e.url, status: row.status }).toEqual({ url: e.url, status: e.outcome });
      if (e.reason) expect(row.reason, e.url).toMatch(e.reason);
      if (e.attempts) expect(row.attempts, e.url).toBe(e.attempts);
    }
  });

  it("reports every planted secret with its URL and line, and nothing else", () => {
    const want = blog.expected.flatMap((e) => e.secrets.map((s) => ({ url: e.url, line: s.line, secretHash: sha256(s.secret) })));
    const got = jsonl.map((r) => ({ url: r.url, line: r.start.line, secretHash: r.secretHash }));
    const key = (x: { url: string; line: number; secretHash: string }) => `${x.url} ${x.line} ${x.secretHash}`;
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
  });

  it("counts a secret seen on several pages once, with each occurrence", () => {
    const db = new Database(join(dir, "state.db"), { readonly: true });
    const rows = db.prepare("SELECT s.hash, COUNT(*) AS n FROM audit_secrets s JOIN audit_occurrences o ON o.secret_hash = s.hash GROUP BY s.hash HAVING COUNT(*) > 1").all() as Array<{ hash: string; n: number }>;
    const planted = new Set(blog.expected.flatMap((e) => e.secrets.map((s) => sha256(s.secret))));
    const distinct = (db.prepare("SELECT COUNT(*) AS n FROM audit_secrets").get() as { n: number }).n;
    db.close();
    expect(rows).toEqual([{ hash: expect.any(String), n: 3 }]);
    expect(distinct).toBe(planted.size);
    expect(first.stdout).toContain(`${planted.size} distinct secrets`);
  });

  it("never stores or prints a secret in clear", () => {
    const files = [readFileSync(join(dir, "state.db")), readFileSync(join(dir, "out.jsonl")), readFileSync(join(dir, "out.sarif")), Buffer.from(first.stdout + first.stderr)];
    for (const e of blog.expected) for (const s of e.secrets) for (const f of files) expect(f.includes(s.secret), e.url).toBe(false);
  });

  it("keeps to the per-host and global bounds and never asks for a forbidden path", () => {
    expect(blog.a.perHost.max).toBeLessThanOrEqual(2);
    expect(blog.b.perHost.max).toBeLessThanOrEqual(2);
    expect(blog.global.max).toBeLessThanOrEqual(4);
    // The bounds were reached: the test would not notice a broken limiter otherwise.
    expect(blog.a.perHost.max).toBe(2);
    expect(blog.a.paths().filter((p) => blog.disallowed.test(p))).toEqual([]);
  });

  it("waits as long as Retry-After says before trying again", () => {
    const times = blog.a.seen.slice(0, aSeenAfterFirst).filter((s) => s.path === "/rate-limited.html").map((s) => s.at);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("sends the postguard user agent, and fetches robots.txt once per host", () => {
    expect(new Set(blog.a.seen.map((s) => s.headers["user-agent"]))).toEqual(new Set([expect.stringMatching(/^postguard\/\d+\.\d+\.\d+$/)]));
    expect(blog.a.paths().slice(0, aSeenAfterFirst).filter((p) => p === "/robots.txt")).toHaveLength(1);
    expect(requestsAfterFirst).toBeGreaterThan(0);
  });

  it("writes SARIF whose locations are page URLs and lines", () => {
    const sarif = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8"));
    const results = sarif.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; properties: { secretHash: string } }>;
    expect(results).toHaveLength(jsonl.length);
    const fromSarif = results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.locations[0]!.physicalLocation.region.startLine}`).sort();
    expect(fromSarif).toEqual(jsonl.map((r) => `${r.url} ${r.start.line}`).sort());
    const failed = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => n.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(failed.sort()).toEqual(blog.expected.filter((e) => e.outcome === "failed").map((e) => e.url).sort());
  });

  it("exits 2 because pages failed, naming them, and summarises by outcome, severity, provider and site", () => {
    expect(first.exitCode).toBe(2);
    expect(first.stderr).toContain(`postguard: failed ${blog.a.base}/gone.html: HTTP 404 Not Found`);
    const n = (o: string) => blog.expected.filter((e) => e.outcome === o).length;
    expect(first.stdout).toContain(`scanned ${n("scanned")}, unchanged 0, skipped ${n("skipped")}, failed ${n("failed")}`);
    expect(first.stdout).toMatch(/by provider:\n\s+github\s+\d+ secrets/);
    expect(first.stdout).toContain(`by site:\n    ${blog.a.host}`);
    expect(first.stdout).toMatch(/\(\d+ critical, \d+ high\)/);
  });

  it("streams findings as text lines `url:line:col: message`", () => {
    const e = blog.expected.find((x) => x.url.endsWith("/gbk.html"))!;
    expect(first.stdout).toMatch(new RegExp(`${e.url.replace(/[.]/g, "\\.")}:${e.secrets[0]!.line}:\\d+: Unexpected GitHub`));
    expect(first.stdout).toContain("ghp_************");
  });
});

describe("the next audit with the same state", () => {
  it("re-fetches nothing that has not changed, and keeps the findings", () => {
    const again = readPages(join(dir, "state.db"));
    const scanned = blog.expected.filter((e) => e.outcome === "scanned");
    for (const e of scanned) expect({ url: e.url, status: again.get(e.url)!.status }).toEqual({ url: e.url, status: "unchanged" });
    // Conditional requests answered 304 for the pages that send an ETag.
    const conditional = blog.a.seen.slice(aSeenAfterFirst).filter((s) => /^\/posts\/\d\.html$/.test(s.path));
    expect(conditional).toHaveLength(6);
    for (const c of conditional) expect(c.headers["if-none-match"]).toBe(`"post-${/\d/.exec(c.path)![0]}"`);
    // The dev.to articles were not fetched again: their edited_at/published_at did not move.
    expect(blog.b.paths().filter((p) => /^\/api\/articles\/\d+$/.test(p))).toHaveLength(3);
    const n = blog.expected.flatMap((e) => e.secrets.map((s) => s.secret));
    expect(second.stdout).toContain(`${new Set(n).size} distinct secrets`);
    // Nothing new was found, so nothing new streamed out.
    expect(readFileSync(join(dir, "again.jsonl"), "utf8")).toBe("");
  });
});
