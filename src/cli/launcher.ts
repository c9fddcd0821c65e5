#!/usr/bin/env node
/**
 * `postguard`, as package.json's `bin` runs it: scripts/build-cli.mjs bundles this file as
 * dist/bundle/postguard.cjs, next to cli.cjs (the whole CLI as one CommonJS file) and
 * cli.cjs.cache (the bytecode V8 made of it at build time). Node 20 has no compile cache of
 * its own, and resolving, reading and compiling the CLI's ES modules was a fifth of what a
 * pre-commit hook waits for on one post. A stale or missing cache costs time, never
 * correctness (../document/code-cache.ts). Only meaningful in dist/bundle/, so tsc leaves
 * it out (tsconfig.build.json).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileWithCodeCache } from "../document/code-cache.js";

const file = fileURLToPath(new URL("./cli.cjs", import.meta.url));
const cli = compileWithCodeCache(file);
// The build runs one scan with this set, then keeps the bytecode of what that scan compiled.
if (process.env.POSTGUARD_WRITE_CODE_CACHE === "1") {
  process.once("beforeExit", () => writeFileSync(`${file}.cache`, cli.script.createCachedData()));
}
cli.run();
