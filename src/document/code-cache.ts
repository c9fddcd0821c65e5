/**
 * Loading a CommonJS file with V8's code cache. Node 20 keeps no compile cache for ES
 * modules (`module.enableCompileCache` is Node 22), and compiling the markdown parser's
 * ~700 KB is most of the 20-35 ms its first use costs a one-post scan. The CLI bundle
 * therefore also ships the parser as CommonJS (`markdown.cjs`) with the bytecode V8 made
 * of it at build time (`markdown.cjs.cache`, scripts/build-cli.mjs).
 *
 * V8 checks the cache itself (source hash, V8 version and flags) and compiles from source
 * when it does not fit, so a stale or foreign cache costs time, never correctness; a
 * missing or corrupt cache file is the same as none.
 */
import { readFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import { constants, Script } from "node:vm";
import { readBuiltText } from "../read-text.js";

/** Whether V8 used the code cache: `rejected` and `no-cache` compiled from source. */
export type CodeCacheOutcome = "accepted" | "rejected" | "no-cache";

/** A self-contained CommonJS file compiled, not yet run. */
export interface CompiledFile {
  /** What V8 made of it (`script.createCachedData()` is the bytecode for a code cache). */
  script: Script;
  cache: CodeCacheOutcome;
  /** Runs the file as `require` would; its `module.exports`. */
  run(): unknown;
}

/**
 * `file` compiled with `file + ".cache"` as V8's code cache when there is one. Throws as
 * `require` would when `file` cannot be read.
 */
export function compileWithCodeCache(file: string): CompiledFile {
  const source = readBuiltText(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // import() of an ES module package from inside it, as from any CommonJS file.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return {
    script,
    cache: !cachedData ? "no-cache" : script.cachedDataRejected ? "rejected" : "accepted",
    run() {
      const module = { exports: {} as unknown };
      const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
      wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
      return module.exports;
    },
  };
}

/**
 * `require(file)` for a self-contained CommonJS file, compiled with its code cache (see
 * `compileWithCodeCache`). Throws as `require` would when `file` cannot be read or throws
 * while it runs.
 */
export function requireWithCodeCache(file: string): { exports: unknown; cache: CodeCacheOutcome } {
  const compiled = compileWithCodeCache(file);
  return { exports: compiled.run(), cache: compiled.cache };
}
