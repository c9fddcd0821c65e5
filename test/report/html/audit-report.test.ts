/**
 * `postguard audit … --report FILE`: a real audit of a feed served on 127.0.0.1 by the
 * test, ending in the HTML report of its state, with the feed's publication dates on
 * the time chart and none of the planted values in the file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run.js";
import { tempTree } from "../../cli/helpers.js";
import { awsKeyId, githubToken } from "../../audit/secrets.js";
import { send, TestServer } from "../../audit/test-server.js";

const NETWORK = ["--concurrency", "2", "--per-host", "2", "--delay", "0", "--timeout", "2", "--retries", "0", "--workers", "0", "--quiet"];

describe("audit --report", () => {
  let server: TestServer;
  const posts = [
    { path: "/2024/01/a.html", date: "Mon, 15 Jan 2024 10:00:00 GMT", secret: githubToken(1) },
    { path: "/2024/03/b.html", date: "Fri, 01 Mar 2024 10:00:00 GMT", secret: awsKeyId(2) },
    { path: "/2024/03/c.html", date: "Sat, 02 Mar 2024 10:00:00 GMT", secret: githubToken(1) }, // the same token again
  ];

  beforeAll(async () => {
    server = await TestServer.start();
    const base = server.base;
    server.route("/feed.xml", (_q, res) =>
      send(res, 200, "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>${posts.map((p) => `<item><link>${base}${p.path}</link><pubDate>${p.date}</pubDate></item>`).join("")}</channel></rss>`),
    );
    for (const p of posts) {
      server.route(p.path, (_q, res) => send(res, 200, "text/html; charset=utf-8", `<html><body><h1>Setup</h1><pre><code class="language-bash">export TOKEN=${p.secret}\n</code></pre></body></html>`));
    }
  });

  afterAll(() => server.close());

  it("writes the report of the state when the audit ends", async () => {
    const dir = tempTree();
    const r = await run(["audit", "--feed", `${server.base}/feed.xml`, "--state", "state.db", "--report", "out/report.html", ...NETWORK], { cwd: dir, env: { LANG: "en_US.UTF-8" } });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.exitCode).toBe(1); // findings
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    const attr = (sel: string, k: string) => new RegExp(`${sel} data-value="([^"]*)"`).exec(html)?.[1] ?? `no ${k}`;
    expect(attr('data-card="pages"', "pages")).toBe("3");
    expect(attr('data-card="secrets"', "secrets")).toBe("2");
    expect(attr('data-card="sites"', "sites")).toBe("1");
    // The token first published in January counts there; the key in March; February is an empty bar.
    const time = /<svg class="chart" data-chart="time"[\s\S]*?<\/svg>/.exec(html)![0];
    const marks = [...time.matchAll(/data-category="([^"]+)" data-value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(marks).toEqual([["2024-01", 1], ["2024-02", 0], ["2024-03", 1]]);
    for (const p of posts) expect(html).not.toContain(p.secret);
  });

  it("refuses a report file name it cannot use", async () => {
    const r = await run(["audit", "--feed", `${server.base}/feed.xml`, "--report", "-"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^postguard: --report needs a file name such as report.html\n/);
  });
});
