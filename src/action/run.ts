/**
 * The action, start to end: inputs and event -> scan -> masks -> annotations, SARIF,
 * pull-request comments, job summary, outputs -> exit code. Nothing here touches
 * `process`; main.ts passes the environment in and writes the log out.
 *
 * Exit codes as the CLI's: 0 nothing to fail on, 1 new findings at or above `fail-on`,
 * 2 the scan could not be trusted (bad input, unreadable files, SARIF not written).
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatGithub, workflowCommand } from "../report/github.js";
import { formatMarkdown } from "../report/markdown.js";
import type { ReportOptions } from "../report/model.js";
import { formatSarif } from "../report/sarif.js";
import { summaryLine } from "../report/text.js";
import { RuleError } from "../rules/load.js";
import { CONFIDENCES, SEVERITIES, type Finding } from "../types.js";
import { actionVersion } from "./bundle-paths.js";
import { findingCommentBody, shortSha, SUMMARY_MARKER } from "./comments.js";
import { ContextError, isFork, readContext, type ActionContext } from "./context.js";
import { classifyFindings, type PullRequestFindings } from "./diff-findings.js";
import { createOctokit } from "./github-api.js";
import { InputError, parseInputs, type ActionInputs } from "./inputs.js";
import { ActionLog } from "./log.js";
import { judge, loadPolicy, PolicyError, type ActionPolicy } from "./policy.js";
import { publish, type PublishResult } from "./publish.js";
import { lineReader, scanPullRequest, type PullRequestScan } from "./scan-pull-request.js";
import { actionRules, scanWorkspace } from "./scan-workspace.js";
import { blobLink, plural, publishLine, pullRequestNotes, reportOf, suppressedNote } from "./summary.js";
import { maskCommands, writeOutputs } from "./workflow-files.js";

export interface ActionIO {
  env: Readonly<Record<string, string | undefined>>;
  /** Folder a relative GITHUB_WORKSPACE resolves against. */
  cwd: string;
  /** The step's log (stdout). */
  write: (text: string) => void;
}

function fatal(log: ActionLog, title: string, messages: string[]): number {
  log.release([]);
  for (const m of messages) log.line(workflowCommand("error", { title: `postguard: ${title}` }, m));
  return 2;
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
  const api = pr ? createOctokit({ token: inputs.token, baseUrl: ctx.apiUrl, userAgent: `postguard-action/${actionVersion()}`, log: (l) => log.line(l) }) : undefined;
  const scan: PullRequestScan = pr && api ? await scanPullRequest(api, inputs, ctx, pr, policy) : { report: await scanWorkspace({ paths: inputs.paths }, ws, policy), notes: [] };
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
  const notes = [...scan.notes, ...(classified ? pullRequestNotes(classified) : [])];
  const hidden = suppressedNote(eligible);
  if (hidden) notes.push(hidden);
  const heading = pr ? `postguard: pull request #${pr.number}${sha ? ` at ${shortSha(sha)}` : ""}` : `postguard: ${ctx.event.kind === "tree" ? ctx.event.name : ctx.eventName}${sha ? ` at ${shortSha(sha)}` : ""}`;
  const summary = [formatMarkdown(freshReport, { ...opts, heading, link: blobLink(ctx, sha) }).trimEnd(), ...notes.map((n) => `\n> ${n}`)].join("\n");

  // 7. Comments on the pull request; a failure here never changes the result.
  let published: PublishResult | undefined;
  if (pr && api && scan.files && inputs.comment !== "off") {
    // One comment per finding and line (the same secret twice on a line is one comment).
    const placed = inputs.comment === "review" ? [...new Map((classified?.placed ?? []).map((p) => [`${p.finding.fingerprint}:${p.line}`, p])).values()] : [];
    published = await publish(api, ctx.repo!, pr, {
      review: inputs.comment === "review",
      comments: placed.map((p) => ({ path: p.finding.path, line: p.line, fingerprint: p.finding.fingerprint, body: findingCommentBody(p.finding, p.line, ruleOf(p.finding)) })),
      summary: `${SUMMARY_MARKER}\n${summary}\n`,
      summaryNeeded: inputs.comment === "summary" ? fresh.length > 0 : (classified?.unplaced.length ?? 0) > 0,
    });
    log.line(publishLine(published, pr));
  }
  let jobSummary = summary;
  if (published?.failure) {
    const why = !published.failure.readOnly
      ? published.failure.message
      : isFork(pr!)
        ? `the token cannot write to this repository (${published.failure.message}), as for any pull request from a fork`
        : `the token cannot write to this repository (${published.failure.message}); give the job \`permissions: pull-requests: write\``;
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
    try {
      await writeOutputs(ctx.output, { findings: reported.length, "new-findings": fresh.length, "sarif-file": sarifError ? "" : sarifPath });
    } catch (e) {
      log.line(workflowCommand("warning", { title: "postguard" }, `cannot write the step outputs: ${(e as Error).message}`));
    }
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
