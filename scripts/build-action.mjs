#!/usr/bin/env node
/**
 * Bundle the GitHub Action (src/action/main.ts and everything it imports, octokit
 * included) into dist-action/index.js, the file action.yml runs. The bundle is checked in
 * (a JavaScript action runs without an install step); scripts/check-action-bundle.mjs
 * fails CI when it no longer matches src/. Rules and package.json are not bundled: the
 * action reads them from the repository checkout next to dist-action/ (see
 * src/action/bundle-paths.ts).
 */
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const OUTFILE = "dist-action/index.js";

/**
 * Modules that load a dependency lazily with `createRequire(import.meta.url)("yaml")` (so
 * the CLI starts faster) hide it from the bundler, and the action's checkout has no
 * node_modules to find it in at run time. Rewritten to a plain `require("yaml")`, esbuild
 * bundles the dependency and still initialises it only on first use.
 */
const LAZY_REQUIRE = /createRequire\(import\.meta\.url\)\(\s*("[^"]+"|'[^']+')\s*\)/g;
const bundleLazyRequires = {
  name: "bundle-lazy-requires",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("createRequire(import.meta.url)(")) return undefined;
      return { contents: text.replace(LAZY_REQUIRE, "require($1)"), loader: "ts" };
    });
  },
};

/** A require the bundle would make at run time, outside the bundle: fails the build. */
export function unbundledRequires(code) {
  return [...code.matchAll(/(?:createRequire\(import\.meta\.url\)|\b__require)\(\s*["']([^"']+)["']\s*\)/g)].filter((m) => !isBuiltin(m[1])).map((m) => m[0]);
}

/** Build options; `write: false` keeps the output in memory (for the check). */
export async function buildAction({ write = true } = {}) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["src/action/main.ts"],
    outfile: OUTFILE,
    bundle: true,
    platform: "node",
    // Runs on the runner's node24; node20 syntax keeps it runnable by this repo's tests too.
    target: "node20",
    format: "esm",
    define: { POSTGUARD_ACTION_BUNDLE: "true" },
    // Some bundled dependencies are CommonJS and call require(); ESM has none by default.
    banner: { js: 'import { createRequire as __postguardCreateRequire } from "node:module";\nconst require = __postguardCreateRequire(import.meta.url);' },
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
    plugins: [bundleLazyRequires],
    write: false,
  });
  const [out] = result.outputFiles;
  const missing = unbundledRequires(out.text);
  if (missing.length) throw new Error(`the action bundle would load modules from node_modules at run time, which an action checkout does not have: ${[...new Set(missing)].join(", ")}`);
  if (write) {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    await mkdir(dirname(out.path), { recursive: true });
    await writeFile(out.path, out.contents);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await buildAction();
  if (result.errors.length) process.exit(1);
  console.log(`wrote ${OUTFILE}`);
}
