/** Usage errors are exit 2 with a message that says what was wrong; --help and --version. */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { fixture } from "./helpers.js";

describe("usage errors: exit 2, message on stderr, nothing on stdout", () => {
  it.each([
    [["scan", "--bogus"], "postguard: unknown option `--bogus`"],
    [["frobnicate"], "postguard: unknown command `frobnicate`; expected `scan`, `baseline`, `fix`, `init`, `report`, `rules`, `audit`, `worker` or `status`"],
    [[], "postguard: missing command; expected `scan`, `baseline`, `fix`, `init`, `report`, `rules`, `audit`, `worker` or `status`"],
    [["--format", "json"], "postguard: unknown option `--format`; options go after the command"],
    [["scan", "--format", "xml"], "postguard: --format must be one of text, json, jsonl, sarif, github, markdown, html; got `xml`"],
    [["scan", "--format"], "postguard: Option '-f, --format <value>' argument missing"],
    [["scan", "--fail-on", "severe"], "postguard: --fail-on must be one of low, medium, high, critical; got `severe`"],
    [["scan", "--min-confidence", "certain"], "postguard: --min-confidence must be one of low, medium, high; got `certain`"],
    [["scan", "--max-file-size", "ten"], "postguard: --max-file-size must be a size such as 5MB, 512KB or a number of bytes; got `ten`"],
    [["scan", "--max-file-size", "0"], "postguard: --max-file-size must be a size"],
    [["scan", "--concurrency", "0"], "postguard: --concurrency must be a whole number from 1 to 1024; got `0`"],
    [["scan", "--concurrency", "many"], "postguard: --concurrency must be a whole number"],
    [["scan", "--rule", "aws.nope"], "postguard: unknown rule `aws.nope` for --rule; `postguard rules list` shows the ids"],
    [["scan", "--stdin-filename", "x.md", "post.md"], "postguard: --stdin-filename names input read from stdin; add `-` to the paths"],
    [["scan", "-", "-"], "postguard: `-` (stdin) may be given only once"],
    [["scan", "--quiet=yes"], "postguard: Option '-q, --quiet' does not take an argument"],
    [["rules"], "postguard: `rules` needs a subcommand: `list` or `check`"],
    [["rules", "delete"], "postguard: unknown subcommand `rules delete`; expected `rules list` or `rules check`"],
    [["rules", "list", "--format", "sarif"], "postguard: --format must be one of text, json; got `sarif`"],
    [["rules", "check", "rules/"], "postguard: `rules check` takes no arguments (use --rules-dir DIR); got `rules/`"],
  ])("%j", async (argv, message) => {
    const r = await run(argv, { cwd: fixture("ok.clean") });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr).toMatch(/Run `postguard --help` for usage\.\n$/);
  });
});

describe("help and version", () => {
  it.each([[["--help"]], [["-h"]], [["scan", "--help"]], [["rules", "--help"]], [["rules", "check", "-h"]]])("%j prints the help, exit 0", async (argv) => {
    const r = await run(argv);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("postguard scan [options] [paths...]");
    expect(r.stdout).toContain("Exit codes:\n  0  no reported finding at or above --fail-on\n  1  a reported finding at or above --fail-on");
    expect(r.stdout).toContain("  2  usage error, broken rules, or a file that could not be read or scanned");
    for (const flag of ["--format", "--output", "--stdin-filename", "--fail-on", "--min-confidence", "--max-file-size", "--rule", "--concurrency", "--quiet", "--show-secrets", "--no-color", "--version", "--rules-dir"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it.each([[["--version"]], [["-v"]], [["scan", "--version"]]])("%j prints the version", async (argv) => {
    const r = await run(argv);
    expect(r).toEqual({ exitCode: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\S*\n$/), stderr: "" });
  });
});
