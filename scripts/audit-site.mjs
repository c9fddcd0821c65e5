/**
 * A synthetic blog for the audit benchmark: `pageCount` posts of about 150 KB each, with
 * the markup of the platforms postguard audits (CSDN's Prism spans, WordPress's
 * SyntaxHighlighter tables, Hugo's Chroma tables, cnblogs' highlight.js), the chrome a
 * real page carries (inline scripts and styles, navigation, sidebars, comments), and
 * code that talks about credentials the way posts do: placeholders, environment
 * variables, `${{ secrets.X }}`. One post in `leakEvery` holds a synthetic credential.
 *
 * Pages are built from the index alone (a seeded PRNG); the server keeps a pool of 256
 * built pages, so it serves 20,000 without holding them or spending the CPU the audit needs.
 */
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

/** Seeded PRNG (mulberry32): the same index gives the same page. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(s) {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function base62(n, width) {
  let s = "";
  for (; n > 0; n = Math.floor(n / 62)) s = BASE62[n % 62] + s;
  return s.padStart(width, "0");
}
const chars = (r, alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join("");

/** Synthetic credentials, made up here: an AWS key pair and a GitHub token with a valid checksum. */
export function syntheticSecrets(r) {
  const body = chars(r, BASE62, 30);
  return {
    awsKeyId: `AKIA${chars(r, BASE32, 16)}`,
    awsSecret: chars(r, BASE62 + "/+", 40),
    githubToken: `ghp_${body}${base62(crc32(body), 6)}`,
  };
}

const WORDS_EN =
  "the deploy service config cluster request response cache queue worker build release migration schema index latency throughput container image volume network route handler middleware client server session cookie header payload retry timeout backoff replica shard partition snapshot rollback pipeline artifact runner secret vault rotate token credential policy role bucket region endpoint proxy gateway".split(" ");
const WORDS_ZH = "部署 服务 配置 集群 请求 响应 缓存 队列 构建 发布 迁移 索引 延迟 容器 镜像 网络 路由 会话 重试 超时 副本 分片 快照 回滚 流水线 凭证 密钥 权限 存储桶 地域 网关 代理 数据库 连接池 日志 监控 告警".split(" ");

function sentence(r, zh) {
  const n = 8 + Math.floor(r() * 14);
  if (zh) return `${Array.from({ length: n }, () => pick(r, WORDS_ZH)).join("")}。`;
  const s = Array.from({ length: n }, () => pick(r, WORDS_EN)).join(" ");
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}
const paragraph = (r, zh) => Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence(r, zh)).join(zh ? "" : " ");

/** What posts put in code blocks: config and commands with placeholders, never a value. */
const SNIPPETS = [
  { lang: "bash", code: 'export AWS_ACCESS_KEY_ID=<your-access-key-id>\nexport AWS_SECRET_ACCESS_KEY=<your-secret-access-key>\naws s3 ls s3://my-bucket --region us-east-1' },
  { lang: "yaml", code: "spring:\n  datasource:\n    url: jdbc:mysql://localhost:3306/demo\n    username: root\n    password: ${DB_PASSWORD}\n  redis:\n    host: 127.0.0.1\n    port: 6379" },
  { lang: "python", code: 'import os\nimport requests\n\ntoken = os.environ["GITHUB_TOKEN"]\nresp = requests.get("https://api.github.com/user", headers={"Authorization": f"token {token}"})\nprint(resp.json()["login"])' },
  { lang: "javascript", code: "const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nconst res = await client.chat.completions.create({\n  model: 'gpt-4o-mini',\n  messages: [{ role: 'user', content: 'hello' }],\n});\nconsole.log(res.choices[0].message.content);" },
  { lang: "yaml", code: "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run build\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}" },
  { lang: "java", code: 'OSS ossClient = new OSSClientBuilder().build(endpoint, accessKeyId, accessKeySecret);\nossClient.putObject(bucketName, objectName, new File(localFile));\nossClient.shutdown();' },
  { lang: "go", code: 'func main() {\n\tdb, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tdefer db.Close()\n\trows, _ := db.Query("SELECT id, name FROM users LIMIT 10")\n\t_ = rows\n}' },
  { lang: "shell", code: "docker run -d --name pg -e POSTGRES_PASSWORD=<password> -p 5432:5432 postgres:16\nkubectl create secret generic app --from-literal=api-key=$API_KEY\nkubectl rollout restart deploy/app" },
  { lang: "ini", code: "[default]\naws_access_key_id = YOUR_ACCESS_KEY_ID\naws_secret_access_key = YOUR_SECRET_ACCESS_KEY\nregion = ap-southeast-1\noutput = json" },
  { lang: "sql", code: "CREATE TABLE users (\n  id BIGINT PRIMARY KEY,\n  email VARCHAR(255) NOT NULL,\n  password_hash CHAR(60) NOT NULL,\n  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n);\nCREATE INDEX idx_users_email ON users(email);" },
  { lang: "typescript", code: "export async function handler(event: APIGatewayProxyEvent) {\n  const body = JSON.parse(event.body ?? '{}');\n  const item = await ddb.get({ TableName: process.env.TABLE!, Key: { id: body.id } });\n  return { statusCode: 200, body: JSON.stringify(item.Item) };\n}" },
  { lang: "nginx", code: "server {\n    listen 443 ssl;\n    server_name example.com;\n    ssl_certificate /etc/ssl/example.crt;\n    location /api/ {\n        proxy_pass http://127.0.0.1:8080;\n        proxy_set_header Authorization $http_authorization;\n    }\n}" },
];

