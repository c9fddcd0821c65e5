/**
 * Runs the action's real bundled entry point (`node dist-action/index.js`, from a copy of
 * the action's files without node_modules) the way the runner does: INPUT_* and GITHUB_* variables, an event payload file, step summary and
 * output files, a workspace that is a real git checkout; and builds pull requests with
 * real git so the `patch` of each file is exactly what git (and so GitHub) produces.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect } from "vitest";
import { base62, crc32 } from "../../src/detect/crc32.js";
import type { ApiFile, FakeGitHub } from "./fake-github.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let checkout: string | undefined;

/**
 * The action as the runner has it for `uses: owner/postguard@v1`: the repository's files
 * at that ref — action.yml, the checked-in bundle, rules/, package.json — and no
 * node_modules, so a dependency left out of the bundle fails here as it would there.
 */
export function actionCheckout(): string {
  if (!checkout) {
    const dir = mkdtempSync(join(tmpdir(), "postguard-action-checkout-"));
    for (const p of ["action.yml", "package.json", "dist-action", "rules"]) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    checkout = dir;
  }
  return checkout;
}
export const FIXTURES = join(ROOT, "test/fixtures/action");
export const TOKEN = "test-token-not-a-secret";

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

export function tempDir(prefix = "postguard-action-"): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

// --- synthetic credentials, built in code -----------------------------------------

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A deterministic pseudo-random string over `alphabet` (seeded, so runs are repeatable). */
function chars(alphabet: string, n: number, seed: number): string {
  let x = seed >>> 0 || 1;
  let out = "";
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[(x >>> 0) % alphabet.length];
  }
  return out;
}

/** `AKIA` + 16 invented base32 characters. */
export function awsKeyId(seed: number): string {
  return `AKIA${chars(BASE32, 16, seed)}`;
}

/** 40 invented base64 characters. */
export function awsSecret(seed: number): string {
  return chars(`${B62}+/`, 40, seed * 7919);
}

/** `ghp_` + 30 invented characters + their CRC32 in base62, as GitHub's format has it. */
export function githubToken(seed: number): string {
  const body = chars(B62, 30, seed * 104729);
  return `ghp_${body}${base62(crc32(body), 6)}`;
}

// --- the fixture post ----------------------------------------------------------------

/** The S3 post with lines 42 and 43 (the credentials file's two key lines) filled in. */
export function s3Post(line42: string, line43 = "aws_secret_access_key = <AWS_SECRET_ACCESS_KEY>", edit?: (lines: string[]) => void): string {
  const lines = readFileSync(join(FIXTURES, "posts/s3-deploy.md"), "utf8").split("\n");
  expect(lines[41]).toBe("{{LINE_42}}");
  lines[41] = line42;
  lines[42] = line43;
  edit?.(lines);
  return lines.join("\n");
}

// --- pull requests with real git -------------------------------------------------------

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: dir } });
}

export type Tree = Record<string, string | null>;

function writeTree(dir: string, files: Tree): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    if (content === null) {
      if (existsSync(abs)) unlinkSync(abs);
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** A repository whose working tree is the PR head checkout. */
export class Repo {
  readonly dir = tempDir("postguard-ws-");
  readonly base: string;
  head: string;

  constructor(base: Tree) {
    git(this.dir, "init", "-q", "-b", "main");
    git(this.dir, "config", "user.email", "author@example.test");
    git(this.dir, "config", "user.name", "Author");
    git(this.dir, "config", "core.autocrlf", "false");
    this.base = this.commit(base, "base");
    this.head = this.base;
  }

  /** Apply `files` (null deletes) and commit; the working tree is then this commit. */
  commit(files: Tree, message: string): string {
    writeTree(this.dir, files);
    git(this.dir, "add", "-A");
    git(this.dir, "commit", "-q", "--allow-empty", "-m", message);
    this.head = git(this.dir, "rev-parse", "HEAD").trim();
    return this.head;
  }

  /** "List pull request files" entries for base...head, patches as git makes them. */
  pullFiles(): ApiFile[] {
    const status = git(this.dir, "diff", "--no-color", "-M", "--name-status", this.base, this.head).trim();
    if (!status) return [];
    // One diff for all files, in the same (path) order as --name-status.
    const sections = git(this.dir, "diff", "--no-color", "-M", this.base, this.head).split(/^(?=diff --git )/m).filter(Boolean);
    const entries = status.split("\n");
    expect(sections).toHaveLength(entries.length);
    return entries.map((line, i) => {
      const [code, a, b] = line.split("\t") as [string, string, string | undefined];
      const filename = b ?? a;
      const kind = code[0];
      const statusName = kind === "A" ? "added" : kind === "D" ? "removed" : kind === "R" ? "renamed" : kind === "C" ? "copied" : "modified";
      const diff = sections[i]!;
      const at = diff.indexOf("\n@@");
      const patch = at >= 0 ? diff.slice(at + 1).replace(/\n$/, "") : undefined;
      const lines = patch?.split("\n") ?? [];
      const additions = lines.filter((l) => l.startsWith("+")).length;
      const deletions = lines.filter((l) => l.startsWith("-")).length;
      const url = `https://github.com/octo-org/blog/blob/${this.head}/${filename}`;
      return {
        sha: "f".repeat(40),
        filename,
        status: statusName,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: url,
        raw_url: url.replace("/blob/", "/raw/"),
        contents_url: `https://api.github.com/repos/octo-org/blog/contents/${filename}?ref=${this.head}`,
        ...(patch !== undefined ? { patch } : {}),
        ...(b ? { previous_filename: a } : {}),
      } as ApiFile;
    });
  }
}

// --- running the bundle --------------------------------------------------------------

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  ms: number;
}

