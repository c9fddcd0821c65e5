/**
 * `scan --since REF`: files that differ from REF in the working tree (committed since,
 * staged or not) plus untracked files that .gitignore does not ignore — everything an
 * author added since REF. `--diff-only` narrows findings to added lines, read from
 * `git diff -U0` (REF, or the index for `--staged`).
 */
import { join } from "node:path";
import { displayPath, hasBinaryExtension } from "../fs/discover.js";
import type { ScanInput } from "../fs/scan-files.js";
import { git, repoRoot, verifyRef } from "./run.js";

const paths = (out: Buffer) => out.toString("utf8").split("\0").filter(Boolean);

/** Files changed since `ref` and untracked files, under `pathspecs`, as scan inputs. */
export async function* changedInputs(cwd: string, ref: string, pathspecs: readonly string[], opts: { accept?: (abs: string) => boolean } = {}): AsyncGenerator<ScanInput> {
  await verifyRef(ref, cwd);
  const root = await repoRoot(cwd, "--since");
  const changed = paths(await git(["diff", "--name-only", "-z", "--no-ext-diff", "--diff-filter=ACMR", ref, "--", ...pathspecs], cwd));
  const untracked = paths(await git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ...pathspecs], cwd));
  const seen = new Set<string>();
  for (const gitPath of [...changed, ...untracked].sort()) {
    if (seen.has(gitPath) || hasBinaryExtension(gitPath)) continue;
    seen.add(gitPath);
    const abs = join(root, gitPath);
    if (opts.accept && !opts.accept(abs)) continue;
    yield { kind: "file", path: displayPath(abs, cwd), abs, explicit: true };
  }
}

/** Unquote a path git wrote C-style in a diff header (`"b/caf\303\251.md"`). */
function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  const bytes: number[] = [];
  const ESC: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, "\\": 92 };
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = s[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(ESC[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** `git diff -U0` output -> root-relative path -> added line numbers (new side, 1-based). */
export function parseAddedLines(patch: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of patch.split("\n")) {
    if (line.startsWith("+++ ")) {
      const target = line.slice(4).replace(/\t$/, "");
      if (target === "/dev/null") {
        current = undefined;
        continue;
      }
      const path = unquote(target).replace(/^b\//, "");
      current = out.get(path) ?? new Set();
      out.set(path, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return out;
}

/** Whether a finding spanning lines `from`..`to` of `path` (relative to `cwd`) touches an added line. */
export type AddedLineTest = (path: string, from: number, to: number) => boolean;

/**
 * Which lines are new: `against` is a ref (`--since`: the working tree against it, and
 * every line of an untracked file) or `index` (`--staged`: the index against HEAD).
 */
export async function addedLines(cwd: string, against: { ref: string } | "index", pathspecs: readonly string[]): Promise<AddedLineTest> {
  const root = await repoRoot(cwd, "--diff-only");
  const base = against === "index" ? ["--cached"] : [against.ref];
  const patch = await git(["diff", "-U0", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", ...base, "--", ...pathspecs], cwd);
  const byPath = new Map<string, Set<number>>();
  for (const [gitPath, lines] of parseAddedLines(patch.toString("utf8"))) byPath.set(displayPath(join(root, gitPath), cwd), lines);
  const untracked = new Set<string>();
  if (against !== "index") {
    for (const p of paths(await git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ...pathspecs], cwd))) untracked.add(displayPath(join(root, p), cwd));
  }
  return (path, from, to) => {
    if (untracked.has(path)) return true;
    const lines = byPath.get(path);
    if (!lines) return false;
    for (let n = from; n <= to; n++) if (lines.has(n)) return true;
    return false;
  };
}