/** A planted leak: a block that really holds a (synthetic) credential. */
function leakSnippet(r) {
  const s = syntheticSecrets(r);
  return r() < 0.5
    ? { lang: "ini", code: `[default]\naws_access_key_id = ${s.awsKeyId}\naws_secret_access_key = ${s.awsSecret}\nregion = us-west-2`, secrets: [s.awsKeyId] }
    : { lang: "bash", code: `git clone https://${s.githubToken}@github.com/acme/deploy-scripts.git\ncd deploy-scripts && ./run.sh`, secrets: [s.githubToken] };
}

/** Highlighter markup per platform; `tok` wraps a token the way that highlighter does. */
function highlight(platform, lang, code) {
  const lines = code.split("\n");
  const tokens = (line, wrap) => line.split(/(\s+)/).map((t, i) => (t.trim() && i % 4 === 0 ? wrap(t) : esc(t))).join("");
  if (platform === "csdn") {
    const body = lines.map((l) => tokens(l, (t) => `<span class="token keyword">${esc(t)}</span>`)).join("\n");
    const nums = lines.map((_, i) => `<li style="color: rgb(153, 153, 153);">${i + 1}</li>`).join("");
    return `<pre data-index="0" class="set-code-show prettyprint"><code class="prism language-${lang} has-numbering" onclick="mdcp.copyCode(event)" style="position: unset;">${body}\n</code><div class="hljs-button {2}" data-title="复制" onclick="hljs.copyCode(event)"></div><ul class="pre-numbering" style="">${nums}</ul></pre>`;
  }
  if (platform === "wordpress") {
    const gutter = lines.map((_, i) => `<div class="line number${i + 1} index${i} alt${(i % 2) + 1}">${i + 1}</div>`).join("");
    const rows = lines.map((l, i) => `<div class="line number${i + 1} index${i} alt${(i % 2) + 1}"><code class="${lang} plain">${esc(l) || "&nbsp;"}</code></div>`).join("");
    return `<div class="wp-block-syntaxhighlighter-code "><div><div id="highlighter_${Math.floor(lines.length * 7919)}" class="syntaxhighlighter ${lang}"><table border="0" cellpadding="0" cellspacing="0"><tbody><tr><td class="gutter">${gutter}</td><td class="code"><div class="container">${rows}</div></td></tr></tbody></table></div></div></div>`;
  }
  if (platform === "hugo") {
    const nums = lines.map((_, i) => `<span class="lnt">${i + 1}\n</span>`).join("");
    const body = lines.map((l) => `<span class="line"><span class="cl">${tokens(l, (t) => `<span class="nx">${esc(t)}</span>`)}\n</span></span>`).join("");
    return `<div class="highlight"><div class="chroma"><table class="lntable"><tr><td class="lntd"><pre tabindex="0" class="chroma"><code>${nums}</code></pre></td><td class="lntd"><pre tabindex="0" class="chroma"><code class="language-${lang}" data-lang="${lang}">${body}</code></pre></td></tr></table></div></div>`;
  }
  const body = lines.map((l) => tokens(l, (t) => `<span class="hljs-keyword">${esc(t)}</span>`)).join("\n");
  return `<div class="cnblogs_code"><pre><code class="hljs language-${lang}">${body}</code></pre></div>`;
}

/**
 * Inline scripts as pages carry them: a webpack-style runtime of minified functions, a
 * JSON state blob of recommendations, an analytics snippet. Identifiers are random, so
 * no two pages compress alike; credential words appear about as often as on real pages
 * (a CSRF token lookup, an `Authorization` header in a fetch wrapper).
 */
