/**
 * Configuration: found by walking up, --config / --no-config, include/exclude, rules
 * on/off and severities, allowlists, custom rules (checked by `rules check --config`),
 * JS configs, and validation that reports every mistake with its line and scans nothing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { fingerprint } from "../../src/detect/fingerprint.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId, githubToken } from "../fixtures/prepublish/helpers.js";

const A = awsKeyId(11);
const B = awsKeyId(22);
const G = githubToken(33);
const leak = (key: string) => `# Post\n\naws_access_key_id=${key}\n`;

interface JsonOut {
  findings: Array<{ path: string; ruleId: string; severity: string; secret: string; suppressed?: { kind: string; justification: string } }>;
  stats: { scanned: number; findings: number; suppressed?: number };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonOut;

/** A custom rule provider in the schema of rules/*.yaml, indented to sit under `custom_rules:`. */
const ACME = `  - provider: acme
    name: Acme Corp
    revoke: https://acme.example/settings/keys
    rules:
      - id: acme.api-key
        title: Acme API key
        severity: high
        keywords: [acme_]
        pattern: '\\b(?<secret>acme_[a-z0-9]{24})\\b'
        references: [https://acme.example/docs/keys]
        examples:
          - 'ACME_KEY=acme_h4k8s2m6q1w9e3r7t5y0u2i8'
          - 'token: acme_p3o7l1k5j9n2b6v4c8x0z3a7'
        negative_examples:
          - 'ACME_KEY=acme_xxxxxxxxxxxxxxxxxxxxxxxx'
`;
const ACME_KEY = "acme_g5f1d7s3a9q2w8e4r6t0y1u7";

