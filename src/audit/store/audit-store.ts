/**
 * The audit's state: runs, sources, pages (every URL in exactly one outcome), distinct
 * secrets and their occurrences. Plain SQL over SqlDatabase, so SQLite and PostgreSQL
 * share it. Secrets are kept as sha256 + masked text only; the raw value never reaches
 * the database.
 */
import { createHash, randomUUID } from "node:crypto";
import { maskSecret } from "../../detect/mask.js";
import { secretHash } from "../../detect/fingerprint.js";
import type { Finding, FindingContext, Position } from "../../types.js";
import { migrate } from "./migrations.js";
import type { SqlDatabase, SqlExecutor } from "./sql.js";

export type PageStatus = "pending" | "scanned" | "unchanged" | "skipped" | "failed";
export type Outcome = Exclude<PageStatus, "pending">;
export const OUTCOMES: readonly Outcome[] = ["scanned", "unchanged", "skipped", "failed"];

/** How a page's document is obtained. */
export type Via = "http" | "devto" | "wordpress" | "github" | "warc";

export type SourceKind = "urls" | "sitemap" | "feed" | "wordpress" | "devto" | "github-org" | "github-repo" | "warc";

export interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: "running" | "finished" | "interrupted";
  config: string;
}

export interface SourceRow {
  key: string;
  kind: SourceKind;
  target: string;
  parent: string | null;
  status: "pending" | "done" | "failed";
  reason: string | null;
  attempts: number;
  items: number;
  seq: number;
}

export interface NewSource {
  key: string;
  kind: SourceKind;
  target: string;
  parent?: string;
}

export interface NewPage {
  url: string;
  site: string;
  source: string;
  via: Via;
  /** Where the document is fetched from when not the page itself (an API URL). */
  fetchUrl?: string;
  /** What an API says about freshness (WordPress `modified_gmt`); equal to the last scan's = unchanged. */
  version?: string;
  publishedAt?: string;
}

export interface PageRow {
  url: string;
  site: string;
  run_id: string;
  seq: number;
  source: string;
  via: Via;
  fetch_url: string | null;
  version: string | null;
  status: PageStatus;
  reason: string | null;
  attempts: number;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  scanned_version: string | null;
}

/** What happened to one page. Findings only for `scanned`. */
export interface PageResult {
  status: Outcome;
  reason?: string;
  attempts?: number;
  httpStatus?: number;
  finalUrl?: string;
  contentType?: string;
  encoding?: string;
  bytes?: number;
  sha256?: string;
  etag?: string;
  lastModified?: string;
  publishedAt?: string;
  findings?: readonly Finding[];
}

/** A finding as stored: the secret as hash and mask. */
export interface Occurrence {
  id: string;
  url: string;
  site: string;
  secretHash: string;
  masked: string;
  ruleId: string;
  title: string;
  provider: string;
  severity: Finding["severity"];
  confidence: Finding["confidence"];
  start: Position;
  end: Position;
  context: FindingContext;
  related?: Array<{ ruleId: string; secretHash: string; masked: string; credential: boolean; start: Position; end: Position }>;
  notes?: string[];
  fingerprint: string;
}

export interface RunSummary {
  pages: number;
  byOutcome: Record<Outcome | "pending", number>;
  /** `[status, reason, count]` for skipped and failed pages, most frequent first. */
  reasons: Array<{ status: Outcome; reason: string; count: number }>;
  secrets: number;
  occurrences: number;
  pagesWithFindings: number;
  bySeverity: Array<{ key: string; secrets: number; occurrences: number }>;
  byProvider: Array<{ key: string; secrets: number; occurrences: number }>;
  bySite: Array<{ key: string; secrets: number; occurrences: number; pages: number }>;
  failedSources: Array<{ key: string; reason: string }>;
  bytes: number;
}

const now = () => new Date().toISOString();

/** The host (with a non-default port) a URL belongs to: how the summary groups sites. */
export function siteOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}

function occurrenceId(url: string, ruleId: string, hash: string, offset: number): string {
  return createHash("sha256").update(`${url}\0${ruleId}\0${hash}\0${offset}`).digest("hex").slice(0, 32);
}

