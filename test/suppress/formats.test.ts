/**
 * The machine and CI formats wired into `scan --format`: GitHub workflow annotations and
 * the Markdown summary show open findings only; JSON Lines lists every finding, marked.
 */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId } from "../fixtures/prepublish/helpers.js";

const A = awsKeyId(901);
const B = awsKeyId(902);
const post = `# Keys\n\n<!-- postguard-ignore-next-line -->\nExample: aws_access_key_id=${A}\n\nReal: aws_access_key_id=${B}\n`;

describe("scan --format github | markdown | jsonl", () => {
  it("github: one annotation per open finding, none for the suppressed one", async () => {
    const r = await run(["scan", "--no-config", "--format", "github", "post.md"], { cwd: tempTree({ "post.md": post }) });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error file=post\.md,line=6,endLine=6,col=\d+,endColumn=\d+,title=postguard%3A AWS access key ID::/);
    expect(r.stdout).not.toContain(B);
  });

  it("markdown: a summary table of the open findings", async () => {
    const r = await run(["scan", "--no-config", "--format", "markdown", "post.md"], { cwd: tempTree({ "post.md": post }) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^### postguard\n/);
    expect(r.stdout).toContain("`post.md:6:");
    expect(r.stdout).not.toContain("`post.md:4:");
    expect(r.stdout).not.toContain(B);
  });

  it("jsonl: one line per finding, the suppressed one marked", async () => {
    const r = await run(["scan", "--no-config", "--format", "jsonl", "post.md"], { cwd: tempTree({ "post.md": post }) });
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { start: { line: number }; suppressed?: { kind: string } });
    expect(lines.map((l) => [l.start.line, l.suppressed?.kind ?? null])).toEqual([
      [4, "inline"],
      [6, null],
    ]);
  });
});
