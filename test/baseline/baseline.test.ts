/**
 * Baselines: recorded by fingerprint (no secret, no line numbers, sorted, stable); a later
 * scan with --baseline reports only what is new, however the old text moved.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId, awsSecret, githubToken } from "../fixtures/prepublish/helpers.js";

const K1 = awsKeyId(1);
const S1 = awsSecret(2);
const K2 = awsKeyId(3);
const G = githubToken(4);
const NEW = awsKeyId(5);
const fence = "```";

const setup = `# Setting up the CLI\n\nRun \`aws configure\`:\n\n${fence}ini\n[default]\naws_access_key_id = ${K1}\naws_secret_access_key = ${S1}\n${fence}\n\nThat's it.\n`;
const deploy = `---\ntitle: Deploy\n---\n\nPush with \`GITHUB_TOKEN=${G}\`.\n\nThe bucket key is aws_access_key_id=${K2}.\n`;
const SECRETS = [K1, S1, K2, G];

function blog() {
  return tempTree({ "content/posts/setup.md": setup, "content/posts/deploy.md": deploy, "content/about.md": "# About\n" });
}

interface Out {
  findings: Array<{ path: string; ruleId: string; secret: string; start: { line: number }; suppressed?: { kind: string; justification: string } }>;
  stats: { findings: number; suppressed?: number };
}

describe("postguard baseline", () => {
  it("records findings by fingerprint: no secret, no line numbers, sorted, one per line, stable", async () => {
    const root = blog();
    const r = await run(["baseline", "--output", ".postguard-baseline.json"], { cwd: root });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("postguard: recorded 3 findings in 2 files to .postguard-baseline.json");
    const text = readFileSync(join(root, ".postguard-baseline.json"), "utf8");
    for (const s of SECRETS) {
      expect(text).not.toContain(s);
      expect(text).not.toContain(s.slice(4, 14));
    }
    expect(text).not.toMatch(/"(line|column|offset|start|end)"|:\d+:/);
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["{", '  "postguard_baseline": 1,', '  "findings": [']);
    const entries = JSON.parse(text).findings as Array<{ path: string; ruleId: string; fingerprint: string }>;
    expect(entries.map((e) => [e.path, e.ruleId])).toEqual([
      ["content/posts/deploy.md", "aws.access-key-id"],
      ["content/posts/deploy.md", "github.personal-access-token"],
      ["content/posts/setup.md", "aws.secret-access-key"],
    ]);
    for (const e of entries) expect(e.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    // One entry per line, so two branches adding entries touch different lines.
    expect(lines.filter((l) => l.startsWith('    {"path"'))).toHaveLength(3);
    // The same tree gives the same bytes.
    await run(["baseline"], { cwd: root });
    expect(readFileSync(join(root, ".postguard-baseline.json"), "utf8")).toBe(text);
  });

  it("moved text stays known; only the new secret is reported", async () => {
    const root = blog();
    await run(["baseline"], { cwd: root });
    // Edit the folder: paragraphs inserted above, blocks reordered, one new secret.
    const moved = setup.replace("# Setting up the CLI\n", "# Setting up the CLI\n\nA new intro paragraph.\n\nAnd another one.\n");
    writeFileSync(join(root, "content/posts/setup.md"), moved);
    const [head, body] = deploy.split("---\n\n");
    const reordered = `${head}---\n\nThe bucket key is aws_access_key_id=${K2}.\n\nLater: \`aws_access_key_id=${NEW}\`.\n\n${body!.split("\n\n")[0]}\n`;
    writeFileSync(join(root, "content/posts/deploy.md"), reordered);

    const r = await run(["scan", "--baseline", ".postguard-baseline.json", "--format", "json", "--show-secrets"], { cwd: root });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.findings.filter((f) => !f.suppressed).map((f) => f.secret)).toEqual([NEW]);
    expect(out.findings.filter((f) => f.suppressed).map((f) => f.suppressed!.kind)).toEqual(["baseline", "baseline", "baseline"]);
    expect(out.stats).toMatchObject({ findings: 1, suppressed: 3 });

    const text = await run(["scan", "--baseline", ".postguard-baseline.json"], { cwd: root });
    expect(text.stdout).toContain("content/posts/deploy.md:7:");
    expect(text.stdout).toContain("1 finding (1 high) in 1 file. Scanned 4 files.\n3 suppressed findings not shown (3 baseline); --format json lists them.\n");

    // Remove the new secret: nothing new, the check passes.
    writeFileSync(join(root, "content/posts/deploy.md"), reordered.replace(NEW, "<AWS_ACCESS_KEY_ID>"));
    expect((await run(["scan", "--baseline", ".postguard-baseline.json", "-q"], { cwd: root })).exitCode).toBe(0);
  });

  it("fingerprints are relative to the baseline's folder, wherever the scan runs from", async () => {
    const root = blog();
    await run(["baseline"], { cwd: root });
    const r = await run(["scan", "--baseline", "../../.postguard-baseline.json", "-q", "."], { cwd: join(root, "content/posts") });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("a finding in another file is new, even with the same secret (the path is part of the fingerprint)", async () => {
    const root = blog();
    await run(["baseline"], { cwd: root });
    writeFileSync(join(root, "content/copy.md"), `Copied: aws_access_key_id=${K2}\n`);
    const out = JSON.parse((await run(["scan", "--baseline", ".postguard-baseline.json", "--format", "json"], { cwd: root })).stdout) as Out;
    expect(out.findings.filter((f) => !f.suppressed).map((f) => f.path)).toEqual(["content/copy.md"]);
  });

  it("a missing or malformed baseline is an error before anything is scanned", async () => {
    const root = blog();
    const missing = await run(["scan", "--baseline", "nope.json"], { cwd: root });
    expect(missing).toEqual({ exitCode: 2, stdout: "", stderr: "postguard: error: cannot read the baseline nope.json: no such file (create one with `postguard baseline`)\n" });
    writeFileSync(join(root, "bad.json"), '{"findings": []}');
    const bad = await run(["scan", "--baseline", "bad.json"], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('postguard: error: bad.json: expected a postguard baseline (`"postguard_baseline": 1` and a `findings` list), got something else\n');
    writeFileSync(join(root, "broken.json"), '{"postguard_baseline": 1, "findings": [{"path": "a.md"}]}');
    expect((await run(["scan", "--baseline", "broken.json"], { cwd: root })).stderr).toContain("broken.json: findings[0]: expected {path, ruleId, fingerprint (32 hex digits)}");
  });

  it("findings already suppressed inline or by the config are not recorded", async () => {
    const root = tempTree({
      ".postguard.yaml": "allowlist:\n  paths: [content/examples]\n",
      "content/examples/e.md": `aws_access_key_id=${K1}\n`,
      "content/p.md": `<!-- postguard-ignore-next-line -->\naws_access_key_id=${K2}\n\naws_access_key_id=${NEW}\n`,
    });
    await run(["baseline"], { cwd: root });
    const entries = JSON.parse(readFileSync(join(root, ".postguard-baseline.json"), "utf8")).findings as unknown[];
    expect(entries).toHaveLength(1);
  });
});
