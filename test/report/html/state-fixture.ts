/**
 * A generated audit state: pages over several sites, each with a publication date (or
 * none), findings of synthetic secrets (built here from a seeded PRNG, never real), some
 * secrets repeated across pages and sites, some pages failed or skipped. Written to a
 * real SQLite file through the audit store's own API; what was planted is returned, so
 * tests compute expected numbers independently of the report code.
 */
import Database from "better-sqlite3";
import { secretHash } from "../../../src/detect/fingerprint.js";
import { maskSecret } from "../../../src/detect/mask.js";
import { AuditStore, type NewPage } from "../../../src/audit/store/audit-store.js";
import { SqliteDatabase } from "../../../src/audit/store/sqlite.js";
import { builtinRules } from "../../../src/rules/load.js";
import type { Finding, Severity } from "../../../src/types.js";

/** Rules the fixture plants, with the prefix its synthetic values start with. */
const PLANTED: Array<[ruleId: string, prefix: string, length: number]> = [
  ["aws.access-key-id", "AKIA", 16],
  ["github.personal-access-token", "ghp_", 36],
  ["openai.api-key", "sk-proj-", 40],
  ["stripe.secret-key", "sk_live_", 32],
  ["slack.bot-token", "xoxb-", 40],
  ["alibaba.access-key-id", "LTAI", 20],
  ["tencent.secret-id", "AKID", 32],
  ["database.postgres-uri", "postgres://app:", 18],
];

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** mulberry32: a small seeded PRNG, so every run plants the same state. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlantedSecret {
  value: string;
  hash: string;
  ruleId: string;
  provider: string;
  severity: Severity;
}

export interface PlantedOccurrence {
  secret: PlantedSecret;
  url: string;
  site: string;
  line: number;
  published?: string;
}

export interface PlantedState {
  file: string;
  secrets: PlantedSecret[];
  occurrences: PlantedOccurrence[];
  /** Pages that ended scanned, failed, skipped. */
  pages: { scanned: number; failed: number; skipped: number };
  sites: string[];
  /** url -> publication day (`YYYY-MM-DD`), for pages that have one. */
  published: Map<string, string>;
}

export interface FixtureOptions {
  seed?: number;
  sites: number;
  pagesPerSite: number;
  /** Findings per scanned page: 0..max, uniformly. */
  maxFindingsPerPage: number;
  /** Chance that a finding reuses an earlier secret (the same key pasted in several posts). */
  reuse?: number;
}

export async function writeAuditState(file: string, o: FixtureOptions): Promise<PlantedState> {
  const rand = prng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const rules = new Map(builtinRules().map((r) => [r.id, r]));
  const chars = (set: string, n: number) => Array.from({ length: n }, () => set[Math.floor(rand() * set.length)]).join("");
  const newSecret = (): PlantedSecret => {
    const [ruleId, prefix, length] = pick(PLANTED);
    const rule = rules.get(ruleId);
    if (!rule) throw new Error(`fixture rule ${ruleId} is not a built-in rule`);
    const body = ruleId.startsWith("aws.") || ruleId.startsWith("alibaba.") ? chars(BASE32, length) : chars(ALNUM, length);
    const value = ruleId === "database.postgres-uri" ? `${prefix}${body}@db.internal.example:5432/app` : `${prefix}${body}`;
    return { value, hash: secretHash(value), ruleId, provider: rule.provider, severity: rule.severity };
  };

  const db = new SqliteDatabase(file);
  const store = await AuditStore.open(db);
  const run = await store.startRun({ fixture: true });
  const sites = Array.from({ length: o.sites }, (_, i) => ["blog", "docs", "notes", "dev", "team", "wiki", "news", "labs"][i % 8] + `${i >= 8 ? i : ""}.example-${i}.test`);
  await store.addSources(run.id, sites.map((s) => ({ key: `sitemap:${s}`, kind: "sitemap" as const, target: `https://${s}/sitemap.xml` })));

  const secrets: PlantedSecret[] = [];
  const occurrences: PlantedOccurrence[] = [];
  const published = new Map<string, string>();
  const pages = { scanned: 0, failed: 0, skipped: 0 };
  const start = Date.UTC(2023, 0, 1);
  await db.transaction(async (tx) => {
    for (const site of sites) {
      const list: NewPage[] = [];
      for (let i = 0; i < o.pagesPerSite; i++) {
        const url = `https://${site}/posts/${i}-${chars("abcdefghijklmnopqrstuvwxyz", 8)}.html`;
        // Four pages in five have a date, spread over 18 months.
        const day = rand() < 0.8 ? new Date(start + Math.floor(rand() * 540) * 86_400_000).toISOString().slice(0, 10) : undefined;
        if (day) published.set(url, day);
        list.push({ url, site, source: `sitemap:${site}`, via: "http", ...(day ? { publishedAt: `${day}T08:00:00Z` } : {}) });
      }
      await store.addPages(run.id, list, tx);
      for (const p of list) {
        const roll = rand();
        if (roll < 0.02) {
          pages.failed++;
          await store.recordPage(run.id, p.url, { status: "failed", reason: "HTTP 500", attempts: 3 }, tx);
          continue;
        }
        if (roll < 0.04) {
          pages.skipped++;
          await store.recordPage(run.id, p.url, { status: "skipped", reason: "disallowed by robots.txt" }, tx);
          continue;
        }
        pages.scanned++;
        const n = Math.floor(rand() * (o.maxFindingsPerPage + 1));
        const findings: Finding[] = [];
        for (let k = 0; k < n; k++) {
          const reuse = secrets.length > 0 && rand() < (o.reuse ?? 0.25);
          const s = reuse ? pick(secrets) : newSecret();
          if (!reuse) secrets.push(s);
          const rule = rules.get(s.ruleId)!;
          const line = 10 + k * 7;
          findings.push({
            ruleId: s.ruleId,
            title: rule.title,
            provider: rule.provider,
            severity: s.severity,
            confidence: "high",
            secret: s.value,
            path: p.url,
            start: { line, column: 5, offset: line * 80 + 4 },
            end: { line, column: 5 + s.value.length, offset: line * 80 + 4 + s.value.length },
            context: k % 3 === 0 ? { kind: "code", lang: "bash" } : k % 3 === 1 ? { kind: "prose" } : { kind: "attribute", name: "data-config" },
            fingerprint: `${s.hash.slice(0, 16)}${k}`,
          });
          occurrences.push({ secret: s, url: p.url, site, line, ...(published.has(p.url) ? { published: published.get(p.url)! } : {}) });
        }
        await store.recordPage(run.id, p.url, { status: "scanned", httpStatus: 200, bytes: 150_000, findings }, tx);
      }
    }
  });
  await store.setRunStatus(run.id, "finished");
  await store.close();
  return { file, secrets, occurrences, pages, sites, published };
}

