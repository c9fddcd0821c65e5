/**
 * `formatReport` for the CLI: the text reporter is loaded with the command, every other
 * reporter (JSON, SARIF, the HTML report...) only when its format is asked for, so a
 * pre-commit scan does not load code it never runs.
 */
import type { ReportFormat } from "./formats.js";
import type { ReportOptions, ScanReport } from "./model.js";
import { formatText } from "./text.js";

/** Render `report` in `format`, as `formatReport` (./index.ts) does. */
export async function formatReportLazily(format: ReportFormat, report: ScanReport, opts: ReportOptions): Promise<string> {
  if (format === "text") return formatText(report, opts);
  const { formatReport } = await import("./index.js");
  return formatReport(format, report, opts);
}
