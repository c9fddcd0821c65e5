/**
 * The report formats, apart from the reporters: the CLI's option parser needs the names at
 * start-up, and importing them from ./index.ts would load every reporter (the HTML report's
 * page, styles and script among them) before a plain text scan starts.
 */
export type ReportFormat = "text" | "json" | "jsonl" | "sarif" | "github" | "markdown" | "html";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "jsonl", "sarif", "github", "markdown", "html"];
