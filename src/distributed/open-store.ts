/**
 * One way in to the audit's state, wherever it lives: a SQLite file (the default, no
 * server) or a PostgreSQL database (`postgres://user:pass@host:5432/db`, shared by the
 * distributed workers). The schema is created and migrated by postguard on open, with the
 * same versioned migrations for both.
 */
import { AuditStore } from "../audit/store/audit-store.js";
import type { SqlDatabase } from "../audit/store/sql.js";
import { SqliteDatabase } from "../audit/store/sqlite.js";
import { isPostgresUrl, PostgresDatabase, type PostgresOptions } from "./postgres.js";
import { redactUrl } from "./redact-url.js";

/** pg_advisory_lock key for migrations: "pgmg" in ASCII. */
const MIGRATION_LOCK = 0x70676d67;

export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

/**
 * The database behind `target`: PostgreSQL for a `postgres://` or `postgresql://` URL,
 * otherwise a SQLite file at that path. Not migrated: use {@link openAuditStore} for
 * that (or `AuditStore.open(db)`).
 */
export function openStore(target: string, opts: PostgresOptions = {}): SqlDatabase {
  return isPostgresUrl(target) ? new PostgresDatabase(target, opts) : new SqliteDatabase(target);
}

/**
 * The audit store behind `target`, its schema created or migrated first. Workers that
 * open one PostgreSQL database at the same moment migrate one after another. Fails with
 * a StoreOpenError naming the target (password hidden) when it cannot be reached.
 */
export async function openAuditStore(target: string, opts: PostgresOptions = {}): Promise<AuditStore> {
  const db = openStore(target, opts);
  try {
    if (db instanceof PostgresDatabase) return await db.withLock(MIGRATION_LOCK, () => AuditStore.open(db));
    return await AuditStore.open(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    const name = isPostgresUrl(target) ? redactUrl(target) : target;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ECONNREFUSED" ? "connection refused" : err.message;
    throw new StoreOpenError(`cannot open the audit store ${name}: ${why}`);
  }
}

export { redactUrl };
