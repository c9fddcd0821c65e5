/**
 * Inline suppressions: each form hides exactly what it names and nothing else, is listed
 * as suppressed (never dropped) in JSON and SARIF, can be audited with
 * --no-inline-ignore, and the markdown forms leave no trace in the page remark renders.
 */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { fingerprint } from "../../src/detect/fingerprint.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId, githubToken, renderMarkdown } from "../fixtures/prepublish/helpers.js";

const A = awsKeyId(101);
const B = awsKeyId(202);
const G = githubToken(303);
const GH = "github.personal-access-token";
const fence = "```";

interface Case {
  name: string;
  file?: string;
  post: string;
  hidden: string[];
  shown: string[];
  /** Markdown forms must leave no trace in the rendered page; in-code markers live in code by design. */
  rendered: boolean;
}

const cases: Case[] = [
  {
    name: "<!-- postguard-ignore-next-line --> hides the next line only",
    post: `# Keys\n\n<!-- postguard-ignore-next-line -->\nThe example key is aws_access_key_id=${A} from the docs.\n\nThe real one is aws_access_key_id=${B}.\n`,
    hidden: [A],
    shown: [B],
    rendered: true,
  },
  {
    name: "next-line naming a rule hides that rule's finding and not another on the same line",
    post: `# Keys\n\n<!-- postguard-ignore-next-line ${GH} -- a revoked demo token -->\nRun \`GITHUB_TOKEN=${G}\` and \`aws_access_key_id=${A}\`.\n`,
    hidden: [G],
    shown: [A],
    rendered: true,
  },
  {
    name: "ignore-start / ignore-end hide the region between them",
    post: `# Keys\n\n<!-- postguard-ignore-start -->\n${fence}ini\naws_access_key_id = ${A}\n${fence}\n<!-- postguard-ignore-end -->\n\n${fence}ini\naws_access_key_id = ${B}\n${fence}\n`,
    hidden: [A],
    shown: [B],
    rendered: true,
  },
  {
    name: "a fence flagged postguard-ignore hides its block",
    post: `# Keys\n\n${fence}ini postguard-ignore\naws_access_key_id = ${A}\n${fence}\n\n${fence}ini\naws_access_key_id = ${B}\n${fence}\n`,
    hidden: [A],
    shown: [B],
    rendered: true,
  },
  {
    name: "a fence flag naming a rule hides only that rule in the block",
    post: `# Keys\n\n${fence}bash postguard-ignore=${GH}\nexport GITHUB_TOKEN=${G}\nexport AWS_ACCESS_KEY_ID=${A}\n${fence}\n`,
    hidden: [G],
    shown: [A],
    rendered: true,
  },
  {
    name: "front matter postguard.ignore with a rule id hides that rule in the whole file",
    post: `---\ntitle: Tokens\npostguard:\n  ignore: [${GH}]\n---\n\nRun \`GITHUB_TOKEN=${G}\`.\n\nAnd \`aws_access_key_id=${A}\`.\n`,
    hidden: [G],
    shown: [A],
    rendered: true,
  },
  {
    name: "front matter postguard.ignore with a fingerprint hides that one finding",
    post: `---\ntitle: Keys\npostguard: { ignore: [${fingerprint("aws.access-key-id", A, "post.md")}] }\n---\n\nOld: aws_access_key_id=${A}\n\nNew: aws_access_key_id=${B}\n`,
    hidden: [A],
    shown: [B],
    rendered: true,
  },
  {
    name: "TOML front matter (Hugo) [postguard] ignore",
    post: `+++\ntitle = "Tokens"\n[postguard]\nignore = ["${GH}"]\n+++\n\nRun \`GITHUB_TOKEN=${G}\` and \`aws_access_key_id=${A}\`.\n`,
    hidden: [G],
    shown: [A],
    rendered: true,
  },
  {
    name: "MDX comment {/* postguard-ignore-next-line */}",
    file: "post.mdx",
    post: `# Keys\n\n{/* postguard-ignore-next-line */}\nThe example key is aws_access_key_id=${A}.\n\nThe real one is aws_access_key_id=${B}.\n`,
    hidden: [A],
    shown: [B],
    rendered: false,
  },
  {
    name: "HTML pages take the same comment markers",
    file: "page.html",
    post: `<article>\n<!-- postguard-ignore-next-line -->\n<p>Example: aws_access_key_id=${A}</p>\n<p>Real: aws_access_key_id=${B}</p>\n</article>\n`,
    hidden: [A],
    shown: [B],
    rendered: false,
  },
  ...(
    [
      ["postguard:allow", "#"],
      ["gitleaks:allow", "#"],
      ["pragma: allowlist secret", "#"],
      ["secretlint-disable-line", "#"],
    ] as const
  ).map(([marker, comment]) => ({
    name: `in-code \`${marker}\` on the finding's line`,
    post: `${fence}bash\nexport AWS_ACCESS_KEY_ID=${A} ${comment} ${marker}\nexport AWS_ACCESS_KEY_ID=${B}\n${fence}\n`,
    hidden: [A],
    shown: [B],
    rendered: false,
  })),
  ...(["secretlint-disable-next-line", "pragma: allowlist nextline secret"] as const).map((marker) => ({
    name: `in-code \`${marker}\` on the line before`,
    post: `${fence}bash\n# ${marker}\nexport AWS_ACCESS_KEY_ID=${A}\nexport AWS_ACCESS_KEY_ID=${B}\n${fence}\n`,
    hidden: [A],
    shown: [B],
    rendered: false,
  })),
];

