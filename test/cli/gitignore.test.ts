/**
 * Folder walks skip what git would not commit: .git, node_modules, and what .gitignore
 * files ignore, from the repository root down through nested folders.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { KEY_ID, LEAKY_POST, tempTree } from "./helpers.js";

/** A repository whose every file leaks; only the paths that are not ignored may be reported. */
function repo(): string {
  const dir = tempTree({
    ".gitignore": "drafts/\n*.secret.md\n/build\n",
    "content/.gitignore": "private/\n!keep.secret.md\n",
    "content/posts/published.md": LEAKY_POST,
    "content/drafts/unfinished.md": LEAKY_POST,
    "content/x.secret.md": LEAKY_POST,
    "content/keep.secret.md": LEAKY_POST,
    "content/private/notes.md": LEAKY_POST,
    "content/build/page.md": LEAKY_POST, // `/build` is anchored to the root: not this one
    "build/page.md": LEAKY_POST,
    "node_modules/theme/README.md": LEAKY_POST,
    "content/node_modules/x/README.md": LEAKY_POST,
    ".git/config": `[remote]\n\turl = x\n# ${KEY_ID}\n`,
    ".github/workflows/deploy.md": LEAKY_POST, // dot folders other than .git are scanned
  });
  return dir;
}

const paths = async (args: string[], cwd: string) => {
  const r = await run(["scan", "--format", "json", ...args], { cwd });
  return JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path);
};

describe("gitignore", () => {
  it("honours the root .gitignore, nested .gitignore files and negations", async () => {
    const dir = repo();
    expect(await paths([], dir)).toEqual([".github/workflows/deploy.md", "content/build/page.md", "content/keep.secret.md", "content/posts/published.md"]);
  });

  it("applies the repository root's .gitignore when scanning a subfolder", async () => {
    const dir = repo();
    expect(await paths(["content"], dir)).toEqual(["content/build/page.md", "content/keep.secret.md", "content/posts/published.md"]);
    expect(await paths(["."], join(dir, "content"))).toEqual(["build/page.md", "keep.secret.md", "posts/published.md"]);
  });

  it("globs skip ignored files too", async () => {
    const dir = repo();
    expect(await paths(["content/**/*.md"], dir)).toEqual(["content/build/page.md", "content/keep.secret.md", "content/posts/published.md"]);
  });

  it("a file named on the command line is scanned even when ignored", async () => {
    const dir = repo();
    expect(await paths(["content/drafts/unfinished.md"], dir)).toEqual(["content/drafts/unfinished.md"]);
  });

  it("outside a repository, the scanned folder's own .gitignore still applies", async () => {
    const dir = tempTree({ ".gitignore": "tmp/\n", "a.md": LEAKY_POST, "tmp/b.md": LEAKY_POST });
    expect(await paths([], dir)).toEqual(["a.md"]);
  });

  it("does not follow symlinked folders (no cycles), but reads symlinked files", async () => {
    const dir = tempTree({ "posts/a.md": LEAKY_POST });
    symlinkSync("..", join(dir, "posts/loop"));
    symlinkSync("a.md", join(dir, "posts/alias.md"));
    mkdirSync(join(dir, "empty"));
    expect(await paths([], dir)).toEqual(["posts/a.md", "posts/alias.md"]);
  });

  it("leaves images and other binary formats out of folder walks", async () => {
    const dir = tempTree({ "post.md": LEAKY_POST, "cover.png": `\u0089PNG ${KEY_ID}`, "font.woff2": "x" });
    const r = await run(["scan", "--format", "json"], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { path: string }) => f.path)).toEqual(["post.md"]);
    expect(out.stats.files).toBe(1);
  });
});
