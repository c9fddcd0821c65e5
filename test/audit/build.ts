/**
 * Tests that spawn the real executable run a private copy of the build, so another test
 * file rebuilding dist/ at the same time (test/cli/bin.test.ts does, in parallel) can
 * never hand them a half-written module. A fresh dist/ (CI's `npm ci` has just built it)
 * is copied — again if any file changed while it was being copied; a stale one is
 * compiled straight into the copy.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const newest = (dir: string) => Math.max(0, ...files(dir).map((f) => statSync(f).mtimeMs));

/** A folder with its own dist/ and links to rules/ and node_modules/; returns the path of its bin.js. Remove with `removeBuild`. */
export function privateBuild(): string {
  const root = mkdtempSync(join(tmpdir(), "postguard-build-"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  symlinkSync(join(ROOT, "rules"), join(root, "rules"), "dir");
  copyFileSync(join(ROOT, "package.json"), join(root, "package.json"));
  const dist = join(ROOT, "dist");
  const fresh = existsSync(join(dist, "cli/bin.js")) && existsSync(join(dist, "audit/audit.js")) && statSync(join(dist, "audit/audit.js")).mtimeMs >= newest(join(ROOT, "src"));
  let copied = false;
  for (let attempt = 0; fresh && attempt < 5 && !copied; attempt++) {
    const started = Date.now();
    rmSync(join(root, "dist"), { recursive: true, force: true });
    cpSync(dist, join(root, "dist"), { recursive: true });
    // Written by a build running meanwhile: take it again once that build is done.
    copied = newest(dist) < started - 5;
    if (!copied) execFileSync(process.execPath, ["-e", "setTimeout(() => {}, 2000)"]);
  }
  if (!copied) {
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--outDir", join(root, "dist")], { stdio: "pipe" });
    } catch {
      // type errors elsewhere are the typecheck's to report; tsc still emits
    }
  }
  const bin = join(root, "dist/cli/bin.js");
  if (!existsSync(bin)) throw new Error(`${bin} was not built`);
  return bin;
}

export function removeBuild(bin: string): void {
  rmSync(join(bin, "../../.."), { recursive: true, force: true });
}
