/**
 * The bundled action on pull_request events against a fake GitHub API: which findings
 * become review comments (only those on lines the PR adds, on their exact line), what
 * the requests carry, and that nothing shows a secret.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github.js";
import { annotations, awsKeyId, awsSecret, expectNoSecret, Repo, runPullRequest, s3Post } from "./harness.js";

const POST = "content/posts/s3-deploy.md";
const KEY = awsKeyId(42);
const SECRET = awsSecret(42);
const PLACEHOLDER_42 = "aws_access_key_id = <AWS_ACCESS_KEY_ID>";

let server: FakeGitHub;
beforeEach(async () => {
  server = await new FakeGitHub().start();
});
afterEach(async () => {
  await server.stop();
});

type ReviewBody = { commit_id: string; event: string; body: string; comments: Array<{ path: string; line: number; side: string; body: string }> };

describe("a pull request that adds a credential", () => {
  it("gets exactly one review comment, on line 42 of the post, RIGHT side, with the secret masked", async () => {
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42), "content/posts/hello.md": "# Hello\n" });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) }, "Add my real keys by mistake");

    const run = await runPullRequest({ server, repo });

    const reviews = server.calls("POST", /\/pulls\/7\/reviews$/);
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!.body as ReviewBody;
    expect(review.commit_id).toBe(repo.head);
    expect(review.event).toBe("COMMENT");
    expect(review.comments).toHaveLength(1);
    const [comment] = review.comments;
    expect(comment).toMatchObject({ path: POST, line: 42, side: "RIGHT" });
    expect(comment!.body).toContain("AKIA************");
    expect(comment!.body).toContain("`aws.access-key-id`");
    expect(comment!.body).toMatch(/Revoke or rotate it/);
    expect(comment!.body).toMatch(/placeholder such as `<AWS_ACCESS_KEY_ID>`/);
    expect(comment!.body).toContain("postguard fix");

    // Nothing else was written: the finding sits on its line, so no summary comment.
    expect(server.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual(["POST /repos/octo-org/blog/pulls/7/reviews"]);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ findings: "1", "new-findings": "1" });
    expect(annotations(run.stdout)).toEqual([
      expect.stringMatching(/^::error file=content\/posts\/s3-deploy\.md,line=42,endLine=42,col=21,endColumn=40,title=postguard%3A AWS access key ID::Unexpected AWS access key ID in .* Secret: AKIA\*{12}\. Rule: aws\.access-key-id /),
    ]);
    expect(run.stdout.split("\n")[0]).toBe(`::add-mask::${KEY}`);
    expect(run.summary).toContain("| high | [`content/posts/s3-deploy.md:42:21`]");
    expectNoSecret([KEY], run, server, [readFileSync(run.outputs["sarif-file"]!, "utf8")]);
  });

  it("of two, a key id on line 42 and its secret on 43: one comment, on the secret's line 43, naming both masked", async () => {
    const repo = new Repo({ [POST]: s3Post(PLACEHOLDER_42) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`, `aws_secret_access_key = ${SECRET}`) }, "keys");

    const run = await runPullRequest({ server, repo });

    const comments = server.calls("POST", /\/reviews$/).flatMap((r) => (r.body as ReviewBody).comments);
    expect(comments.map((c) => [c.path, c.line, c.side])).toEqual([[POST, 43, "RIGHT"]]);
    expect(comments[0]!.body).toMatch(/AWS secret access key/);
    expect(comments[0]!.body).toContain("AKIA************");
    expect(run.code).toBe(1);
    expectNoSecret([KEY, SECRET], run, server);
    // Both values are registered with the runner before anything else is printed.
    const first = run.stdout.split("\n").slice(0, 2).sort();
    expect(first).toEqual([`::add-mask::${KEY}`, `::add-mask::${SECRET}`].sort());
  });
});

describe("a pull request that does not add the credential", () => {
  it("only touches other lines of a post that already held a secret: no review comment, step passes", async () => {
    const repo = new Repo({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) });
    repo.commit({ [POST]: s3Post(`aws_access_key_id = ${KEY}`, undefined, (lines) => (lines[6] = lines[6]!.replace("one sync away", "a single sync away"))) }, "Fix wording");
    expect(repo.pullFiles()[0]!.patch).toContain("+Hugo builds the whole site into `public/`, so deploying is a single sync away.");

    const run = await runPullRequest({ server, repo });

    expect(server.calls("POST", /./)).toEqual([]);
    expect(server.calls("PATCH", /./)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: "1", "new-findings": "0" });
    expect(annotations(run.stdout)).toEqual([]);
    expect(run.summary).toContain("No credentials found.");
    expect(run.summary).toMatch(/1 finding on lines this pull request does not add was already in these files/);
    // Still masked: the old secret is in the scanned file, so later steps must not print it.
    expect(run.stdout.split("\n")[0]).toBe(`::add-mask::${KEY}`);
    expectNoSecret([KEY], run, server);
  });

  it("renames the post without editing it: the post is not even read, nothing reported", async () => {
    const repo = new Repo({ [POST]: s3Post(`aws_access_key_id = ${KEY}`) });
    repo.commit({ [POST]: null, "content/posts/2024/s3-deploy.md": s3Post(`aws_access_key_id = ${KEY}`) }, "Move post");
    expect(repo.pullFiles()).toMatchObject([{ status: "renamed", filename: "content/posts/2024/s3-deploy.md", previous_filename: POST, changes: 0 }]);

    const run = await runPullRequest({ server, repo });

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: "0", "new-findings": "0" });
    expect(run.summary).toContain("Scanned 0 files");
    expect(server.calls("POST", /./)).toEqual([]);
  });
});
