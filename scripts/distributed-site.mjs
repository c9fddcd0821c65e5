/**
 * A test site for the distributed audit: several hosts on 127.0.0.1 (one port each, so
 * each is its own host for politeness), each with a sitemap index of child sitemaps,
 * short posts (a few hundred bytes: CI time matters), and one post in `secretEvery`
 * carrying a GitHub token made up here (random body, valid CRC32 checksum). Some URLs
 * have a fate of their own: robots.txt forbids /private/, /gone/ answers 404, /flaky/
 * answers 503 to its first request and 200 after.
 *
 * Every host counts requests in flight and keeps the highest count seen, which is what
 * the per-host bound is checked against, and the time each request arrived (the delay). `latencyMs` delays every answer (the benchmark's
 * simulated network). With `throttle: { after, retryAfter }`, each host answers its
 * `after`-th page request with 429 and `Retry-After: retryAfter` (seconds), once, and
 * keeps the time it sent that answer (`throttledAt`), which the cluster-wide pause is
 * checked against.
 *
 * Used by test/distributed/ and scripts/bench-distributed.mjs.
 */
import { createServer } from "node:http";

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
/** Seeded PRNG (mulberry32), so a page's token is the same on every request. */
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

/** A synthetic GitHub token for page `seed`: ghp_ + 30 random base62 + CRC32 in base62. */
export function syntheticToken(seed) {
  const r = rng(seed * 7919 + 17);
  let body = "";
  for (let i = 0; i < 30; i++) body += BASE62[Math.floor(r() * 62)];
  return `ghp_${body}${base62(crc32(body), 6)}`;
}

const WORDS = "deploy service config cluster request cache queue worker build release schema index latency container image network route handler retry timeout backoff replica shard snapshot pipeline artifact runner".split(" ");

function postHtml(title, seed, token) {
  const r = rng(seed);
  const words = Array.from({ length: 30 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
  const code = token ? `export GITHUB_TOKEN=${token}\ngit push origin main` : "export GITHUB_TOKEN=<your-token>\ngit push origin main";
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${words}.</p><pre><code class="language-bash">${code}</code></pre><p>${words}.</p></article></body></html>\n`;
}

/**
 * @param {{ hosts?: number, pagesPerHost?: number, perSitemap?: number, secretEvery?: number,
 *   latencyMs?: number, special?: boolean }} [opts]
 */
export async function startSite(opts = {}) {
  const hosts = opts.hosts ?? 3;
  const pagesPerHost = opts.pagesPerHost ?? 1000;
  const perSitemap = opts.perSitemap ?? 250;
  const secretEvery = opts.secretEvery ?? 50;
  const latencyMs = opts.latencyMs ?? 0;
  const special = opts.special ?? true;
  const throttle = opts.throttle;
  const servers = [];
  /** url -> expected outcome */
  const expected = new Map();
  /** planted secrets: { url, token } */
  const planted = [];
  const stats = [];

  for (let h = 0; h < hosts; h++) {
    const stat = { active: 0, maxActive: 0, requests: 0, byPath: new Map(), starts: [], pageRequests: 0, throttledAt: undefined };
    stats.push(stat);
    const flakySeen = new Set();
    const server = createServer((req, res) => {
      stat.requests++;
      stat.starts.push(performance.now());
      stat.active++;
      stat.maxActive = Math.max(stat.maxActive, stat.active);
      const path = (req.url ?? "/").split("?")[0];
      stat.byPath.set(path, (stat.byPath.get(path) ?? 0) + 1);
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        stat.active--;
      };
      res.on("finish", done);
      res.on("close", done);
      const answer = () => {
        const send = (status, type, body) => {
          res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
          res.end(body);
        };
        if (path === "/robots.txt") return send(200, "text/plain", "User-agent: *\nDisallow: /private/\n");
        if (path === "/sitemap.xml") {
          const n = Math.ceil(site.paths(h).length / perSitemap);
          const items = Array.from({ length: n }, (_, i) => `<sitemap><loc>${site.origins[h]}/sitemap-${i}.xml</loc></sitemap>`).join("");
          return send(200, "application/xml", `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items}</sitemapindex>`);
        }
        const sm = /^\/sitemap-(\d+)\.xml$/.exec(path);
        if (sm) {
          const i = Number(sm[1]);
          const slice = site.paths(h).slice(i * perSitemap, (i + 1) * perSitemap);
          if (!slice.length) return send(404, "text/plain", "no such sitemap");
          const items = slice.map((p) => `<url><loc>${site.origins[h]}${p}</loc></url>`).join("");
          return send(200, "application/xml", `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items}</urlset>`);
        }
        const post = /^\/(post|flaky|private)\/(\d+)\.html$/.exec(path);
        if (post && throttle && ++stat.pageRequests === throttle.after) {
          res.writeHead(429, { "content-type": "text/plain", "retry-after": String(throttle.retryAfter), "content-length": 4 });
          res.end("slow");
          stat.throttledAt = performance.now();
          return;
        }
        if (post) {
          if (post[1] === "flaky" && !flakySeen.has(path)) {
            flakySeen.add(path);
            return send(503, "text/plain", "try again");
          }
          const i = Number(post[2]);
          return send(200, "text/html; charset=utf-8", postHtml(`Post ${h}-${i}`, h * 1_000_003 + i, site.tokenFor(h, post[1], i)));
        }
        return send(404, "text/plain", "not found");
      };
      if (latencyMs > 0) setTimeout(answer, latencyMs);
      else answer();
    });
    server.keepAliveTimeout = 10_000;
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }

  const site = {
    origins: servers.map((s) => `http://127.0.0.1:${s.address().port}`),
    hosts: servers.map((s) => `127.0.0.1:${s.address().port}`),
    stats,
    expected,
    planted,
    /** The page paths of host `h`, in sitemap order. */
    paths(h) {
      return pathsOf[h];
    },
    tokenFor(h, kind, i) {
      return kind === "post" && i % secretEvery === 0 ? syntheticToken(h * 1_000_003 + i) : undefined;
    },
    sitemaps() {
      return site.origins.map((o) => `${o}/sitemap.xml`);
    },
    /** Requests each path received, over all hosts: `origin + path` -> count. */
    requestCounts() {
      const out = new Map();
      stats.forEach((s, h) => s.byPath.forEach((n, p) => out.set(`${site.origins[h]}${p}`, n)));
      return out;
    },
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise((resolve) => {
              s.closeAllConnections?.();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };

  const pathsOf = [];
  for (let h = 0; h < hosts; h++) {
    const paths = [];
    for (let i = 0; i < pagesPerHost; i++) {
      // A few of each special kind per host, spread through the sitemaps.
      let kind = "post";
      if (special && i % 97 === 13) kind = "private";
      else if (special && i % 101 === 29) kind = "gone";
      else if (special && i % 103 === 41) kind = "flaky";
      const path = `/${kind}/${i}.html`;
      paths.push(path);
      const url = `${site.origins[h]}${path}`;
      expected.set(url, kind === "private" ? "skipped" : kind === "gone" ? "failed" : "scanned");
      const token = site.tokenFor(h, kind, i);
      if (token) planted.push({ url, token });
    }
    pathsOf.push(paths);
  }
  return site;
}
