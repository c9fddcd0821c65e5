/**
 * Where the action finds its rules and version. The bundle (dist-action/index.js) reads
 * them from the repository it was checked out from: for `uses: owner/postguard@v1` the
 * runner downloads the whole repository at that ref, so `rules/` and `package.json` sit
 * next to `dist-action/`, and editing a rule never makes the bundle stale. Run from
 * source (tests, `tsc` output), the usual package paths apply.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { version as packageVersion } from "../cli/version.js";
import { builtinRulesDir } from "../rules/load.js";

/** Set to `true` by scripts/build-action.mjs (esbuild `define`); undeclared elsewhere. */
declare const POSTGUARD_ACTION_BUNDLE: boolean | undefined;

const bundled = typeof POSTGUARD_ACTION_BUNDLE !== "undefined" && POSTGUARD_ACTION_BUNDLE;

export function rulesDir(): string {
  return bundled ? fileURLToPath(new URL("../rules/", import.meta.url)) : builtinRulesDir();
}

let cached: string | undefined;

export function actionVersion(): string {
  if (!bundled) return packageVersion();
  if (!cached) {
    try {
      cached = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
    } catch {
      cached = "0.0.0";
    }
  }
  return cached;
}
