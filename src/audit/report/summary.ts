/**
 * The closing summary of an audit: every URL by outcome (with the reasons for skipped
 * and failed ones), then distinct secrets by severity, provider and site.
 */
import { formatSize } from "../../fs/scan-files.js";
import { SEVERITIES } from "../../types.js";
import type { AuditResult } from "../audit.js";
import type { RunSummary } from "../store/audit-store.js";
import { formatDuration } from "./progress.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "redirect loop: a -> b -> a" and "redirect loop: c -> c" are one reason in a summary. */
export function reasonClass(reason: string): string {
  const bare = reason.replace(/ \(\d+ attempts\)$/, "");
  if (/^HTTP \d{3}/.test(bare)) return bare.replace(/: Retry-After.*$/, ": Retry-After too long");
  if (reason.startsWith("redirected to ")) return "redirected to a URL robots.txt disallows";
  if (reason.startsWith("robots.txt of ")) return "robots.txt unavailable";
  const colon = bare.indexOf(":");
  const head = colon > 0 ? bare.slice(0, colon) : bare;
  return head.replace(/ \(line \d+\)$/, "");
}

function grouped(reasons: RunSummary["reasons"], status: "skipped" | "failed"): string {
  const by = new Map<string, number>();
  for (const r of reasons) if (r.status === status) by.set(reasonClass(r.reason), (by.get(reasonClass(r.reason)) ?? 0) + r.count);
  const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `${n} ${k}`);
  if (by.size > 6) parts.push("…");
  return parts.join(", ");
}

function table(rows: Array<{ key: string; secrets: number; occurrences: number; pages?: number }>, limit: number): string[] {
  const shown = rows.slice(0, limit);
  const width = Math.max(...shown.map((r) => r.key.length));
  const out = shown.map((r) => `    ${r.key.padEnd(width)}  ${plural(r.secrets, "secret")}, ${plural(r.occurrences, "occurrence")}${r.pages !== undefined ? ` on ${plural(r.pages, "page")}` : ""}`);
  if (rows.length > limit) out.push(`    … and ${rows.length - limit} more`);
  return out;
}

export function formatSummary(result: AuditResult): string {
  const s = result.summary;
  const o = s.byOutcome;
  const lines: string[] = [];
  const head = result.interrupted ? "Audit interrupted" : "Audit finished";
  const rate = result.processed && result.elapsedMs ? ` (${(result.processed / (result.elapsedMs / 1000)).toFixed(1)} pages/s)` : "";
  lines.push(`${head} in ${formatDuration(result.elapsedMs)}${rate}: ${plural(s.pages, "URL")}, ${formatSize(s.bytes)} scanned.`);
  lines.push(`  scanned ${o.scanned}, unchanged ${o.unchanged}, skipped ${o.skipped}, failed ${o.failed}${o.pending ? `, pending ${o.pending}` : ""}`);
  if (o.skipped) lines.push(`  skipped: ${grouped(s.reasons, "skipped")}`);
  if (o.failed) lines.push(`  failed: ${grouped(s.reasons, "failed")}`);
  for (const f of s.failedSources) lines.push(`  source failed: ${f.reason.split("\n")[0]}`);
  if (!s.secrets) {
    lines.push("No credentials found.");
  } else {
    const sev = [...SEVERITIES].reverse().map((k) => [k, s.bySeverity.find((r) => r.key === k)?.secrets ?? 0] as const).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`);
    lines.push(`${plural(s.secrets, "distinct secret")} (${sev.join(", ")}) in ${plural(s.occurrences, "occurrence")} on ${plural(s.pagesWithFindings, "page")}.`);
    lines.push("  by provider:", ...table(s.byProvider, 10));
    lines.push("  by site:", ...table(s.bySite, 10));
  }
  if (result.interrupted) lines.push("Run the same command with --resume to continue.");
  return `${lines.join("\n")}\n`;
}
