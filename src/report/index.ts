/** Reporters: a finished scan -> text, JSON, JSON Lines, SARIF, GitHub annotations, Markdown. */
export { formatText, formatFinding, formatFrame, summaryLine } from "./text.js";
export { formatJson, toJsonReport, publicFinding, type JsonReport, type JsonFinding } from "./json.js";
export { formatSarif, toSarif, artifactUri } from "./sarif.js";
export { codeFrame, sanitizeForTerminal, type CodeFrame, type CodeFrameRow, type HiddenRange } from "./code-frame.js";
export { findingMessage, describeContext, placeholderFor, SARIF_LEVEL } from "./messages.js";
export * from "./model.js";

import type { ReportFormat } from "./formats.js";
import type { ReportOptions, ScanReport } from "./model.js";
import { formatJson } from "./json.js";
import { formatJsonl } from "./jsonl.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";
import { formatGithub } from "./github.js";
import { formatMarkdown } from "./markdown.js";
import { formatHtml } from "./html/index.js";

export { formatJsonl } from "./jsonl.js";

export { REPORT_FORMATS, type ReportFormat } from "./formats.js";

/** Render `report` in `format`. */
export function formatReport(format: ReportFormat, report: ScanReport, opts: ReportOptions): string {
  if (format === "json") return formatJson(report, opts);
  if (format === "jsonl") return formatJsonl(report, opts);
  if (format === "sarif") return formatSarif(report, opts);
  if (format === "github") return formatGithub(report, opts);
  if (format === "markdown") return formatMarkdown(report, opts);
  if (format === "html") return formatHtml(report, opts);
  return formatText(report, opts);
}
