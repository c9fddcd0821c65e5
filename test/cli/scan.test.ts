/**
 * `postguard scan` in-process against fixture folders: what a user reads in each
 * format, and the exit codes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { fixture, LEAKY_POST, locate, ON_DISK, tempTree, KEY_ID } from "./helpers.js";

const blog = fixture("ng.blog");
const setupPath = join(blog, "content/posts/aws-cli-setup.md");
const setupText = readFileSync(setupPath, "utf8");

describe("text output", () => {
  it("prints path:line:col, message, severity, rule id and the masked secret", async () => {
    const r = await run(["scan"], { cwd: blog });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("");
    const secretAt = locate(setupText, ON_DISK.setupSecret);
    expect(secretAt).toEqual({ line: 13, column: 25 });
    expect(r.stdout).toContain(
      "content/posts/aws-cli-setup.md:13:25: Unexpected AWS secret access key in `ini` code block, expected a placeholder such as `<AWS_SECRET_ACCESS_KEY>`\n" +
        "  critical  aws.secret-access-key  Zq************\n" +
        "  with aws.access-key-id at 12:21  AKIA************\n",
    );
    const html = readFileSync(join(blog, "content/posts/s3-upload.html"), "utf8");
    const at = locate(html, ON_DISK.htmlKeyId);
    expect(r.stdout).toContain(`content/posts/s3-upload.html:${at.line}:${at.column}: Unexpected AWS access key ID in \`js\` code block`);
    expect(r.stdout).toContain("content/posts/my first post.md:3:47: Unexpected AWS access key ID in prose");
    expect(r.stdout).toMatch(/3 findings \(1 critical, 2 high\) in 3 files\. Scanned 4 files\.\n$/);
  });

  it("never prints a raw secret, in the finding line or the code frame", async () => {
    const r = await run(["scan"], { cwd: blog });
    for (const raw of Object.values(ON_DISK)) expect(r.stdout).not.toContain(raw);
  });

  it("shows a code frame with masked secrets and a caret under the column", async () => {
    const r = await run(["scan", "content/posts/aws-cli-setup.md"], { cwd: blog });
    expect(r.stdout).toContain(
      [
        "    12 | aws_access_key_id = AKIA************",
        "  > 13 | aws_secret_access_key = Zq************",
        "       |                         ^^^^^^^^^^^^^^",
        "    14 | region = eu-west-1",
      ].join("\n"),
    );
    // The caret sits exactly under column 25 of line 13.
    const lines = r.stdout.split("\n");
    const row = lines.findIndex((l) => l.startsWith("  > 13 | "));
    const prefix = "  > 13 | ".length;
    expect(lines[row + 1]!.indexOf("^") - prefix + 1).toBe(25);
  });

  it("--show-secrets prints the secret in clear", async () => {
    const r = await run(["scan", "--show-secrets", "content/posts/aws-cli-setup.md"], { cwd: blog });
    expect(r.stdout).toContain(`  critical  aws.secret-access-key  ${ON_DISK.setupSecret}`);
    expect(r.stdout).toContain(`  > 13 | aws_secret_access_key = ${ON_DISK.setupSecret}`);
  });

  it("a clean folder exits 0 with a one-line summary", async () => {
    const r = await run(["scan"], { cwd: fixture("ok.clean") });
    expect(r).toEqual({ exitCode: 0, stdout: "No credentials found. Scanned 2 files.\n", stderr: "" });
  });

  it("--quiet leaves out the summary", async () => {
    expect(await run(["scan", "--quiet"], { cwd: fixture("ok.clean") })).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    const r = await run(["scan", "-q"], { cwd: blog });
    expect(r.stdout).not.toMatch(/Scanned/);
    expect(r.stdout).toContain("aws-cli-setup.md:13:25");
  });
});

describe("colour", () => {
  const esc = "\u001b[";
  it.each([
    ["a terminal", { stdoutIsTTY: true, env: {} }, [], true],
    ["a pipe", { stdoutIsTTY: false, env: {} }, [], false],
    ["NO_COLOR on a terminal", { stdoutIsTTY: true, env: { NO_COLOR: "1" } }, [], false],
    ["FORCE_COLOR in a pipe", { stdoutIsTTY: false, env: { FORCE_COLOR: "1" } }, [], true],
    ["FORCE_COLOR=0 on a terminal", { stdoutIsTTY: true, env: { FORCE_COLOR: "0" } }, [], false],
    ["--no-color on a terminal", { stdoutIsTTY: true, env: {} }, ["--no-color"], false],
    ["--no-color beats FORCE_COLOR", { stdoutIsTTY: true, env: { FORCE_COLOR: "1" } }, ["--no-color"], false],
  ] as const)("%s -> coloured: %s", async (_name, io, flags, coloured) => {
    const r = await run(["scan", ...flags, "content/posts/aws-cli-setup.md"], { cwd: blog, ...io, env: { ...io.env } });
    expect(r.stdout.includes(esc)).toBe(coloured);
  });

  it("JSON is never coloured", async () => {
    const r = await run(["scan", "--format", "json"], { cwd: blog, stdoutIsTTY: true, env: { FORCE_COLOR: "1" } });
    expect(r.stdout).not.toContain(esc);
  });
});

describe("JSON output", () => {
  it("has version, masked findings, errors, skipped and stats", async () => {
    const r = await run(["scan", "--format", "json"], { cwd: blog });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["version", "findings", "errors", "skipped", "stats"]));
    expect(out.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(out.errors).toEqual([]);
    expect(out.skipped).toEqual([]);
    expect(out.stats).toMatchObject({ files: 4, scanned: 4, skipped: 0, errors: 0, findings: 3, bySeverity: { critical: 1, high: 2, medium: 0, low: 0 } });
    const pair = out.findings[0];
    expect(pair).toMatchObject({
      ruleId: "aws.secret-access-key",
      severity: "critical",
      path: "content/posts/aws-cli-setup.md",
      start: { line: 13, column: 25 },
      end: { line: 13, column: 65 },
      context: { kind: "code", lang: "ini" },
      message: "Unexpected AWS secret access key in `ini` code block, expected a placeholder such as `<AWS_SECRET_ACCESS_KEY>`",
    });
    expect(pair.secret).not.toBe(ON_DISK.setupSecret);
    expect(pair.related[0]).toMatchObject({ ruleId: "aws.access-key-id", start: { line: 12, column: 21 } });
    expect(pair.related[0].secret).toBe("AKIA************");
    for (const raw of Object.values(ON_DISK)) expect(r.stdout).not.toContain(raw);
  });

  it("--show-secrets puts raw secrets in JSON", async () => {
    const r = await run(["scan", "--format", "json", "--show-secrets"], { cwd: blog });
    const out = JSON.parse(r.stdout);
    expect(out.findings[0].secret).toBe(ON_DISK.setupSecret);
    expect(out.findings[0].related[0].secret).toBe(ON_DISK.setupKeyId);
  });
});

describe("SARIF output", () => {
  const sarif = async (args: string[] = []) => {
    const r = await run(["scan", "--format", "sarif", ...args], { cwd: blog });
    return { r, log: JSON.parse(r.stdout) };
  };

  it("is SARIF 2.1.0 with one result per finding and exact regions", async () => {
    const { r, log } = await sarif();
    expect(r.exitCode).toBe(1);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const [run0] = log.runs;
    expect(run0.results).toHaveLength(3);
    const pair = run0.results[0];
    expect(pair).toMatchObject({
      ruleId: "aws.secret-access-key",
      level: "error",
      message: { text: "Unexpected AWS secret access key in `ini` code block, expected a placeholder such as `<AWS_SECRET_ACCESS_KEY>`" },
      properties: { severity: "critical", confidence: "high", provider: "aws", context: { kind: "code", lang: "ini" } },
    });
    // The secret first, then the paired key id: two locations.
    expect(pair.locations).toHaveLength(2);
    expect(pair.locations.map((l: any) => l.physicalLocation.region)).toEqual([
      { startLine: 13, startColumn: 25, endLine: 13, endColumn: 65, snippet: { text: "Zq************" } },
      { startLine: 12, startColumn: 21, endLine: 12, endColumn: 41, snippet: { text: "AKIA************" } },
    ]);
    expect(pair.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "content/posts/aws-cli-setup.md", uriBaseId: "%SRCROOT%" });
    expect(pair.partialFingerprints["postguard/v1"]).toMatch(/^[0-9a-f]{32}$/);
    for (const raw of Object.values(ON_DISK)) expect(r.stdout).not.toContain(raw);
  });

  it("percent-encodes URIs relative to the current folder", async () => {
    const { log } = await sarif();
    const uris = log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(["content/posts/aws-cli-setup.md", "content/posts/my%20first%20post.md", "content/posts/s3-upload.html"]);
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toMatch(/^file:\/\/.*\/ng\.blog\/$/);
  });

  it("describes the rules that ran in tool.driver.rules", async () => {
    const { log } = await sarif(["--rule", "aws.access-key-id", "--rule", "aws.secret-access-key"]);
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe("postguard");
    expect(driver.rules.map((x: any) => x.id)).toEqual(["aws.access-key-id", "aws.secret-access-key"]);
    expect(driver.rules[0]).toMatchObject({
      id: "aws.access-key-id",
      name: "AWSAccessKeyID",
      shortDescription: { text: "AWS access key ID" },
      helpUri: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
      defaultConfiguration: { level: "error" },
    });
    for (const res of log.runs[0].results) expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it("lists files that could not be scanned as tool execution notifications", async () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    const { symlinkSync } = await import("node:fs");
    symlinkSync("missing.md", join(dir, "broken.md"));
    const r = await run(["scan", "--format", "sarif"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    const inv = JSON.parse(r.stdout).runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: "broken.md", uriBaseId: "%SRCROOT%" } } }] }),
    ]);
    expect(JSON.parse(r.stdout).runs[0].results).toHaveLength(1);
  });
});

describe("flags", () => {
  it("--fail-on: exit 1 only for a finding at or above the level", async () => {
    const keyIdOnly = ["scan", "content/posts/s3-upload.html"]; // one `high` finding
    expect((await run([...keyIdOnly, "--fail-on", "high"], { cwd: blog })).exitCode).toBe(1);
    expect((await run([...keyIdOnly, "--fail-on", "medium"], { cwd: blog })).exitCode).toBe(1);
    const crit = await run([...keyIdOnly, "--fail-on", "critical"], { cwd: blog });
    expect(crit.exitCode).toBe(0);
    expect(crit.stdout).toContain("s3-upload.html:8:"); // still reported
    expect((await run(["scan", "--fail-on", "critical"], { cwd: blog })).exitCode).toBe(1); // the AWS pair is critical
  });

  it("--min-confidence: findings below it are not reported (default medium)", async () => {
    const dir = fixture("ng.confidence");
    const def = await run(["scan", "--format", "json"], { cwd: dir });
    expect(def.exitCode).toBe(1);
    expect(JSON.parse(def.stdout).findings).toEqual([expect.objectContaining({ ruleId: "generic.password", confidence: "medium", start: expect.objectContaining({ line: 4, column: 13 }) })]);
    const high = await run(["scan", "--min-confidence", "high"], { cwd: dir });
    expect(high).toMatchObject({ exitCode: 0, stdout: "No credentials found. Scanned 1 file.\n" });
  });

  it("--rule runs only the named rules", async () => {
    const r = await run(["scan", "--format", "json", "--rule", "aws.access-key-id"], { cwd: blog });
    const found = JSON.parse(r.stdout).findings;
    expect(found.map((f: any) => `${f.ruleId} ${f.start.line}:${f.start.column}`)).toEqual([
      "aws.access-key-id 12:21",
      "aws.access-key-id 3:47",
      "aws.access-key-id 8:72",
    ]);
  });

  it("--output creates the report's folder and keeps stdout empty", async () => {
    const dir = tempTree({ "post.md": LEAKY_POST });
    const r = await run(["scan", "--format", "sarif", "--output", "out/report.sarif", "post.md"], { cwd: dir });
    expect(r).toEqual({ exitCode: 1, stdout: "", stderr: "postguard: wrote the sarif report to out/report.sarif\n" });
    const log = JSON.parse(readFileSync(join(dir, "out/report.sarif"), "utf8"));
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 21 });
  });

  it("--output that cannot be written is exit 2, named on stderr", async () => {
    const dir = tempTree({ "post.md": LEAKY_POST, "taken/x": "" });
    const r = await run(["scan", "--output", "taken", "post.md"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^postguard: error: cannot write --output taken: /m);
  });

  it("--output into an existing folder writes the report", async () => {
    const dir = tempTree({ "post.md": LEAKY_POST });
    const r = await run(["scan", "--format", "json", "-o", "report.json", "post.md"], { cwd: dir, stdoutIsTTY: true, env: { FORCE_COLOR: "1" } });
    expect(r).toMatchObject({ exitCode: 1, stdout: "" });
    const out = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(out.findings[0]).toMatchObject({ ruleId: "aws.access-key-id", start: { line: 4, column: 21 } });
    expect(readFileSync(join(dir, "report.json"), "utf8")).not.toContain(KEY_ID);
  });

  it("--output text to a file is never coloured", async () => {
    const dir = tempTree({ "post.md": LEAKY_POST });
    await run(["scan", "-o", "report.txt", "post.md"], { cwd: dir, stdoutIsTTY: true, env: { FORCE_COLOR: "1" } });
    const text = readFileSync(join(dir, "report.txt"), "utf8");
    expect(text).toContain("post.md:4:21: Unexpected AWS access key ID");
    expect(text).not.toContain("\u001b[");
  });

  it("--concurrency 1 and 64 give the same report", async () => {
    const a = await run(["scan", "--format", "json", "--concurrency", "1"], { cwd: blog });
    const b = await run(["scan", "--format", "json", "--concurrency", "64"], { cwd: blog });
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("paths", () => {
  it("scans files, folders and quoted globs", async () => {
    const ids = async (args: string[]) => JSON.parse((await run(["scan", "--format", "json", ...args], { cwd: blog })).stdout).findings.map((f: any) => f.path);
    expect(await ids(["content/posts/s3-upload.html"])).toEqual(["content/posts/s3-upload.html"]);
    expect(await ids(["content"])).toHaveLength(3);
    expect(await ids(["content/**/*.md"])).toEqual(["content/posts/aws-cli-setup.md", "content/posts/my first post.md"]);
    expect(await ids(["content/posts/*.html", "content/posts/s3-upload.html"])).toEqual(["content/posts/s3-upload.html"]);
  });

  it("paths are relative to the current folder, with forward slashes", async () => {
    const r = await run(["scan", "--format", "json", "ng.blog/content/posts/s3-upload.html"], { cwd: fixture(".") });
    expect(JSON.parse(r.stdout).findings[0].path).toBe("ng.blog/content/posts/s3-upload.html");
  });

  it("a missing path or a glob matching nothing is an error named on stderr (exit 2)", async () => {
    const r = await run(["scan", "nope.md", "content/**/*.txt", "content/posts/s3-upload.html"], { cwd: blog });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("postguard: error: nope.md: no such file or directory");
    expect(r.stderr).toContain("postguard: error: content/**/*.txt: no files match this pattern");
    expect(r.stdout).toContain("content/posts/s3-upload.html:8:72");
  });
});

