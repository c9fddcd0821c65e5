/**
 * postguard as a library. The pure core (`scanText`, `scanBytes`) does no I/O; the file
 * walker, reporters and CLI are adapters over it.
 */
export { Engine, scanText, scanBytes, type ScanTextOptions, type ScanBytesResult } from "./scan.js";
export type {
  Finding,
  FindingContext,
  FindingPart,
  Position,
  Segment,
  SegmentKind,
  Severity,
  Confidence,
  Suppression,
} from "./types.js";
export { SEVERITIES, CONFIDENCES } from "./types.js";
export { builtinRules, builtinRulesDir, loadRuleTexts, readRuleDir, RuleError, formatProblem, type RuleProblem, type LoadedRules } from "./rules/load.js";
export { checkExamples } from "./rules/check.js";
export type { RuleSpec, ProviderSpec, CompiledRule } from "./rules/spec.js";
export { maskSecret } from "./detect/mask.js";
export { formatOf, type DocumentFormat } from "./document/index.js";
export {
  formatReport,
  formatText,
  formatJson,
  formatSarif,
  toJsonReport,
  toSarif,
  findingMessage,
  codeFrame,
  REPORT_FORMATS,
  type ReportFormat,
  type ScanReport,
  type ReportOptions,
  type FileError,
  type SkippedFile,
  type FileWarning,
  type ScanStats,
  type JsonReport,
  type CodeFrame,
} from "./report/index.js";
export { discoverFiles, scanFiles, type DiscoveredEntry, type ScanFilesOptions, type ScanInput } from "./fs/index.js";
export { run, type RunIO, type CommandResult } from "./cli/index.js";
