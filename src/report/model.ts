/**
 * What a scan of many files hands to a reporter. Findings keep their raw secret here;
 * every reporter masks on the way out unless `showSecrets` is set.
 */
import type { CompiledRule } from "../rules/spec.js";
import type { Finding, Severity } from "../types.js";
import type { CodeFrame } from "./code-frame.js";

/** A file that could not be scanned (exit code 2). */
export interface FileError {
  path: string;
  message: string;
}

export type SkipReason = "binary" | "too-large" | "not-a-file";

/** A file deliberately not scanned: binary, over `--max-file-size`, a socket... (not an error). */
export interface SkippedFile {
  path: string;
  reason: SkipReason;
  message: string;
  /** Size in bytes, when known. */
  size?: number;
}

/** A file that was scanned, with a caveat (invalid UTF-8, parser fell back to text). */
export interface FileWarning {
  path: string;
  message: string;
}

export interface ScanStats {
  /** Files considered: scanned + skipped + errors. */
  files: number;
  scanned: number;
  skipped: number;
  errors: number;
  /** Reported findings (after --min-confidence and --rule), suppressed ones not counted. */
  findings: number;
  /** Findings hidden by inline markers, config allowlists or a baseline (listed, marked, in JSON/SARIF). */
  suppressed?: number;
  bySeverity: Record<Severity, number>;
  /** Bytes read from scanned files. */
  bytes: number;
}

export interface ScanReport {
  /** Reported findings, in discovery order then by position. */
  findings: Finding[];
  /** Code frames (already masked unless secrets are shown), when they were asked for. */
  frames?: ReadonlyMap<Finding, CodeFrame>;
  errors: FileError[];
  skipped: SkippedFile[];
  warnings: FileWarning[];
  stats: ScanStats;
}

/** Everything a reporter needs besides the report itself. */
export interface ReportOptions {
  /** The rules that ran (SARIF `tool.driver.rules`, placeholder names). */
  rules: readonly CompiledRule[];
  /** postguard's version. */
  version: string;
  /** Absolute folder that SARIF URIs are relative to. */
  cwd: string;
  /** Print secrets in clear (`--show-secrets`). */
  showSecrets?: boolean;
  /** ANSI colour in text output. */
  color?: boolean;
  /** Text output: no summary line. */
  quiet?: boolean;
  /** HTML output: the page's language (default English). */
  lang?: "en" | "zh";
}

export function emptyStats(): ScanStats {
  return { files: 0, scanned: 0, skipped: 0, errors: 0, findings: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, bytes: 0 };
}
