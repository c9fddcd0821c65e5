/**
 * The action, start to end: inputs and event -> scan -> masks -> annotations, SARIF,
 * pull-request comments, job summary, outputs -> exit code. Nothing here touches
 * `process`; main.ts passes the environment in and writes the log out.
 *
 * Exit codes as the CLI's: 0 nothing to fail on, 1 new findings at or above `fail-on`,
 * 2 the scan could not be trusted (bad input, unreadable files, SARIF not written).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, appendFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { decodeBytes } from "../document/decode.js";
import { formatOf } from "../document/index.js";
import type { DiscoveredEntry } from "../fs/discover.js";
import { formatGithub, workflowCommand } from "../report/github.js";
import { formatMarkdown } from "../report/markdown.js";
import { emptyStats, type ReportOptions, type ScanReport } from "../report/model.js";
import { formatSarif } from "../report/sarif.js";
import { summaryLine } from "../report/text.js";
import { RuleError } from "../rules/load.js";
import { CONFIDENCES, SEVERITIES, type Finding } from "../types.js";
import { actionVersion } from "./bundle-paths.js";
import { findingCommentBody, shortSha, SUMMARY_MARKER } from "./comments.js";
import { ContextError, isFork, readContext, type ActionContext, type PullRequestEvent } from "./context.js";
import { classifyFindings, type PullRequestFindings } from "./diff-findings.js";
import { createOctokit, describeApiError } from "./github-api.js";
import { InputError, parseInputs, type ActionInputs } from "./inputs.js";
import { ActionLog } from "./log.js";
import { listPullRequestFiles, type ChangedFile } from "./pr-files.js";
import { publish, type PublishResult } from "./publish.js";
import { actionRules, changedEntries, pathFilter, scanWorkspace } from "./scan-workspace.js";
import { judge, loadPolicy, PolicyError, type ActionPolicy } from "./policy.js";
import { maskCommands, writeOutputs } from "./workflow-files.js";

export interface ActionIO {
  env: Readonly<Record<string, string | undefined>>;
  /** Folder a relative GITHUB_WORKSPACE resolves against. */
  cwd: string;
  /** The step's log (stdout). */
  write: (text: string) => void;
}