describe("stdin", () => {
  it("`-` reads stdin; --stdin-filename names it and picks the parser", async () => {
    const post = "# Notes\n\n```ini\naws_access_key_id = " + KEY_ID + "\n```\n";
    const md = await run(["scan", "-", "--stdin-filename", "notes.md"], { stdin: post });
    expect(md.exitCode).toBe(1);
    expect(md.stdout).toContain("notes.md:4:21: Unexpected AWS access key ID in `ini` code block");
    const txt = await run(["scan", "-", "--stdin-filename", "notes.txt"], { stdin: post });
    expect(txt.stdout).toContain("notes.txt:4:21: Unexpected AWS access key ID in text");
  });

  it("reads a stream of chunks (as process.stdin delivers it)", async () => {
    const chunks = (async function* () {
      yield Buffer.from("aws_access_key_id = ");
      yield Buffer.from(KEY_ID.slice(0, 7));
      yield Buffer.from(`${KEY_ID.slice(7)}\n`);
    })();
    const r = await run(["scan", "--format", "json", "-"], { stdin: chunks });
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ path: "<stdin>", start: { line: 1, column: 21 } });
  });

  it("stdin over --max-file-size is skipped with a notice", async () => {
    const r = await run(["scan", "-", "--stdin-filename", "big.md", "--max-file-size", "1KB"], { stdin: "x".repeat(2048) });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("postguard: skipped big.md: 2 KB is over the --max-file-size limit of 1 KB");
  });
});
