#!/usr/bin/env node
/**
 * Bundle the CLI into dist/bundle/ (run by `npm run build`, after tsc): package.json's
 * `bin` runs dist/bundle/postguard.cjs (src/cli/launcher.ts), which runs cli.cjs — the
 * whole CLI as one CommonJS file — with cli.cjs.cache, the V8 code cache a warm-up scan
 * made of it at build time (see buildCliCjs). Node would otherwise resolve, read and
 * compile ~90 ES modules of dist/ and node_modules/ for a one-post scan. Worker threads
 * and lazily loaded code are ES module entries with their chunks, built alongside.
 *
 * Layout, which the modules' `new URL(..., import.meta.url)` lookups rely on: every
 * output file sits directly in dist/bundle/ (no chunk subfolder), one folder below the
 * package root like dist/cli/, so `../../package.json` and `../../rules/` still resolve;
 * the precompiled catalogue is found at `../rules/catalogue.json` (dist/rules/, written
 * by scripts/write-catalogue.mjs). Worker threads and lazily required modules are entry
 * points with fixed names next to the chunks:
 *   postguard.cjs, cli.cjs, cli.cjs.cache   the CLI (see buildCliCjs)
 *   scan-worker.js        src/fs/scan-worker.ts (src/fs/worker-pool.ts: "./scan-worker.js")
 *   audit-scan-worker.js  src/audit/scan/scan-worker.ts (src/audit/scan/scan-pool.ts)
 *   markdown.js           src/document/markdown.ts (src/document/index.ts requires it on first use)
 *   markdown.cjs          the same as one CommonJS file, and markdown.cjs.cache, V8's code cache
 *                         of it: what the bundle loads first (see buildMarkdownCjs)
 *   html.js               src/document/html.ts (likewise)
 *   lib-yaml.js, lib-regexpp.js, lib-remark-mdx.js   see LAZY_PACKAGES
 * Servers' clients and native modules stay in node_modules (EXTERNAL), loaded only by the
 * commands that use them.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const OUTDIR = "dist/bundle";
export const BIN = `${OUTDIR}/postguard.cjs`;

/** Native modules, server clients and the browser driver: installed packages, loaded on demand. */
export const EXTERNAL = ["better-sqlite3", "bullmq", "ioredis", "pg", "bottleneck", "octokit", "playwright-core", "tar"];

/**
 * Packages loaded with `createRequire(import.meta.url)("name")` on first use (so a run that
 * does not need them does not pay for them). In the bundle that call would reach into
 * node_modules and load the package file by file; instead each becomes an entry point of
 * its own, `./lib-<name>.js`, whose default export is the package, required on first use
 * just the same.
 */
const LAZY_PACKAGES = { yaml: "lib-yaml", "@eslint-community/regexpp": "lib-regexpp", "remark-mdx": "lib-remark-mdx" };
const LAZY_IMPORT = /(?<!typeof\s+)\bimport\(\s*"([^".][^"]*)"\s*\)/g;
const LAZY_REQUIRE = /createRequire\(import\.meta\.url\)\(\s*(?:"([^"]+)"|'([^']+)')\s*\)/g;

/**
 * Source rewrites for the bundle: lazily required packages become `./lib-<name>.js`. For the
 * CommonJS CLI (`cjs`) also: the `#!` line, the sources' top-level `await import()` that only the
 * TypeScript sources take (`import.meta.url.endsWith(".ts") ? await import(...) : undefined`)
 * goes, and the HTML extractor, required on first use, is bundled in (still run only then).
 */
function sourceRewrites({ cjs }) {
  return {
    name: "source-rewrites",
    setup(b) {
      b.onResolve({ filter: /^postguard-lazy:/ }, (args) => ({ path: args.path.slice("postguard-lazy:".length), namespace: "postguard-lazy" }));
      b.onLoad({ filter: /.*/, namespace: "postguard-lazy" }, (args) => ({
        contents: `import * as lib from ${JSON.stringify(args.path)};\nexport default lib;\n`,
        resolveDir: ROOT,
        loader: "js",
      }));
      b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const text = await readFile(args.path, "utf8");
        if (!text.includes("createRequire(import.meta.url)(") && text.search(LAZY_IMPORT) < 0 && !text.includes("await import(") && !text.startsWith("#!")) return undefined;
        // A split bundle hands `import()` of a CommonJS package (yaml) back as `{ default }`
        // only; the lazy entry's default is the package's namespace.
        let contents = text.replace(LAZY_IMPORT, (call, name) => (LAZY_PACKAGES[name] ? `import("postguard-lazy:${name}").then((m) => m.default)` : call));
        contents = contents.replace(LAZY_REQUIRE, (call, a, b2) => {
          const name = a ?? b2;
          if (cjs && INLINED.includes(name)) return `require(${JSON.stringify(name)})`;
          if (name.startsWith(".") || isBuiltin(name)) return call;
          const entry = LAZY_PACKAGES[name];
          if (!entry) throw new Error(`${args.path}: createRequire(import.meta.url)(${JSON.stringify(name)}) is not in LAZY_PACKAGES of scripts/build-cli.mjs`);
          return `createRequire(import.meta.url)("./${entry}.js").default`;
        });
        // The launcher runs the CommonJS CLI as a function body, where a `#!` line cannot be.
        if (cjs) contents = contents.replace(TS_ONLY_IMPORT, "undefined").replace(/^#!.*/, "");
        return { contents, loader: "ts" };
      });
    },
  };
}

