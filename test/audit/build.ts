/**
 * Tests that spawn the real executable need dist/ to match src/. Build only when some
 * source file is newer than the build (CI's `npm ci` has just built it), so test files
 * running side by side rarely rebuild, and never for nothing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "dist/cli/bin.js");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureBuilt(): void {
  const marker = join(ROOT, "dist/audit/audit.js");
  if (existsSync(BIN) && existsSync(marker) && statSync(marker).mtimeMs >= newest(join(ROOT, "src"))) return;
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "pipe" });
  } catch {
    // type errors elsewhere are the typecheck's to report; tsc still emits
  }
  if (!existsSync(BIN)) throw new Error(`${BIN} was not built`);
}
