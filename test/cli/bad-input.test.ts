/**
 * Bad input never crashes or hangs the scan: the culprit is named on stderr, every other
 * file is still scanned and reported, and exit code 2 means "something could not be
 * scanned" (binary and oversized files are skipped, not errors). Big and weird files are
 * generated here, never committed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { KEY_ID, LEAKY_POST, locate, tempTree } from "./helpers.js";

/** The leaky post next to every bad file is always reported at 4:21. */
const GOOD = "good.md:4:21: Unexpected AWS access key ID in `ini` code block";

describe("a file that cannot be read", () => {
  it("a dangling symlink: named on stderr, the rest still reported, exit 2", async () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    symlinkSync("deleted-post.md", join(dir, "broken.md"));
    const r = await run(["scan"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('postguard: error: broken.md: cannot read: broken symbolic link (its target "deleted-post.md" does not exist)\n');
    expect(r.stdout).toContain(GOOD);
    expect(r.stdout).toContain("1 could not be scanned");
  });

  it("a symlink loop named on the command line", async () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    symlinkSync("loop-b.md", join(dir, "loop-a.md"));
    symlinkSync("loop-a.md", join(dir, "loop-b.md"));
    const r = await run(["scan", "--format", "json", "loop-a.md", "good.md"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^postguard: error: loop-a\.md: cannot read: too many levels of symbolic links/);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toEqual([{ path: "loop-a.md", message: expect.stringContaining("symbolic links") }]);
    expect(out.findings).toHaveLength(1);
  });

  it("a path that runs through a file (`notes.md/draft.md`)", async () => {
    const dir = tempTree({ "good.md": LEAKY_POST, "notes.md": "plain" });
    const r = await run(["scan", "notes.md/draft.md", "good.md"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("postguard: error: notes.md/draft.md: cannot read: not a directory\n");
    expect(r.stdout).toContain(GOOD);
  });
});

describe("files that are skipped, not errors", () => {
  it("NUL bytes: binary, skipped, listed in JSON `skipped`, named on stderr, exit not 2", async () => {
    const bin = Buffer.concat([Buffer.from(`aws_access_key_id = ${KEY_ID}\n`), Buffer.from([0, 1, 2, 0, 255])]);
    const dir = tempTree({ "good.md": LEAKY_POST, "export.md": bin });
    const r = await run(["scan", "--format", "json"], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.skipped).toEqual([{ path: "export.md", reason: "binary", size: bin.length, message: "binary file (NUL bytes)" }]);
    expect(out.errors).toEqual([]);
    expect(out.findings.map((f: any) => f.path)).toEqual(["good.md"]);
    expect(r.stderr).toBe("postguard: skipped export.md: binary file (NUL bytes)\n");
    const clean = await run(["scan", "export.md"], { cwd: dir });
    expect(clean.exitCode).toBe(0);
  });

  it("a 50 MB minified HTML page: skipped by the default limit with a notice; scanned with --max-file-size 100MB", { timeout: 180_000 }, async () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    // One line, like a minified build: 50 MB of markup, then a leaked key near the end.
    const para = `<p class="x">${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(18)}</p><div><span>ok</span></div>`;
    const head = "<!doctype html><html><head><meta charset=utf-8><title>t</title></head><body>";
    const body = para.repeat(Math.ceil((50 * 1024 * 1024) / para.length));
    const leak = `<pre><code>aws_access_key_id = ${KEY_ID}</code></pre>`;
    writeFileSync(join(dir, "bundle.html"), `${head}${body}${leak}</body></html>`);
    const column = head.length + body.length + "<pre><code>aws_access_key_id = ".length + 1;

    const def = await run(["scan", "--format", "json"], { cwd: dir });
    expect(def.exitCode).toBe(1);
    expect(def.stderr).toMatch(/^postguard: skipped bundle\.html: 50(\.\d)? MB is over the --max-file-size limit of 10 MB\n$/);
    const out = JSON.parse(def.stdout);
    expect(out.skipped).toEqual([expect.objectContaining({ path: "bundle.html", reason: "too-large" })]);
    expect(out.findings.map((f: any) => f.path)).toEqual(["good.md"]);

    const big = await run(["scan", "--max-file-size", "100MB", "bundle.html"], { cwd: dir });
    expect(big.stderr).toBe("");
    expect(big.exitCode).toBe(1);
    expect(big.stdout).toContain(`bundle.html:1:${column}: Unexpected AWS access key ID`);
    // The frame of a 50 MB line is cut to a readable width.
    expect(Math.max(...big.stdout.split("\n").map((l) => l.length))).toBeLessThan(400);
  });

  it("--max-file-size accepts bytes and KB", async () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    const size = Buffer.byteLength(LEAKY_POST);
    expect((await run(["scan", "--max-file-size", String(size)], { cwd: dir })).exitCode).toBe(1);
    const r = await run(["scan", "--max-file-size", String(size - 1)], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`postguard: skipped good.md: ${size} bytes is over the --max-file-size limit of ${size - 1} bytes\n`);
  });

  it("a named pipe inside a folder is skipped, not read (reading it would hang)", async () => {
    const dir = tempTree({ "good.md": LEAKY_POST });
    execFileSync("mkfifo", [join(dir, "pipe.md")]);
    const r = await run(["scan"], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("postguard: skipped pipe.md: not a regular file (a pipe, socket or device)\n");
    expect(r.stdout).toContain(GOOD);
  });
});

describe("files that are odd but scanned", () => {
  it("invalid UTF-8: scanned with a warning naming it, positions still exact", async () => {
    const latin1 = Buffer.concat([Buffer.from("# Caf"), Buffer.from([0xe9, 0xff]), Buffer.from(`\n\naws_access_key_id = ${KEY_ID}\n`)]);
    const dir = tempTree({ "good.md": LEAKY_POST, "cafe.md": latin1 });
    const r = await run(["scan"], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("postguard: warning: cafe.md: not valid utf-8; undecodable bytes were replaced by U+FFFD\n");
    expect(r.stdout).toContain("cafe.md:3:21: Unexpected AWS access key ID");
    expect(r.stdout).toContain(GOOD);
  });

  it("10,000-deep nested tags in HTML and markdown: no crash, the key is found", { timeout: 60_000 }, async () => {
    const depth = 10_000;
    const html = `<html><body>${"<div>".repeat(depth)}<p>key ${KEY_ID}</p>${"</div>".repeat(depth)}</body></html>\n`;
    const md = `# Deep\n\n${"<div>".repeat(depth)}\n\nkey ${KEY_ID}\n\n${"</div>".repeat(depth)}\n\n${"> ".repeat(depth)}quoted ${KEY_ID}\n`;
    const dir = tempTree({ "good.md": LEAKY_POST, "deep.html": html, "deep.md": md });
    const r = await run(["scan", "--format", "json"], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).errors).toEqual([]);
    const at = JSON.parse(r.stdout).findings.map((f: any) => `${f.path}:${f.start.line}:${f.start.column}`);
    const inHtml = locate(html, KEY_ID);
    const quoted = locate(md, `quoted ${KEY_ID}`);
    expect(at).toEqual(expect.arrayContaining([`deep.html:${inHtml.line}:${inHtml.column}`, "deep.md:5:5", `deep.md:${quoted.line}:${quoted.column + 7}`, "good.md:4:21"]));
  });

  it("an unterminated code fence: the key inside is still found", async () => {
    const post = `# Half a post\n\nSome text.\n\n\`\`\`yaml\naccess_key_id: ${KEY_ID}\nregion: eu-west-1\n`;
    const dir = tempTree({ "good.md": LEAKY_POST, "draft.md": post });
    const r = await run(["scan"], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("draft.md:6:16: Unexpected AWS access key ID");
    expect(r.stdout).toContain(GOOD);
  });

  it("escape sequences in a post cannot restyle the terminal through the code frame", async () => {
    const dir = tempTree({ "evil.md": `\u001b[2J\u001b]0;pwned\u0007 aws_access_key_id = ${KEY_ID}\n` });
    const r = await run(["scan", "--no-color"], { cwd: dir });
    expect(r.stdout).toContain("evil.md:1:");
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).not.toContain("\u0007");
  });

  it("an empty file and an empty folder are fine", async () => {
    const dir = tempTree({ "empty.md": "" });
    mkdirSync(join(dir, "nothing-here"));
    expect(await run(["scan"], { cwd: dir })).toEqual({ exitCode: 0, stdout: "No credentials found. Scanned 1 file.\n", stderr: "" });
  });
});
