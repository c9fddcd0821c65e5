/**
 * `postguard report --state FILE --output report.html [--lang zh|en]`: an audit state ->
 * the self-contained HTML report. The state is only read; a missing file is an error
 * (opening it would create an empty database), and so is a file that is not an audit state.
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { SqlDatabase } from "../audit/store/sql.js";
import type { ReportCommandOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";
import { version } from "./version.js";

const fail = (message: string): CommandResult => ({ exitCode: 2, stdout: "", stderr: `postguard: error: ${message}\n` });

/**
 * `audit --report FILE`: the report of the state an audit has open, written when the
 * audit ends. Returns an error message, or undefined when the file was written.
 */
export async function writeStateReport(db: SqlDatabase, output: string, ctx: RunContext): Promise<string | undefined> {
  const html = await import("../report/html/index.js");
  const { builtinRules } = await import("../rules/load.js");
  try {
    const data = await html.reportFromState(db, { rules: builtinRules(), version: version() });
    const file = resolve(ctx.cwd, output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, html.renderHtmlReport(data, { lang: html.langFromEnv(ctx.env) }));
    return undefined;
  } catch (e) {
    return `cannot write --report ${output}: ${(e as Error).message}`;
  }
}

export async function reportCommand(opts: ReportCommandOptions, ctx: RunContext): Promise<CommandResult> {
  const file = resolve(ctx.cwd, opts.state);
  // `--store postgres://…`: the distributed audit's database (its password never printed).
  const remote = /^postgres(?:ql)?:\/\//i.test(opts.state) ? await import("../distributed/open-store.js") : undefined;
  const name = remote ? remote.redactUrl(opts.state) : opts.state;
  if (!remote) {
    try {
      await access(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(`cannot read the audit state ${opts.state}: ${code === "ENOENT" ? "no such file (`postguard audit --state FILE …` writes one)" : (e as Error).message}`);
    }
  }
  // Loaded here, not at the top: `postguard --help` should not wait for SQLite.
  const { SqliteDatabase } = await import("../audit/store/sqlite.js");
  const { SCHEMA_VERSION } = await import("../audit/store/migrations.js");
  const { builtinRules } = await import("../rules/load.js");
  const html = await import("../report/html/index.js");

  let db: SqlDatabase;
  try {
    db = remote ? remote.openStore(opts.state) : new SqliteDatabase(file);
  } catch (e) {
    return fail(`cannot open the audit state ${name}: ${(e as Error).message}`);
  }
  if (remote) {
    try {
      await db.get("SELECT 1");
    } catch (e) {
      await db.close().catch(() => undefined);
      return fail(`cannot open the audit store ${name}: ${(e as Error).message}`);
    }
  }
  let text: string;
  let summary: string;
  try {
    const versions = await db.all<{ version: number }>("SELECT version FROM schema_migrations").catch(() => undefined);
    if (!versions?.length) return fail(`${name} is not a postguard audit state (no schema_migrations table)`);
    const newest = Math.max(...versions.map((v) => Number(v.version)));
    if (newest > SCHEMA_VERSION) return fail(`${name} was written by a newer postguard (schema version ${newest}; this one reads up to ${SCHEMA_VERSION})`);
    const data = await html.reportFromState(db, { rules: builtinRules(), version: version() });
    const lang = opts.lang ?? html.langFromEnv(ctx.env);
    const s = html.summarize(data, html.summaryLabels(lang, data));
    text = html.renderHtmlReport(data, { lang, summary: s });
    summary = `${s.secrets} distinct secret${s.secrets === 1 ? "" : "s"} (${s.bySeverity.critical} critical, ${s.bySeverity.high} high) on ${s.pagesWithFindings} of ${data.pages.scanned} pages`;
  } catch (e) {
    return fail(`cannot read the audit state ${name}: ${(e as Error).message}`);
  } finally {
    await db.close();
  }

  if (opts.output === "-") return { exitCode: 0, stdout: text, stderr: "" };
  try {
    const out = resolve(ctx.cwd, opts.output);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text);
  } catch (e) {
    return fail(`cannot write --output ${opts.output}: ${(e as Error).message}`);
  }
  return { exitCode: 0, stdout: "", stderr: opts.quiet ? "" : `postguard: wrote the report to ${opts.output}: ${summary}\n` };
}
