/**
 * GitHub Actions workflow commands: one annotation per finding,
 * `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`, which the runner
 * turns into an annotation on the file's line in the run and the pull request.
 * Secrets only ever appear masked (unless `showSecrets`). Escaping follows the runner's
 * rules as @actions/core implements them (toCommandValue/escapeData/escapeProperty):
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { maskSecret } from "../detect/mask.js";
import type { Finding } from "../types.js";
import { findingMessage, SARIF_LEVEL } from "./messages.js";
import type { ReportOptions, ScanReport } from "./model.js";

export type AnnotationLevel = "error" | "warning" | "notice";

/** A message: `%`, CR and LF would end or corrupt the command line. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: additionally `:` (ends the properties) and `,` (separates them). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::name key=value,…::message` with everything escaped; properties left undefined are dropped. */
export function workflowCommand(name: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${name}${list ? ` ${list}` : ""}::${escapeData(message)}`;
}

/** The same level as in SARIF (critical/high fail, medium warns); GitHub calls `note` `notice`. */
export function annotationLevel(severity: Finding["severity"]): AnnotationLevel {
  const level = SARIF_LEVEL[severity];
  return level === "note" ? "notice" : level;
}

/**
 * The annotation of one finding. Columns are only sent for a one-line range (the runner
 * drops an annotation that has columns across lines), and `endColumn` is inclusive
 * (it defaults to `col`), while `Finding.end` is exclusive.
 */
export function findingAnnotation(f: Finding, opts: Pick<ReportOptions, "rules" | "showSecrets">): string {
  const rule = opts.rules.find((r) => r.id === f.ruleId);
  const show = (s: string) => (opts.showSecrets ? s : maskSecret(s));
  const oneLine = f.start.line === f.end.line;
  const related = (f.related ?? []).map((r) => `, with ${r.ruleId} ${show(r.secret)} at ${r.start.line}:${r.start.column}`).join("");
  const parts = [`${findingMessage(f, rule)}.`, `Secret: ${show(f.secret)}${related}.`, `Rule: ${f.ruleId} (${f.severity}, ${f.confidence} confidence).`];
  return workflowCommand(
    annotationLevel(f.severity),
    {
      file: f.path,
      line: f.start.line,
      endLine: f.end.line,
      col: oneLine ? f.start.column : undefined,
      endColumn: oneLine ? Math.max(f.start.column, f.end.column - 1) : undefined,
      title: `postguard: ${f.title}`,
    },
    parts.join(" "),
  );
}

/**
 * Every open finding as an annotation (suppressed ones are left out: an annotation asks
 * for action), then files that could not be scanned (`error`), scanned with a caveat
 * (`warning`) or skipped (`notice`). Ends with a newline unless empty.
 */
export function formatGithub(report: ScanReport, opts: ReportOptions): string {
  const lines = report.findings.filter((f) => !f.suppressed).map((f) => findingAnnotation(f, opts));
  for (const e of report.errors) lines.push(workflowCommand("error", { file: e.path, title: "postguard: file not scanned" }, e.message));
  for (const w of report.warnings) lines.push(workflowCommand("warning", { file: w.path, title: "postguard" }, w.message));
  for (const s of report.skipped) lines.push(workflowCommand("notice", { file: s.path, title: "postguard: file skipped" }, s.message));
  return lines.length ? `${lines.join("\n")}\n` : "";
}
