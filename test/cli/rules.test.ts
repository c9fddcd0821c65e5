/** `postguard rules list` and `postguard rules check`. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { tempTree } from "./helpers.js";

const AWS_YAML = readFileSync(fileURLToPath(new URL("../../rules/aws.yaml", import.meta.url)), "utf8");

describe("rules list", () => {
  it("prints a table of id, severity, provider and title", async () => {
    const r = await run(["rules", "list"]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+PROVIDER\s+TITLE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^aws\.access-key-id\s+high\s+aws\s+AWS access key ID$/));
    expect(lines).toContainEqual(expect.stringMatching(/^aws\.secret-access-key\s+critical\s+aws\s+AWS secret access key$/));
    // Columns line up: the severity column starts at the same place on every row.
    const col = lines[0]!.indexOf("SEVERITY");
    const row = lines.find((l) => l.startsWith("aws.access-key-id"))!;
    expect(row.slice(col).startsWith("high")).toBe(true);
  });

  it("--format json gives every rule's id, severity, provider and title", async () => {
    const r = await run(["rules", "list", "--format", "json"]);
    const rules = JSON.parse(r.stdout);
    expect(rules).toContainEqual(expect.objectContaining({ id: "aws.access-key-id", severity: "high", provider: "aws", title: "AWS access key ID", placeholder: "AWS_ACCESS_KEY_ID" }));
    expect(new Set(rules.map((x: { id: string }) => x.id)).size).toBe(rules.length);
  });
});

describe("rules check", () => {
  it("a clean rules folder: exit 0 and a one-line summary", async () => {
    const dir = tempTree({ "rules/aws.yaml": AWS_YAML });
    const r = await run(["rules", "check", "--rules-dir", "rules"], { cwd: dir });
    expect(r).toEqual({ exitCode: 0, stdout: "4 rules in 1 rule file: no problems\n", stderr: "" });
  });

  it("prints every problem as file:line: rule: message and exits 1", async () => {
    const broken = `provider: demo
name: Demo
rules:
  - id: demo.token
    title: Demo token
    severity: high
    keywords: [demo_]
    pattern: 'demo_(?<secret>[a-z0-9]{20})'
    references: [https://example.invalid/docs]
    examples: ['demo_a8f3k2m9q4w7e1r5t6y0', 'token: demo_z9x8c7v6b5n4m3l2k1j0']
    negative_examples: ['demo_<YOUR_TOKEN>']
  - id: demo.token
    title: Demo token again
    severity: high
    keywords: [demo_]
    pattern: 'demo_(?<secret>[a-z0-9]{20})'
    references: [https://example.invalid/docs]
    examples: ['demo_a8f3k2m9q4w7e1r5t6y0', 'demo_q1w2e3r4t5y6u7i8o9p0']
    negative_examples: ['nothing']
  - id: demo.unclosed
    title: Unclosed
    severity: low
    keywords: [zz]
    pattern: 'zz(?<secret>[a-z]+'
    references: [https://example.invalid/docs]
    examples: ['zzabc', 'zzdef']
    negative_examples: ['nothing']
  - id: demo.no-capture
    title: No capture
    severity: low
    keywords: [qq]
    pattern: 'qq[a-z]{8}'
    references: [https://example.invalid/docs]
    examples: ['qqabcdefgh', 'qqijklmnop']
    negative_examples: ['nothing']
  - id: demo.wrong-example
    title: Wrong example
    severity: medium
    keywords: [wx_]
    pattern: 'wx_(?<secret>[A-Z2-7]{16})'
    references: [https://example.invalid/docs]
    examples: ['wx_Q4ZT7WX2NR5KM3BV', 'wx_lowercase_is_not_it']
    negative_examples: ['nothing']
`;
    const dir = tempTree({ "my-rules/demo.yaml": broken });
    const r = await run(["rules", "check", "--rules-dir", "my-rules"], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "my-rules/demo.yaml:12: demo.token: duplicate id, first defined at my-rules/demo.yaml:4",
        expect.stringMatching(/^my-rules\/demo\.yaml:20: demo\.unclosed: `pattern` does not compile: /),
        "my-rules/demo.yaml:28: demo.no-capture: `pattern` needs a named capture `(?<secret>...)`",
        'my-rules/demo.yaml:36: demo.wrong-example: example 2 is not found: "wx_lowercase_is_not_it"',
      ]),
    );
    expect(lines[lines.length - 1]).toBe("4 problems in 1 rule file");
  });

  it("a folder without rule files, or no folder, is exit 2", async () => {
    const dir = tempTree({ "empty/readme.txt": "" });
    expect(await run(["rules", "check", "--rules-dir", "empty"], { cwd: dir })).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("no rule files") });
    expect(await run(["rules", "check", "--rules-dir", "missing"], { cwd: dir })).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("cannot read the rules folder missing") });
  });
});