/** What the scan of a pull request learnt, besides the findings. */
interface PullRequestScan {
  report: ScanReport;
  /** Changed files under `paths`, by head path; undefined when they could not be listed. */
  files?: Map<string, ChangedFile>;
  notes: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function fatal(log: ActionLog, title: string, messages: string[]): number {
  log.release([]);
  for (const m of messages) log.line(workflowCommand("error", { title: `postguard: ${title}` }, m));
  return 2;
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

async function scanPullRequest(inputs: ActionInputs, ctx: ActionContext, pr: PullRequestEvent, log: ActionLog, policy: ActionPolicy): Promise<PullRequestScan & { api: ReturnType<typeof createOctokit> }> {
  const api = createOctokit({ token: inputs.token, baseUrl: ctx.apiUrl, userAgent: `postguard-action/${actionVersion()}`, log: (l) => log.line(l) });
  const ws = ctx.workspace;
  let listing;
  try {
    listing = await listPullRequestFiles(api, ctx.repo!, pr.number, pr.changedFiles);
  } catch (e) {
    const report = await scanWorkspace({ paths: inputs.paths }, ws, policy);
    return {
      api,
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
  return { api, report, files, notes };
}

/** Lines of a workspace file as the scan numbered them (decoded the same way). */
function lineReader(workspace: string): (path: string, line: number) => string | undefined {
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

/** `base` with `findings` instead of its own; suppressed ones (kept, marked) are counted apart. */
function reportOf(base: ScanReport, findings: Finding[]): ScanReport {
  const open = findings.filter((f) => !f.suppressed);
  const stats = { ...base.stats, findings: open.length, bySeverity: { ...emptyStats().bySeverity }, suppressed: findings.length - open.length };
  for (const f of open) stats.bySeverity[f.severity]++;
  return { ...base, findings, stats };
}

/** "2 findings suppressed (1 inline, 1 baseline)". */
function suppressedNote(findings: readonly Finding[]): string | undefined {
  const hidden = findings.filter((f) => f.suppressed);
  if (!hidden.length) return undefined;
  const kinds = (["inline", "config", "baseline"] as const)
    .map((k) => [k === "config" ? "allowlist" : k, hidden.filter((f) => f.suppressed!.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return `${plural(hidden.length, "finding")} suppressed (${kinds.join(", ")}) ${hidden.length === 1 ? "is" : "are"} not reported; the SARIF file lists ${hidden.length === 1 ? "it" : "them"} as dismissed.`;
}

function blobLink(ctx: ActionContext, sha: string | undefined): ((path: string, line: number) => string) | undefined {
  if (!ctx.repo || !sha) return undefined;
  const base = `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}/blob/${sha}/`;
  return (path, line) => `${base}${path.split("/").map(encodeURIComponent).join("/")}#L${line}`;
}

function publishLine(r: PublishResult, pr: PullRequestEvent): string {
  const parts: string[] = [];
  if (r.created) parts.push(`posted a review with ${plural(r.created, "comment")}`);
  if (r.updated) parts.push(`updated ${plural(r.updated, "review comment")}`);
  if (r.resolved) parts.push(`marked ${plural(r.resolved, "earlier comment")} resolved`);
  if (r.summary === "created" || r.summary === "updated") parts.push(`${r.summary} the summary comment`);
  return `postguard: pull request #${pr.number}: ${parts.length ? parts.join(", ") : "nothing to comment"}.`;
}

export async function runAction(io: ActionIO): Promise<number> {
  const log = new ActionLog(io.write);
  let inputs: ActionInputs;
  let ctx: ActionContext;
  let policy: ActionPolicy;
  try {
    inputs = parseInputs(io.env);
    ctx = await readContext(io.env, io.cwd);
    policy = await loadPolicy({
      ...(inputs.config !== undefined ? { config: inputs.config } : {}),
      ...(inputs.baseline !== undefined ? { baseline: inputs.baseline } : {}),
      workspace: ctx.workspace,
      builtin: actionRules(),
      trustedCode: ctx.eventName !== "pull_request_target",
    });
  } catch (e) {
    if (e instanceof InputError) return fatal(log, "bad input", e.problems);
    if (e instanceof ContextError) return fatal(log, "cannot read the run's context", [e.message]);
    if (e instanceof RuleError) return fatal(log, "broken rules", e.message.split("\n"));
    if (e instanceof PolicyError) return fatal(log, e.title, e.problems);
    throw e;
  }
  const rules = policy.rules;
  const ws = ctx.workspace;
  const pr = ctx.event.kind === "pull_request" ? ctx.event : undefined;
  if (pr && !inputs.token) {
    return fatal(log, "bad input", ["input `github-token` is empty: on pull requests postguard lists the changed files through the GitHub API; leave the input at its default (`${{ github.token }}`)"]);
  }

  // 1. Scan.
  let scan: PullRequestScan & { api?: ReturnType<typeof createOctokit> };
  scan = pr ? await scanPullRequest(inputs, ctx, pr, log, policy) : { report: await scanWorkspace({ paths: inputs.paths }, ws, policy), notes: [] };
  const report = scan.report;

  // 2. Before anything else reaches the log: every secret found, whatever its confidence.
  const secrets = report.findings.flatMap((f) => [f.secret, ...(f.related ?? []).map((r) => r.secret)]);
  log.release(ctx.onRunner ? maskCommands(secrets) : []);

  // 3. What to report: confidence, then config (severities, allowlists), inline markers
  // and the baseline (suppressed findings are kept, marked, for SARIF); then what is new.
  const minConfidence = CONFIDENCES.indexOf(inputs.minConfidence);
  const eligible = judge(report.findings, policy, ws).filter((f) => CONFIDENCES.indexOf(f.confidence) >= minConfidence);
  const reported = eligible.filter((f) => !f.suppressed);
  let classified: PullRequestFindings | undefined;
  let fresh = reported;
  if (pr && scan.files) {
    classified = classifyFindings(reported, scan.files, lineReader(ws));
    const isNew = new Set<Finding>([...classified.placed.map((p) => p.finding), ...classified.unplaced.map((u) => u.finding)]);
    fresh = reported.filter((f) => isNew.has(f));
  }
  const ruleOf = (f: Finding) => rules.find((r) => r.id === f.ruleId);
  const opts: ReportOptions = { rules, version: actionVersion(), cwd: ws };
  const freshReport = reportOf(report, fresh);

  // 4. Annotations.
  const annotations = formatGithub(freshReport, opts);
  if (annotations) log.line(annotations.trimEnd());

  // 5. SARIF: every finding of the scanned files at min-confidence, suppressed ones marked
  // (code scanning shows them as dismissed).
  const sarifPath = resolve(ws, inputs.sarifFile);
  let sarifError: string | undefined;
  try {
    await mkdir(dirname(sarifPath), { recursive: true });
    await writeFile(sarifPath, formatSarif(reportOf(report, eligible), opts));
  } catch (e) {
    sarifError = `cannot write the SARIF file ${inputs.sarifFile}: ${(e as Error).message}`;
    log.line(workflowCommand("error", { title: "postguard" }, sarifError));
  }

  // 6. The summary (job summary, and the PR's summary comment).
  const sha = pr?.headSha ?? (ctx.event.kind === "tree" ? ctx.event.sha : undefined);
  const notes = [...scan.notes];
  if (classified?.preexisting.length) {
    notes.push(
      `${plural(classified.preexisting.length, "finding")} on lines this pull request does not add ${classified.preexisting.length === 1 ? "was" : "were"} already in these files and ${classified.preexisting.length === 1 ? "is" : "are"} not reported here; a scan of the default branch lists ${classified.preexisting.length === 1 ? "it" : "them"}.`,
    );
  }
  for (const u of classified?.unplaced ?? []) notes.push(`\`${u.finding.path}:${u.finding.start.line}\` has no line comment: ${u.reason}.`);
  const hidden = suppressedNote(eligible);
  if (hidden) notes.push(hidden);
  const heading = pr ? `postguard: pull request #${pr.number}${sha ? ` at ${shortSha(sha)}` : ""}` : `postguard: ${ctx.event.kind === "tree" ? ctx.event.name : ctx.eventName}${sha ? ` at ${shortSha(sha)}` : ""}`;
  const summary = [formatMarkdown(freshReport, { ...opts, heading, link: blobLink(ctx, sha) }).trimEnd(), ...notes.map((n) => `\n> ${n}`)].join("\n");

  // 7. Comments on the pull request; a failure here never changes the result.
  let published: PublishResult | undefined;
  if (pr && scan.api && scan.files && inputs.comment !== "off") {
    const placed = inputs.comment === "review" ? (classified?.placed ?? []) : [];
    published = await publish(scan.api, ctx.repo!, pr, {
      review: inputs.comment === "review",
      comments: placed.map((p) => ({ path: p.finding.path, line: p.line, fingerprint: p.finding.fingerprint, body: findingCommentBody(p.finding, p.line, ruleOf(p.finding)) })),
      summary: `${SUMMARY_MARKER}\n${summary}\n`,
      summaryNeeded: inputs.comment === "summary" ? fresh.length > 0 : (classified?.unplaced.length ?? 0) > 0,
    });
    log.line(publishLine(published, pr));
  }
  let jobSummary = summary;
  if (published?.failure) {
    const why = published.failure.readOnly
      ? `the token cannot write to this repository (${published.failure.message}), as for a pull request from a fork${isFork(pr!) ? " (this one is)" : ""}`
      : published.failure.message;
    const note = `postguard could not comment on the pull request: ${why}. The findings are in the annotations and in this job summary.`;
    log.line(workflowCommand("warning", { title: "postguard: no pull request comment" }, note));
    jobSummary += `\n\n> **Note:** ${note}`;
  }
  if (ctx.stepSummary) {
    try {
      await appendFile(ctx.stepSummary, `${jobSummary}\n`);
    } catch (e) {
      log.line(workflowCommand("warning", { title: "postguard" }, `cannot write the job summary: ${(e as Error).message}`));
    }
  }

  // 8. Outputs and the verdict.
  if (ctx.output) {
    await writeOutputs(ctx.output, { findings: reported.length, "new-findings": fresh.length, "sarif-file": sarifError ? "" : sarifPath });
  }
  log.line(`postguard: ${summaryLine(freshReport.stats, new Set(fresh.map((f) => f.path)).size)}`);
  for (const n of notes) log.line(`postguard: ${n.replace(/`/g, "")}`);
  const failOn = inputs.failOn;
  const failing = failOn === "none" ? [] : fresh.filter((f) => SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn));
  if (report.errors.length || sarifError) return 2;
  if (failing.length) {
    log.line(`postguard: failing the step: ${plural(failing.length, "new finding")} at or above fail-on: ${failOn}.`);
    return 1;
  }
  return 0;
}
