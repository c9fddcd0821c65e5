/**
 * Sources that are not crawled: a WARC file written here (one gzip member per record,
 * as web archives store them) and a GitHub organisation served by a local fake of the
 * REST API (octokit with `baseUrl`, a rate limit to wait out, tarballs behind a
 * redirect). Each must give the same findings as auditing the equivalent pages live.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { create as createTar } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { startBlog, type Blog } from "./blog-site.js";
import { githubToken } from "./secrets.js";
import { send, TestServer } from "./test-server.js";

const NETWORK = ["--concurrency", "4", "--per-host", "2", "--delay", "0", "--timeout", "5", "--retries", "1", "--retry-delay", "0.05", "--workers", "0"];

let dir: string;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "postguard-archives-"));
});

interface Finding {
  url: string;
  line: number;
  column: number;
  rule: string;
  hash: string;
}

function findings(db: string, urlPrefix = ""): Finding[] {
  const d = new Database(join(dir, db), { readonly: true });
  try {
    return (d.prepare("SELECT url, start_line, start_column, rule_id, secret_hash FROM audit_occurrences ORDER BY url, start_line, start_column").all() as Array<Record<string, string | number>>)
      .map((r) => ({ url: String(r.url).slice(urlPrefix.length), line: Number(r.start_line), column: Number(r.start_column), rule: String(r.rule_id), hash: String(r.secret_hash) }));
  } finally {
    d.close();
  }
}

function outcomes(db: string): Record<string, string> {
  const d = new Database(join(dir, db), { readonly: true });
  try {
    return Object.fromEntries((d.prepare("SELECT url, status FROM audit_pages").all() as Array<{ url: string; status: string }>).map((r) => [r.url, r.status]));
  } finally {
    d.close();
  }
}

/** One WARC record, gzipped on its own. */
function record(type: string, uri: string | undefined, contentType: string, block: Buffer): Buffer {
  const head = [
    "WARC/1.0",
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${createHash("md5").update(block).update(type).digest("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5")}>`,
    "WARC-Date: 2024-05-01T00:00:00Z",
    ...(uri ? [`WARC-Target-URI: ${uri}`] : []),
    `Content-Type: ${contentType}`,
    `Content-Length: ${block.length}`,
  ].join("\r\n");
  return gzipSync(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), block, Buffer.from("\r\n\r\n")]));
}

const httpResponse = (status: string, headers: Record<string, string>, body: Buffer) =>
  Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`), body]);

function chunked(body: Buffer): Buffer {
  const half = Math.floor(body.length / 2);
  const part = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")]);
  return Buffer.concat([part(body.subarray(0, half)), part(body.subarray(half)), Buffer.from("0\r\n\r\n")]);
}

