/**
 * The HTML report without a browser: what goes into the markup (escaping, masking,
 * language), the numbers behind the charts, `scan --format html`, and `postguard report`'s
 * errors.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run.js";
import { jsonForScript } from "../../../src/report/html/escape.js";
import { langFromEnv } from "../../../src/report/html/i18n.js";
import { dayOf, withoutUserinfo, type HtmlReportData, type ReportSecret } from "../../../src/report/html/model.js";
import { renderHtmlReport } from "../../../src/report/html/render.js";
import { overTime, summarize, topBars } from "../../../src/report/html/summarize.js";
import { folderGrouper } from "../../../src/report/html/from-scan.js";
import { KEY_ID, KEY_ID_2, tempTree } from "../../cli/helpers.js";
import { writeAuditState } from "./state-fixture.js";

function secret(id: string, over: Partial<ReportSecret> = {}): ReportSecret {
  return {
    id,
    masked: "AKIA************",
    ruleId: "aws.access-key-id",
    title: "AWS access key ID",
    provider: "aws",
    severity: "high",
    confidence: "high",
    firstSeen: "2025-01-02T03:04:05Z",
    lastSeen: "2025-01-02T03:04:05Z",
    occurrences: [{ url: "https://a.test/p", site: "a.test", line: 1, column: 1, context: { kind: "prose" } }],
    ...over,
  };
}

function data(secrets: ReportSecret[]): HtmlReportData {
  return {
    source: "audit",
    version: "0.0.0",
    generatedAt: "2025-01-03T00:00:00Z",
    date: "2025-01-02T00:00:00Z",
    sources: [],
    pages: { scanned: 10, failed: 0, skipped: 0 },
    sites: 2,
    secrets,
    removed: 0,
    providers: { aws: { name: "Amazon Web Services", revoke: "https://console.aws.amazon.com/iam/", placeholders: { "aws.access-key-id": "AWS_ACCESS_KEY_ID" } } },
  };
}

/** The JSON the page's script reads, parsed back. */
function embedded(html: string): { urls: string[]; sites: string[]; ctxs: string[][] } {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!);
}

