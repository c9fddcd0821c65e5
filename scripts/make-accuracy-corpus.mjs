#!/usr/bin/env node
// Renders the held-out accuracy corpus (test/fixtures/accuracy): posts from platforms and in
// formats corpus-dev lacks or barely has, with credential types it lacks, each value invented
// here in its vendor's documented shape, and labels whose lines are read off the written files.
//
//   node scripts/make-accuracy-corpus.mjs [--out DIR] [--seed SEED]
//
// Deterministic: the same seed writes byte-identical files. See test/fixtures/accuracy/README.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { context } from "./accuracy-corpus/common.mjs";
import { finalize, LabelSet, unmark } from "./accuracy-corpus/labels.mjs";
import { ALPHA, Rng } from "./accuracy-corpus/rng.mjs";
import { htmlSkins } from "./accuracy-corpus/skins-html.mjs";
import { mdSkins } from "./accuracy-corpus/skins-md.mjs";
import { cloudThemes } from "./accuracy-corpus/themes-cloud.mjs";
import { cnThemes } from "./accuracy-corpus/themes-cn.mjs";
import { repoFiles } from "./accuracy-corpus/themes-files.mjs";
import { infraThemes } from "./accuracy-corpus/themes-infra.mjs";
import { probeThemes } from "./accuracy-corpus/themes-probe.mjs";
import { saasThemes } from "./accuracy-corpus/themes-saas.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = resolve(opt("--out", join(ROOT, "test/fixtures/accuracy")));
const SEED = opt("--seed", "postguard-heldout-v1");

const SKINS = { ...mdSkins, ...htmlSkins };
const ZH_SKINS = ["cnblogs", "juejin", "halo", "hexo", "vuepress", "vitepress", "mkdocs", "wordpress", "cnblogs", "juejin", "jekyll", "readme", "docusaurus"];
const EN_SKINS = ["medium", "jekyll", "hexo", "wordpress", "vitepress", "mkdocs", "docusaurus", "astro", "readme", "jekyll", "astro"];
const NOTEBOOK_THEMES = new Set(["cn-ai", "anthropic", "huggingface", "db-urls", "gcp-oauth", "ai-global", "volcengine"]);
const USERS = ["lihua", "zhangwei", "chenjing", "wangfang", "liuyang", "mgarcia", "kenjiw", "aoconnor", "priya-dev", "tomasz", "nguyenvan", "sofiab", "devnotes", "yunfeng", "xiaoqiang"];
const SLUG_WORDS = ["peizhi", "jieru", "shijian", "bushu", "zongjie", "jilu", "rumen", "caikeng", "shouce", "zidonghua", "jiaocheng", "biji"];
const SLUG_EN = ["guide", "setup", "notes", "walkthrough", "howto", "quickstart", "deep-dive", "cheatsheet"];

const slugify = (title, r, lang) =>
  lang === "zh"
    ? [r.pick(SLUG_WORDS), r.pick(SLUG_WORDS), r.str(4, ALPHA.lowernum)].join("-")
    : unmark(title)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .split("-")
        .slice(0, 7)
        .join("-") || r.pick(SLUG_EN);

function postPath(skin, post, r) {
  const [y, m, d] = post.date.split("-");
  switch (skin) {
    case "readme":
      return `posts/github.com/${post.user}/${post.slug.split("-").slice(0, 3).join("-")}/README.md`;
    case "vitepress":
      return `posts/${post.user}-docs/docs/guide/${post.slug}.md`;
    case "vuepress":
      return `posts/${post.user}-blog/docs/posts/${post.slug}.md`;
    case "mkdocs":
      return `posts/${post.user}-wiki/docs/${r.pick(["ops", "backend", "tools"])}/${post.slug}.md`;
    case "docusaurus":
      return `posts/docusaurus-${post.user}/blog/${post.date}-${post.slug}.mdx`;
    case "astro":
      return `posts/astro-${post.user}/src/content/docs/guides/${post.slug}.mdx`;
    case "cnblogs":
      return `posts/www.cnblogs.com/${post.user}/p/${post.id}.html`;
    case "juejin":
      return `posts/juejin.cn/post/${post.id}.html`;
    case "medium":
      return `posts/medium.com/@${post.user}/${post.slug}-${r.hex(12)}.html`;
    case "jekyll":
      return `posts/${post.user}.github.io/_site/${y}/${m}/${d}/${post.slug}.html`;
    case "hexo":
      return `posts/hexo-${post.user}/public/${y}/${m}/${d}/${post.slug}/index.html`;
    case "halo":
      return `posts/${post.site}/archives/${post.slug}.html`;
    case "wordpress":
      return `posts/${post.site}/${y}/${m}/${post.slug}/index.html`;
    case "jupyter":
      return `posts/${post.user}-notebooks/${post.slug}.html`;
  }
  throw new Error(skin);
}

