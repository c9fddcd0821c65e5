/**
 * .gitignore semantics for folder walks: every .gitignore from the repository root down
 * to a folder applies to it, patterns are relative to the file's own folder, the deepest
 * matching pattern wins (so `!keep.md` in a subfolder re-includes), and an ignored folder
 * is never entered (git cannot re-include files below an excluded folder either).
 * https://git-scm.com/docs/gitignore
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import type { Ignore } from "ignore";

/** One folder's patterns. */
export interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

/** The chain that applies inside one folder, shallowest first. Immutable: extend() copies. */
export type IgnoreChain = readonly IgnoreLevel[];

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees and submodules). */
export async function findRepoRoot(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    if (await exists(join(d, ".git"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

async function readPatterns(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** `dir`'s `.gitignore` (plus `extra` pattern files) added to `chain`; unchanged when there is none. */
export async function extendChain(chain: IgnoreChain, dir: string, extra: string[] = []): Promise<IgnoreChain> {
  const texts: string[] = [];
  for (const f of [...extra, join(dir, ".gitignore")]) {
    const t = await readPatterns(f);
    if (t) texts.push(t);
  }
  if (!texts.length) return chain;
  // Loaded with the first .gitignore found: scanning a file named on the command line never needs it.
  const { default: ignore } = await import("ignore");
  const ig = ignore();
  for (const t of texts) ig.add(t);
  return [...chain, { dir, ig }];
}

/**
 * The chain in force inside `dir`: .gitignore files of every folder from the repository
 * root (or `dir` itself outside a repository) down to `dir`, and `.git/info/exclude`.
 */
export async function chainFor(dir: string): Promise<IgnoreChain> {
  const root = (await findRepoRoot(dir)) ?? dir;
  const rel = relative(root, dir);
  const dirs = [root];
  if (rel) {
    let d = root;
    for (const part of rel.split(sep)) dirs.push((d = join(d, part)));
  }
  let chain: IgnoreChain = [];
  for (const d of dirs) chain = await extendChain(chain, d, d === root ? [join(root, ".git", "info", "exclude")] : []);
  return chain;
}

/** Whether `abs` (a folder when `isDir`) is ignored by `chain`. */
export function isIgnored(chain: IgnoreChain, abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { dir, ig } of chain) {
    const rel = relative(dir, abs);
    if (!rel || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    try {
      const r = ig.test(rel.split(sep).join("/") + (isDir ? "/" : ""));
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    } catch {
      // `ignore` rejects names it cannot express as a relative path; git would not ignore them.
    }
  }
  return ignored;
}
