/**
 * The action across pushes to the same pull request, and when GitHub says no: earlier
 * comments are found by their markers and updated (never posted twice), a read-only
 * token degrades to annotations + job summary, rate limits and 5xx are retried, and no
 * failure to comment changes the verdict.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github.js";
import { annotations, awsKeyId, expectNoSecret, githubToken, Repo, runPullRequest, s3Post } from "./harness.js";

const POST = "content/posts/s3-deploy.md";
const KEY = awsKeyId(7);
const TOKEN_VALUE = githubToken(7);
const PLACEHOLDER_42 = "aws_access_key_id = <AWS_ACCESS_KEY_ID>";
const TOKEN_POST = "content/posts/gh-cli.md";
const tokenPost = (token: string) => `# Scripting the GitHub CLI\n\nExport a token first:\n\n\`\`\`bash\nexport GITHUB_TOKEN=${token}\ngh repo list\n\`\`\`\n`;

let server: FakeGitHub;
beforeEach(async () => {
  server = await new FakeGitHub().start();
});
afterEach(async () => {
  await server.stop();
});

const writes = () => server.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

describe("a second push to the same pull request", () => {
  it("review mode: marks the old comment resolved instead of leaving it, posts only the new finding, and a re-run writes nothing", async () => {
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42), [TOKEN_POST]: tokenPost("<GITHUB_TOKEN>") });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");
    const first = await runPullRequest({ server, repo });
    expect(first.code).toBe(1);
    expect(server.reviewComments).toHaveLength(1);
    const old = server.reviewComments[0]!;
    expect(old).toMatchObject({ path: POST, line: 42 });

    // Next push: the key is replaced by a placeholder, but a token slips into another post.
    repo.commit({ [POST]: s3Post(PLACEHOLDER_42), [TOKEN_POST]: tokenPost(TOKEN_VALUE) }, "fix keys, add token");
    server.requests.length = 0;
    const second = await runPullRequest({ server, repo });

    expect(writes()).toEqual([`POST /repos/octo-org/blog/pulls/7/reviews`, `PATCH /repos/octo-org/blog/pulls/comments/${old.id}`]);
    const review = server.calls("POST", /\/reviews$/)[0]!.body as { comments: Array<{ path: string; line: number; side: string }> };
    expect(review.comments.map((c) => [c.path, c.line, c.side])).toEqual([[TOKEN_POST, 6, "RIGHT"]]);
    expect(server.reviewComments).toHaveLength(2);
    expect(old.body).toMatch(/^<!-- postguard:finding fingerprint=[0-9a-f]+ line=42 resolved -->\n\*\*postguard:\*\* no longer found here as of [0-9a-f]{7}\./);
    expect(second.code).toBe(1);
    expect(second.outputs).toMatchObject({ findings: "1", "new-findings": "1" });

    // The same commit again (a re-run): everything is already said.
    server.requests.length = 0;
    const third = await runPullRequest({ server, repo });
    expect(writes()).toEqual([]);
    expect(server.reviewComments).toHaveLength(2);
    expect(third.code).toBe(1);
    expect(third.stdout).toContain("postguard: pull request #7: nothing to comment.");
    expectNoSecret([KEY, TOKEN_VALUE], second, server);
  });

  it("the key replaced by another on the same line: GitHub outdates the old comment; it is marked resolved and the new key gets its own", async () => {
    const KEY2 = awsKeyId(8);
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "key");
    await runPullRequest({ server, repo });
    const old = server.reviewComments[0]!;
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY2}`) }, "another key");
    old.line = null; // what GitHub does to a comment whose line changed
    server.requests.length = 0;

    const run = await runPullRequest({ server, repo });

    expect(writes()).toEqual([`POST /repos/octo-org/blog/pulls/7/reviews`, `PATCH /repos/octo-org/blog/pulls/comments/${old.id}`]);
    expect(server.reviewComments.map((c) => [c.line, /resolved -->/.test(c.body)])).toEqual([
      [null, true],
      [42, false],
    ]);
    expect(run.code).toBe(1);
    expectNoSecret([KEY, KEY2], run, server);
  });

  it("lines inserted above: GitHub moves the comment with its line; it is kept (marker updated), not repeated", async () => {
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "key");
    await runPullRequest({ server, repo });
    const old = server.reviewComments[0]!;
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`, undefined, (l) => l.splice(10, 0, "One more line.", "", "And another paragraph.")) }, "more prose");
    old.line = 45; // GitHub keeps an unchanged line's comment on it as it moves
    server.requests.length = 0;

    const run = await runPullRequest({ server, repo });

    expect(writes()).toEqual([`PATCH /repos/octo-org/blog/pulls/comments/${old.id}`]);
    expect(server.reviewComments).toHaveLength(1);
    expect(old.body).toMatch(/^<!-- postguard:finding fingerprint=[0-9a-f]+ line=45 -->/);
    expect(run.code).toBe(1);
  });

  it("summary mode: updates its own summary comment (found among 120 others, on page 2) instead of adding one", async () => {
    for (let i = 0; i < 120; i++) server.issueComments.push({ id: 10 + i, body: `LGTM ${i}, see <!-- not postguard -->`, user: { login: "reviewer", type: "User" } });
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42), [TOKEN_POST]: tokenPost("<GITHUB_TOKEN>") });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");
    const first = await runPullRequest({ server, repo, inputs: { comment: "summary" } });
    expect(first.code).toBe(1);
    expect(writes()).toEqual(["POST /repos/octo-org/blog/issues/7/comments"]);
    const ours = server.issueComments.at(-1)!;
    expect(ours.body.startsWith("<!-- postguard:summary -->\n### postguard: pull request #7")).toBe(true);
    expect(ours.body).toContain("1 finding (1 high) in 1 file.");

    repo.commit({ [TOKEN_POST]: tokenPost(TOKEN_VALUE) }, "token");
    server.requests.length = 0;
    const second = await runPullRequest({ server, repo, inputs: { comment: "summary" } });

    // Both pages of comments were read, then the one comment of ours was edited.
    expect(server.calls("GET", /\/issues\/7\/comments$/).map((r) => r.query.get("page") ?? "1")).toEqual(["1", "2"]);
    expect(writes()).toEqual([`PATCH /repos/octo-org/blog/issues/comments/${ours.id}`]);
    expect(server.issueComments.filter((c) => c.body.includes("<!-- postguard:summary -->"))).toHaveLength(1);
    expect(ours.body).toContain("2 findings (2 high) in 2 files.");
    expect(ours.body).toContain(`at ${repo.head.slice(0, 7)}`);
    expect(second.code).toBe(1);
    expectNoSecret([KEY, TOKEN_VALUE], second, server);
  });

  it("comment: off writes nothing but still annotates, summarises and fails", async () => {
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");
    const run = await runPullRequest({ server, repo, inputs: { comment: "off" } });
    expect(writes()).toEqual([]);
    expect(annotations(run.stdout)).toHaveLength(1);
    expect(run.summary).toContain("s3-deploy.md:42:21");
    expect(run.code).toBe(1);
  });
});

describe("when GitHub refuses or struggles", () => {
  it("a fork's read-only token: 403 on the review becomes a note in the job summary and a warning, not a failure of its own", async () => {
    server.readOnly = true;
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");

    const run = await runPullRequest({ server, repo, fork: true });

    // One attempt (a permission error is not retried), then no more writes.
    expect(server.calls("POST", /./)).toHaveLength(1);
    expect(server.calls("PATCH", /./)).toHaveLength(0);
    expect(run.code).toBe(1); // the finding's verdict, not 2
    expect(run.stdout).toMatch(/^::warning title=postguard%3A no pull request comment::postguard could not comment on the pull request: the token cannot write to this repository \(cannot create the review: 403 Resource not accessible by integration\), as for any pull request from a fork\./m);
    expect(run.summary).toContain("> **Note:** postguard could not comment on the pull request");
    expect(run.summary).toContain("s3-deploy.md:42:21");
    expect(annotations(run.stdout).filter((a) => a.startsWith("::error"))).toHaveLength(1);
    expect(run.outputs).toMatchObject({ findings: "1", "new-findings": "1" });
    expectNoSecret([KEY], run, server);
  });

  it("a same-repository PR whose workflow forgot `pull-requests: write`: the warning says what to add", async () => {
    server.readOnly = true;
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");
    const run = await runPullRequest({ server, repo });
    expect(run.stdout).toMatch(/^::warning title=postguard%3A no pull request comment::.*403 Resource not accessible by integration\); give the job `permissions: pull-requests: write`\./m);
    expect(run.code).toBe(1);
  });

  it("a fork PR with nothing new passes cleanly even though the token is read-only", async () => {
    server.readOnly = true;
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(PLACEHOLDER_42, undefined, (l) => (l[7] = "A fixed typo.")) }, "typo");
    const run = await runPullRequest({ server, repo, fork: true });
    expect(run.code).toBe(0);
    expect(writes()).toEqual([]);
  });

  it("retries a secondary rate limit (403, retry-after), a 429 and a 502, then comments as usual", async () => {
    const secondary = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" };
    server.fail({ method: "GET", path: /\/pulls\/7\/files$/, status: 403, headers: { "retry-after": "1", "x-ratelimit-remaining": "4990" }, body: secondary });
    server.fail({ method: "GET", path: /\/pulls\/7\/comments$/, status: 502, body: { message: "Server Error" } });
    server.fail({ method: "POST", path: /\/pulls\/7\/reviews$/, status: 429, headers: { "retry-after": "1" }, body: secondary });
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");

    const run = await runPullRequest({ server, repo });

    const files = server.calls("GET", /\/pulls\/7\/files$/);
    expect(files).toHaveLength(2);
    expect(files[1]!.at - files[0]!.at).toBeGreaterThanOrEqual(950); // waited for retry-after: 1
    expect(server.calls("GET", /\/pulls\/7\/comments$/)).toHaveLength(2);
    const posts = server.calls("POST", /\/reviews$/);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(posts[1]!.raw).toBe(posts[0]!.raw);
    expect(server.reviewComments.map((c) => [c.path, c.line])).toEqual([[POST, 42]]);
    expect(run.stdout).toMatch(/postguard: GitHub secondary rate limit for GET \/repos\/octo-org\/blog\/pulls\/7\/files; retrying in 1 s/);
    expect(run.stdout).toContain("postguard: pull request #7: posted a review with 1 comment.");
    expect(run.code).toBe(1);
    expectNoSecret([KEY], run, server);
  });

  it("a review GitHub rejects (422) is a warning; annotations, summary, outputs and exit status are unchanged", async () => {
    server.fail({ method: "POST", path: /\/reviews$/, status: 422, body: { message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] } });
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "keys");

    const run = await runPullRequest({ server, repo });

    expect(server.calls("POST", /\/reviews$/)).toHaveLength(1);
    expect(run.stdout).toMatch(/^::warning title=postguard%3A no pull request comment::postguard could not comment on the pull request: cannot create the review: 422 Unprocessable Entity\./m);
    expect(annotations(run.stdout).filter((a) => a.startsWith("::error"))).toHaveLength(1);
    expect(run.summary).toContain("s3-deploy.md:42:21");
    expect(run.outputs).toMatchObject({ findings: "1", "new-findings": "1" });
    expect(run.code).toBe(1);
  });
});
