/**
 * A Markdown summary of a scan (GitHub-flavoured: a table), fit for a pull-request comment
 * or a job summary (GITHUB_STEP_SUMMARY). Secrets only ever appear masked (unless
 * `showSecrets`). Everything that comes from a post (paths, code-fence languages) sits in
 * code spans, so it cannot turn into HTML, links or @-mentions.
 */
import { maskSecret } from "../detect/mask.js";
import type { Finding } from "../types.js";
import { findingMessage, placeholderFor } from "./messages.js";
import type { ReportOptions, ScanReport } from "./model.js";
import { summaryLine } from "./text.js";

export interface MarkdownOptions extends ReportOptions {
  /** First line, a `###` heading. Default "postguard". */
  heading?: string;
  /** Table rows at most; the rest are counted below it. Default 100 (a PR comment holds 65,536 characters). */
  maxRows?: number;
  /** A URL for a finding's location (a blob link on GitHub), or undefined for none. */
  link?: (path: string, line: number) => string | undefined;
}

/** A code span that survives any content: a fence longer than any backtick run inside. */
export function codeSpan(s: string): string {
  const text = s.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || /^ .* $/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Table cells end at `|` (even inside code spans, in GFM) and at line breaks. */
export function tableCell(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
}

/** Characters that end or break a Markdown link destination. */
function linkTarget(url: string): string {
  return url.replace(/ /g, "%20").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/</g, "%3C").replace(/>/g, "%3E");
}

function location(f: Finding, opts: MarkdownOptions): string {
  const text = codeSpan(`${f.path}:${f.start.line}:${f.start.column}`);
  const url = opts.link?.(f.path, f.start.line);
  return url ? `[${text}](${linkTarget(url)})` : text;
}

/** One table row; `show` masks. */
function row(f: Finding, opts: MarkdownOptions, show: (s: string) => string): string {
  const rule = opts.rules.find((r) => r.id === f.ruleId);
  const secrets = [f.secret, ...(f.related ?? []).filter((r) => r.credential).map((r) => r.secret)].map((s) => codeSpan(show(s))).join(" + ");
  const confidence = f.confidence === "high" ? "" : ` (${f.confidence} confidence)`;
  const cells = [`${f.severity}${confidence}`, location(f, opts), findingMessage(f, rule), secrets, codeSpan(f.ruleId)];
  return `| ${cells.map(tableCell).join(" | ")} |`;
}

/**
 * The summary: heading, the same one-line count as the text report, a table of findings
 * (capped at `maxRows`), files that were not scanned, and what to do. Ends with a newline.
 */
export function formatMarkdown(report: ScanReport, opts: MarkdownOptions): string {
  const show = (s: string) => (opts.showSecrets ? s : maskSecret(s));
  // Suppressed findings (kept, marked, for machine formats) are not in a summary for people.
  const findings = report.findings.filter((f) => !f.suppressed);
  const files = new Set(findings.map((f) => f.path)).size;
  const out = [`### ${opts.heading ?? "postguard"}`, "", summaryLine(report.stats, files)];
  if (findings.length) {
    const max = Math.max(1, opts.maxRows ?? 100);
    out.push("", "| Severity | Location | Finding | Secret (masked) | Rule |", "| --- | --- | --- | --- | --- |");
    for (const f of findings.slice(0, max)) out.push(row(f, opts, show));
    if (findings.length > max) out.push("", `…and ${findings.length - max} more, not shown here (the annotations and the SARIF file list every one).`);
    const placeholders = [...new Set(findings.map((f) => `<${placeholderFor(f.ruleId, opts.rules.find((r) => r.id === f.ruleId))}>`))].slice(0, 3);
    out.push(
      "",
      `**What to do:** treat each credential as leaked, even if a later commit removes it (it stays in the history and may already be public). ` +
        `Revoke or rotate it with its provider first, then replace it with a placeholder such as ${placeholders.map(codeSpan).join(", ")}, or run \`postguard fix\`.`,
    );
  }
  const problems = [
    ...report.errors.map((e) => `- ${codeSpan(e.path)}: not scanned: ${tableCell(e.message)}`),
    ...report.skipped.map((s) => `- ${codeSpan(s.path)}: skipped: ${tableCell(s.message)}`),
    ...report.warnings.map((w) => `- ${codeSpan(w.path)}: ${tableCell(w.message)}`),
  ];
  if (problems.length) out.push("", "<details><summary>Files not scanned, or scanned with a caveat</summary>", "", ...problems, "", "</details>");
  return `${out.join("\n")}\n`;
}
