/**
 * The one seam between the audit and its database. Everything above it speaks plain,
 * portable SQL — `?` placeholders, `INSERT … ON CONFLICT … DO UPDATE`, TEXT timestamps,
 * no AUTOINCREMENT, no SQLite-only functions — so the same statements run on SQLite
 * (the default, no server) and on PostgreSQL (an adapter that rewrites `?` to `$n`).
 * Async throughout because a networked database is.
 */

/** A value a statement may bind: what both SQLite and PostgreSQL store as is. */
export type SqlValue = string | number | null;

export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Statements, outside or inside a transaction. */
export interface SqlExecutor {
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Other statements on this database wait until it is over.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
