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
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const OUTFILE = "dist-action/index.js";

/** Build options; `write: false` keeps the output in memory (for the check). */
export function buildAction({ write = true } = {}) {
  return build({
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
    write,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await buildAction();
  if (result.errors.length) process.exit(1);
  console.log(`wrote ${OUTFILE}`);
}
