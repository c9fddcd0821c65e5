/**
 * The real executable: `node dist/cli/bin.js`. Exit codes reach the shell, the report
 * goes to stdout and notices to stderr, so `> report.json` stays valid JSON.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fixture, KEY_ID, LEAKY_POST, tempTree } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "dist/cli/bin.js");

beforeAll(() => {
  // Build so the test runs the current source; tsc still emits when some other file has type errors.
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "pipe" });
  } catch {
    // reported by the typecheck; the bin below is what matters here
  }
  if (!existsSync(BIN)) throw new Error(`${BIN} was not built`);
}, 120_000);

function postguard(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? "",
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...opts.env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bin", () => {
  it("exit 1 with findings on stdout and nothing on stderr", () => {
    const r = postguard(["scan", "content"], { cwd: fixture("ng.blog") });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("content/posts/aws-cli-setup.md:13:25: Unexpected AWS secret access key");
    expect(r.stdout).not.toContain("\u001b["); // not a terminal
    expect(r.stderr).toBe("");
  });

  it("exit 0 on a clean folder", () => {
    expect(postguard(["scan"], { cwd: fixture("ok.clean") })).toEqual({ status: 0, stdout: "No credentials found. Scanned 2 files.\n", stderr: "" });
  });

  it("exit 2 on a file that cannot be read: culprit on stderr, valid JSON on stdout", () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    symlinkSync("gone.md", join(dir, "broken.md"));
    const r = postguard(["scan", "--format", "json"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("postguard: error: broken.md: cannot read: broken symbolic link");
    const out = JSON.parse(r.stdout);
    expect(out.findings).toHaveLength(1);
    expect(out.errors).toEqual([expect.objectContaining({ path: "broken.md" })]);
  });

  it("exit 2 on an unknown flag, message on stderr only", () => {
    const r = postguard(["scan", "--frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown option `--frobnicate`");
  });

  it("reads stdin with `-`", () => {
    const r = postguard(["scan", "-", "--stdin-filename", "piped.md"], { input: `aws_access_key_id = ${KEY_ID}\n` });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("piped.md:1:21: Unexpected AWS access key ID");
    expect(r.stdout).not.toContain(KEY_ID);
  });

  it("FORCE_COLOR colours a pipe, NO_COLOR alone does not", () => {
    const dir = fixture("ng.blog");
    expect(postguard(["scan"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).toContain("\u001b[");
    expect(postguard(["scan"], { cwd: dir, env: { NO_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });

  it("--version and --help exit 0", () => {
    expect(postguard(["--version"])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(postguard(["--help"])).toMatchObject({ status: 0, stdout: expect.stringContaining("Exit codes:") });
  });

  it("rules list prints the table", () => {
    const r = postguard(["rules", "list"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^aws\.access-key-id\s+high\s+aws\s+AWS access key ID$/m);
  });
});