interface OccurrenceRow {
  id: string;
  url: string;
  site: string;
  secret_hash: string;
  masked: string;
  rule_id: string;
  title: string;
  provider: string;
  severity: Finding["severity"];
  confidence: Finding["confidence"];
  start_line: number;
  start_column: number;
  start_offset: number;
  end_line: number;
  end_column: number;
  end_offset: number;
  context_kind: FindingContext["kind"];
  context_lang: string | null;
  context_name: string | null;
  related: string | null;
  notes: string | null;
  fingerprint: string;
}

function toOccurrence(r: OccurrenceRow): Occurrence {
  return {
    id: r.id,
    url: r.url,
    site: r.site,
    secretHash: r.secret_hash,
    masked: r.masked,
    ruleId: r.rule_id,
    title: r.title,
    provider: r.provider,
    severity: r.severity,
    confidence: r.confidence,
    start: { line: Number(r.start_line), column: Number(r.start_column), offset: Number(r.start_offset) },
    end: { line: Number(r.end_line), column: Number(r.end_column), offset: Number(r.end_offset) },
    context: { kind: r.context_kind, ...(r.context_lang ? { lang: r.context_lang } : {}), ...(r.context_name ? { name: r.context_name } : {}) },
    ...(r.related ? { related: JSON.parse(r.related) as Occurrence["related"] } : {}),
    ...(r.notes ? { notes: JSON.parse(r.notes) as string[] } : {}),
    fingerprint: r.fingerprint,
  };
}

const OCCURRENCE_COLUMNS = `o.id, o.url, p.site, o.secret_hash, s.masked, o.rule_id, s.title, s.provider, o.severity, o.confidence,
  o.start_line, o.start_column, o.start_offset, o.end_line, o.end_column, o.end_offset,
  o.context_kind, o.context_lang, o.context_name, o.related, o.notes, o.fingerprint`;

export class AuditStore {
  private seq = 0;

  private constructor(readonly db: SqlDatabase) {}