/** GITHUB_OUTPUT's `name<<DELIM … DELIM` blocks -> name: value. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export interface PullRequestRun {
  server: FakeGitHub;
  repo: Repo;
  inputs?: Record<string, string>;
  fork?: boolean;
  changedFiles?: number;
  eventName?: "pull_request" | "pull_request_target";
}

/** The payload fixture with this PR's shas and owner filled in. */
export function pullRequestPayload(repo: Repo, opts: { fork?: boolean; changedFiles?: number }): string {
  return readFileSync(join(FIXTURES, "events/pull_request.synchronize.json"), "utf8")
    .replaceAll("__HEAD_SHA__", repo.head)
    .replaceAll("__BASE_SHA__", repo.base)
    .replaceAll("__HEAD_OWNER__", opts.fork ? "outside-contributor" : "octo-org")
    .replaceAll("__HEAD_IS_FORK__", String(opts.fork ?? false))
    .replaceAll("__CHANGED_FILES__", String(opts.changedFiles ?? repo.pullFiles().length));
}

export async function runBundle(opts: { eventName: string; payload?: string; workspace: string; inputs?: Record<string, string>; apiUrl: string; sha?: string }): Promise<RunResult> {
  const runnerTemp = tempDir("postguard-runner-");
  const summaryFile = join(runnerTemp, "step_summary");
  const outputFile = join(runnerTemp, "output");
  writeFileSync(summaryFile, "");
  writeFileSync(outputFile, "");
  const eventPath = join(runnerTemp, "event.json");
  writeFileSync(eventPath, opts.payload ?? "{}");
  const inputs = { "github-token": TOKEN, ...opts.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "octo-org/blog",
    GITHUB_REPOSITORY_OWNER: "octo-org",
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_SHA: opts.sha ?? "0".repeat(40),
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: runnerTemp,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const started = Date.now();
  const child = spawn(process.execPath, [join(actionCheckout(), "dist-action/index.js")], { cwd: opts.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  const code = await new Promise<number | null>((ok) => child.on("close", ok));
  return { code, stdout, stderr, summary: readFileSync(summaryFile, "utf8"), outputs: parseOutputs(readFileSync(outputFile, "utf8")), ms: Date.now() - started };
}

export function runPullRequest(o: PullRequestRun): Promise<RunResult> {
  o.server.files = o.repo.pullFiles();
  return runBundle({
    eventName: o.eventName ?? "pull_request",
    payload: pullRequestPayload(o.repo, { fork: o.fork, changedFiles: o.changedFiles }),
    workspace: o.repo.dir,
    ...(o.inputs ? { inputs: o.inputs } : {}),
    apiUrl: o.server.url,
    sha: o.repo.head,
  });
}

/**
 * No secret in clear anywhere a user or the public could see it: log lines (except the
 * runner-consumed `::add-mask::` commands), request bodies, job summary, outputs, SARIF.
 */
export function expectNoSecret(secrets: string[], run: RunResult, server?: FakeGitHub, extra: string[] = []): void {
  const logLines = `${run.stdout}\n${run.stderr}`.split("\n").filter((l) => !l.startsWith("::add-mask::"));
  const places: Array<[string, string]> = [
    ...logLines.map((l, i): [string, string] => [`log line ${i + 1}`, l]),
    ["job summary", run.summary],
    ["outputs", JSON.stringify(run.outputs)],
    ...(server?.requests ?? []).map((r): [string, string] => [`${r.method} ${r.path} body`, r.raw]),
    ...extra.map((t, i): [string, string] => [`file ${i + 1}`, t]),
  ];
  for (const s of secrets) {
    for (const [where, text] of places) {
      if (text.includes(s)) throw new Error(`secret ${s.slice(0, 4)}… appears unmasked in ${where}`);
    }
  }
}

/** Annotation lines (`::error …`, `::warning …`, `::notice …`). */
export function annotations(stdout: string): string[] {
  return stdout.split("\n").filter((l) => /^::(error|warning|notice)[ :]/.test(l));
}