/** Relative modules the CommonJS CLI bundles although the sources require them on first use. */
const INLINED = ["./html.js"];
const TS_ONLY_IMPORT = /import\.meta\.url\.endsWith\("\.ts"\) \? await import\("[^"]+"\) : undefined/g;

/**
 * acorn ships CommonJS and ES module builds; acorn-jsx requires the one, remark-mdx's
 * packages import the other, and the bundle would hold acorn (220 KB) twice. One copy, the
 * ES module, serves both.
 */
const oneAcorn = {
  name: "one-acorn",
  setup(b) {
    b.onResolve({ filter: /^acorn$/ }, () => ({ path: join(ROOT, "node_modules/acorn/dist/acorn.mjs") }));
  },
};

/** Modules the bundle would load from outside itself at run time, other than EXTERNAL and node: builtins. */
export function strayImports(code) {
  const specs = [
    ...code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/(?:createRequire\(import\.meta\.url\)|\b__require|\brequire)\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  const pkg = (s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]);
  return specs.filter((s) => !s.startsWith("./") && !isBuiltin(s) && !EXTERNAL.includes(pkg(s)));
}

/**
 * A post that meets most of what the parser reads (front matter, headings, links, emphasis,
 * inline and fenced code, lists, quotes, tables, raw HTML): parsing it before the code cache
 * is taken puts the functions a scan calls in the cache, compiled.
 */
const WARM_POST = `---
title: Uploading build artefacts
tags: [s3, ci]
---

# Uploading *build* artefacts

Set the [region](https://docs.aws.amazon.com/cli/ "AWS CLI") and the \`AWS_PROFILE\`, see <https://example.com> or www.example.com.

1. Install the CLI
   \`\`\`bash
   aws configure set aws_access_key_id <YOUR_ACCESS_KEY_ID>
   \`\`\`
2. > **Note**: keep ~~keys~~ out of posts[^1].

| name | value |
|------|-------|
| key  | \`<KEY>\` |

<details><summary>config</summary>
<pre><code class="language-ini">region = eu-west-1</code></pre>
</details>

    indented code

[ref]: https://example.com/ref
[^1]: A footnote.
`;

/**
 * Run by a plain \`node\` (V8 rejects a cache made under other flags): compile, run, warm,
 * write the cache, with the loader the bundle uses (dist/document/code-cache.js).
 */
const MAKE_CODE_CACHE = `
const [file, post, loader] = process.argv.slice(1);
const { compileWithCodeCache } = await import(loader);
const compiled = compileWithCodeCache(file);
compiled.run().markdownSegments(post, { mdx: false });
(await import("node:fs")).writeFileSync(file + ".cache", compiled.script.createCachedData());
`;

/**
 * One self-contained CommonJS file (for a loader with V8's code cache): `import.meta.url`
 * becomes the file's own URL, non-ASCII is escaped. `cjs` as for sourceRewrites.
 */
function buildOneCjs(entry, outfile, { cjs }) {
  return build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    define: { POSTGUARD_CLI_BUNDLE: "true", "import.meta.url": "__postguardImportMetaUrl" },
    banner: { js: 'var __postguardImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    legalComments: "eof",
    charset: "ascii",
    logLevel: "warning",
    metafile: true,
    plugins: [sourceRewrites({ cjs }), oneAcorn],
  });
}

/**
 * Makes a CommonJS bundle pure ASCII, which its loader reads as a one-byte string several
 * times faster than it decodes UTF-8 (src/read-text.ts). esbuild's `charset: "ascii"`
 * escapes every other character but leaves comments as written; their other characters
 * become `?`. Anything left outside a comment fails the build.
 */
async function asciiOnly(file) {
  const text = await readFile(file, "utf8");
  if (!/[^\x00-\x7f]/.test(text)) return;
  const { parse } = await import("acorn");
  const comments = [];
  parse(text, { ecmaVersion: "latest", sourceType: "script", allowHashBang: true, onComment: (_block, _text, start, end) => comments.push([start, end]) });
  let out = "";
  let last = 0;
  for (const [start, end] of comments) {
    out += text.slice(last, start) + text.slice(start, end).replace(/[^\x00-\x7f]/g, "?");
    last = end;
  }
  out += text.slice(last);
  const left = /[^\x00-\x7f]/.exec(out);
  if (left) throw new Error(`${file}: a non-ASCII character outside comments, at offset ${left.index}: ${JSON.stringify(out.slice(left.index - 40, left.index + 40))}`);
  await writeFile(file, out);
}

