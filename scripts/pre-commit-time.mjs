#!/usr/bin/env node
/**
 * How long a pre-commit check takes, as the author waits for it: the whole process of
 * `postguard scan --staged` (Node start-up, rules, git, scan, report) on a typical post
 * staged in a fresh repository, and the whole `git commit` with postguard as its hook.
 *
 *   npm run build && node scripts/pre-commit-time.mjs [runs]
 *
 * Prints min / median / max wall-clock milliseconds of each, and (on Linux) the CPU time
 * of the postguard process next to that of an empty `node -e ""`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] ?? 15);
const bin = fileURLToPath(new URL("../dist/cli/bin.js", import.meta.url));
const fence = "```";

// A typical post: front matter, ~1,200 words of prose, four code blocks, placeholders.
const paragraph =
  "Object storage is the cheapest place to keep build artefacts, but the first upload is where most people get stuck: the credentials, the region and the bucket policy all have to line up before anything works. ";
const post = [
  "---",
  "title: Uploading build artefacts to S3 from CI",
  "date: 2024-05-01",
  "tags: [aws, ci, s3]",
  "---",
  "",
  "# Uploading build artefacts to S3 from CI",
  "",
  ...Array.from({ length: 12 }, (_, i) => `${paragraph.repeat(3)}\n\n${i % 3 === 0 ? `## Step ${i / 3 + 1}\n` : ""}`),
  `${fence}ini`,
  "[default]",
  "aws_access_key_id = <AWS_ACCESS_KEY_ID>",
  "aws_secret_access_key = <AWS_SECRET_ACCESS_KEY>",
  "region = eu-west-1",
  fence,
  "",
  `${fence}yaml`,
  "env:",
  "  AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}",
  "  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}",
  fence,
  "",
  `${fence}bash`,
  "aws s3 cp ./dist s3://my-bucket/builds/$GITHUB_SHA --recursive",
  fence,
  "",
  `${fence}js`,
  'import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";',
  'const s3 = new S3Client({ region: "eu-west-1" });',
  fence,
  "",
].join("\n");

const root = mkdtempSync(join(tmpdir(), "postguard-hook-time-"));
const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.com" };
const git = (...args) => execFileSync("git", args, { cwd: root, env, stdio: "pipe" });
try {
  git("init", "-q", "-b", "main");
  mkdirSync(join(root, "content/posts"), { recursive: true });
  writeFileSync(join(root, "content/posts/s3-artefacts.md"), post);
  git("add", ".");

  // CPU time of finished children (Linux: cutime + cstime in /proc/self/stat, 100 ticks/s):
  // unlike wall-clock time it hardly depends on what else the machine is doing.
  const childCpu = () => {
    try {
      const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
      return (Number(f[13]) + Number(f[14])) * 10;
    } catch {
      return NaN;
    }
  };
  const cpu = { node: [], scan: [] };
  const time = (fn, into) => {
    const c = childCpu();
    const t = process.hrtime.bigint();
    fn();
    const wall = Number(process.hrtime.bigint() - t) / 1e6;
    into?.push(childCpu() - c);
    return wall;
  };
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return `min ${s[0].toFixed(0)} ms, median ${s[s.length >> 1].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`;
  };

  const node = [];
  const scan = [];
  for (let i = 0; i < runs; i++) {
    node.push(time(() => spawnSync(process.execPath, ["-e", ""], { cwd: root }), cpu.node));
    scan.push(
      time(() => {
        const r = spawnSync(process.execPath, [bin, "scan", "--staged"], { cwd: root, env, encoding: "utf8" });
        if (r.status !== 0) throw new Error(`scan --staged exited ${r.status}: ${r.stdout}${r.stderr}`);
      }, cpu.scan),
    );
  }

  writeFileSync(join(root, ".git/hooks/pre-commit"), `#!/bin/sh\nexec "${process.execPath}" "${bin}" scan --staged --quiet\n`);
  chmodSync(join(root, ".git/hooks/pre-commit"), 0o755);
  const commit = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(join(root, "content/posts/s3-artefacts.md"), `${post}\n<!-- edit ${i} -->\n`);
    git("add", ".");
    commit.push(time(() => git("commit", "-q", "-m", `edit ${i}`)));
    writeFileSync(join(root, "content/posts/s3-artefacts.md"), `${post}\n<!-- edit ${i}b -->\n`);
    git("add", ".");
    bare.push(time(() => git("commit", "-q", "--no-verify", "-m", `edit ${i}b`)));
  }

  console.log(`post: ${Buffer.byteLength(post)} bytes, ${post.split("\n").length} lines; ${runs} runs each; node ${process.version}`);
  console.log(`node -e "" (start-up alone):        ${stats(node)}`);
  console.log(`postguard scan --staged (process):  ${stats(scan)}`);
  console.log(`git commit with the postguard hook: ${stats(commit)}`);
  console.log(`git commit --no-verify (no hook):   ${stats(bare)}`);
  if (!cpu.scan.some(Number.isNaN)) {
    console.log(`CPU time (user + sys), node -e "":  ${stats(cpu.node)}`);
    console.log(`CPU time, postguard scan --staged:  ${stats(cpu.scan)}`);
  }
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(", ")} on ${availableParallelism()} CPUs`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
