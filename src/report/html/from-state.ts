/**
 * An audit state -> HtmlReportData. Read-only queries in the portable SQL the audit
 * store uses (`?` placeholders, no SQLite-only functions), over the SqlDatabase seam, so
 * a PostgreSQL state reads the same.
 *
 * The report covers the whole state: every page the audits know (a page keeps its last
 * outcome), every secret still on some page. Secrets whose pages no longer show them are
 * counted apart ("removed"): removed is not revoked.
 *
 * Occurrences come back in no particular order; the renderer sorts what it shows.
 */
import type { SqlDatabase } from "../../audit/store/sql.js";
import type { CompiledRule } from "../../rules/spec.js";
import type { Confidence, SegmentKind, Severity } from "../../types.js";
import { dayOf, withoutUserinfo, type HtmlReportData, type ProviderInfo, type ReportSecret } from "./model.js";

interface SecretRow {
  hash: string;
  rule_id: string;
  title: string;
  provider: string;
  severity: Severity;
  confidence: Confidence;
  masked: string;
  first_seen: string;
  last_seen: string;
}

interface OccurrenceRow {
  secret_hash: string;
  url: string;
  site: string | null;
  published_at: string | null;
  via: string | null;
  start_line: number;
  start_column: number;
  context_kind: SegmentKind;
  context_lang: string | null;
  context_name: string | null;
}

/** Providers as the rules describe them: display name, revoke URL, placeholder per rule. */
export function providerInfo(rules: readonly CompiledRule[]): Record<string, ProviderInfo> {
  const out: Record<string, ProviderInfo> = {};
  for (const r of rules) {
    const p = (out[r.provider] ??= { name: r.providerName, ...(r.revoke ? { revoke: r.revoke } : {}), placeholders: {} });
    p.placeholders[r.id] = r.placeholder;
  }
  return out;
}

/** Host of a URL (what the audit groups by), for an occurrence whose page row is gone. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}

/** Read a report's data out of an audit state. */
export async function reportFromState(db: SqlDatabase, opts: { rules: readonly CompiledRule[]; version: string; now?: Date }): Promise<HtmlReportData> {
  const secrets = new Map<string, ReportSecret>();
  // Whole tables in one read each, in storage order: keyset paging by the (random) hash keys
  // costs a random page read per row, seconds for 100,000 rows, and the report holds them all anyway.
  for (const r of await db.all<SecretRow>("SELECT hash, rule_id, title, provider, severity, confidence, masked, first_seen, last_seen FROM audit_secrets")) {
    secrets.set(r.hash, {
      id: r.hash.slice(0, 16),
      masked: r.masked,
      ruleId: r.rule_id,
      title: r.title,
      provider: r.provider,
      severity: r.severity,
      confidence: r.confidence,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      occurrences: [],
    });
  }

  for (const o of await db.all<OccurrenceRow>(
    `SELECT o.secret_hash, o.url, p.site, p.published_at, p.via, o.start_line, o.start_column, o.context_kind, o.context_lang, o.context_name
     FROM audit_occurrences o LEFT JOIN audit_pages p ON p.url = o.url`,
  )) {
    const s = secrets.get(o.secret_hash);
    if (!s) continue; // an occurrence without its secret row: nothing to show it as
    const published = dayOf(o.published_at);
    s.occurrences.push({
      url: withoutUserinfo(o.url),
      site: o.site || hostOf(o.url),
      line: Number(o.start_line),
      column: Number(o.start_column),
      context: { kind: o.context_kind, ...(o.context_lang ? { lang: o.context_lang } : {}), ...(o.context_name ? { name: o.context_name } : {}) },
      ...(published ? { published } : {}),
      ...(o.via === "github" ? { inRepo: true } : {}),
    });
  }
  const live = [...secrets.values()].filter((s) => s.occurrences.length);

  const outcomes = await db.all<{ status: string; n: number }>("SELECT status, COUNT(*) AS n FROM audit_pages GROUP BY status");
  const count = (...st: string[]) => outcomes.filter((r) => st.includes(r.status)).reduce((a, r) => a + Number(r.n), 0);
  const sites = await db.get<{ n: number }>("SELECT COUNT(DISTINCT site) AS n FROM audit_pages WHERE status IN ('scanned', 'unchanged')");
  const run = await db.get<{ id: string; started_at: string; finished_at: string | null; status: string }>(
    "SELECT id, started_at, finished_at, status FROM audit_runs ORDER BY started_at DESC, id DESC LIMIT 1",
  );
  const sources = run
    ? await db.all<{ kind: string; target: string }>("SELECT kind, target FROM audit_sources WHERE run_id = ? AND parent IS NULL ORDER BY seq LIMIT 200", [run.id])
    : [];
  const now = (opts.now ?? new Date()).toISOString();
  return {
    source: "audit",
    version: opts.version,
    generatedAt: now,
    date: run?.finished_at ?? run?.started_at ?? now,
    ...(run && run.status !== "finished" ? { unfinished: run.status } : {}),
    sources: sources.map((s) => `${s.kind} ${withoutUserinfo(s.target)}`),
    pages: { scanned: count("scanned", "unchanged"), failed: count("failed"), skipped: count("skipped") },
    sites: Number(sites?.n ?? 0),
    secrets: live,
    removed: secrets.size - live.length,
    providers: providerInfo(opts.rules),
  };
}
