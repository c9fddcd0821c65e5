/**
 * Real git repositories in temp folders, and a freshly built copy of the CLI for tests that
 * run it as git runs a hook: as its own process.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const made: string[] = [];
afterAll(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A git repository in a temp folder, with an identity and no user config leaking in. */
export function gitRepo(files: Record<string, string | Uint8Array> = {}): { root: string; git: (...args: string[]) => string; write: (files: Record<string, string | Uint8Array>) => void } {
  const root = mkdtempSync(join(tmpdir(), "postguard-git-"));
  made.push(root);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.com", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.com" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const write = (more: Record<string, string | Uint8Array>) => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  };
  git("init", "-q", "-b", "main");
  git("config", "commit.gpgsign", "false");
  write(files);
  return { root, git, write };
}

/**
 * The CLI transpiled from the current source into a temp folder (esbuild, file by file,
 * the layout tsc gives dist/), so a hook runs this code and not whatever dist/ holds.
 * Returns the path of its bin.js.
 */
export async function buildCli(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "postguard-cli-"));
  made.push(out);
  const src = join(ROOT, "src");
  const entryPoints = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => join(src, f));
  await build({ entryPoints, outdir: join(out, "dist"), format: "esm", platform: "node", target: "node20", logLevel: "error" });
  // What the built code reads next to itself: the rules, package.json, dependencies.
  symlinkSync(join(ROOT, "rules"), join(out, "rules"));
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"));
  copyFileSync(join(ROOT, "package.json"), join(out, "package.json"));
  return join(out, "dist", "cli", "bin.js");
}