const JS_WORDS = "function return var let const if else for while this null void typeof new throw try catch".split(" ");
function inlineScript(r, kb) {
  const out = [];
  let n = 0;
  out.push('window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag("js",new Date);gtag("config","G-' + chars(r, BASE32, 10) + '");');
  out.push('function _f(u,o){o=o||{};o.headers=Object.assign({"X-Requested-With":"XMLHttpRequest","X-CSRF-Token":document.querySelector(\'meta[name="csrf-token"]\').content},o.headers);return fetch(u,o)}');
  const state = [];
  while (n < kb * 512) {
    const item = `{"id":${Math.floor(r() * 1e9)},"title":"${sentence(r, r() < 0.5).replace(/"/g, "")}","author":"${chars(r, BASE62, 7)}","views":${Math.floor(r() * 1e5)},"tags":["${pick(r, WORDS_EN)}","${pick(r, WORDS_EN)}"]}`;
    state.push(item);
    n += item.length;
  }
  out.push(`window.__INITIAL_STATE__={"articles":[${state.join(",")}]};`);
  while (n < kb * 1024) {
    const a = chars(r, "abcdefghijklmnopqrstuvwxyz", 1);
    const fn = `${a}${Math.floor(r() * 999)}:function(${a},t,n){"use strict";${pick(r, JS_WORDS)} ${chars(r, "abcdefghij", 2)}=n(${Math.floor(r() * 9999)}),${chars(r, "klmnop", 1)}=${a}.${chars(r, "abcdefghijklmnopqrstuvwxyz", 5)}||{};${a}.exports=function(e){${pick(r, ["return", "if(!e)return null;return"])} ${chars(r, "qrstuvwxyz", 1)}.${chars(r, "abcdefghijklmnopqrstuvwxyz", 6)}(e,${Math.floor(r() * 100)})}},`;
    out.push(fn);
    n += fn.length;
  }
  return `<script>${out.join("")}</script>`;
}

function inlineStyle(r, kb) {
  const rules = [];
  let n = 0;
  while (n < kb * 1024) {
    const c = `.c-${chars(r, BASE62, 6)}{margin:${Math.floor(r() * 24)}px 0;padding:0 ${Math.floor(r() * 16)}px;color:#${chars(r, "0123456789abcdef", 6)};font-size:${12 + Math.floor(r() * 8)}px;line-height:1.6}`;
    rules.push(c);
    n += c.length;
  }
  return `<style>${rules.join("\n")}</style>`;
}

function sidebar(r, zh, count) {
  const items = Array.from({ length: count }, (_, i) => `<li class="recommend-item"><a href="/post/${Math.floor(r() * 1e6)}.html" title="${esc(sentence(r, zh))}" data-report-click='{"spm":"1001.2101.3001.${i}","index":"${i}"}'><span class="title">${esc(sentence(r, zh))}</span><span class="desc">${esc(sentence(r, zh))}</span></a><span class="read-num">${Math.floor(r() * 9999)}</span></li>`);
  return `<aside class="blog_container_aside"><ul class="recommend-list">${items.join("\n")}</ul></aside>`;
}

function comments(r, zh, count) {
  return `<div class="comment-list-box">${Array.from({ length: count }, () => `<div class="comment-line-box"><a class="name" href="/u/${chars(r, BASE62, 8)}">${chars(r, BASE62, 6)}</a><span class="date">2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}</span><p class="comment">${esc(sentence(r, zh))}</p></div>`).join("\n")}</div>`;
}

export const PLATFORMS = ["csdn", "wordpress", "hugo", "cnblogs"];

/**
 * Page `i` of the site: `{ html, leaks }`, where `leaks` lists the synthetic credentials
 * planted in it. Sizes land near `targetBytes` (default 150 KB).
 */
