/**
 * Big and awkward pull requests: thousands of files over many pages, renames, deletions,
 * a file GitHub sends no patch for, a file list GitHub cut short, and a checkout that is
 * not the PR's head commit. Nothing may be silently missed or commented on a wrong line.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github.js";
import { awsKeyId, expectNoSecret, githubToken, pullRequestPayload, Repo, runBundle, s3Post, type Tree } from "./harness.js";

let server: FakeGitHub;
beforeEach(async () => {
  server = await new FakeGitHub().start();
});
afterEach(async () => {
  await server.stop();
});

const notes = (n: number): Tree => Object.fromEntries(Array.from({ length: n }, (_, i) => [`content/notes/${String(i).padStart(4, "0")}.md`, `# Note ${i}\n\nNothing secret here.\n`]));

describe("a pull request with thousands of files", () => {
  it("reads every page of the file list, skips deleted and untouched renamed files, comments under the new name", async () => {
    const KEY = awsKeyId(900);
    const TOKEN = githubToken(901);
    const BIG_TOKEN = githubToken(902);
    const base: Tree = {
      "content/posts/old-name.md": s3Post("aws_access_key_id = <AWS_ACCESS_KEY_ID>"),
      "content/posts/moved.md": `# Moved\n\nThe old token ${githubToken(903)} stays where it was.\n`,
      "content/posts/gone.md": "# Gone\n",
      "content/posts/big.md": "# Big\n",
      "images/logo.png": "\u0089PNG\r\n",
    };
    const repo = new Repo(base);
    repo.commit(
      {
        ...notes(2400),
        "content/posts/old-name.md": null,
        "content/posts/new-name.md": s3Post(`aws_access_key_id = ${KEY}`),
        "content/posts/moved.md": null,
        "content/posts/2024/moved.md": base["content/posts/moved.md"]!,
        "content/posts/gone.md": null,
        "content/posts/big.md": `# Big\n\n\`\`\`bash\nexport GITHUB_TOKEN=${BIG_TOKEN}\n\`\`\`\n`,
        "content/posts/gh.md": `# gh\n\n\`\`\`bash\nexport GITHUB_TOKEN=${TOKEN}\n\`\`\`\n`,
        "images/logo.png": "\u0089PNG\r\n\u0000changed",
      },
      "Big import",
    );
    const files = repo.pullFiles();
    expect(files.length).toBeGreaterThan(2400);
    expect(files.find((f) => f.filename === "content/posts/new-name.md")).toMatchObject({ status: "renamed", previous_filename: "content/posts/old-name.md" });
    expect(files.find((f) => f.filename === "content/posts/2024/moved.md")).toMatchObject({ status: "renamed", changes: 0 });
    expect(files.find((f) => f.filename === "content/posts/gone.md")).toMatchObject({ status: "removed" });

    // GitHub leaves the patch out when a diff is too large to show.
    server.files = files.map((f) => (f.filename === "content/posts/big.md" ? (({ patch: _drop, ...rest }) => rest)(f) : f));
    const run = await runBundle({ eventName: "pull_request", payload: pullRequestPayload(repo, { changedFiles: files.length }), workspace: repo.dir, apiUrl: server.url, sha: repo.head });

    const pages = server.calls("GET", /\/pulls\/7\/files$/).map((r) => [r.query.get("per_page"), r.query.get("page") ?? "1"]);
    expect(pages).toHaveLength(Math.ceil(files.length / 100));
    expect(new Set(pages.map((p) => p[0]))).toEqual(new Set(["100"]));
    expect(pages.map((p) => Number(p[1]))).toEqual(Array.from({ length: pages.length }, (_, i) => i + 1));
    // One review: the two findings on added lines, each on its line under the head name.
    expect(server.reviews).toHaveLength(1);
    expect(server.reviewComments.map((c) => [c.path, c.line]).sort()).toEqual([
      ["content/posts/gh.md", 4],
      ["content/posts/new-name.md", 42],
    ]);
    // The patch-less file's finding is in the summary comment instead.
    expect(server.issueComments).toHaveLength(1);
    expect(server.issueComments[0]!.body).toMatch(/`content\/posts\/big\.md:4` has no line comment: GitHub sent no diff/);
    expect(run.outputs).toMatchObject({ findings: "3", "new-findings": "3" });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/gone\.md|logo\.png|moved\.md/);
    expectNoSecret([KEY, TOKEN, BIG_TOKEN], run, server);
  });
});

describe("what cannot be put on a line goes in the summary, and still counts", () => {
  it("a file GitHub sent no patch for: its finding is in the summary comment, with the reason, and fails the step", async () => {
    const TOKEN = githubToken(910);
    const repo = new Repo({ "content/posts/big.md": "# Big\n" });
    repo.commit({ "content/posts/big.md": `# Big\n\n\`\`\`bash\nexport GITHUB_TOKEN=${TOKEN}\n\`\`\`\n` }, "big");
    const files = repo.pullFiles().map(({ patch: _patch, ...f }) => f);
    server.files = files;
    const run = await runBundle({ eventName: "pull_request", payload: pullRequestPayload(repo, { changedFiles: 1 }), workspace: repo.dir, apiUrl: server.url, sha: repo.head });

    expect(server.reviews).toEqual([]);
    expect(server.issueComments).toHaveLength(1);
    const body = server.issueComments[0]!.body;
    expect(body.startsWith("<!-- postguard:summary -->")).toBe(true);
    expect(body).toContain("content/posts/big.md:4:");
    expect(body).toMatch(/`content\/posts\/big\.md:4` has no line comment: GitHub sent no diff for this file \(too large to show\)/);
    expect(run.outputs).toMatchObject({ findings: "1", "new-findings": "1" });
    expect(run.code).toBe(1);
    expectNoSecret([TOKEN], run, server);
  });

  it("GitHub listed fewer files than the PR changes: the rest of the tree is scanned and its findings reported without line comments", async () => {
    const TOKEN = githubToken(920);
    const repo = new Repo({ "content/a.md": "# A\n", "content/b.md": "# B\n" });
    repo.commit({ "content/a.md": "# A, edited\n", "content/b.md": `# B\n\n\`\`\`bash\nexport GITHUB_TOKEN=${TOKEN}\n\`\`\`\n` }, "two files");
    server.files = repo.pullFiles().filter((f) => f.filename === "content/a.md"); // the cut-off list
    const run = await runBundle({ eventName: "pull_request", payload: pullRequestPayload(repo, { changedFiles: 2 }), workspace: repo.dir, apiUrl: server.url, sha: repo.head });

    expect(server.reviews).toEqual([]);
    expect(run.summary).toMatch(/GitHub listed 1 of the pull request's 2 changed files/);
    expect(run.summary).toMatch(/`content\/b\.md:4` has no line comment: GitHub did not list this file/);
    expect(server.issueComments).toHaveLength(1);
    expect(run.code).toBe(1);
    expectNoSecret([TOKEN], run, server);
  });

  it("a checkout that is not the head commit (lines shifted by a merge): no comment on a wrong line, the finding still reported", async () => {
    const KEY = awsKeyId(930);
    const repo = new Repo({ "content/posts/s3.md": s3Post("aws_access_key_id = <AWS_ACCESS_KEY_ID>") });
    repo.commit({ "content/posts/s3.md": s3Post(`aws_access_key_id = ${KEY}`) }, "key");
    server.files = repo.pullFiles();
    // What a merge with a base branch that added two lines at the top would check out.
    writeFileSync(join(repo.dir, "content/posts/s3.md"), `<!-- from main -->\n\n${s3Post(`aws_access_key_id = ${KEY}`)}`);
    const run = await runBundle({ eventName: "pull_request", payload: pullRequestPayload(repo, {}), workspace: repo.dir, apiUrl: server.url, sha: repo.head });

    expect(server.reviews).toEqual([]);
    expect(server.reviewComments).toEqual([]);
    expect(run.summary).toMatch(/`content\/posts\/s3\.md:44` has no line comment: the checked-out file is not the pull request's version of it/);
    expect(run.outputs).toMatchObject({ "new-findings": "1" });
    expect(run.code).toBe(1);
  });
});

describe("a pull request that adds many credentials", () => {
  it("60 keys in one post: 60 comments on their lines, in reviews of at most 50; the same key twice on a line is one comment", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => awsKeyId(1000 + i));
    const lines = keys.map((k, i) => (i === 0 ? `aws_access_key_id = ${k}  # also ${k}` : `aws_access_key_id = ${k}`));
    const repo = new Repo({ "content/posts/dump.md": "# Dump\n\n```ini\n```\n" });
    repo.commit({ "content/posts/dump.md": `# Dump\n\n\`\`\`ini\n${lines.join("\n")}\n\`\`\`\n` }, "paste a config dump");
    server.files = repo.pullFiles();
    const run = await runBundle({ eventName: "pull_request", payload: pullRequestPayload(repo, {}), workspace: repo.dir, apiUrl: server.url, sha: repo.head });

    const reviews = server.calls("POST", /\/reviews$/).map((r) => (r.body as { comments: unknown[] }).comments.length);
    expect(reviews).toEqual([50, 10]);
    expect(server.reviewComments.map((c) => c.line)).toEqual(Array.from({ length: 60 }, (_, i) => i + 4));
    expect(run.stdout).toContain("posted 60 comments in 2 reviews");
    expect(run.code).toBe(1);
    expectNoSecret(keys, run, server);
  });
});
