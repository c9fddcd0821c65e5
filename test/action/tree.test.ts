/**
 * The bundled action on push / workflow_dispatch / schedule: the configured paths of the
 * whole tree, annotations, SARIF, job summary, outputs, exit status; config, baseline
 * and bad inputs. No GitHub API call is made on these events.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fingerprint } from "../../src/detect/fingerprint.js";
import { FakeGitHub } from "./fake-github.js";
import { annotations, awsKeyId, expectNoSecret, githubToken, runBundle, tempDir } from "./harness.js";

const KEY_A = awsKeyId(101);
const TOKEN_B = githubToken(102);
const KEY_DRAFT = awsKeyId(103);
const KEY_DEP = awsKeyId(104);
const ALL = [KEY_A, TOKEN_B, KEY_DRAFT, KEY_DEP];

const post = (title: string, block: string, lang = "ini") => `---\ntitle: ${title}\n---\n\n# ${title}\n\nSome prose first.\n\n\`\`\`${lang}\n${block}\n\`\`\`\n`;

function workspace(extra: Record<string, string> = {}): string {
  const ws = tempDir("postguard-tree-");
  const files: Record<string, string> = {
    "content/posts/a.md": post("AWS setup", `[default]\naws_access_key_id = ${KEY_A}`),
    "content/posts/b.md": post("GitHub CLI", `export GITHUB_TOKEN=${TOKEN_B}`, "bash"),
    "content/drafts/c.md": post("Draft", `aws_access_key_id = ${KEY_DRAFT}`),
    "content/posts/clean.md": post("Clean", "aws_access_key_id = <AWS_ACCESS_KEY_ID>"),
    "node_modules/some-theme/README.md": post("Theme", `aws_access_key_id = ${KEY_DEP}`),
    ...extra,
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, p)), { recursive: true });
    writeFileSync(join(ws, p), text);
  }
  return ws;
}

let server: FakeGitHub;
beforeEach(async () => {
  server = await new FakeGitHub().start();
});
afterEach(async () => {
  await server.stop();
});

const run = (ws: string, inputs: Record<string, string> = {}, eventName = "push") => runBundle({ eventName, workspace: ws, inputs, apiUrl: server.url, payload: "{}", sha: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678" });

interface Sarif {
  runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; suppressions?: unknown[] }> }>;
}

describe("push: the configured paths of the whole tree", () => {
  it("annotates every finding under `paths`, writes SARIF, summary and outputs, fails, and calls no API", async () => {
    const ws = workspace();
    const r = await run(ws, { paths: "content/posts" });

    expect(r.code).toBe(1);
    expect(server.requests).toEqual([]);
    const notes = annotations(r.stdout);
    expect(notes.map((a) => /file=([^,]+),line=(\d+)/.exec(a)!.slice(1).join(":"))).toEqual(["content/posts/a.md:11", "content/posts/b.md:10"]);
    expect(r.outputs).toEqual({ findings: "2", "new-findings": "2", "sarif-file": join(ws, "postguard.sarif") });
    const sarif = JSON.parse(readFileSync(join(ws, "postguard.sarif"), "utf8")) as Sarif;
    expect(sarif.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ["aws.access-key-id", "content/posts/a.md", 11],
      ["github.personal-access-token", "content/posts/b.md", 10],
    ]);
    expect(r.summary).toMatch(/^### postguard: push at a1b2c3d\n\n2 findings \(2 high\) in 2 files\. Scanned 3 files\./);
    expect(r.summary).toContain("(https://github.com/octo-org/blog/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/content/posts/a.md#L11)");
    // Masks come first: nothing before them in the log.
    expect(r.stdout.split("\n").slice(0, 2).sort()).toEqual([`::add-mask::${KEY_A}`, `::add-mask::${TOKEN_B}`].sort());
    expectNoSecret(ALL, r, server, [readFileSync(join(ws, "postguard.sarif"), "utf8")]);
  });

  it.each([
    ["push", "critical", 0],
    ["workflow_dispatch", "none", 0],
    ["schedule", "high", 1],
  ])("%s with fail-on: %s -> exit %i; the default path is the whole tree but not node_modules", async (eventName, failOn, code) => {
    const r = await run(workspace(), { "fail-on": failOn }, eventName);
    expect(r.code).toBe(code); // the findings are high
    expect(r.outputs).toMatchObject({ findings: "3", "new-findings": "3" });
    expect(annotations(r.stdout).map((a) => /file=([^,]+)/.exec(a)![1])).toEqual(["content/drafts/c.md", "content/posts/a.md", "content/posts/b.md"]);
    expect(server.requests).toEqual([]);
    expectNoSecret(ALL, r, server);
  });

  it("a baseline hides what it records; SARIF keeps it, marked as suppressed", async () => {
    const ws = workspace();
    const entry = { path: "content/posts/a.md", ruleId: "aws.access-key-id", fingerprint: fingerprint("aws.access-key-id", KEY_A, "content/posts/a.md") };
    writeFileSync(join(ws, ".postguard-baseline.json"), `{\n  "postguard_baseline": 1,\n  "findings": [\n    ${JSON.stringify(entry)}\n  ]\n}\n`);
    const r = await run(ws, { paths: "content/posts", baseline: ".postguard-baseline.json" });

    expect(r.outputs).toMatchObject({ findings: "1", "new-findings": "1" });
    expect(annotations(r.stdout).map((a) => /file=([^,]+)/.exec(a)![1])).toEqual(["content/posts/b.md"]);
    expect(r.summary).toContain("1 finding suppressed (1 baseline) is not reported");
    const results = (JSON.parse(readFileSync(join(ws, "postguard.sarif"), "utf8")) as Sarif).runs[0]!.results;
    expect(results.map((x) => [x.ruleId, x.suppressions?.length ?? 0])).toEqual([
      ["aws.access-key-id", 1],
      ["github.personal-access-token", 0],
    ]);
    expect(r.code).toBe(1);
  });

  it("the repository's .postguard.yaml applies: excluded folders, allowlisted files, severity overrides", async () => {
    const ws = workspace({
      ".postguard.yaml": "exclude:\n  - content/drafts\nallowlist:\n  paths:\n    - content/posts/b.md\nrules:\n  aws.access-key-id:\n    severity: critical\n",
    });
    const r = await run(ws, { "fail-on": "critical" });
    expect(annotations(r.stdout)).toEqual([expect.stringMatching(/^::error file=content\/posts\/a\.md,line=11,.* Rule: aws\.access-key-id \(critical, high confidence\)\.$/)]);
    expect(r.outputs).toMatchObject({ findings: "1", "new-findings": "1" });
    expect(r.summary).toContain("1 finding suppressed (1 allowlist) is not reported");
    expect(r.code).toBe(1); // high by default, critical by the config
  });

  it("the config input names a file; one with problems stops the run before any scan, naming file:line", async () => {
    const ws = workspace({ "ci/postguard.yaml": "rules:\n  aws.acess-key-id: off\nfail_on: high\n" });
    const r = await run(ws, { config: "ci/postguard.yaml" });
    expect(r.code).toBe(2);
    const errors = r.stdout.split("\n").filter((l) => l.startsWith("::error"));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.join("\n")).toMatch(/::ci\/postguard\.yaml:2: rules: unknown rule `aws\.acess-key-id`.*did you mean `aws\.access-key-id`/);
    expect(errors.join("\n")).toMatch(/::ci\/postguard\.yaml:3: unknown option `fail_on`/);
    expect(r.stdout).not.toContain("add-mask");
    expect(existsOutput(r.outputs)).toBe(false);
  });

  it("bad inputs: every one is named, nothing is scanned, exit 2", async () => {
    const r = await run(workspace(), { "fail-on": "severe", "min-confidence": "sure", comment: "always" });
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      "::error title=postguard%3A bad input::input `fail-on` must be one of low, medium, high, critical, none; got `severe`",
      "::error title=postguard%3A bad input::input `min-confidence` must be one of low, medium, high; got `sure`",
      "::error title=postguard%3A bad input::input `comment` must be one of review, summary, off; got `always`",
    ]);
  });

  it("pull_request_target does not run a JavaScript configuration from the workspace", async () => {
    const ws = workspace({ "postguard.config.mjs": "export default { rules: {} };\n" });
    const r = await run(ws, {}, "push");
    expect(r.code).toBe(1); // on push the module config is fine
    const payload = JSON.stringify({ pull_request: { number: 7, head: { sha: "b".repeat(40) } } });
    const t = await runBundle({ eventName: "pull_request_target", workspace: ws, apiUrl: server.url, payload });
    expect(t.code).toBe(2);
    expect(t.stdout).toMatch(/a JavaScript configuration is not run on pull_request_target events/);
    expect(server.requests).toEqual([]);
  });
});

function existsOutput(outputs: Record<string, string>): boolean {
  return Object.keys(outputs).length > 0;
}