interface JsonFinding {
  secret: string;
  ruleId: string;
  start: { line: number };
  suppressed?: { kind: string; justification: string };
  notes?: string[];
}

async function scanJson(file: string, post: string, extra: string[] = []) {
  const root = tempTree({ [file]: post });
  const r = await run(["scan", "--format", "json", "--show-secrets", "--no-config", ...extra, file], { cwd: root });
  return { r, report: JSON.parse(r.stdout) as { findings: JsonFinding[]; stats: { findings: number; suppressed?: number } } };
}

describe("each suppression form hides exactly what it names", () => {
  it.each(cases)("$name", async (c) => {
    const file = c.file ?? "post.md";
    const { r, report } = await scanJson(file, c.post);
    const hidden = report.findings.filter((f) => f.suppressed).map((f) => f.secret);
    const shown = report.findings.filter((f) => !f.suppressed).map((f) => f.secret);
    expect(hidden.sort()).toEqual([...c.hidden].sort());
    expect(shown.sort()).toEqual([...c.shown].sort());
    for (const f of report.findings.filter((x) => x.suppressed)) {
      expect(f.suppressed!.kind).toBe("inline");
      expect(f.suppressed!.justification).toMatch(/ at line \d+$/);
    }
    expect(report.stats).toMatchObject({ findings: c.shown.length, suppressed: c.hidden.length });
    // The open finding still fails the check.
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("");
  });

  it.each(cases.filter((c) => c.rendered))("$name: nothing of it shows on the rendered page", (c) => {
    const html = renderMarkdown(c.post);
    expect(html).not.toMatch(/postguard/i);
    // Renderers that pass raw HTML through keep the comment, but only as an HTML comment.
    const raw = renderMarkdown(c.post, { allowHtml: true });
    expect(raw.replace(/<!--[\s\S]*?-->/g, "")).not.toMatch(/postguard/i);
    // The secrets the test hides are still in the page: suppression changes the report, not the post.
    for (const s of c.hidden) expect(html).toContain(s);
  });
});

