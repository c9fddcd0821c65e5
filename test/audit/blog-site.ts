/**
 * The blog the audit tests crawl: two hosts on 127.0.0.1 serving a sitemap index (one
 * child gzipped), RSS and Atom feeds, a WordPress REST API, a Forem (dev.to) API,
 * robots.txt forbidding a section, slow pages, a 429 with Retry-After, a 500 then 200,
 * a redirect loop, oversized pages, GBK pages and a non-page — with what the audit must
 * conclude for every URL, and every planted secret with the line it is on.
 */
import { gzipSync } from "node:zlib";
import { awsKeyId, awsSecret, githubToken } from "./secrets.js";
import { Concurrency, send, TestServer, wait, type Route } from "./test-server.js";

export type Outcome = "scanned" | "unchanged" | "skipped" | "failed";

export interface Planted {
  secret: string;
  line: number;
}

export interface Expected {
  url: string;
  outcome: Outcome;
  reason?: RegExp;
  attempts?: number;
  secrets: Planted[];
}

/** 1-based line of `needle` in `text`, counted here, independently of src/. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  return text.slice(0, at).split(/\r\n|\r|\n/).length;
}

/** A post in CSDN-like markup: Prism spans around the tokens of a code block. */
function csdnPost(title: string, code: string): string {
  const spans = code
    .split("\n")
    .map((l) => l.replace(/^(\w+)/, '<span class="token function">$1</span>'))
    .join("\n");
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${title}_blog-CSDN博客</title>
<script>var username = "demo"; var articleId = 100;</script></head>
<body>
<div id="content_views" class="markdown_views prism-atom-one-dark">
<h1>${title}</h1>
<p>配置如下（示例）：</p>
<pre class="set-code-show prettyprint"><code class="prism language-bash has-numbering">${spans}
</code></pre>
<p>完。</p>
</div>
</body>
</html>
`;
}

/** A post in Hugo (Chroma) markup. */
function hugoPost(title: string, code: string): string {
  const lines = code
    .split("\n")
    .map((l) => `<span class="line"><span class="cl">${l}\n</span></span>`)
    .join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><article class="post-content">
<h1>${title}</h1>
<p>Clone the deploy scripts:</p>
<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-bash" data-lang="bash">${lines}</code></pre></div>
</article></body></html>
`;
}

const clone = (token: string) => `git clone https://${token}@github.com/acme/deploy.git\ncd deploy && ./run.sh`;

export interface Blog {
  a: TestServer;
  b: TestServer;
  global: Concurrency;
  expected: Expected[];
  /** URLs the `--urls` list gives (on host B, and one on A). */
  urlList: string[];
  /** Robots-disallowed paths on A. */
  disallowed: RegExp;
  /** Serve page bodies and headers exactly as the blog does (for the WARC test). */
  bodies: Map<string, { type: string; body: Buffer }>;
  close(): Promise<void>;
}

export interface BlogOptions {
  slowMs?: number;
  tooSlowMs?: number;
}

