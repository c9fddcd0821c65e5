/**
 * Writing to the pull request: one review with a comment on each new finding's line,
 * and one summary comment. Earlier comments of ours are found by their hidden markers
 * and updated, never repeated. Any failure stops the writing and is returned, never
 * thrown: the scan result stands whatever the API does.
 */
import type { Octokit } from "octokit";
import type { PullRequestEvent, Repo } from "./context.js";
import { findingKey, parseFindingMarker, resolvedCommentBody, reviewBody, SUMMARY_MARKER, type FindingMarker } from "./comments.js";
import { describeApiError, isPermissionError } from "./github-api.js";

/** A review comment to have on the pull request. */
export interface LineComment {
  path: string;
  line: number;
  fingerprint: string;
  body: string;
}

export interface PublishPlan {
  /** Line comments (mode `review`); empty otherwise. */
  comments: LineComment[];
  /** Review comments are only managed in mode `review`. */
  review: boolean;
  /** The summary comment's body (with its marker). */
  summary: string;
  /** Create the summary comment if there is none yet; an existing one is always updated. */
  summaryNeeded: boolean;
}

export interface PublishResult {
  /** New review comments posted (in one review). */
  created: number;
  /** Earlier review comments rewritten (same finding, new wording or reopened). */
  updated: number;
  /** Earlier review comments marked resolved. */
  resolved: number;
  summary: "created" | "updated" | "unchanged" | "none";
  /** What stopped the writing, if anything. */
  failure?: { readOnly: boolean; message: string };
}

const REVIEW_BATCH = 50;

interface ApiReviewComment {
  id: number;
  body: string;
  path: string;
  line?: number | null;
}

class PublishStopped extends Error {
  constructor(readonly failure: NonNullable<PublishResult["failure"]>) {
    super(failure.message);
  }
}

async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw new PublishStopped({ readOnly: isPermissionError(e), message: `${what}: ${describeApiError(e)}` });
  }
}

async function syncReview(api: Octokit, repo: Repo, pr: PullRequestEvent, comments: LineComment[], result: PublishResult): Promise<void> {
  const pull = { ...repo, pull_number: pr.number };
  const existing = (await step("cannot list review comments", () => api.paginate(api.rest.pulls.listReviewComments, { ...pull, per_page: 100 }))) as ApiReviewComment[];
  // Our comments by what they are about and where they sit now: GitHub moves a comment
  // with its line when lines are inserted above it, and sets `line: null` once the
  // commented line itself changes (an outdated comment).
  const current = new Map<string, ApiReviewComment>();
  const ours: Array<{ comment: ApiReviewComment; marker: FindingMarker }> = [];
  for (const comment of existing) {
    const marker = parseFindingMarker(comment.body);
    if (!marker) continue;
    ours.push({ comment, marker });
    if (typeof comment.line === "number") {
      const key = findingKey(marker.fingerprint, comment.line);
      if (!current.has(key)) current.set(key, comment);
    }
  }

  const matched = new Set<number>();
  const toCreate: LineComment[] = [];
  for (const c of comments) {
    const had = current.get(findingKey(c.fingerprint, c.line));
    if (!had || had.path !== c.path) {
      toCreate.push(c);
      continue;
    }
    matched.add(had.id);
    if (had.body !== c.body) {
      await step("cannot update a review comment", () => api.rest.pulls.updateReviewComment({ ...repo, comment_id: had.id, body: c.body }));
      result.updated++;
    }
  }
  // One review per run; a pull request that adds hundreds of secrets gets them in
  // reviews of REVIEW_BATCH comments, so no single request grows without bound.
  for (let i = 0; i < toCreate.length; i += REVIEW_BATCH) {
    const batch = toCreate.slice(i, i + REVIEW_BATCH);
    await step("cannot create the review", () =>
      api.rest.pulls.createReview({
        ...pull,
        commit_id: pr.headSha,
        event: "COMMENT",
        body: reviewBody(batch.length, pr.headSha),
        comments: batch.map((c) => ({ path: c.path, line: c.line, side: "RIGHT" as const, body: c.body })),
      }),
    );
    result.created += batch.length;
  }
  // Earlier comments whose finding is no longer on their line: say so, once.
  for (const { comment, marker } of ours) {
    if (marker.resolved || matched.has(comment.id)) continue;
    await step("cannot update a review comment", () => api.rest.pulls.updateReviewComment({ ...repo, comment_id: comment.id, body: resolvedCommentBody(comment.body, marker, pr.headSha) }));
    result.resolved++;
  }
}

async function syncSummary(api: Octokit, repo: Repo, pr: PullRequestEvent, plan: PublishPlan, result: PublishResult): Promise<void> {
  const issue = { ...repo, issue_number: pr.number };
  const comments = await step("cannot list the pull request's comments", () => api.paginate(api.rest.issues.listComments, { ...issue, per_page: 100 }));
  const previous = comments.find((c) => c.body?.includes(SUMMARY_MARKER));
  if (previous) {
    if (previous.body === plan.summary) result.summary = "unchanged";
    else {
      await step("cannot update the summary comment", () => api.rest.issues.updateComment({ ...repo, comment_id: previous.id, body: plan.summary }));
      result.summary = "updated";
    }
  } else if (plan.summaryNeeded) {
    await step("cannot create the summary comment", () => api.rest.issues.createComment({ ...issue, body: plan.summary }));
    result.summary = "created";
  }
}

export async function publish(api: Octokit, repo: Repo, pr: PullRequestEvent, plan: PublishPlan): Promise<PublishResult> {
  const result: PublishResult = { created: 0, updated: 0, resolved: 0, summary: "none" };
  try {
    if (plan.review) await syncReview(api, repo, pr, plan.comments, result);
    await syncSummary(api, repo, pr, plan, result);
  } catch (e) {
    if (!(e instanceof PublishStopped)) throw e;
    result.failure = e.failure;
  }
  return result;
}
