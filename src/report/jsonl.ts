/**
 * JSON Lines: one finding per line, in the shape of `--format json`'s `findings` entries
 * (message added, secrets masked unless shown, `suppressed` set on suppressed ones), so
 * `grep`, `jq -c` and log shippers can read the report as it is written. Problems with
 * files are not findings; they stay on stderr. https://jsonlines.org/
 */
import { publicFinding } from "./json.js";
import type { ReportOptions, ScanReport } from "./model.js";

export function formatJsonl(report: ScanReport, opts: ReportOptions): string {
  const rules = new Map(opts.rules.map((r) => [r.id, r]));
  return report.findings.map((f) => `${JSON.stringify(publicFinding(f, opts, rules.get(f.ruleId)))}\n`).join("");
}
