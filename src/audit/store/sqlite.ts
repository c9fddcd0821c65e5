/**
 * SqlDatabase over better-sqlite3. WAL journal with `synchronous = NORMAL`: a commit is
 * an append to the log without an fsync, so one commit per page costs microseconds, and
 * a killed process (SIGKILL, Ctrl-C) loses nothing that was committed; only a power cut
 * can lose the last commits, which --resume then simply fetches again.
 */
import Database from "better-sqlite3";
import type { SqlDatabase, SqlExecutor, SqlRunResult, SqlValue } from "./sql.js";

type Db = InstanceType<typeof Database>;
type Stmt = Database.Statement<unknown[], unknown>;

class Statements implements SqlExecutor {
  private readonly cache = new Map<string, Stmt>();
  constructor(private readonly db: Db) {}

  prepare(sql: string): Stmt {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[], unknown>(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> {
    return { changes: this.prepare(sql).run(...(params as SqlValue[])).changes };
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.prepare(sql).get(...(params as SqlValue[])) as T | undefined;
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.prepare(sql).all(...(params as SqlValue[])) as T[];
  }
}

export class SqliteDatabase implements SqlDatabase {
  private readonly db: Db;
  private readonly statements: Statements;
  /** Serialises access while a transaction is open: its awaits must not let others in. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.statements = new Statements(this.db);
  }

  private queued<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult> {
    return this.queued(() => this.statements.run(sql, params));
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.queued(() => this.statements.get<T>(sql, params));
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.queued(() => this.statements.all<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.queued(async () => void this.db.exec(sql));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.queued(async () => {
      // Prepared once: `exec` would parse these again for every page.
      this.statements.prepare("BEGIN IMMEDIATE").run();
      try {
        const out = await fn(this.statements);
        this.statements.prepare("COMMIT").run();
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.statements.prepare("ROLLBACK").run();
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.tail;
    this.db.close();
  }
}
