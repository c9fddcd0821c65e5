/**
 * The HTML report: one self-contained file (no network, no external scripts, fonts or
 * images) with cards, charts, what to do per provider and a table of distinct secrets.
 * Built from an audit state (reportFromState) or a scan (reportFromScan).
 */
import type { ReportOptions, ScanReport } from "../model.js";
import { reportFromScan } from "./from-scan.js";
import type { Lang } from "./i18n.js";
import { renderHtmlReport } from "./render.js";

export { reportFromState, providerInfo } from "./from-state.js";
export { reportFromScan, folderGrouper } from "./from-scan.js";
export { renderHtmlReport, summaryLabels, type RenderOptions } from "./render.js";
export { summarize, type Summary, type Bar } from "./summarize.js";
export { langFromEnv, LANGS, type Lang } from "./i18n.js";
export type { HtmlReportData, ReportSecret, ReportOccurrence, ProviderInfo } from "./model.js";

/** `scan --format html`: the scan's findings as the HTML report (secrets masked, always). */
export function formatHtml(report: ScanReport, opts: ReportOptions & { lang?: Lang }): string {
  return renderHtmlReport(reportFromScan(report, opts), { lang: opts.lang ?? "en" });
}