describe("a configuration with mistakes", () => {
  it("reports all three, each with file:line, what was given and what was expected, and scans nothing", async () => {
    const root = tempTree({
      ".postguard.yaml": [
        "# three mistakes",
        "include: content/**",
        "rules:",
        "  aws.acess-key-id: off",
        "allowlist:",
        "  secrets:",
        '    - "[unclosed"',
        "",
      ].join("\n"),
      "content/post.md": leak(A),
      // Scanning this would print a warning (invalid UTF-8): its absence shows nothing was read.
      "content/latin1.md": Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    const r = await run(["scan"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "postguard: error: 3 problems in the configuration; nothing was scanned:",
        '.postguard.yaml:2: include: expected a list of globs, got "content/**" (a string)',
        ".postguard.yaml:4: rules: unknown rule `aws.acess-key-id`; expected a rule id from `postguard rules list` or a custom rule, or a pattern such as `aws.*` (did you mean `aws.access-key-id`?)",
        '.postguard.yaml:7: allowlist.secrets[0]: expected a JavaScript regular expression, got "[unclosed" (a string) (/[unclosed/: Unterminated character class)',
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["an unknown option", "exclud: [drafts]\n", ".postguard.yaml:1: unknown option `exclud`; expected one of include, exclude, rules, custom_rules, allowlist (did you mean `exclude`?)"],
    ["a bad severity", "rules:\n  jwt.token: { severity: urgent }\n", '.postguard.yaml:2: rules[jwt.token].severity: expected one of low, medium, high, critical, got "urgent" (a string)'],
    ["a bad rule setting", "rules:\n  jwt.token: maybe\n", '.postguard.yaml:2: rules[jwt.token]: expected `on`, `off` or a mapping'],
    ["a short stopword", "allowlist:\n  stopwords: [ex]\n", '.postguard.yaml:2: allowlist.stopwords[0]: expected a word of 3 or more characters'],
    ["a bad fingerprint", "allowlist:\n  fingerprints:\n    - abc\n", '.postguard.yaml:3: allowlist.fingerprints[0]: expected a fingerprint of 32 hex digits'],
    ["broken YAML", "include: [a\nexclude: b\n", ".postguard.yaml:2: not valid YAML:"],
    ["an unquoted glob that YAML reads as an alias", "# globs\ninclude:\n  - **/*.md\n", '.postguard.yaml:3: not valid YAML: Unresolved alias (the anchor must be set before the alias): */*.md; quote globs that start with `*`, as in "**/*.md"'],
    ["a missing custom rule file", "custom_rules:\n  - ./nope.yaml\n", ".postguard.yaml:2: custom_rules[0]: expected a rule file (relative to the config's folder), got `./nope.yaml`, which cannot be read: no such file"],
    ["a custom rule reusing a built-in id", "custom_rules:\n  - provider: aws\n    name: Mine\n    rules:\n" + ACME.split("\n").slice(4).join("\n").replace("acme.api-key", "aws.access-key-id").replace("acme_]", "acme_]").replace(/^/gm, ""), ".postguard.yaml:5: custom rule aws.access-key-id: id is already used by the built-in rule in rules/aws.yaml"],
  ])("%s", async (_name, config, message) => {
    const root = tempTree({ ".postguard.yaml": config, "post.md": leak(A) });
    const r = await run(["scan"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  it("a custom rule breaking the rule schema is reported at its line in the config", async () => {
    const broken = ACME.replace("severity: high", "severity: severe").replace("pattern: '\\b(?<secret>", "pattern: '\\b(?<token>");
    const root = tempTree({ ".postguard.yaml": `custom_rules:\n${broken}`, "post.md": leak(A) });
    const r = await run(["scan"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('.postguard.yaml:6: custom rule acme.api-key: `severity` must be one of low, medium, high, critical, got "severe"');
    expect(r.stderr).toContain(".postguard.yaml:6: custom rule acme.api-key: `pattern` needs a named capture `(?<secret>...)`");
  });
});

describe("finding the configuration", () => {
  it("walks up from the scanned folder", async () => {
    const root = tempTree({ "blog/.postguard.yaml": "rules:\n  aws.access-key-id: off\n", "blog/content/post.md": leak(A), "other/post.md": leak(B) });
    const blog = await run(["scan", "--format", "json", "blog/content"], { cwd: root });
    expect(json(blog.stdout).findings).toEqual([]);
    // A folder the configuration is not above is scanned without it.
    const other = await run(["scan", "--format", "json", "--show-secrets", "other"], { cwd: root });
    expect(json(other.stdout).findings.map((f) => f.secret)).toEqual([B]);
  });

  it("--config FILE overrides, --no-config ignores it", async () => {
    const root = tempTree({ ".postguard.yaml": "rules:\n  aws.access-key-id: off\n", "strict.yaml": "rules:\n  aws.access-key-id: { severity: critical }\n", "post.md": leak(A) });
    expect(json((await run(["scan", "--format", "json"], { cwd: root })).stdout).findings).toEqual([]);
    const strict = json((await run(["scan", "--format", "json", "--config", "strict.yaml"], { cwd: root })).stdout);
    expect(strict.findings.map((f) => [f.ruleId, f.severity])).toEqual([["aws.access-key-id", "critical"]]);
    const none = json((await run(["scan", "--format", "json", "--no-config"], { cwd: root })).stdout);
    expect(none.findings.map((f) => [f.ruleId, f.severity])).toEqual([["aws.access-key-id", "high"]]);
  });

  it("--config naming a missing file is an error, not a silent default", async () => {
    const root = tempTree({ "post.md": leak(A) });
    const r = await run(["scan", "--config", "nope.yaml"], { cwd: root });
    expect(r).toMatchObject({ exitCode: 2, stdout: "" });
    expect(r.stderr).toContain("nope.yaml:1: cannot read the configuration: no such file");
  });
});

describe("what a configuration changes", () => {
  it("include and exclude choose the files (a folder name means its files)", async () => {
    const root = tempTree({
      ".postguard.yaml": "include: [content]\nexclude: ['content/drafts/**']\n",
      "content/post.md": leak(A),
      "content/drafts/wip.md": leak(B),
      "public/post.html": `<p>aws_access_key_id=${B}</p>`,
    });
    const out = json((await run(["scan", "--format", "json"], { cwd: root })).stdout);
    expect(out.stats.scanned).toBe(1);
    expect(out.findings.map((f) => f.path)).toEqual(["content/post.md"]);
  });

  it("a file named on the command line but excluded is skipped with a notice", async () => {
    const root = tempTree({ ".postguard.yaml": "exclude: [drafts]\n", "drafts/wip.md": leak(A), "post.md": leak(B) });
    const r = await run(["scan", "-q", "drafts/wip.md", "post.md"], { cwd: root });
    expect(r.stdout).toContain("post.md:3:");
    expect(r.stdout).not.toContain("wip.md");
    expect(r.stderr).toBe("postguard: skipped drafts/wip.md: not scanned under .postguard.yaml (include/exclude, or the configuration's own files)\n");
  });

  it("rules: off, a provider pattern, and a later key winning over an earlier one", async () => {
    const root = tempTree({
      ".postguard.yaml": "rules:\n  github.*: off\n  generic.*: off\n  aws.*: { severity: low }\n  aws.access-key-id: { severity: medium }\n",
      "post.md": `${leak(A)}\nexport GITHUB_TOKEN=${G}\n`,
    });
    const out = json((await run(["scan", "--format", "json"], { cwd: root })).stdout);
    expect(out.findings.map((f) => [f.ruleId, f.severity])).toEqual([["aws.access-key-id", "medium"]]);
  });

  it("allowlists by path, secret regex, stopword and fingerprint mark findings suppressed (kind config)", async () => {
    const examples = awsKeyId(44);
    const root = tempTree({
      ".postguard.yaml": [
        "allowlist:",
        "  paths: [content/examples]",
        `  secrets: ['^${B.slice(0, 10)}']`,
        "  stopwords: [acmetest]",
        `  fingerprints: [${fingerprint("aws.access-key-id", A, "content/a.md")}]`,
        "",
      ].join("\n"),
      "content/a.md": leak(A),
      "content/b.md": leak(B),
      "content/c.md": '# Post\n\ndb_password = "Zq8Vx3-Lm7Tp0Wb2-AcmeTest"\n',
      "content/examples/x.md": leak(examples),
      "content/open.md": leak(awsKeyId(55)),
    });
    const out = json((await run(["scan", "--format", "json", "--show-secrets"], { cwd: root })).stdout);
    const why = Object.fromEntries(out.findings.map((f) => [f.path, f.suppressed?.justification ?? null]));
    expect(why).toEqual({
      "content/a.md": `.postguard.yaml: allowlist.fingerprints ${fingerprint("aws.access-key-id", A, "content/a.md")}`,
      "content/b.md": `.postguard.yaml: allowlist.secrets /^${B.slice(0, 10)}/`,
      "content/c.md": '.postguard.yaml: allowlist.stopwords "acmetest"',
      "content/examples/x.md": ".postguard.yaml: allowlist.paths (content/examples/x.md)",
      "content/open.md": null,
    });
    expect(out.findings.filter((f) => f.suppressed).every((f) => f.suppressed!.kind === "config")).toBe(true);
    expect(out.stats).toMatchObject({ findings: 1, suppressed: 4 });

    const sarif = JSON.parse((await run(["scan", "--format", "sarif"], { cwd: root })).stdout);
    const kinds = (sarif.runs[0].results as Array<{ suppressions?: Array<{ kind: string }> }>).map((x) => x.suppressions?.[0]?.kind ?? null);
    expect(kinds.sort()).toEqual(["external", "external", "external", "external", null]);
  });

  it("custom rules find their secrets (the config holding their examples is not scanned); --rule can pick one", async () => {
    const root = tempTree({ ".postguard.yaml": `custom_rules:\n${ACME}`, "post.md": `ACME_KEY=${ACME_KEY}\n\n${leak(A)}` });
    const all = json((await run(["scan", "--format", "json"], { cwd: root })).stdout);
    expect(all.findings.map((f) => f.ruleId)).toEqual(["acme.api-key", "aws.access-key-id"]);
    const only = json((await run(["scan", "--format", "json", "--rule", "acme.api-key"], { cwd: root })).stdout);
    expect(only.findings.map((f) => f.ruleId)).toEqual(["acme.api-key"]);
    const text = await run(["scan", "--rule", "acme.api-key"], { cwd: root });
    expect(text.stdout).toContain("post.md:1:10: Unexpected Acme API key in prose, expected a placeholder such as `<ACME_API_KEY>`");
  });

  it("custom rules can live in their own rule files, named by path", async () => {
    const file = `provider: acme\nname: Acme Corp\nrules:\n${ACME.split("\n").slice(4).join("\n").replace(/^ {4}/gm, "")}`;
    const root = tempTree({ ".postguard.yaml": "custom_rules:\n  - ./rules/\n", "rules/acme.yaml": file, "post.md": `ACME_KEY=${ACME_KEY}\n` });
    const out = json((await run(["scan", "--format", "json"], { cwd: root })).stdout);
    expect(out.findings.map((f) => [f.path, f.ruleId])).toEqual([["post.md", "acme.api-key"]]);
  });

  it("postguard.config.mjs works like the YAML file, and its mistakes have line numbers", async () => {
    const root = tempTree({ "postguard.config.mjs": 'export default {\n  include: ["content"],\n  rules: { "aws.access-key-id": { severity: "low" } },\n};\n', "content/post.md": leak(A), "post.md": leak(B) });
    const out = json((await run(["scan", "--format", "json"], { cwd: root })).stdout);
    expect(out.findings.map((f) => [f.path, f.severity])).toEqual([["content/post.md", "low"]]);
    writeFileSync(join(root, "postguard.config.mjs"), 'export default {\n  include: "content",\n  rules: {\n    "aws.access-key-id": { severity: "urgent" },\n  },\n};\n');
    // A fresh name: Node caches an imported module by URL.
    const moved = join(root, "postguard.config.js");
    writeFileSync(moved, 'export default {\n  include: "content",\n  rules: {\n    "aws.access-key-id": { severity: "urgent" },\n  },\n};\n');
    writeFileSync(join(root, "package.json"), '{"type":"module"}');
    const r = await run(["scan", "--config", "postguard.config.js"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('postguard.config.js:2: include: expected a list of globs, got "content" (a string)');
    expect(r.stderr).toContain('postguard.config.js:4: rules[aws.access-key-id].severity: expected one of low, medium, high, critical, got "urgent" (a string)');
  });
});

describe("postguard rules check --config", () => {
  it("checks custom rules on their own examples", async () => {
    const root = tempTree({ ".postguard.yaml": `custom_rules:\n${ACME}` });
    expect(await run(["rules", "check", "--config", ".postguard.yaml"], { cwd: root })).toEqual({ exitCode: 0, stdout: "1 custom rule in .postguard.yaml: no problems\n", stderr: "" });
  });

  it("reports examples the rule misses and negative examples it finds, at the rule's line", async () => {
    const bad = ACME.replace("'token: acme_p3o7l1k5j9n2b6v4c8x0z3a7'", "'token: acme_p3o7'").replace("'ACME_KEY=acme_xxxxxxxxxxxxxxxxxxxxxxxx'", "'ACME_KEY=acme_r5t1y7u3i9o2p8a4s6d0f1g7'");
    const root = tempTree({ ".postguard.yaml": `# mine\ncustom_rules:\n${bad}` });
    const r = await run(["rules", "check", "--config", ".postguard.yaml"], { cwd: root });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      [
        '.postguard.yaml:7: acme.api-key: example 2 is not found: "token: acme_p3o7"',
        '.postguard.yaml:7: acme.api-key: negative example 1 is reported: "ACME_KEY=acme_r5t1y7u3i9o2p8a4s6d0f1g7"',
        "",
        "2 problems in 1 custom rule",
        "",
      ].join("\n"),
    );
  });

  it("reports configuration problems instead of checking", async () => {
    const root = tempTree({ ".postguard.yaml": "include: 3\n" });
    const r = await run(["rules", "check", "--config", ".postguard.yaml"], { cwd: root });
    expect(r).toEqual({ exitCode: 1, stdout: ".postguard.yaml:1: include: expected a list of globs, got 3 (a number)\n\n1 problem in .postguard.yaml\n", stderr: "" });
  });
});
