/**
 * The audit store's SQL on PostgreSQL: the same statements as on SQLite, the same
 * answers; writes are idempotent (a page or a finding written twice is stored once);
 * workers opening one database together migrate it once; concurrent upserts of one
 * secret neither deadlock nor duplicate.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEngine, runScanJob } from "../../src/audit/scan/scan-job.js";
import { AuditStore, type NewPage } from "../../src/audit/store/audit-store.js";
import { SqliteDatabase } from "../../src/audit/store/sqlite.js";
import { openAuditStore, openStore } from "../../src/distributed/open-store.js";
import { PostgresDatabase, toPositional } from "../../src/distributed/postgres.js";
import type { Finding } from "../../src/types.js";
import { syntheticToken } from "../../scripts/distributed-site.mjs";
import { freshDatabase, servicesProblem } from "./services.js";

const skip = await servicesProblem();

describe("placeholders", () => {
  it.each([
    ["SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"],
    ["SELECT '?' AS q, ? FROM t", "SELECT '?' AS q, $1 FROM t"],
    ['SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1'],
    ["UPDATE t SET a = 'it''s ?' WHERE id = ?", "UPDATE t SET a = 'it''s ?' WHERE id = $1"],
  ])("%s", (sql, want) => expect(toPositional(sql)).toBe(want));
});

describe("openStore", () => {
  it("opens PostgreSQL for a postgres:// URL and SQLite for a path", async () => {
    const pgDb = openStore("postgres://u:p@127.0.0.1:1/db");
    expect(pgDb).toBeInstanceOf(PostgresDatabase);
    await pgDb.close();
    const dir = mkdtempSync(join(tmpdir(), "pg-open-"));
    const lite = openStore(join(dir, "state.db"));
    expect(lite).toBeInstanceOf(SqliteDatabase);
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the database, without its password, when it cannot be reached", async () => {
    await expect(openAuditStore("postgres://someone:hunter2@127.0.0.1:1/nothing")).rejects.toThrow(/cannot open the audit store postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing: connection refused/);
  });
});

const settings = { rules: [], minConfidence: "medium" as const };
let engine: ReturnType<typeof makeEngine> | undefined;

/** Findings of a real scan of a page holding `tokens`. */
function findingsFor(url: string, tokens: string[]): Finding[] {
  const html = `<html><body><h1>Notes</h1>${tokens.map((t) => `<pre><code class="language-bash">export GITHUB_TOKEN=${t}</code></pre>`).join("\n")}</body></html>`;
  engine ??= makeEngine(settings);
  const r = runScanJob({ bytes: Buffer.from(html), url, format: "html" }, engine, settings);
  if (r.kind !== "scanned") throw new Error(`scan failed: ${r.kind}`);
  return r.findings;
}

const page = (url: string): NewPage => ({ url, site: new URL(url).host, source: "urls:list.txt", via: "http" });

/** One audit's worth of writes, some of them twice, then everything read back. */
async function exercise(store: AuditStore) {
  const run = await store.startRun({ sources: [] });
  const urls = ["https://blog.example/a", "https://blog.example/b", "https://docs.example/c", "https://docs.example/d"];
  const added = await store.addPages(run.id, urls.map(page));
  const again = await store.addPages(run.id, urls.map(page));
  const shared = syntheticToken(1);
  const a = findingsFor(urls[0]!, [shared, syntheticToken(2)]);
  const c = findingsFor(urls[2]!, [shared]);
  for (let i = 0; i < 2; i++) {
    // Twice: a job redone after a stall writes the same rows.
    await store.recordPage(run.id, urls[0]!, { status: "scanned", bytes: 100, sha256: "aa", findings: a });
    await store.recordPage(run.id, urls[2]!, { status: "scanned", bytes: 50, sha256: "cc", findings: c });
  }
  await store.recordPage(run.id, urls[1]!, { status: "failed", reason: "HTTP 404 Not Found", attempts: 1, httpStatus: 404 });
  await store.recordPage(run.id, urls[3]!, { status: "skipped", reason: "disallowed by robots.txt (line 2)" });
  const occurrences = [];
  for await (const o of store.occurrences(run.id)) occurrences.push(o);
  const pages = await store.db.all<{ url: string; status: string; reason: string | null; findings: number; bytes: number | null }>(
    "SELECT url, status, reason, findings, bytes FROM audit_pages ORDER BY url",
  );
  const counts = await store.db.get<{ secrets: number; occurrences: number }>("SELECT (SELECT COUNT(*) FROM audit_secrets) AS secrets, (SELECT COUNT(*) FROM audit_occurrences) AS occurrences");
  return { added, again, summary: await store.summary(run.id), occurrences, pages, counts, pageCount: await store.pageCount(run.id) };
}

describe.skipIf(skip)("the audit store on PostgreSQL", () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), "pg-parity-"));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers exactly as SQLite does, and stores a page or finding written twice once", async () => {
    const lite = await AuditStore.open(new SqliteDatabase(join(dir, "state.db")));
    const onLite = await exercise(lite);
    await lite.close();
    const pgStore = await openAuditStore(db.url);
    const onPg = await exercise(pgStore);
    await pgStore.close();

    expect(onPg).toEqual(onLite);
    expect(onPg.added).toBe(4);
    expect(onPg.again).toBe(0);
    expect(onPg.counts).toEqual({ secrets: 2, occurrences: 3 });
    expect(onPg.summary.byOutcome).toEqual({ pending: 0, scanned: 2, unchanged: 0, skipped: 1, failed: 1 });
    expect(onPg.summary.secrets).toBe(2);
    expect(onPg.summary.bySite).toEqual([
      { key: "blog.example", secrets: 2, occurrences: 2, pages: 1 },
      { key: "docs.example", secrets: 1, occurrences: 1, pages: 1 },
    ]);
  });

  it("is created and migrated once when several workers open it at the same moment", async () => {
    const fresh = await freshDatabase();
    try {
      const stores = await Promise.all(Array.from({ length: 5 }, () => openAuditStore(fresh.url)));
      const rows = await stores[0]!.db.all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual([1]);
      await Promise.all(stores.map((s) => s.close()));
      // Opening a current database again changes nothing.
      const again = await openAuditStore(fresh.url);
      expect(await again.db.all("SELECT version FROM schema_migrations")).toHaveLength(1);
      await again.close();
    } finally {
      await fresh.drop();
    }
  });

  it("takes the same secret from many pages at once without deadlock or duplicates", async () => {
    const store = await openAuditStore(db.url, { max: 12 });
    try {
      const run = await store.startRun({ sources: [] });
      const urls = Array.from({ length: 40 }, (_, i) => `https://many.example/p${i}`);
      await store.addPages(run.id, urls.map(page));
      // Every page has the same two secrets, in opposite orders on odd and even pages:
      // the lock order that deadlocks when nothing retries.
      const one = syntheticToken(7);
      const two = syntheticToken(8);
      const orders = [findingsFor(urls[0]!, [one, two]), findingsFor(urls[1]!, [two, one])];
      await Promise.all(urls.map((u, i) => store.recordPage(run.id, u, { status: "scanned", findings: orders[i % 2]! })));
      const s = await store.summary(run.id);
      expect(s.secrets).toBe(2);
      expect(s.occurrences).toBe(80);
      expect(s.byOutcome.scanned).toBe(40);
    } finally {
      await store.close();
    }
  });
});