  /** Open (and migrate) the state behind `db`. */
  static async open(db: SqlDatabase): Promise<AuditStore> {
    await migrate(db);
    const store = new AuditStore(db);
    const row = await db.get<{ m: number | null }>("SELECT MAX(seq) AS m FROM audit_pages");
    const src = await db.get<{ m: number | null }>("SELECT MAX(seq) AS m FROM audit_sources");
    store.seq = Math.max(Number(row?.m ?? 0), Number(src?.m ?? 0));
    return store;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // --- runs -----------------------------------------------------------------------

  async startRun(config: unknown): Promise<RunRow> {
    const run: RunRow = { id: `${now().replace(/[-:.]/g, "").slice(0, 15)}-${randomUUID().slice(0, 8)}`, started_at: now(), finished_at: null, status: "running", config: JSON.stringify(config) };
    await this.db.run("INSERT INTO audit_runs (id, started_at, finished_at, status, config) VALUES (?, ?, ?, ?, ?)", [run.id, run.started_at, null, run.status, run.config]);
    return run;
  }

  /** The newest run, if any. */
  latestRun(): Promise<RunRow | undefined> {
    return this.db.get<RunRow>("SELECT id, started_at, finished_at, status, config FROM audit_runs ORDER BY started_at DESC, id DESC LIMIT 1");
  }

  async setRunStatus(runId: string, status: RunRow["status"]): Promise<void> {
    await this.db.run("UPDATE audit_runs SET status = ?, finished_at = ? WHERE id = ?", [status, status === "running" ? null : now(), runId]);
  }

  // --- sources --------------------------------------------------------------------

  /** Add sources to a run; one already there is left alone. */
  async addSources(runId: string, sources: readonly NewSource[], tx: SqlExecutor = this.db): Promise<void> {
    for (const s of sources) {
      await tx.run(
        "INSERT INTO audit_sources (run_id, key, kind, target, parent, status, seq) VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (run_id, key) DO NOTHING",
        [runId, s.key, s.kind, s.target, s.parent ?? null, ++this.seq],
      );
    }
  }

  pendingSources(runId: string): Promise<SourceRow[]> {
    return this.db.all<SourceRow>("SELECT key, kind, target, parent, status, reason, attempts, items, seq FROM audit_sources WHERE run_id = ? AND status = 'pending' ORDER BY seq", [runId]);
  }

  async finishSource(runId: string, key: string, status: "done" | "failed", reason: string | null, items: number, tx: SqlExecutor = this.db): Promise<void> {
    await tx.run("UPDATE audit_sources SET status = ?, reason = ?, items = items + ?, attempts = attempts + 1 WHERE run_id = ? AND key = ?", [status, reason, items, runId, key]);
  }

  // --- pages ----------------------------------------------------------------------

  /**
   * Put pages into a run as pending. A page already in this run keeps its state (a URL
   * listed by the sitemap and the feed is audited once); one from an earlier run keeps
   * its validators (ETag, Last-Modified, sha256) and, when an API's version says it has
   * not changed since it was scanned, is `unchanged` at once. Returns how many were new
   * to the run.
   */
  async addPages(runId: string, pages: readonly NewPage[], tx: SqlExecutor = this.db, rescan = false): Promise<number> {
    let added = 0;
    const fresh = rescan ? "1 = 0" : "excluded.version IS NOT NULL AND audit_pages.scanned_version = excluded.version AND audit_pages.status IN ('scanned', 'unchanged')";
    for (const p of pages) {
      const r = await tx.run(
        `INSERT INTO audit_pages (url, site, run_id, seq, source, via, fetch_url, version, published_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
         ON CONFLICT (url) DO UPDATE SET
           run_id = excluded.run_id, seq = excluded.seq, source = excluded.source, via = excluded.via,
           fetch_url = excluded.fetch_url, version = excluded.version, attempts = 0,
           published_at = COALESCE(excluded.published_at, audit_pages.published_at),
           status = CASE WHEN ${fresh} THEN 'unchanged' ELSE 'pending' END,
           reason = CASE WHEN ${fresh} THEN 'not modified since the last audit' ELSE NULL END
         WHERE audit_pages.run_id <> excluded.run_id`,
        [p.url, p.site, runId, ++this.seq, p.source, p.via, p.fetchUrl ?? null, p.version ?? null, p.publishedAt ?? null],
      );
      added += r.changes;
    }
    return added;
  }

  /** Pending pages of a run after `afterSeq`, in discovery order. */
  pendingPages(runId: string, afterSeq: number, limit: number): Promise<PageRow[]> {
    return this.db.all<PageRow>(
      `SELECT url, site, run_id, seq, source, via, fetch_url, version, status, reason, attempts, etag, last_modified, sha256, scanned_version
       FROM audit_pages WHERE run_id = ? AND status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
      [runId, afterSeq, limit],
    );
  }

  page(url: string): Promise<PageRow | undefined> {
    return this.db.get<PageRow>(
      "SELECT url, site, run_id, seq, source, via, fetch_url, version, status, reason, attempts, etag, last_modified, sha256, scanned_version FROM audit_pages WHERE url = ?",
      [url],
    );
  }

  /**
   * Record a page's outcome (in one transaction when it has findings; see below why one
   * without needs none): its previous occurrences are replaced when it was scanned again,
   * distinct secrets are upserted. Returns the page's occurrences when it was scanned.
   */
  async recordPage(runId: string, url: string, result: PageResult, tx?: SqlExecutor): Promise<Occurrence[]> {
    const write = async (ex: SqlExecutor): Promise<Occurrence[]> => {
      const at = now();
      const occurrences: Occurrence[] = [];
      if (result.status === "scanned") {
        await ex.run("DELETE FROM audit_occurrences WHERE url = ?", [url]);
        const site = siteOf(url);
        // Distinct secrets first, in hash order: pages written at once (distributed workers
        // on PostgreSQL) then lock shared secret rows in one order and cannot deadlock.
        const distinct = new Map<string, Finding>();
        for (const f of result.findings ?? []) if (!distinct.has(secretHash(f.secret))) distinct.set(secretHash(f.secret), f);
        for (const [hash, f] of [...distinct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          await ex.run(
            `INSERT INTO audit_secrets (hash, rule_id, title, provider, severity, confidence, masked, first_seen, last_seen)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET last_seen = excluded.last_seen`,
            [hash, f.ruleId, f.title, f.provider, f.severity, f.confidence, maskSecret(f.secret), at, at],
          );
        }
        for (const f of result.findings ?? []) {
          const hash = secretHash(f.secret);
          const masked = maskSecret(f.secret);
          const related = f.related?.map((r) => ({ ruleId: r.ruleId, secretHash: secretHash(r.secret), masked: maskSecret(r.secret), credential: r.credential, start: r.start, end: r.end }));
          const o: Occurrence = {
            id: occurrenceId(url, f.ruleId, hash, f.start.offset),
            url,
            site,
            secretHash: hash,
            masked,
            ruleId: f.ruleId,
            title: f.title,
            provider: f.provider,
            severity: f.severity,
            confidence: f.confidence,
            start: f.start,
            end: f.end,
            context: f.context,
            ...(related?.length ? { related } : {}),
            ...(f.notes?.length ? { notes: f.notes } : {}),
            fingerprint: f.fingerprint,
          };
          await ex.run(
            `INSERT INTO audit_occurrences (id, url, secret_hash, rule_id, severity, confidence, start_line, start_column, start_offset,
               end_line, end_column, end_offset, context_kind, context_lang, context_name, related, notes, fingerprint, found_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
            [o.id, url, hash, f.ruleId, f.severity, f.confidence, f.start.line, f.start.column, f.start.offset, f.end.line, f.end.column, f.end.offset,
              f.context.kind, f.context.lang ?? null, f.context.name ?? null, related?.length ? JSON.stringify(related) : null, f.notes?.length ? JSON.stringify(f.notes) : null, f.fingerprint, at],
          );
          occurrences.push(o);
        }
      }
      const scanned = result.status === "scanned";
      await ex.run(
        `UPDATE audit_pages SET status = ?, reason = ?, attempts = ?, http_status = COALESCE(?, http_status), final_url = COALESCE(?, final_url),
           content_type = COALESCE(?, content_type), encoding = COALESCE(?, encoding), bytes = COALESCE(?, bytes),
           sha256 = COALESCE(?, sha256), etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
           published_at = COALESCE(published_at, ?),
           scanned_version = CASE WHEN ? = 1 THEN version ELSE scanned_version END,
           findings = CASE WHEN ? = 1 THEN ? ELSE findings END, fetched_at = ?
         WHERE url = ? AND run_id = ?`,
        [result.status, result.reason ?? null, result.attempts ?? 1, result.httpStatus ?? null, result.finalUrl ?? null, result.contentType ?? null, result.encoding ?? null,
          result.bytes ?? null, result.sha256 ?? null, result.etag ?? null, result.lastModified ?? null, result.publishedAt ?? null,
          scanned ? 1 : 0, scanned ? 1 : 0, occurrences.length, at, url, runId],
      );
      return occurrences;
    };
    if (tx) return write(tx);
    // Without findings there is nothing a transaction has to keep together: the page's old
    // occurrences (if any) are deleted before its outcome is written, so an interruption
    // in between leaves it without an outcome, to be done again, never an outcome next to
    // stale occurrences. On PostgreSQL this spares a page BEGIN and COMMIT round trips.
    if (!result.findings?.length) return write(this.db);
    return this.db.transaction(write);
  }

  /** Pages an earlier run found under `source` join this run as unchanged (a repo whose head did not move). */
  async carryOverUnchanged(runId: string, source: string, tx: SqlExecutor = this.db): Promise<number> {
    const r = await tx.run(
      "UPDATE audit_pages SET run_id = ?, status = 'unchanged', reason = 'not modified since the last audit', attempts = 0 WHERE source = ? AND run_id <> ? AND status IN ('scanned', 'unchanged')",
      [runId, source, runId],
    );
    return r.changes;
  }

  async pageCount(runId: string): Promise<{ total: number; done: number }> {
    const r = await this.db.get<{ total: number; pending: number | null }>(
      "SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending FROM audit_pages WHERE run_id = ?",
      [runId],
    );
    const total = Number(r?.total ?? 0);
    return { total, done: total - Number(r?.pending ?? 0) };
  }

  // --- versions (source-level validators) -----------------------------------------

  async version(key: string): Promise<string | undefined> {
    return (await this.db.get<{ version: string }>("SELECT version FROM audit_versions WHERE key = ?", [key]))?.version;
  }

  async setVersion(key: string, version: string, tx: SqlExecutor = this.db): Promise<void> {
    await tx.run("INSERT INTO audit_versions (key, version, checked_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET version = excluded.version, checked_at = excluded.checked_at", [key, version, now()]);
  }

  // --- reading back ---------------------------------------------------------------

  /** Occurrences on the run's pages, a batch at a time (for SARIF and reports). */
  async *occurrences(runId: string, batch = 1000): AsyncGenerator<Occurrence> {
    let after = "";
    for (;;) {
      const rows = await this.db.all<OccurrenceRow>(
        `SELECT ${OCCURRENCE_COLUMNS} FROM audit_occurrences o JOIN audit_pages p ON p.url = o.url JOIN audit_secrets s ON s.hash = o.secret_hash
         WHERE p.run_id = ? AND o.id > ? ORDER BY o.id LIMIT ?`,
        [runId, after, batch],
      );
      for (const r of rows) yield toOccurrence(r);
      if (rows.length < batch) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Pages of the run in an outcome, with reasons (for notices). */
  pagesIn(runId: string, status: Outcome, limit: number): Promise<Array<{ url: string; reason: string | null; attempts: number }>> {
    return this.db.all("SELECT url, reason, attempts FROM audit_pages WHERE run_id = ? AND status = ? ORDER BY seq LIMIT ?", [runId, status, limit]);
  }

  async summary(runId: string): Promise<RunSummary> {
    const byOutcome: RunSummary["byOutcome"] = { pending: 0, scanned: 0, unchanged: 0, skipped: 0, failed: 0 };
    const reasons: RunSummary["reasons"] = [];
    let pages = 0;
    let bytes = 0;
    const rows = await this.db.all<{ status: PageStatus; reason: string | null; n: number; b: number | null }>(
      "SELECT status, reason, COUNT(*) AS n, SUM(CASE WHEN status = 'scanned' THEN bytes ELSE 0 END) AS b FROM audit_pages WHERE run_id = ? GROUP BY status, reason",
      [runId],
    );
    for (const r of rows) {
      const n = Number(r.n);
      byOutcome[r.status] += n;
      pages += n;
      bytes += Number(r.b ?? 0);
      if ((r.status === "skipped" || r.status === "failed") && r.reason) reasons.push({ status: r.status, reason: r.reason, count: n });
    }
    reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const from = "FROM audit_occurrences o JOIN audit_pages p ON p.url = o.url JOIN audit_secrets s ON s.hash = o.secret_hash WHERE p.run_id = ?";
    const totals = await this.db.get<{ secrets: number; occurrences: number; pages: number }>(
      `SELECT COUNT(DISTINCT o.secret_hash) AS secrets, COUNT(*) AS occurrences, COUNT(DISTINCT o.url) AS pages ${from}`,
      [runId],
    );
    const group = (col: string) =>
      this.db.all<{ key: string; secrets: number; occurrences: number; pages: number }>(
        `SELECT ${col} AS key, COUNT(DISTINCT o.secret_hash) AS secrets, COUNT(*) AS occurrences, COUNT(DISTINCT o.url) AS pages ${from} GROUP BY ${col} ORDER BY COUNT(DISTINCT o.secret_hash) DESC, ${col}`,
        [runId],
      );
    const num = <T extends { secrets: number; occurrences: number; pages: number }>(r: T) => ({ ...r, secrets: Number(r.secrets), occurrences: Number(r.occurrences), pages: Number(r.pages) });
    const failedSources = await this.db.all<{ key: string; reason: string }>("SELECT key, reason FROM audit_sources WHERE run_id = ? AND status = 'failed' ORDER BY seq", [runId]);
    return {
      pages,
      byOutcome,
      reasons,
      secrets: Number(totals?.secrets ?? 0),
      occurrences: Number(totals?.occurrences ?? 0),
      pagesWithFindings: Number(totals?.pages ?? 0),
      bySeverity: (await group("s.severity")).map(num).map(({ pages: _p, ...r }) => r),
      byProvider: (await group("s.provider")).map(num).map(({ pages: _p, ...r }) => r),
      bySite: (await group("p.site")).map(num),
      failedSources,
      bytes,
    };
  }
}
