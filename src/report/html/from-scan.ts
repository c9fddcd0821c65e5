/**
 * A scan's findings -> HtmlReportData (`postguard scan --format html`). Findings carry
 * the raw secret; here it becomes a mask and a truncated hash and goes no further.
 * Files are grouped by their top folder below the folder all of them share, the way an
 * audit groups pages by site.
 */
import { secretHash } from "../../detect/fingerprint.js";
import { maskSecret } from "../../detect/mask.js";
import { SEVERITIES } from "../../types.js";
import type { ReportOptions, ScanReport } from "../model.js";
import { providerInfo } from "./from-state.js";
import type { HtmlReportData, ReportSecret } from "./model.js";

/** `content/blog/a.md` -> `blog` when every path starts with `content/`; `.` for files at the top. */
export function folderGrouper(paths: readonly string[]): (path: string) => string {
  const split = paths.map((p) => p.split("/").slice(0, -1));
  let common = split[0] ?? [];
  for (const parts of split) {
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  const depth = common.length;
  return (path) => {
    const dirs = path.split("/").slice(0, -1);
    return dirs.length > depth ? dirs[depth]! : dirs.length ? dirs.join("/") : ".";
  };
}

/** Build the report's data from a finished scan. Suppressed findings are left out. */
export function reportFromScan(report: ScanReport, opts: Pick<ReportOptions, "rules" | "version">, now = new Date()): HtmlReportData {
  const at = now.toISOString();
  const findings = report.findings.filter((f) => !f.suppressed);
  const group = folderGrouper(findings.map((f) => f.path));
  const secrets = new Map<string, ReportSecret>();
  for (const f of findings) {
    const hash = secretHash(f.secret);
    let s = secrets.get(hash);
    if (!s) {
      s = { id: hash.slice(0, 16), masked: maskSecret(f.secret), ruleId: f.ruleId, title: f.title, provider: f.provider, severity: f.severity, confidence: f.confidence, firstSeen: at, lastSeen: at, occurrences: [] };
      secrets.set(hash, s);
    }
    // The same value matched under two severities (a config override): the worse one counts.
    if (SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(s.severity)) s.severity = f.severity;
    s.occurrences.push({ url: f.path, site: group(f.path), line: f.start.line, column: f.start.column, context: f.context });
  }
  const folders = new Set(findings.map((f) => group(f.path)));
  return {
    source: "scan",
    version: opts.version,
    generatedAt: at,
    date: at,
    sources: [],
    pages: { scanned: report.stats.scanned, failed: report.stats.errors, skipped: report.stats.skipped },
    sites: folders.size,
    secrets: [...secrets.values()],
    removed: 0,
    providers: providerInfo(opts.rules),
  };
}
