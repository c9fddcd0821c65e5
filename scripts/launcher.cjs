#!/usr/bin/env node
/**
 * `postguard`, as package.json's `bin` runs it (copied to dist/bundle/postguard.cjs by
 * scripts/build-cli.mjs). It runs the CLI bundled as one CommonJS file, ./cli.cjs, with the
 * bytecode V8 made of it at build time (./cli.cjs.cache): Node 20 has no compile cache of
 * its own, and resolving, reading and compiling the CLI's ES modules was a fifth of what a
 * pre-commit hook waits for on one post.
 *
 * V8 checks the cache itself (source, V8 version, flags) and compiles from source when it
 * does not fit: a stale or missing cache costs time, never correctness.
 */
"use strict";
const { isAscii } = require("node:buffer");
const { readFileSync, writeFileSync } = require("node:fs");
const { Module, createRequire } = require("node:module");
const { join } = require("node:path");
const { Script, constants } = require("node:vm");

const file = join(__dirname, "cli.cjs");
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The build writes cli.cjs in ASCII: a one-byte string straight from the bytes reads 3x
// faster than UTF-8 decoding (src/read-text.ts).
const bytes = readFileSync(file);
const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
const script = new Script(Module.wrap(source), {
  filename: file,
  cachedData,
  // import() of the ES module packages the CLI loads on demand, as from any CommonJS file.
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
// The build runs one scan with this set, then keeps the bytecode of what that scan compiled.
if (process.env.POSTGUARD_WRITE_CODE_CACHE === "1") {
  process.once("beforeExit", () => writeFileSync(cacheFile, script.createCachedData()));
}
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, createRequire(file), module_, file, __dirname);