export function makePage(i, opts = {}) {
  const target = opts.targetBytes ?? 150_000;
  const leakEvery = opts.leakEvery ?? 50;
  const r = rng(i * 2654435761);
  const platform = PLATFORMS[i % PLATFORMS.length];
  const zh = platform === "csdn" || platform === "cnblogs" ? r() < 0.8 : r() < 0.2;
  const title = esc(sentence(r, zh).slice(0, 60));
  const leaks = [];
  const article = [`<h1 class="title-article">${title}</h1>`];
  const blocks = 4 + Math.floor(r() * 6);
  const leakAt = i % leakEvery === leakEvery - 1 ? Math.floor(r() * blocks) : -1;
  for (let b = 0; b < blocks; b++) {
    article.push(`<h2 id="s${b}">${esc(sentence(r, zh).slice(0, 40))}</h2>`);
    for (let p = 0; p < 2 + Math.floor(r() * 3); p++) article.push(`<p>${esc(paragraph(r, zh))}</p>`);
    const snip = b === leakAt ? leakSnippet(r) : pick(r, SNIPPETS);
    if (snip.secrets) leaks.push(...snip.secrets);
    article.push(highlight(platform, snip.lang, snip.code));
  }
  const head = [
    `<!DOCTYPE html>\n<html lang="${zh ? "zh-CN" : "en"}">\n<head>\n<meta charset="utf-8">`,
    `<title>${title} - ${platform}</title>`,
    `<meta name="csrf-token" content="${chars(r, BASE62, 32)}">`,
    `<meta name="keywords" content="${esc(Array.from({ length: 8 }, () => pick(r, zh ? WORDS_ZH : WORDS_EN)).join(","))}">`,
    ...Array.from({ length: 12 }, (_, k) => `<link rel="stylesheet" href="https://static.example.net/${platform}/css/${k}-${chars(r, BASE62, 10)}.css">`),
  ];
  const articleHtml = `<article class="baidu_pl"><div id="article_content" class="article_content clearfix"><div id="content_views" class="markdown_views">\n${article.join("\n")}\n</div></div></article>`;
  let fixed = head.join("\n").length + articleHtml.length + 2000;
  const sideCount = 30;
  const side = sidebar(r, zh, sideCount);
  const comm = comments(r, zh, 15);
  fixed += side.length + comm.length;
  const rest = Math.max(8, Math.floor((target - fixed) / 1024));
  const html = [
    ...head,
    inlineStyle(r, Math.floor(rest * 0.3)),
    inlineScript(r, Math.floor(rest * 0.7)),
    `</head>\n<body class="${platform}">`,
    `<header class="toolbar"><nav>${Array.from({ length: 10 }, (_, k) => `<a href="/c/${k}">${esc(pick(r, zh ? WORDS_ZH : WORDS_EN))}</a>`).join("")}</nav></header>`,
    `<main>`,
    articleHtml,
    comm,
    `</main>`,
    side,
    `<footer><p>© 2024 ${platform} demo · <a href="/about">About</a></p></footer>`,
    `</body>\n</html>\n`,
  ].join("\n");
  return { html, leaks };
}

/**
 * Serve the site on 127.0.0.1: `/robots.txt`, `/sitemap.xml` (an index of gzipped
 * sitemaps of up to 10,000 URLs) and `/post/<i>.html`. Resolves to `{ url, close }`.
 */
export async function startSite({ pageCount, targetBytes, leakEvery, latencyMs = 0, port = 0 }) {
  const perSitemap = 10_000;
  const maps = Math.ceil(pageCount / perSitemap);
  let base = "";
  // Building a page costs milliseconds: the server would compete with the auditor for
  // the CPU. Pages come from a pool of pre-built ones, each made unique by its number in
  // the title; the pages that hold a leak are built in full, so every leak is its own.
  const poolSize = 256;
  const pool = new Map();
  const leaky = (i) => i % (leakEvery ?? 50) === (leakEvery ?? 50) - 1;
  const pageBytes = (i) => {
    if (leaky(i)) return Buffer.from(makePage(i, { targetBytes, leakEvery }).html);
    let k = i % poolSize;
    while (leaky(k)) k = (k + 1) % poolSize;
    let parts = pool.get(k);
    if (!parts) {
      const html = makePage(k, { targetBytes, leakEvery }).html;
      const at = html.indexOf("</title>");
      parts = [Buffer.from(html.slice(0, at)), Buffer.from(html.slice(at))];
      pool.set(k, parts);
    }
    return Buffer.concat([parts[0], Buffer.from(` #${i}`), parts[1]]);
  };
  const server = createServer((req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
      res.end(body);
    };
    const url = req.url ?? "/";
    const later = (fn) => (latencyMs ? setTimeout(fn, latencyMs) : fn());
    if (url === "/robots.txt") return send(200, "text/plain", `User-agent: *\nDisallow: /admin/\nSitemap: ${base}/sitemap.xml\n`);
    if (url === "/sitemap.xml") {
      const items = Array.from({ length: maps }, (_, k) => `<sitemap><loc>${base}/sitemap-${k}.xml.gz</loc></sitemap>`).join("\n");
      return send(200, "application/xml", `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}\n</sitemapindex>\n`);
    }
    const sm = /^\/sitemap-(\d+)\.xml\.gz$/.exec(url);
    if (sm) {
      const k = Number(sm[1]);
      const urls = [];
      for (let i = k * perSitemap; i < Math.min(pageCount, (k + 1) * perSitemap); i++) urls.push(`<url><loc>${base}/post/${i}.html</loc><lastmod>2024-05-01</lastmod></url>`);
      const body = gzipSync(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`);
      res.writeHead(200, { "content-type": "application/gzip", "content-length": body.length });
      return res.end(body);
    }
    const post = /^\/post\/(\d+)\.html$/.exec(url);
    if (post && Number(post[1]) < pageCount) {
      const body = pageBytes(Number(post[1]));
      return later(() => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
        res.end(body);
      });
    }
    send(404, "text/plain", "not found\n");
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return { url: base, server, close: () => new Promise((resolve) => server.close(resolve)) };
}