/** Every theme twice at most (its `langs` list says which languages), spread over the skins. */
function plan() {
  const rows = [];
  const planRng = new Rng(`${SEED}:plan`);
  const zh = planRng.shuffle(ZH_SKINS);
  const en = planRng.shuffle(EN_SKINS);
  let zi = 0;
  let ei = 0;
  let nb = 0;
  for (const theme of [...cnThemes, ...cloudThemes, ...saasThemes, ...infraThemes, ...probeThemes]) {
    theme.langs.slice(0, 2).forEach((lang, k) => {
      let skin = lang === "zh" ? zh[zi++ % zh.length] : en[ei++ % en.length];
      if (NOTEBOOK_THEMES.has(theme.id) && nb < 5 && k === 1) {
        skin = "jupyter";
        nb++;
      }
      rows.push({ theme, lang, skin, k });
    });
  }
  return rows;
}

function renderPost({ theme, lang, skin, k }) {
  const r = new Rng(`${SEED}:${theme.id}:${k}`);
  const L = new LabelSet();
  const c = context(r, L, lang);
  const title = unmark(theme.title(c));
  const user = r.pick(USERS);
  const post = {
    title,
    lang,
    user,
    author: user,
    site: `${r.pick(["blog", "notes", "www", "dev"])}.${user}.${r.pick(["com", "me", "cn", "dev", "net"])}`,
    date: r.date(),
    id: skin === "juejin" ? "7" + r.digits(18) : r.digits(8),
    tags: theme.tags,
    variant: skin === "cnblogs" ? r.pick(["legacy", "markdown"]) : skin === "wordpress" ? r.pick(["rendered", "brush"]) : skin === "jekyll" ? r.pick(["plain", "linenos"]) : undefined,
  };
  post.slug = slugify(title, r, lang);
  post.description = title;
  post.blocks = theme.build(c);
  if (skin === "hexo" && r.chance(0.5)) post.gitalk = { id: c.v.ghOauthClientId(), secret: c.v.ghOauthClientSecret() };
  const file = postPath(skin, post, r);
  const s = SKINS[skin];
  const rendered = skin in htmlSkins ? s.render(post, { L, r }) : s.render(post);
  return { file, rendered, L, meta: { format: s.format, skin: skin + (post.variant ? `-${post.variant}` : ""), lang, theme: theme.id } };
}

function renderRepo(name, subset) {
  const r = new Rng(`${SEED}:repo:${name}`);
  const L0 = new LabelSet();
  const c = context(r, L0, "en");
  // One LabelSet per file: a label's line only makes sense inside its own file.
  const files = repoFiles(c, `posts/${name}`);
  const picked = subset ? r.shuffle(files).slice(0, subset) : files;
  return picked.map((f) => ({ file: f.path, rendered: f.text, L: L0, meta: { format: "text", skin: `repo-${f.lang}`, lang: "en", theme: "docs-repo" } }));
}

const items = [...plan().map(renderPost), ...renderRepo("acme-platform-docs"), ...renderRepo("kite-labs-handbook", 7)];

rmSync(join(OUT, "posts"), { recursive: true, force: true });
const labels = [];
const manifest = [];
const seen = new Set();
for (const it of items) {
  if (seen.has(it.file)) throw new Error(`two posts at ${it.file}`);
  seen.add(it.file);
  const { text, labels: rows } = finalize(it.rendered, it.L, it.file);
  mkdirSync(dirname(join(OUT, it.file)), { recursive: true });
  writeFileSync(join(OUT, it.file), text);
  labels.push(...rows);
  const count = (l) => rows.filter((x) => x.label === l).length;
  manifest.push({ file: it.file, ...it.meta, secrets: count("secret"), decoys: count("decoy"), either: count("either") });
}
writeFileSync(join(OUT, "labels.jsonl"), labels.map((l) => JSON.stringify(l)).join("\n") + "\n");
writeFileSync(join(OUT, "manifest.jsonl"), manifest.map((m) => JSON.stringify(m)).join("\n") + "\n");
const n = (l) => labels.filter((x) => x.label === l).length;
console.log(`${items.length} files, ${labels.length} labels (${n("secret")} secret, ${n("decoy")} decoy, ${n("either")} either) -> ${OUT}`);
