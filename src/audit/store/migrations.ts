/**
 * The audit schema as numbered migrations, applied in order and recorded in
 * `schema_migrations`; a state file written by a newer postguard is refused rather than
 * misread. Column types are the portable subset (TEXT, INTEGER, BIGINT): timestamps are
 * ISO-8601 text, JSON is text, booleans are 0/1.
 */
import type { SqlDatabase } from "./sql.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "audit state",
    sql: `
CREATE TABLE audit_runs (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  config TEXT NOT NULL
);

CREATE TABLE audit_sources (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  parent TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  items BIGINT NOT NULL DEFAULT 0,
  seq BIGINT NOT NULL,
  PRIMARY KEY (run_id, key)
);

CREATE TABLE audit_pages (
  url TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  run_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  source TEXT NOT NULL,
  via TEXT NOT NULL,
  fetch_url TEXT,
  version TEXT,
  published_at TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  http_status INTEGER,
  final_url TEXT,
  content_type TEXT,
  encoding TEXT,
  bytes BIGINT,
  sha256 TEXT,
  etag TEXT,
  last_modified TEXT,
  scanned_version TEXT,
  fetched_at TEXT,
  findings INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX audit_pages_run ON audit_pages (run_id, status, seq);
CREATE INDEX audit_pages_source ON audit_pages (source);

CREATE TABLE audit_secrets (
  hash TEXT PRIMARY KEY,
  rule_id TEXT NOT NULL,
  title TEXT NOT NULL,
  provider TEXT NOT NULL,
  severity TEXT NOT NULL,
  confidence TEXT NOT NULL,
  masked TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL
);

CREATE TABLE audit_occurrences (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  confidence TEXT NOT NULL,
  start_line INTEGER NOT NULL,
  start_column INTEGER NOT NULL,
  start_offset BIGINT NOT NULL,
  end_line INTEGER NOT NULL,
  end_column INTEGER NOT NULL,
  end_offset BIGINT NOT NULL,
  context_kind TEXT NOT NULL,
  context_lang TEXT,
  context_name TEXT,
  related TEXT,
  notes TEXT,
  fingerprint TEXT NOT NULL,
  found_at TEXT NOT NULL
);
CREATE INDEX audit_occurrences_url ON audit_occurrences (url);
CREATE INDEX audit_occurrences_secret ON audit_occurrences (secret_hash);

CREATE TABLE audit_versions (
  key TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  checked_at TEXT NOT NULL
);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class StateVersionError extends Error {
  override name = "StateVersionError";
}

/** Bring `db` to the latest schema; each migration in its own transaction. */
export async function migrate(db: SqlDatabase): Promise<void> {
  await db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const rows = await db.all<{ version: number }>("SELECT version FROM schema_migrations");
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) {
    throw new StateVersionError(`was written by a newer postguard (schema version ${newest}; this one knows up to ${SCHEMA_VERSION})`);
  }
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await db.transaction(async (tx) => {
      for (const statement of m.sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await tx.run(statement);
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [m.version, m.name, new Date().toISOString()]);
    });
  }
}