describe("what is not a suppression", () => {
  it("a marker shown inside a code block is code, not a directive", async () => {
    const post = `How to hide a line:\n\n${fence}md\n<!-- postguard-ignore-next-line -->\n${fence}\naws_access_key_id=${A}\n`;
    const { report } = await scanJson("post.md", post);
    expect(report.findings.map((f) => [f.secret, Boolean(f.suppressed)])).toEqual([[A, false]]);
  });

  it("a marker quoted in inline code is not a directive", async () => {
    const post = `Write \`<!-- postguard-ignore-next-line -->\` above it:\naws_access_key_id=${A}\n`;
    const { report } = await scanJson("post.md", post);
    expect(report.findings.filter((f) => f.suppressed)).toEqual([]);
  });

  it("an ignore-start without an end hides nothing and says so", async () => {
    const post = `<!-- postguard-ignore-start -->\n\naws_access_key_id=${A}\n`;
    const { r, report } = await scanJson("post.md", post);
    expect(report.findings.filter((f) => f.suppressed)).toEqual([]);
    expect(r.stderr).toContain("postguard: warning: post.md: line 1: `<!-- postguard-ignore-start -->` has no `postguard-ignore-end` after it, so it hides nothing");
  });

  it("an empty front-matter ignore list hides nothing", async () => {
    const post = `---\npostguard:\n  ignore: []\n---\n\naws_access_key_id=${A}\n`;
    const { report } = await scanJson("post.md", post);
    expect(report.findings.map((f) => Boolean(f.suppressed))).toEqual([false]);
  });

  it("a malformed front-matter entry hides nothing and says why", async () => {
    const post = `---\npostguard:\n  ignore: aws.access-key-id\n---\n\naws_access_key_id=${A}\n`;
    const { r, report } = await scanJson("post.md", post);
    expect(report.findings.map((f) => Boolean(f.suppressed))).toEqual([false]);
    expect(r.stderr).toContain("post.md: line 2: front matter `postguard` must be `{ ignore: [rule ids or fingerprints] }`; it hides nothing");
  });
});

describe("suppressed findings are reported, not dropped", () => {
  const post = cases[0]!.post;

  it("--no-inline-ignore reports what the markers hide, with the marker named", async () => {
    const { r, report } = await scanJson("post.md", post, ["--no-inline-ignore"]);
    expect(r.exitCode).toBe(1);
    expect(report.findings.filter((f) => f.suppressed)).toEqual([]);
    const audited = report.findings.find((f) => f.secret === A)!;
    expect(audited.notes).toContain("suppression ignored (--no-inline-ignore): <!-- postguard-ignore-next-line --> at line 3");
  });

  it("SARIF lists a suppressed result with an inSource suppression", async () => {
    const root = tempTree({ "post.md": post });
    const r = await run(["scan", "--format", "sarif", "--no-config", "post.md"], { cwd: root });
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ suppressions?: Array<{ kind: string; status: string; justification: string }>; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
    expect(results).toHaveLength(2);
    const suppressed = results.filter((x) => x.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.locations[0]!.physicalLocation.region.startLine).toBe(4);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: "inSource", status: "accepted", justification: "<!-- postguard-ignore-next-line --> at line 3" }]);
    expect(r.exitCode).toBe(1);
  });

  it("JSON Lines carry the suppressed finding, marked", async () => {
    const root = tempTree({ "post.md": post });
    const r = await run(["scan", "--format", "jsonl", "--no-config", "post.md"], { cwd: root });
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as JsonFinding);
    expect(lines.map((l) => [l.start.line, l.suppressed?.kind ?? null])).toEqual([
      [4, "inline"],
      [6, null],
    ]);
    expect(r.stdout).not.toContain(A);
  });

  it("text output says how many were suppressed and how to see them", async () => {
    const root = tempTree({ "post.md": post });
    const r = await run(["scan", "--no-config", "post.md"], { cwd: root });
    expect(r.stdout).toContain("1 finding (1 high) in 1 file. Scanned 1 file.\n1 suppressed finding not shown (1 inline); --format json lists them, --no-inline-ignore reports the inline ones.\n");
    expect(r.stdout).not.toContain(":4:");
  });

  it("a post whose only finding is suppressed passes", async () => {
    const root = tempTree({ "post.md": `<!-- postguard-ignore-next-line -->\naws_access_key_id=${A}\n` });
    const r = await run(["scan", "--no-config", "post.md"], { cwd: root });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("No credentials found. Scanned 1 file.\n1 suppressed finding not shown (1 inline); --format json lists them, --no-inline-ignore reports the inline ones.\n");
  });
});
