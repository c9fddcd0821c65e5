/**
 * SqlDatabase over PostgreSQL (`pg` with a connection pool), so the audit store's plain
 * SQL runs unchanged on a server many workers share. Three differences are bridged here
 * and nowhere else:
 *
 * - placeholders: the store writes `?`, PostgreSQL wants `$1, $2…` (rewritten once per
 *   statement text, skipping quoted strings and identifiers);
 * - numbers: `pg` returns BIGINT and NUMERIC (COUNT, SUM, BIGINT columns) as strings to
 *   be safe past 2^53; audit counters and offsets stay far below it, and SQLite returns
 *   numbers, so both come back as numbers;
 * - concurrency: many workers upserting the same secret in different orders can
 *   deadlock or hit a serialisation failure; PostgreSQL aborts one transaction and it
 *   is simply run again.
 */
import pg from "pg";
import type { SqlDatabase, SqlExecutor, SqlRunResult, SqlValue } from "../audit/store/sql.js";

const { Pool, types } = pg;

/** INT8 (COUNT, BIGINT columns) and NUMERIC (SUM of BIGINT) as JS numbers. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === types.builtins.INT8 || oid === types.builtins.NUMERIC) return (v: string) => Number(v);
    return types.getTypeParser(oid, format);
  }) as typeof types.getTypeParser,
};

const rewritten = new Map<string, string>();

/** `a = ? AND b = '?'` -> `a = $1 AND b = '?'`. */
export function toPositional(sql: string): string {
  const cached = rewritten.get(sql);
  if (cached !== undefined) return cached;
  let out = "";
  let n = 0;
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") out += `$${++n}`;
    else out += ch;
  }
  if (rewritten.size < 1000) rewritten.set(sql, out);
  return out;
}

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(["40001" /* serialization_failure */, "40P01" /* deadlock_detected */]);
const TX_TRIES = 5;

interface Queryable {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

class Executor implements SqlExecutor {
  constructor(private readonly q: Queryable) {}

  async run(sql: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> {
    const r = await this.q.query(toPositional(sql), [...params]);
    return { changes: r.rowCount ?? 0 };
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const r = await this.q.query(toPositional(sql), [...params]);
    return r.rows[0] as T | undefined;
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const r = await this.q.query(toPositional(sql), [...params]);
    return r.rows as T[];
  }
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

export class PostgresDatabase implements SqlDatabase {
  readonly pool: pg.Pool;
  private readonly executor: Executor;

  constructor(connectionString: string, opts: PostgresOptions = {}) {
    this.pool = new Pool({
      connectionString,
      // withLock holds one connection while migrations use another.
      max: Math.max(2, opts.max ?? 10),
      types: TYPES,
      application_name: opts.applicationName ?? "postguard",
      connectionTimeoutMillis: 15_000,
    });
    // An idle client losing its connection (server restart) must not crash the process;
    // the next query gets a fresh connection or a clear error.
    this.pool.on("error", () => undefined);
    this.executor = new Executor(this.pool);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult> {
    return this.executor.run(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.executor.get<T>(sql, params);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.executor.all<T>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const out = await fn(new Executor(client));
        await client.query("COMMIT");
        return out;
      } catch (e) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        const code = (e as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= TX_TRIES) throw e;
        // Let the transaction that won finish before trying again.
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      } finally {
        client.release(broken);
      }
    }
  }

  /**
   * Run `fn` while holding a session-level advisory lock: workers starting together
   * migrate one at a time (the others then find the schema current).
   */
  async withLock<T>(key: number, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [key]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [key]);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Whether `target` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}
