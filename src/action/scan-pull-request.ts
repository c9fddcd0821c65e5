/**
 * A pull request's scan: list its files, scan those under `paths` that add lines, and
 * read back workspace lines to check them against the diff.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Octokit } from "octokit";
import { decodeBytes } from "../document/decode.js";
import { formatOf } from "../document/index.js";
import type { DiscoveredEntry } from "../fs/discover.js";
import type { ScanReport } from "../report/model.js";
import type { ActionContext, PullRequestEvent } from "./context.js";
import { describeApiError } from "./github-api.js";
import type { ActionInputs } from "./inputs.js";
import type { ActionPolicy } from "./policy.js";
import { listPullRequestFiles, type ChangedFile } from "./pr-files.js";
import { changedEntries, pathFilter, scanWorkspace } from "./scan-workspace.js";

/** What the scan of a pull request learnt, besides the findings. */
export interface PullRequestScan {
  report: ScanReport;
  /** Changed files under `paths`, by head path; undefined when they could not be listed. */
  files?: Map<string, ChangedFile>;
  notes: string[];
}

/** Merge a second scan's report into the first (for files GitHub did not list). */
function merge(a: ScanReport, b: ScanReport, keep: (path: string) => boolean): ScanReport {
  const stats = { ...a.stats, bySeverity: { ...a.stats.bySeverity } };
  const findings = [...a.findings, ...b.findings.filter((f) => keep(f.path))];
  stats.scanned += b.stats.scanned;
  stats.bytes += b.stats.bytes;
  const errors = [...a.errors, ...b.errors.filter((e) => keep(e.path))];
  const skipped = [...a.skipped, ...b.skipped.filter((s) => keep(s.path))];
  const warnings = [...a.warnings, ...b.warnings.filter((w) => keep(w.path))];
  return { findings, errors, skipped, warnings, stats: { ...stats, errors: errors.length, skipped: skipped.length, files: stats.scanned + errors.length + skipped.length } };
}

export async function scanPullRequest(api: Octokit, inputs: ActionInputs, ctx: ActionContext, pr: PullRequestEvent, policy: ActionPolicy): Promise<PullRequestScan> {
  const ws = ctx.workspace;
  let listing;
  try {
    listing = await listPullRequestFiles(api, ctx.repo!, pr.number, pr.changedFiles);
  } catch (e) {
    const report = await scanWorkspace({ paths: inputs.paths }, ws, policy);
    return {
      report,
      notes: [`Could not list the pull request's files (${describeApiError(e)}), so every file under \`paths\` was scanned and every finding is reported, not only those on lines this pull request adds.`],
    };
  }
  const inScope = pathFilter(inputs.paths);
  const changed = listing.files.filter((f) => f.status !== "removed" && inScope(f.path));
  const files = new Map(changed.map((f) => [f.path, f]));
  // A file the PR renames without editing adds no line, so it cannot add a secret.
  const toScan = changed.filter((f) => !(f.added && f.added.size === 0));
  const entries: DiscoveredEntry[] = changedEntries(
    toScan.map((f) => f.path),
    ws,
  ).map((e) =>
    e.kind === "file" && !existsSync(e.abs)
      ? { kind: "error", path: e.path, message: "the pull request changes this file but it is not in the workspace: check out the pull request (actions/checkout) before postguard runs" }
      : e,
  );
  let report = await scanWorkspace({ files: entries }, ws, policy);
  const notes: string[] = [];
  if (listing.truncated) {
    // GitHub lists at most 3,000 files of a pull request; the rest can only be found by
    // scanning the tree. What turns up there is reported in the summary, not on lines.
    const rest = await scanWorkspace({ paths: inputs.paths }, ws, policy);
    report = merge(report, rest, (p) => !files.has(p));
    notes.push(`GitHub listed ${listing.files.length} of the pull request's ${pr.changedFiles ?? "3,000+"} changed files; the other files under \`paths\` were scanned in full, and their findings are reported without line comments.`);
  }
  return { report, files, notes };
}

/** Lines of a workspace file as the scan numbered them (decoded the same way). */
export function lineReader(workspace: string): (path: string, line: number) => string | undefined {
  const cache = new Map<string, string[]>();
  return (path, line) => {
    let lines = cache.get(path);
    if (!lines) {
      try {
        const bytes = readFileSync(join(workspace, path));
        lines = decodeBytes(bytes, { html: formatOf(path) === "html" }).text.split(/\r\n|\n|\r/);
      } catch {
        lines = [];
      }
      cache.set(path, lines);
    }
    return lines[line - 1];
  };
}