export async function startBlog(opts: BlogOptions = {}): Promise<Blog> {
  const global = new Concurrency();
  const a = await TestServer.start(global);
  const b = await TestServer.start(global);
  const A = a.base;
  const B = b.base;
  const expected: Expected[] = [];
  const bodies = new Map<string, { type: string; body: Buffer }>();
  let seed = 1;

  /** A page on `server` at `path` holding `secrets` (GitHub tokens), in alternating markup. */
  const page = (server: TestServer, path: string, tokens: string[], outcome: Partial<Expected> = {}) => {
    const code = tokens.map(clone).join("\n") || "echo hello";
    const html = (seed++ % 2 ? csdnPost : hugoPost)(`Post ${path}`, code);
    const body = Buffer.from(html);
    const url = `${server.base}${path}`;
    bodies.set(url, { type: "text/html; charset=utf-8", body });
    if (!outcome.outcome || outcome.outcome === "scanned") {
      expected.push({ url, outcome: "scanned", secrets: tokens.map((t) => ({ secret: t, line: lineOf(html, t) })), ...outcome });
    } else expected.push({ url, secrets: [], ...outcome } as Expected);
    return { html, body, url };
  };
  const etagged =
    (body: Buffer, etag: string): Route =>
    (req, res) => {
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      send(res, 200, "text/html; charset=utf-8", body, { etag, "last-modified": "Wed, 01 May 2024 00:00:00 GMT" });
    };

  // --- host A: the blog ------------------------------------------------------------
  a.route("/robots.txt", (_q, res) => send(res, 200, "text/plain", `User-agent: *\nDisallow: /private/\n\nSitemap: ${A}/sitemap_index.xml\n`));
  const shared = githubToken(100);
  const posts = [1, 2, 3, 4, 5, 6].map((i) => {
    const tokens = i === 3 || i === 5 ? [shared] : i === 6 ? [] : [githubToken(i)];
    const p = page(a, `/posts/${i}.html`, tokens);
    a.route(`/posts/${i}.html`, etagged(p.body, `"post-${i}"`));
    return p;
  });
  const slow = [1, 2, 3].map((i) => {
    const p = page(a, `/slow/${i}.html`, i === 2 ? [githubToken(20 + i)] : []);
    a.route(`/slow/${i}.html`, async (_q, res) => {
      await wait(opts.slowMs ?? 300);
      send(res, 200, "text/html; charset=utf-8", p.body);
    });
    return p;
  });
  page(a, "/private/notes.html", [], { outcome: "skipped", reason: /disallowed by robots\.txt/ });
  a.route("/private/notes.html", (_q, res) => send(res, 200, "text/html", "<p>must never be fetched</p>"));

  const rate = page(a, "/rate-limited.html", [githubToken(30)], { attempts: 2 });
  a.route("/rate-limited.html", (_q, res, { n }) => (n === 1 ? send(res, 429, "text/plain", "slow down", { "retry-after": "1" }) : send(res, 200, "text/html", rate.body)));
  const flaky = page(a, "/flaky.html", [githubToken(31)], { attempts: 2 });
  a.route("/flaky.html", (_q, res, { n }) => (n === 1 ? send(res, 500, "text/plain", "oops") : send(res, 200, "text/html", flaky.body)));
  expected.push({ url: `${A}/always-500.html`, outcome: "failed", reason: /^HTTP 500 Internal Server Error \(2 attempts\)$/, attempts: 2, secrets: [] });
  a.route("/always-500.html", (_q, res) => send(res, 500, "text/plain", "oops"));
  expected.push({ url: `${A}/too-slow.html`, outcome: "failed", reason: /^timed out after 1 s \(2 attempts\)$/, attempts: 2, secrets: [] });
  a.route("/too-slow.html", async (_q, res) => {
    await wait(opts.tooSlowMs ?? 2500);
    send(res, 200, "text/html", "<p>late</p>");
  });
  expected.push({ url: `${A}/loop-a.html`, outcome: "failed", reason: new RegExp(`^redirect loop: ${A}/loop-a\\.html -> ${A}/loop-b\\.html -> ${A}/loop-a\\.html$`), secrets: [] });
  a.route("/loop-a.html", (_q, res) => send(res, 302, "text/plain", "", { location: "/loop-b.html" }));
  a.route("/loop-b.html", (_q, res) => send(res, 302, "text/plain", "", { location: `${A}/loop-a.html` }));
  // A redirect to a page outside the sitemap: the finding belongs to the listed URL.
  const target = page(a, "/moved.html", [githubToken(32)]);
  a.route("/moved.html", (_q, res) => send(res, 301, "text/plain", "", { location: "/archive/moved-here.html" }));
  a.route("/archive/moved-here.html", (_q, res) => send(res, 200, "text/html", target.body));
  expected.push({ url: `${A}/big.html`, outcome: "skipped", reason: /^too large: over the 1 MB limit \(Content-Length 3 MB\)$/, secrets: [] });
  a.route("/big.html", (_q, res) => {
    res.writeHead(200, { "content-type": "text/html", "content-length": String(3 * 1024 * 1024) });
    res.write(Buffer.alloc(64 * 1024, 0x61));
    // The rest never comes unless asked for; the client must give up on its own.
  });
  expected.push({ url: `${A}/big-chunked.html`, outcome: "skipped", reason: /^too large: over the 1 MB limit$/, secrets: [] });
  a.route("/big-chunked.html", async (_q, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    for (let i = 0; i < 32 && !res.destroyed; i++) {
      res.write(Buffer.alloc(64 * 1024, 0x62));
      await wait(1);
    }
    res.end();
  });
  expected.push({ url: `${A}/image.png`, outcome: "skipped", reason: /^not a page: Content-Type image\/png$/, secrets: [] });
  a.route("/image.png", (_q, res) => send(res, 200, "image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
  expected.push({ url: `${A}/gone.html`, outcome: "failed", reason: /^HTTP 404 Not Found$/, attempts: 1, secrets: [] });

  // GBK pages: the charset from the header, and from <meta> alone.
  const zh = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xc3, 0xdc, 0xd4, 0xbf, 0xc5, 0xe4, 0xd6, 0xc3, 0xb2, 0xbb, 0xd2, 0xaa, 0xd0, 0xb9, 0xc2, 0xb6]);
  const gbkPage = (meta: boolean, token: string) => {
    const parts = [
      Buffer.from(`<!DOCTYPE html>\n<html><head>${meta ? '<meta charset="gbk">' : ""}<title>GBK</title></head>\n<body>\n<p>`),
      zh,
      Buffer.from("</p>\n<p>"),
      zh,
      Buffer.from(`</p>\n<pre><code class="language-bash">${clone(token)}\n</code></pre>\n<p>`),
      zh,
      Buffer.from("</p>\n</body></html>\n"),
    ];
    return Buffer.concat(parts);
  };
  for (const [path, meta, type] of [["/gbk.html", false, "text/html; charset=GBK"], ["/gbk-meta.html", true, "text/html"]] as const) {
    const token = githubToken(path.length * 3);
    const body = gbkPage(meta, token);
    const text = new TextDecoder("gbk").decode(body);
    expected.push({ url: `${A}${path}`, outcome: "scanned", secrets: [{ secret: token, line: lineOf(text, token) }] });
    bodies.set(`${A}${path}`, { type, body });
    a.route(path, (_q, res) => send(res, 200, type, body));
  }
  // Markdown served as such.
  const mdToken = githubToken(40);
  const md = `# Deploy\n\nSome text.\n\n\`\`\`bash\n${clone(mdToken)}\n\`\`\`\n`;
  expected.push({ url: `${A}/notes/readme.md`, outcome: "scanned", secrets: [{ secret: mdToken, line: lineOf(md, mdToken) }] });
  a.route("/notes/readme.md", (_q, res) => send(res, 200, "text/markdown; charset=utf-8", md));

  // Sitemaps: an index, a plain child and a gzipped one.
  const urlset = (paths: string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${paths.map((p) => `  <url><loc>${A}${p}</loc><lastmod>2024-05-01</lastmod></url>`).join("\n")}\n</urlset>\n`;
  a.route("/sitemap_index.xml", (_q, res) =>
    send(
      res,
      200,
      "application/xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>${A}/sitemap-posts.xml</loc></sitemap>\n  <sitemap><loc>${A}/sitemap-misc.xml.gz</loc></sitemap>\n</sitemapindex>\n`,
    ),
  );
  a.route("/sitemap-posts.xml", (_q, res) => send(res, 200, "application/xml", urlset([...posts.map((p) => new URL(p.url).pathname), ...slow.map((p) => new URL(p.url).pathname), "/private/notes.html"])));
  const misc = ["/rate-limited.html", "/flaky.html", "/always-500.html", "/too-slow.html", "/loop-a.html", "/moved.html", "/big.html", "/big-chunked.html", "/image.png", "/gbk.html", "/gbk-meta.html", "/notes/readme.md"];
  a.route("/sitemap-misc.xml.gz", (_q, res) => send(res, 200, "application/gzip", gzipSync(urlset(misc))));

  // Feeds: RSS links a post the sitemap has and one it has not; Atom likewise.
  const rssOnly = page(a, "/rss/only.html", [githubToken(50)]);
  a.route("/rss/only.html", (_q, res) => send(res, 200, "text/html", rssOnly.body));
  const atomOnly = page(a, "/atom/only.html", [githubToken(51)]);
  a.route("/atom/only.html", (_q, res) => send(res, 200, "text/html", atomOnly.body));
  a.route("/feed.xml", (_q, res) =>
    send(
      res,
      200,
      "application/rss+xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Blog</title><link>${A}/</link>\n<item><title>One</title><link>${A}/posts/1.html</link><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>\n<item><title>RSS only</title><link>${A}/rss/only.html</link><guid isPermaLink="false">x-1</guid><pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate></item>\n</channel></rss>\n`,
    ),
  );
  a.route("/atom.xml", (_q, res) =>
    send(
      res,
      200,
      "application/atom+xml",
      `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>\n<entry><title>Two</title><link rel="alternate" type="text/html" href="${A}/posts/2.html"/><updated>2024-05-03T00:00:00Z</updated></entry>\n<entry><title>Atom only</title><link href="${A}/atom/only.html"/><link rel="edit" href="${A}/wp-admin/edit/9"/><updated>2024-05-04T00:00:00Z</updated></entry>\n</feed>\n`,
    ),
  );

  // WordPress REST API: two pages of posts, content inline.
  const wpPosts = [60, 61, 62].map((i) => {
    const token = i === 61 ? awsKeyId(i) : githubToken(i);
    const rendered = i === 61 ? `<p>Config:</p>\n<pre class="wp-block-code"><code>[default]\naws_access_key_id = ${token}\naws_secret_access_key = ${awsSecret(i)}\n</code></pre>\n` : `<p>Clone:</p>\n<pre class="wp-block-code"><code>${clone(token)}</code></pre>\n`;
    const link = `${A}/wp/post-${i}/`;
    const secret = i === 61 ? awsSecret(i) : token;
    expected.push({ url: link, outcome: "scanned", secrets: [{ secret, line: lineOf(rendered, secret) }] });
    return { id: i, link, date_gmt: "2024-05-01T10:00:00", modified_gmt: "2024-05-02T10:00:00", content: { rendered, protected: false } };
  });
  a.route("/wp-json/wp/v2/posts", (_q, res, { url }) => {
    const p = Number(url.searchParams.get("page") ?? 1);
    const slice = p === 1 ? wpPosts.slice(0, 2) : p === 2 ? wpPosts.slice(2) : [];
    send(res, 200, "application/json; charset=UTF-8", JSON.stringify(slice), { "x-wp-total": "3", "x-wp-totalpages": "2" });
  });

  // --- host B: a dev.to-style Forem API and a few pages ----------------------------
  const articles = [70, 71, 72].map((i) => {
    const token = githubToken(i);
    const body_markdown = `---\ntitle: Deploying ${i}\n---\n\nSteps:\n\n\`\`\`bash\n${clone(token)}\n\`\`\`\n`;
    const url = `${B}/alice/deploying-${i}`;
    expected.push({ url, outcome: "scanned", secrets: [{ secret: token, line: lineOf(body_markdown, token) }] });
    return { id: i, url, published_at: "2024-05-01T00:00:00Z", edited_at: null, body_markdown };
  });
  b.route("/api/articles", (_q, res, { url }) => {
    const p = Number(url.searchParams.get("page") ?? 1);
    // This server caps a page at two articles, whatever per_page asks for.
    const list = articles.slice((p - 1) * 2, p * 2).map(({ body_markdown: _b, ...rest }) => rest);
    send(res, 200, "application/json", JSON.stringify(list));
  });
  b.pattern(/^\/api\/articles\/\d+$/, (_q, res, { url }) => {
    const a = articles.find((x) => url.pathname.endsWith(`/${x.id}`));
    if (!a) return send(res, 404, "application/json", "{}");
    send(res, 200, "application/json", JSON.stringify(a));
  });
  const bPages = [80, 81, 82, 83].map((i) => {
    const p = page(b, `/b/${i}.html`, i === 83 ? [shared] : [githubToken(i)]);
    b.route(`/b/${i}.html`, (_q, res) => send(res, 200, "text/html; charset=utf-8", p.body));
    return p;
  });

  return {
    a,
    b,
    global,
    expected,
    urlList: [...bPages.map((p) => p.url), `${A}/gone.html`],
    disallowed: /^\/private\//,
    bodies,
    close: async () => {
      await Promise.all([a.close(), b.close()]);
    },
  };
}