export interface BulkState {
  file: string;
  /** Every planted secret value (for the "nothing in clear" check). */
  values: string[];
  occurrences: number;
  pages: number;
  sites: string[];
  /** site -> distinct secret ids (hash prefixes) on it */
  secretsOnSite: Map<string, Set<string>>;
}

/**
 * A large state (100,000 occurrences and more) written in one transaction with plain SQL
 * into the store's own schema (AuditStore.open creates it): going through recordPage one
 * page at a time would take most of a minute, and this is about the report, not the store.
 * Values are hashed and masked exactly as the store does.
 */
export async function writeBulkAuditState(file: string, o: { occurrences: number; sites: number; perPage: number; seed?: number; reuse?: number }): Promise<BulkState> {
  const rand = prng(o.seed ?? 99);
  const store = await AuditStore.open(new SqliteDatabase(file));
  const run = await store.startRun({ fixture: "bulk" });
  await store.setRunStatus(run.id, "finished");
  await store.close();

  const db = new Database(file);
  // Random keys (hashes) land all over three indexes: with SQLite's default 2 MB cache most
  // inserts would wait on page reads and writes. A test fixture needs no crash safety.
  db.pragma("cache_size = -262144");
  db.pragma("synchronous = OFF");
  const rules = new Map(builtinRules().map((r) => [r.id, r]));
  const chars = (n: number) => Array.from({ length: n }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join("");
  const sites = Array.from({ length: o.sites }, (_, i) => `site${i}.example.test`);
  const values: string[] = [];
  const secretsOnSite = new Map(sites.map((s) => [s, new Set<string>()]));
  const at = new Date().toISOString();
  const page = db.prepare(
    "INSERT INTO audit_pages (url, site, run_id, seq, source, via, published_at, status, attempts, findings, fetched_at) VALUES (?, ?, ?, ?, 'bulk', 'http', ?, 'scanned', 1, ?, ?)",
  );
  const secret = db.prepare(
    "INSERT INTO audit_secrets (hash, rule_id, title, provider, severity, confidence, masked, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, 'high', ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
  );
  const occurrence = db.prepare(
    `INSERT INTO audit_occurrences (id, url, secret_hash, rule_id, severity, confidence, start_line, start_column, start_offset, end_line, end_column, end_offset,
       context_kind, context_lang, fingerprint, found_at) VALUES (?, ?, ?, ?, ?, 'high', ?, 1, ?, ?, 41, ?, 'code', 'bash', ?, ?)`,
  );
  let written = 0;
  let pages = 0;
  const hashes: Array<[string, string]> = [];
  db.transaction(() => {
    while (written < o.occurrences) {
      const site = sites[pages % sites.length]!;
      const url = `https://${site}/p/${pages}`;
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1800) * 86_400_000).toISOString().slice(0, 10);
      const n = Math.min(o.perPage, o.occurrences - written);
      page.run(url, site, run.id, pages, day, n, at);
      for (let k = 0; k < n; k++) {
        let hash: string;
        let ruleId: string;
        if (hashes.length && rand() < (o.reuse ?? 0.3)) [hash, ruleId] = hashes[Math.floor(rand() * hashes.length)]!;
        else {
          const [id, prefix] = PLANTED[Math.floor(rand() * PLANTED.length)]!;
          const value = `${prefix}${chars(24)}`;
          values.push(value);
          hash = secretHash(value);
          ruleId = id;
          hashes.push([hash, ruleId]);
          const r = rules.get(id)!;
          secret.run(hash, id, r.title, r.provider, r.severity, maskSecret(value), at, at);
        }
        secretsOnSite.get(site)!.add(hash.slice(0, 16));
        const line = 3 + k * 5;
        occurrence.run(`${pages}-${k}`, url, hash, ruleId, rules.get(ruleId)!.severity, line, line * 40, line, line * 40 + 40, `${hash.slice(0, 16)}${pages}`, at);
        written++;
      }
      pages++;
    }
  })();
  db.close();
  return { file, values, occurrences: written, pages, sites, secretsOnSite };
}