/**
 * dist/bundle/markdown.cjs and its V8 code cache (src/document/code-cache.ts): Node 20 has
 * no compile cache for ES modules, and compiling the parser is most of its load time. The
 * file holds its own copies of the few modules it shares with the ESM chunks (offset maps,
 * the HTML extractor); remark-mdx stays the lazily required ./lib-remark-mdx.js.
 */
async function buildMarkdownCjs(outdir) {
  const file = join(outdir, "markdown.cjs");
  const result = await buildOneCjs("src/document/markdown.ts", file, { cjs: false });
  await asciiOnly(file);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const loader = pathToFileURL(join(ROOT, "dist/document/code-cache.js")).href;
  const made = spawnSync(process.execPath, ["--input-type=module", "-e", MAKE_CODE_CACHE, file, WARM_POST, loader], { env, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`cannot make the code cache of ${file}:\n${made.stderr}`);
  return result;
}

/** What the build's one warm-up scan reads: a post and a page that a scan meets every day (synthetic keys). */
const WARM_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Deploy</title></head><body><article>
<p>Set the <code>AWS_PROFILE</code> first &amp; then run:</p>
<pre><code class="language-ini"><span class="k">aws_access_key_id</span> = AKIAQ4ZT7WX2NR5KM3BV
</code></pre></article></body></html>
`;

/**
 * dist/bundle/cli.cjs, the whole CLI as one CommonJS file, run by dist/bundle/postguard.cjs
 * (src/cli/launcher.ts, package.json's \`bin\`) with V8's code cache of it, made by one
 * warm-up scan. Commands and parsers other than a scan's stay in the file uncompiled until
 * used; workers, the markdown parser and the lazily required packages stay the files above.
 */
async function buildCliCjs(outdir) {
  const file = join(outdir, "cli.cjs");
  const result = await buildOneCjs("src/cli/bin.ts", file, { cjs: true });
  await asciiOnly(file);
  const launcher = join(outdir, "postguard.cjs");
  await buildOneCjs("src/cli/launcher.ts", launcher, { cjs: false });
  await chmod(launcher, 0o755);
  const warm = await mkdtemp(join(tmpdir(), "postguard-warm-"));
  try {
    await writeFile(join(warm, "post.md"), `${WARM_POST}\n\`\`\`ini\naws_secret_access_key = Zq8Vx3Lm7Tp0Wb2Nk5Hs9Yd4Gf6Jc1Ua/Ee+Qi0R\n\`\`\`\n`);
    await writeFile(join(warm, "page.html"), WARM_PAGE);
    const env = { ...process.env, POSTGUARD_WRITE_CODE_CACHE: "1", NO_COLOR: "1" };
    delete env.NODE_OPTIONS;
    const made = spawnSync(process.execPath, [launcher, "scan", "--concurrency", "1", "."], { cwd: warm, env, encoding: "utf8" });
    if (made.status !== 1 || !existsSync(`${file}.cache`)) throw new Error(`cannot make the code cache of ${file} (exit ${made.status}):\n${made.stderr}`);
  } finally {
    await rm(warm, { recursive: true, force: true });
  }
  return result;
}

/** Build dist/bundle/ (emptied first). `outdir` (absolute) writes elsewhere, for tests. */
export async function buildCli({ outdir = join(ROOT, OUTDIR) } = {}) {
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      "scan-worker": "src/fs/scan-worker.ts",
      "audit-scan-worker": "src/audit/scan/scan-worker.ts",
      markdown: "src/document/markdown.ts",
      html: "src/document/html.ts",
      ...Object.fromEntries(Object.entries(LAZY_PACKAGES).map(([pkg, entry]) => [entry, `postguard-lazy:${pkg}`])),
    },
    outdir,
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    define: { POSTGUARD_CLI_BUNDLE: "true" },
    // Bundled CommonJS dependencies call require() (of node: builtins); ESM has none by default.
    banner: { js: 'import { createRequire as __postguardCreateRequire } from "node:module";\nconst require = __postguardCreateRequire(import.meta.url);' },
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
    metafile: true,
    plugins: [sourceRewrites({ cjs: false }), oneAcorn],
  });
  const cjs = await buildMarkdownCjs(outdir);
  const cli = await buildCliCjs(outdir);
  const stray = [];
  for (const file of [...Object.keys(result.metafile.outputs), ...Object.keys(cjs.metafile.outputs), ...Object.keys(cli.metafile.outputs)]) {
    const found = strayImports(await readFile(join(ROOT, file), "utf8"));
    if (found.length) stray.push(`${file}: ${[...new Set(found)].join(", ")}`);
  }
  if (stray.length) throw new Error(`the CLI bundle would load modules it should contain from node_modules at run time:\n${stray.join("\n")}`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await buildCli();
  if (result.errors.length) process.exit(1);
  console.log(`wrote ${OUTDIR}/ (${(await readdir(join(ROOT, OUTDIR))).length} files)`);
}
