/**
 * Machine output: `{version, findings, errors, skipped, warnings, stats}`. Secrets are
 * masked (the `secret` of every finding and related part) unless `showSecrets`.
 */
import { maskSecret } from "../detect/mask.js";
import type { Finding } from "../types.js";
import { findingMessage } from "./messages.js";
import type { FileError, FileWarning, ReportOptions, ScanReport, ScanStats, SkippedFile } from "./model.js";

/** A finding as printed: its secrets masked (unless shown) and its message added. */
export type JsonFinding = Finding & { message: string };

export interface JsonReport {
  version: string;
  findings: JsonFinding[];
  errors: FileError[];
  skipped: SkippedFile[];
  warnings: FileWarning[];
  stats: ScanStats;
}

/** A copy of `f` fit to print: message added, secrets masked unless shown. */
export function publicFinding(f: Finding, opts: Pick<ReportOptions, "rules" | "showSecrets">, rule = opts.rules.find((r) => r.id === f.ruleId)): JsonFinding {
  const show = (s: string) => (opts.showSecrets ? s : maskSecret(s));
  return {
    ruleId: f.ruleId,
    title: f.title,
    provider: f.provider,
    severity: f.severity,
    confidence: f.confidence,
    message: findingMessage(f, rule),
    secret: show(f.secret),
    path: f.path,
    start: f.start,
    end: f.end,
    context: f.context,
    fingerprint: f.fingerprint,
    ...(f.related ? { related: f.related.map((r) => ({ ...r, secret: show(r.secret) })) } : {}),
    ...(f.notes ? { notes: f.notes } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  };
}

export function toJsonReport(report: ScanReport, opts: ReportOptions): JsonReport {
  const rules = new Map(opts.rules.map((r) => [r.id, r]));
  return {
    version: opts.version,
    findings: report.findings.map((f) => publicFinding(f, opts, rules.get(f.ruleId))),
    errors: report.errors,
    skipped: report.skipped,
    warnings: report.warnings,
    stats: report.stats,
  };
}

export function formatJson(report: ScanReport, opts: ReportOptions): string {
  return `${JSON.stringify(toJsonReport(report, opts), null, 2)}\n`;
}
