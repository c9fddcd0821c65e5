/**
 * Git-aware scans in real repositories with the real git binary: --staged reads the index
 * (not the working tree), --since REF reads what changed, --diff-only keeps added lines,
 * and a pre-commit hook running `postguard scan --staged` stops a leaking commit until
 * `postguard fix` has replaced the key.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId, awsSecret } from "../fixtures/prepublish/helpers.js";
import { buildCli, gitRepo } from "./helpers.js";

const K = awsKeyId(71);
const S = awsSecret(72);
const K2 = awsKeyId(73);
const K3 = awsKeyId(74);
const fence = "```";
const post = (key: string, secret = S) => `---\ntitle: Uploading to S3\n---\n\n# Uploading to S3\n\nConfigure the CLI:\n\n${fence}ini\n[default]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n${fence}\n\nThen run \`aws s3 cp\`.\n`;
const clean = "# Uploading to S3\n\nConfigure the CLI with `aws configure`.\n";

interface Out {
  findings: Array<{ path: string; secret: string; start: { line: number } }>;
  stats: { scanned: number };
}
const scan = async (cwd: string, ...args: string[]) => {
  const r = await run(["scan", "--format", "json", "--show-secrets", "--no-config", ...args], { cwd });
  return { r, out: r.stdout ? (JSON.parse(r.stdout) as Out) : undefined };
};

describe("a pre-commit hook running `postguard scan --staged`", () => {
  let bin: string;
  beforeAll(async () => {
    bin = await buildCli();
  }, 120_000);

  it("stops a commit of a post with a live-looking key; after `postguard fix` the commit goes through", async () => {
    const { root, git, write } = gitRepo({ "content/posts/s3.md": post(K) });
    write({ ".git/hooks/pre-commit": `#!/bin/sh\nexec "${process.execPath}" "${bin}" scan --staged\n` });
    chmodSync(join(root, ".git/hooks/pre-commit"), 0o755);
    git("add", "content/posts/s3.md");

    const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.com" };
    const commit = () => spawnSync("git", ["commit", "-q", "-m", "Add S3 post"], { cwd: root, env, encoding: "utf8" });
    const refused = commit();
    expect(refused.status).toBe(1);
    // git shows a hook's output on stderr.
    expect(refused.stderr).toContain("content/posts/s3.md:12:25: Unexpected AWS secret access key in `ini` code block");
    expect(refused.stderr).not.toContain(S);
    expect(spawnSync("git", ["rev-parse", "--verify", "-q", "HEAD"], { cwd: root }).status).not.toBe(0);

    const fixed = spawnSync(process.execPath, [bin, "fix", "content/posts/s3.md"], { cwd: root, encoding: "utf8" });
    expect(fixed.status).toBe(0);
    expect(fixed.stderr).toContain("revoke or rotate it now");
    expect(readFileSync(join(root, "content/posts/s3.md"), "utf8")).toBe(post("<AWS_ACCESS_KEY_ID>", "<AWS_SECRET_ACCESS_KEY>"));
    git("add", "content/posts/s3.md");
    const accepted = commit();
    expect(accepted.stderr).toBe("No credentials found. Scanned 1 file.\n");
    expect(accepted.status).toBe(0);
    expect(git("log", "--format=%s").trim()).toBe("Add S3 post");
  });
});

describe("scan --staged", () => {
  it("an unstaged change is not scanned: the index is", async () => {
    const { root, git, write } = gitRepo({ "post.md": clean });
    git("add", "post.md");
    // The working tree gets a key after staging: not part of the next commit.
    write({ "post.md": post(K) });
    const a = await scan(root, "--staged");
    expect(a.r.exitCode).toBe(0);
    expect(a.out!.stats.scanned).toBe(1);
    expect(a.out!.findings).toEqual([]);
    // And the other way round: a staged key removed only in the working tree is still found.
    git("add", "post.md");
    write({ "post.md": clean });
    const b = await scan(root, "--staged");
    expect(b.r.exitCode).toBe(1);
    expect(b.out!.findings.map((f) => [f.path, f.secret, f.start.line])).toEqual([["post.md", S, 12]]);
  });

  it("scans only staged files: committed, untracked and deleted files are left out", async () => {
    const { root, git, write } = gitRepo({ "old.md": post(K), "keep.md": clean });
    git("add", ".");
    git("commit", "-q", "-m", "first");
    write({ "new.md": post(K2), "untracked.md": post(K3), "my post ünïcode.md": post(K3, awsSecret(75)) });
    git("add", "new.md", "my post ünïcode.md");
    git("rm", "-q", "keep.md");
    const { out } = await scan(root, "--staged");
    expect(out!.findings.map((f) => f.path)).toEqual(["my post ünïcode.md", "new.md"]);
    expect(out!.stats.scanned).toBe(2);
  });

  it("paths limit which staged files count; paths are shown relative to where it runs", async () => {
    const { root, git } = gitRepo({ "content/a.md": post(K), "drafts/b.md": post(K2) });
    git("add", ".");
    const { out } = await scan(join(root, "content"), "--staged", ".");
    expect(out!.findings.map((f) => f.path)).toEqual(["a.md"]);
  });

  it("the configuration's include/exclude apply", async () => {
    const { root, git } = gitRepo({ ".postguard.yaml": "exclude: [drafts]\n", "content/a.md": post(K), "drafts/b.md": post(K2) });
    git("add", ".");
    const r = await run(["scan", "--staged", "--format", "json"], { cwd: root });
    expect((JSON.parse(r.stdout) as Out).findings.map((f) => f.path)).toEqual(["content/a.md"]);
  });

  it("--diff-only reports keys on added lines, not the ones already committed", async () => {
    const { root, git, write } = gitRepo({ "post.md": post(K) });
    git("add", ".");
    git("commit", "-q", "-m", "old post");
    write({ "post.md": `${post(K)}\nAnd a second key: aws_access_key_id=${K2}\n` });
    git("add", "post.md");
    expect((await scan(root, "--staged")).out!.findings.map((f) => f.secret)).toEqual([S, K2]);
    expect((await scan(root, "--staged", "--diff-only")).out!.findings.map((f) => f.secret)).toEqual([K2]);
  });

  it("outside a repository: a clear error, exit 2", async () => {
    const dir = tempTree({ "post.md": post(K) });
    const r = await run(["scan", "--staged"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`postguard: error: --staged needs a git repository, and ${dir} is not inside one\n`);
  });
});

describe("scan --since REF", () => {
  it("scans files changed since REF (committed or not) and untracked files, nothing older", async () => {
    const { root, git, write } = gitRepo({ "old.md": post(K), "edited.md": clean });
    git("add", ".");
    git("commit", "-q", "-m", "base");
    git("tag", "base");
    write({ "committed.md": post(K2) });
    git("add", "committed.md");
    git("commit", "-q", "-m", "second");
    write({ "edited.md": post(K3), "untracked.md": `aws_access_key_id=${awsKeyId(76)}\n`, ".gitignore": "ignored.md\n", "ignored.md": post(awsKeyId(77)) });
    const { r, out } = await scan(root, "--since", "base");
    expect(r.exitCode).toBe(1);
    expect([...new Set(out!.findings.map((f) => f.path))]).toEqual(["committed.md", "edited.md", "untracked.md"]);
  });

  it("--diff-only keeps only findings on lines added since REF", async () => {
    const { root, git, write } = gitRepo({ "post.md": post(K) });
    git("add", ".");
    git("commit", "-q", "-m", "base");
    write({ "post.md": `Intro with aws_access_key_id=${K2}\n\n${post(K)}`, "new.md": `aws_access_key_id=${K3}\n` });
    const { out } = await scan(root, "--since", "HEAD", "--diff-only");
    expect(out!.findings.map((f) => [f.path, f.secret])).toEqual([
      ["new.md", K3],
      ["post.md", K2],
    ]);
  });

  it("an unknown REF is a clear error", async () => {
    const { root, git } = gitRepo({ "post.md": clean });
    git("add", ".");
    git("commit", "-q", "-m", "base");
    const r = await run(["scan", "--since", "no-such-branch"], { cwd: root });
    expect(r).toEqual({ exitCode: 2, stdout: "", stderr: "postguard: error: --since needs a commit such as `main`, `HEAD~3` or a commit hash; `no-such-branch` is not one in this repository\n" });
  });
});

describe("usage", () => {
  it.each([
    [["scan", "--staged", "--since", "main"], "postguard: --staged and --since pick different changes; give one"],
    [["scan", "--diff-only"], "postguard: --diff-only needs --staged or --since REF to know which lines are added"],
    [["scan", "--staged", "-"], "postguard: --staged reads files from git; it cannot be combined with `-` (stdin)"],
  ])("%j", async (argv, message) => {
    const r = await run(argv, { cwd: tempTree({}) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
  });
});

describe("the pre-commit framework manifest", () => {
  it("runs `postguard scan --staged` as a node hook", () => {
    const text = readFileSync(new URL("../../.pre-commit-hooks.yaml", import.meta.url), "utf8");
    expect(text).toMatch(/^- id: postguard$/m);
    expect(text).toMatch(/^  entry: postguard scan --staged$/m);
    expect(text).toMatch(/^  language: node$/m);
    expect(text).toMatch(/^  pass_filenames: false$/m);
  });
});
