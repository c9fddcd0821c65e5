/**
 * The words around the findings: counts for the summary, notes on what was not
 * reported and why, links to lines, and the log line about comments.
 */
import { emptyStats, type ScanReport } from "../report/model.js";
import type { Finding } from "../types.js";
import type { ActionContext, PullRequestEvent } from "./context.js";
import type { PullRequestFindings } from "./diff-findings.js";
import type { PublishResult } from "./publish.js";

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `base` with `findings` instead of its own; suppressed ones (kept, marked) are counted apart. */
export function reportOf(base: ScanReport, findings: Finding[]): ScanReport {
  const open = findings.filter((f) => !f.suppressed);
  const stats = { ...base.stats, findings: open.length, bySeverity: { ...emptyStats().bySeverity }, suppressed: findings.length - open.length };
  for (const f of open) stats.bySeverity[f.severity]++;
  return { ...base, findings, stats };
}

/** "2 findings suppressed (1 inline, 1 baseline)". */
export function suppressedNote(findings: readonly Finding[]): string | undefined {
  const hidden = findings.filter((f) => f.suppressed);
  if (!hidden.length) return undefined;
  const kinds = (["inline", "config", "baseline"] as const)
    .map((k) => [k === "config" ? "allowlist" : k, hidden.filter((f) => f.suppressed!.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return `${plural(hidden.length, "finding")} suppressed (${kinds.join(", ")}) ${hidden.length === 1 ? "is" : "are"} not reported; the SARIF file lists ${hidden.length === 1 ? "it" : "them"} as dismissed.`;
}

export function blobLink(ctx: ActionContext, sha: string | undefined): ((path: string, line: number) => string) | undefined {
  if (!ctx.repo || !sha) return undefined;
  const base = `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}/blob/${sha}/`;
  return (path, line) => `${base}${path.split("/").map(encodeURIComponent).join("/")}#L${line}`;
}

export function publishLine(r: PublishResult, pr: PullRequestEvent): string {
  const parts: string[] = [];
  if (r.created) parts.push(r.created <= 50 ? `posted a review with ${plural(r.created, "comment")}` : `posted ${r.created} comments in ${Math.ceil(r.created / 50)} reviews`);
  if (r.updated) parts.push(`updated ${plural(r.updated, "review comment")}`);
  if (r.resolved) parts.push(`marked ${plural(r.resolved, "earlier comment")} resolved`);
  if (r.summary === "created" || r.summary === "updated") parts.push(`${r.summary} the summary comment`);
  return `postguard: pull request #${pr.number}: ${parts.length ? parts.join(", ") : "nothing to comment"}.`;
}


const MAX_UNPLACED_NOTES = 20;

/** Why findings in the changed files are or are not reported as the PR's. */
export function pullRequestNotes(classified: PullRequestFindings): string[] {
  const notes: string[] = [];
  const n = classified.preexisting.length;
  if (n) {
    const one = n === 1;
    notes.push(
      `${plural(n, "finding")} on lines this pull request does not add ${one ? "was" : "were"} already in these files and ${one ? "is" : "are"} not reported here; a scan of the default branch lists ${one ? "it" : "them"}.`,
    );
  }
  // Capped: a comment holds 65,536 characters, and the table above lists every one anyway.
  for (const u of classified.unplaced.slice(0, MAX_UNPLACED_NOTES)) notes.push(`\`${u.finding.path}:${u.finding.start.line}\` has no line comment: ${u.reason}.`);
  const more = classified.unplaced.length - MAX_UNPLACED_NOTES;
  if (more > 0) notes.push(`${plural(more, "more finding")} ${more === 1 ? "has" : "have"} no line comment, for the same kinds of reasons.`);
  return notes;
}