describe("--warc", () => {
  let blog: Blog;
  afterAll(async () => blog?.close());

  it("audits archived responses like the live pages, and passes over what is not a page", async () => {
    blog = await startBlog();
    const urls = [...blog.bodies.keys()].filter((u) => !u.includes("/private/") && !u.includes("/moved.html"));
    const records: Buffer[] = [record("warcinfo", undefined, "application/warc-fields", Buffer.from("software: postguard-test\r\n"))];
    urls.forEach((url, i) => {
      const { type, body } = blog.bodies.get(url)!;
      records.push(record("request", url, "application/http; msgtype=request", Buffer.from(`GET ${new URL(url).pathname} HTTP/1.1\r\nHost: ${new URL(url).host}\r\n\r\n`)));
      // Some stored as they came over the wire: gzip-encoded and chunked.
      const payload = i % 3 === 1 ? httpResponse("200 OK", { "Content-Type": type, "Content-Encoding": "gzip", "Transfer-Encoding": "chunked" }, chunked(gzipSync(body))) : httpResponse("200 OK", { "Content-Type": type, "Content-Length": String(body.length) }, body);
      records.push(record("response", url, "application/http; msgtype=response", payload));
    });
    const token = githubToken(900);
    records.push(record("response", `${blog.a.base}/gone-in-archive.html`, "application/http; msgtype=response", httpResponse("404 Not Found", { "Content-Type": "text/html" }, Buffer.from(`<p>${token}</p>`))));
    records.push(record("response", `${blog.a.base}/logo.png`, "application/http; msgtype=response", httpResponse("200 OK", { "Content-Type": "image/png" }, Buffer.from([0x89, 0x50, 0x4e, 0x47]))));
    records.push(record("response", "http://elsewhere.example/post.html", "application/http; msgtype=response", httpResponse("200 OK", { "Content-Type": "text/html" }, Buffer.from(`<pre><code>git clone https://${token}@github.com/x/y.git</code></pre>`))));
    const wet = `Notes\nclone with\ngit clone https://${githubToken(901)}@github.com/acme/wet.git\n`;
    records.push(record("conversion", `${blog.a.base}/wet/only.html`, "text/plain", Buffer.from(wet)));
    writeFileSync(join(dir, "crawl.warc.gz"), Buffer.concat(records));
    writeFileSync(join(dir, "live.txt"), `${urls.join("\n")}\n`);

    const live = await run(["audit", "--urls", "live.txt", "--state", "live.db", ...NETWORK], { cwd: dir });
    expect(live.exitCode).toBe(1);
    const offline = await run(["audit", "--warc", "crawl.warc.gz", "--domain", "127.0.0.1", "--state", "warc.db", ...NETWORK], { cwd: dir });
    expect(offline.stderr).toBe("");
    expect(offline.exitCode).toBe(1);

    const fromWarc = findings("warc.db");
    const wetFinding = fromWarc.filter((f) => f.url.endsWith("/wet/only.html"));
    expect(wetFinding).toEqual([expect.objectContaining({ line: 3, rule: "github.personal-access-token" })]);
    expect(fromWarc.filter((f) => !f.url.endsWith("/wet/only.html"))).toEqual(findings("live.db"));
    // Pages only; the 404 capture, the image and the other domain are not audited.
    expect(Object.keys(outcomes("warc.db")).sort()).toEqual([...urls, `${blog.a.base}/wet/only.html`].sort());
    expect(new Set(Object.values(outcomes("warc.db")))).toEqual(new Set(["scanned"]));
  }, 60_000);

  it("names a WARC file it cannot read, and exits 2", async () => {
    writeFileSync(join(dir, "broken.warc"), "this is not a web archive\n");
    const r = await run(["audit", "--warc", "missing.warc.gz", "--warc", "broken.warc", "--state", "bad.db", ...NETWORK], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("missing.warc.gz: cannot read the WARC file (no such file)");
    expect(r.stderr).toMatch(/broken\.warc: cannot read the WARC file \(expected a WARC record/);
  });
});

describe("--github-org through a local GitHub API", () => {
  let api: TestServer;
  afterAll(async () => api?.close());

  /** repo -> path -> content */
  const repos: Record<string, Record<string, string>> = {
    docs: {
      "README.md": `# Docs\n\nClone:\n\n\`\`\`bash\ngit clone https://${githubToken(500)}@github.com/acme/docs.git\n\`\`\`\n`,
      "guide/deploy.md": `---\ntitle: Deploy\n---\n\nSet it:\n\n\`\`\`bash\nexport GH=${githubToken(501)}\n\`\`\`\n`,
      "guide/page.html": `<!DOCTYPE html>\n<html><body>\n<pre><code class="language-bash">git clone https://${githubToken(502)}@github.com/acme/p.git\n</code></pre>\n</body></html>\n`,
      "src/index.js": `const token = "${githubToken(503)}"; // not a post: not audited\n`,
    },
    site: {
      "content/post.mdx": `import X from "./x";\n\n# Post\n\n\`\`\`bash\ngit clone https://${githubToken(500)}@github.com/acme/docs.git\n\`\`\`\n`,
    },
  };
  const SHA = { docs: "1111111111111111111111111111111111111111", site: "2222222222222222222222222222222222222222" } as Record<string, string>;

  it("audits each repository's default branch from its tarball, like the same files served as pages", async () => {
    api = await TestServer.start();
    const A = api.base;
    const tarballs: Record<string, Buffer> = {};
    for (const [name, files] of Object.entries(repos)) {
      const root = join(dir, "tar", name);
      const top = `acme-${name}-${SHA[name]!.slice(0, 7)}`;
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, top, path)), { recursive: true });
        writeFileSync(join(root, top, path), text);
      }
      await createTar({ gzip: true, file: join(root, "repo.tar.gz"), cwd: root }, [top]);
      tarballs[name] = readFileSync(join(root, "repo.tar.gz"));
    }
    const repo = (name: string, extra: object = {}) => ({ name, full_name: `acme/${name}`, fork: false, archived: false, default_branch: "main", html_url: `${A}/acme/${name}`, owner: { login: "acme" }, ...extra });
    api.route("/api/orgs/acme/repos", (_q, res, { n, url }) => {
      // The first call finds the rate limit spent; octokit must wait for the reset.
      if (n === 1) return send(res, 403, "application/json", JSON.stringify({ message: "API rate limit exceeded" }), { "x-ratelimit-remaining": "0", "x-ratelimit-limit": "60", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 1) });
      if (url.searchParams.get("page") === "2") return send(res, 200, "application/json", JSON.stringify([repo("empty")]));
      send(res, 200, "application/json", JSON.stringify([repo("docs"), repo("site"), repo("fork-of-x", { fork: true })]), { link: `<${A}/api/orgs/acme/repos?type=all&per_page=100&page=2>; rel="next", <${A}/api/orgs/acme/repos?type=all&per_page=100&page=2>; rel="last"` });
    });
    for (const name of ["docs", "site", "empty", "fork-of-x"]) {
      api.route(`/api/repos/acme/${name}`, (_q, res) => send(res, 200, "application/json", JSON.stringify(repo(name))));
      api.route(`/api/repos/acme/${name}/branches/main`, (_q, res) =>
        SHA[name] ? send(res, 200, "application/json", JSON.stringify({ name: "main", commit: { sha: SHA[name] } })) : send(res, 404, "application/json", JSON.stringify({ message: "Branch not found" })),
      );
    }
    for (const name of ["docs", "site"]) {
      api.route(`/api/repos/acme/${name}/tarball/${SHA[name]}`, (_q, res) => send(res, 302, "text/plain", "", { location: `${A}/codeload/acme/${name}/legacy.tar.gz/${SHA[name]}` }));
      api.route(`/codeload/acme/${name}/legacy.tar.gz/${SHA[name]}`, (_q, res) => send(res, 200, "application/x-gzip", tarballs[name]!));
    }
    // The same files as pages, for the live comparison.
    const types: Record<string, string> = { md: "text/markdown", mdx: "text/markdown", html: "text/html" };
    const live: string[] = [];
    for (const [name, files] of Object.entries(repos)) {
      for (const [path, text] of Object.entries(files)) {
        const ext = path.split(".").pop()!;
        if (!types[ext]) continue;
        api.route(`/raw/acme/${name}/${path}`, (_q, res) => send(res, 200, `${types[ext]}; charset=utf-8`, text));
        live.push(`${A}/raw/acme/${name}/${path}`);
      }
    }
    writeFileSync(join(dir, "raw.txt"), `${live.join("\n")}\n`);

    const gh = await run(["audit", "--github-org", "acme", "--github-api", `${A}/api`, "--state", "gh.db", ...NETWORK], { cwd: dir, env: {} });
    expect(gh.stderr).toMatch(/GitHub rate limit on GET \S+\/orgs\/acme\/repos\S*: waiting [12] s/);
    expect(gh.exitCode).toBe(1);
    const pages = await run(["audit", "--urls", "raw.txt", "--state", "raw.db", ...NETWORK], { cwd: dir });
    expect(pages.exitCode).toBe(1);

    const norm = (fs: Finding[], from: RegExp) => fs.map((f) => ({ ...f, url: f.url.replace(from, "") })).sort((a, b) => (a.url + a.line < b.url + b.line ? -1 : 1));
    const fromRepos = norm(findings("gh.db"), new RegExp(`^${A}/acme/(\\w+)/blob/main/`));
    expect(fromRepos).toEqual(norm(findings("raw.db"), new RegExp(`^${A}/raw/acme/(\\w+)/`)));
    expect(fromRepos).toHaveLength(4);
    expect(Object.keys(outcomes("gh.db")).sort()).toEqual([`${A}/acme/docs/blob/main/README.md`, `${A}/acme/docs/blob/main/guide/deploy.md`, `${A}/acme/docs/blob/main/guide/page.html`, `${A}/acme/site/blob/main/content/post.mdx`]);
    // The fork's tarball was never asked for; the same token in two repositories is one secret.
    expect(api.paths().some((p) => p.includes("fork-of-x/tarball"))).toBe(false);
    expect(gh.stdout).toContain("3 distinct secrets");
    expect(gh.stdout).toContain(`${new URL(A).host}/acme/docs`);

    // Nothing moved: the next audit downloads no tarball and keeps the findings.
    const before = api.paths().filter((p) => p.includes("/codeload/")).length;
    const again = await run(["audit", "--github-org", "acme", "--github-api", `${A}/api`, "--state", "gh.db", ...NETWORK], { cwd: dir, env: {} });
    expect(api.paths().filter((p) => p.includes("/codeload/")).length).toBe(before);
    expect(again.stdout).toContain("unchanged 4");
    expect(again.stdout).toContain("3 distinct secrets");
  }, 60_000);
});