describe("markup", () => {
  it("keeps text from posts as text: no </script>, no tags, JSON intact", () => {
    const evil = 'https://a.test/</script><script>alert(1)</script>?q="x"&y=<b>';
    const html = renderHtmlReport(
      data([secret("1", { occurrences: [{ url: evil, site: "a.test</style>", line: 3, column: 4, context: { kind: "attribute", name: '"><img src=x onerror=alert(1)>' } }] })]),
      { lang: "en" },
    );
    // Exactly the report's own two scripts and its data block close, nothing from the post.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("a.test</style>");
    const d = embedded(html);
    expect(d.urls).toEqual([evil]);
    expect(d.sites).toEqual(["a.test</style>"]);
    expect(d.ctxs[0]).toEqual(["attribute", "", '"><img src=x onerror=alert(1)>']);
    expect(jsonForScript({ s: "</script>\u2028" })).toBe('{"s":"\\u003c/script\\u003e\\u2028"}');
  });

  it("allows only its own inline script and style, and no connection", () => {
    const html = renderHtmlReport(data([secret("1")]), { lang: "en" });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src 'sha256-[^']+';/);
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/\bsrc=["']?(?:https?:)?\/\//);
  });

  it("speaks Chinese with --lang zh, and the locale picks it by default", () => {
    const zh = renderHtmlReport(data([secret("1")]), { lang: "zh" });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("凭据泄露审计报告");
    expect(zh).toContain("吊销或轮换");
    expect(zh).not.toContain("Leaked credentials audit");
    expect(langFromEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(langFromEnv({ LC_ALL: "zh_TW", LANG: "en_US.UTF-8" })).toBe("zh");
    expect(langFromEnv({ LC_ALL: "C", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(langFromEnv({ LANG: "zu_ZA" })).toBe("en");
    expect(langFromEnv({})).toBe("en");
  });

  it("says what to do per provider: the vendor's console and the placeholder fix writes", () => {
    const html = renderHtmlReport(data([secret("1"), secret("2", { provider: "acme", ruleId: "acme.key" })]), { lang: "en" });
    const aws = /<section class="action" data-provider="aws"[\s\S]*?<\/section>/.exec(html)![0];
    expect(aws).toContain('href="https://console.aws.amazon.com/iam/"');
    expect(aws).toContain("&lt;AWS_ACCESS_KEY_ID&gt;");
    // A provider without a console says so instead of linking nowhere.
    const acme = /<section class="action" data-provider="acme"[\s\S]*?<\/section>/.exec(html)![0];
    expect(acme).toContain("No single console");
    expect(acme).toContain("&lt;ACME_KEY&gt;");
    expect(html).toContain("<code>postguard fix &lt;folder&gt;</code>");
  });

  it("says so when nothing was found", () => {
    const html = renderHtmlReport(data([]), { lang: "en" });
    expect(html).toContain("No secret was found.");
    expect(html).not.toContain('id="report-data"');
  });
});

describe("numbers", () => {
  it("counts distinct secrets: a secret on two sites counts once per site and once in total", () => {
    const two = secret("1", {
      occurrences: [
        { url: "https://a.test/1", site: "a.test", line: 1, column: 1, context: { kind: "prose" } },
        { url: "https://a.test/2", site: "a.test", line: 1, column: 1, context: { kind: "prose" } },
        { url: "https://b.test/1", site: "b.test", line: 1, column: 1, context: { kind: "prose" } },
      ],
    });
    const s = summarize(data([two, secret("2", { severity: "critical" })]), { provider: (p) => p, other: (n) => `${n} others` });
    expect(s.secrets).toBe(2);
    expect(s.occurrences).toBe(4);
    expect(s.pagesWithFindings).toBe(4); // three of the first, one of the second
    expect(s.bySite).toEqual([{ key: "a.test", label: "a.test", value: 2 }, { key: "b.test", label: "b.test", value: 1 }]);
    expect(s.bySeverity).toEqual({ critical: 1, high: 1, medium: 0, low: 0 });
  });

  it("folds the smallest categories into one 'other' bar past the limit", () => {
    const counts = new Map(Array.from({ length: 20 }, (_, i) => [`p${i}`, 100 - i] as const));
    const bars = topBars(counts, (k) => k, 15, (n) => `${n} others`);
    expect(bars).toHaveLength(15);
    expect(bars[14]).toEqual({ key: "other", label: "6 others", value: [86, 85, 84, 83, 82, 81].reduce((a, b) => a + b), folded: 6 });
  });

  it("buckets by the earliest publication date: months, or years past three years, gaps included", () => {
    const at = (...days: string[]) => secret("x", { occurrences: days.map((d, i) => ({ url: `u${i}`, site: "s", line: 1, column: 1, context: { kind: "prose" as const }, published: d })) });
    const months = overTime([at("2024-03-09", "2024-01-20"), at("2024-03-01"), secret("none")]);
    expect(months).toEqual({
      unit: "month",
      unknown: 1,
      bars: [
        { key: "2024-01", label: "2024-01", value: 1 },
        { key: "2024-02", label: "2024-02", value: 0 },
        { key: "2024-03", label: "2024-03", value: 1 },
      ],
    });
    const years = overTime([at("2019-05-01"), at("2023-12-31"), at("2023-01-01")]);
    expect(years.unit).toBe("year");
    expect(years.bars.map((b) => [b.key, b.value])).toEqual([["2019", 1], ["2020", 0], ["2021", 0], ["2022", 0], ["2023", 2]]);
  });

  it("reads dates as feeds write them and drops passwords from URLs", () => {
    expect(dayOf("2024-02-03T10:00:00+08:00")).toBe("2024-02-03");
    expect(dayOf("Tue, 05 Mar 2024 12:00:00 GMT")).toBe("2024-03-05");
    expect(dayOf("soon")).toBeUndefined();
    expect(withoutUserinfo("https://admin:hunter2@blog.test/x?a=b")).toBe("https://blog.test/x?a=b");
    expect(folderGrouper(["content/blog/a.md", "content/docs/x/b.md"])("content/docs/x/b.md")).toBe("docs");
    expect(folderGrouper(["a.md", "b.md"])("a.md")).toBe(".");
  });
});

describe("scan --format html", () => {
  it("writes the report of a scan: masked, grouped by folder, files counted", async () => {
    const post = (key: string) => `# Notes\n\n\`\`\`ini\naws_access_key_id = ${key}\n\`\`\`\n`;
    const dir = tempTree({ "site/blog/a.md": post(KEY_ID), "site/blog/b.md": post(KEY_ID), "site/docs/c.md": post(KEY_ID_2), "site/docs/clean.md": "# Nothing here\n" });
    const r = await run(["scan", "--format", "html", "--output", "report.html", "site"], { cwd: dir, env: { LANG: "zh_CN.UTF-8" } });
    expect(r.exitCode).toBe(1);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).not.toContain(KEY_ID);
    expect(html).not.toContain(KEY_ID_2);
    expect(html).toContain("AKIA************");
    expect(html).toContain('<html lang="zh-CN">');
    const card = (k: string) => new RegExp(`data-card="${k}" data-value="([^"]*)"`).exec(html)![1];
    expect(card("pages")).toBe("4");
    expect(card("secrets")).toBe("2");
    expect(card("sites")).toBe("2");
    expect(embedded(html).sites.sort()).toEqual(["blog", "docs"]);
  });

  it("keeps secrets masked even with --show-secrets", async () => {
    const dir = tempTree({ "a.md": `\`\`\`ini\naws_access_key_id = ${KEY_ID}\n\`\`\`\n` });
    const r = await run(["scan", "--format", "html", "--show-secrets", "a.md"], { cwd: dir });
    expect(r.stdout).toContain("<!DOCTYPE html>");
    expect(r.stdout).not.toContain(KEY_ID);
  });
});

describe("postguard report: bad input", () => {
  it("a missing state is an error, and no empty database is left behind", async () => {
    const dir = tempTree();
    const r = await run(["report", "--state", "nope.sqlite", "--output", "r.html"], { cwd: dir });
    expect(r).toEqual({ exitCode: 2, stdout: "", stderr: "postguard: error: cannot read the audit state nope.sqlite: no such file (`postguard audit --state FILE …` writes one)\n" });
    expect(existsSync(join(dir, "nope.sqlite"))).toBe(false);
    expect(existsSync(join(dir, "r.html"))).toBe(false);
  });

  it("a file that is not an audit state is named as such", async () => {
    const dir = tempTree({ "notes.txt": "hello\n" });
    const other = new Database(join(dir, "other.sqlite"));
    other.exec("CREATE TABLE t (x)");
    other.close();
    const a = await run(["report", "--state", "other.sqlite", "--output", "r.html"], { cwd: dir });
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toBe("postguard: error: other.sqlite is not a postguard audit state (no schema_migrations table)\n");
    const b = await run(["report", "--state", "notes.txt", "--output", "r.html"], { cwd: dir });
    expect(b.exitCode).toBe(2);
    expect(b.stderr).toMatch(/^postguard: error: .*notes\.txt.*not a (?:postguard audit state|database)/);
  });

  it.each([
    [["report", "--output", "r.html"], "postguard: `report` needs --state FILE (the audit state that `postguard audit --state FILE` wrote) or --store postgres://… (the distributed audit's database)"],
    [["report", "--state", "a.sqlite"], "postguard: `report` needs --output FILE (such as report.html), or `--output -` for stdout"],
    [["report", "--state", "a.sqlite", "-o", "r.html", "--lang", "fr"], "postguard: --lang must be one of en, zh; got `fr`"],
  ])("usage: %j", async (argv, message) => {
    const r = await run(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(message);
  });

  it("writes to stdout with --output -, and the state is left as it was", async () => {
    const dir = tempTree();
    const state = await writeAuditState(join(dir, "a.sqlite"), { sites: 2, pagesPerSite: 5, maxFindingsPerPage: 2, seed: 1 });
    const before = readFileSync(state.file);
    const r = await run(["report", "--state", "a.sqlite", "-o", "-"], { cwd: dir, env: { LC_ALL: "en_US.UTF-8" } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(r.stderr).toBe("");
    for (const s of state.secrets) expect(r.stdout).not.toContain(s.value);
    expect(readFileSync(state.file).equals(before)).toBe(true);
  });
});
