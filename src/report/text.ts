/**
 * Human output: one block per finding, `path:line:col: message` first (editors and
 * terminals turn it into a link), then severity, rule id and the masked secret, then a
 * short code frame with a caret under the column.
 */
import { maskSecret } from "../detect/mask.js";
import type { CompiledRule } from "../rules/spec.js";
import { SEVERITIES, type Finding, type Severity } from "../types.js";
import { palette, type Palette } from "./ansi.js";
import { sanitizeForTerminal, type CodeFrame } from "./code-frame.js";
import { findingMessage } from "./messages.js";
import type { ReportOptions, ScanReport, ScanStats } from "./model.js";

function severityColor(p: Palette, s: Severity): (t: string) => string {
  if (s === "critical") return (t) => p.bold(p.red(t));
  if (s === "high") return p.red;
  if (s === "medium") return p.yellow;
  return p.blue;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatFrame(frame: CodeFrame, p: Palette): string[] {
  const gutter = Math.max(...frame.rows.map((r) => String(r.line).length));
  const out: string[] = [];
  frame.rows.forEach((row, i) => {
    const num = String(row.line).padStart(gutter);
    const mark = i === frame.caretRow;
    out.push(`${mark ? p.red(">") : " "} ${p.dim(`${num} |`)}${row.text ? ` ${row.text}` : ""}`);
    if (mark) {
      // Keep tabs so the caret lines up with what the terminal shows above it.
      const pad = row.text.slice(0, frame.caretColumn).replace(/[^\t]/g, " ");
      out.push(`  ${p.dim(`${" ".repeat(gutter)} |`)} ${pad}${p.red("^".repeat(frame.caretWidth))}`);
    }
  });
  return out;
}

/** "3 findings (1 critical, 2 high) in 2 files. Scanned 12 files, skipped 1, 1 could not be scanned." */
export function summaryLine(stats: ScanStats, filesWithFindings: number): string {
  const tail = [`Scanned ${plural(stats.scanned, "file")}`];
  if (stats.skipped) tail.push(`skipped ${stats.skipped}`);
  if (stats.errors) tail.push(`${stats.errors} could not be scanned`);
  if (stats.findings === 0) return `No credentials found. ${tail.join(", ")}.`;
  const bySeverity = [...SEVERITIES]
    .reverse()
    .filter((s) => stats.bySeverity[s] > 0)
    .map((s) => `${stats.bySeverity[s]} ${s}`)
    .join(", ");
  return `${plural(stats.findings, "finding")} (${bySeverity}) in ${plural(filesWithFindings, "file")}. ${tail.join(", ")}.`;
}

export function formatFinding(f: Finding, opts: { rule?: CompiledRule; frame?: CodeFrame; showSecrets?: boolean; palette: Palette }): string[] {
  const p = opts.palette;
  const shown = (s: string) => sanitizeForTerminal(opts.showSecrets ? s : maskSecret(s));
  const sev = severityColor(p, f.severity);
  const lines = [`${p.bold(`${sanitizeForTerminal(f.path)}:${f.start.line}:${f.start.column}`)}: ${sanitizeForTerminal(findingMessage(f, opts.rule))}`];
  let facts = `  ${sev(f.severity)}  ${p.dim(f.ruleId)}  ${p.magenta(shown(f.secret))}`;
  if (f.confidence !== "high") facts += p.dim(`  (${f.confidence} confidence)`);
  lines.push(facts);
  for (const r of f.related ?? []) lines.push(`  ${p.dim("with")} ${p.dim(r.ruleId)} at ${r.start.line}:${r.start.column}  ${p.magenta(shown(r.secret))}`);
  if (opts.frame) lines.push(...formatFrame(opts.frame, p).map((l) => `  ${l}`));
  return lines;
}

/** The whole text report; ends with a newline unless empty. */
export function formatText(report: ScanReport, opts: ReportOptions): string {
  const p = palette(opts.color ?? false);
  const rules = new Map(opts.rules.map((r) => [r.id, r]));
  const blocks = report.findings.map((f) =>
    formatFinding(f, { rule: rules.get(f.ruleId), frame: report.frames?.get(f), showSecrets: opts.showSecrets, palette: p }).join("\n"),
  );
  if (!opts.quiet) {
    const files = new Set(report.findings.map((f) => f.path)).size;
    const line = summaryLine(report.stats, files);
    blocks.push(report.stats.findings ? p.bold(line) : line);
  }
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}
