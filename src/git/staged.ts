/**
 * `scan --staged`: the content of the index — what the next commit will hold — not the
 * working tree. The staged paths come from `git diff --cached --raw -z`, their blobs from
 * one `git cat-file --batch` process, streamed, so a commit of many files is three git
 * processes, not one per file.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { displayPath, hasBinaryExtension } from "../fs/discover.js";
import { formatSize, type ScanInput } from "../fs/scan-files.js";
import { git, GitError, repoRoot } from "./run.js";

export interface StagedFile {
  /** Path relative to the repository root, forward slashes. */
  gitPath: string;
  /** The staged blob's object id. */
  blob: string;
}

/** Regular files (mode 100644/100755) git would add or modify in the next commit. */
export function parseRawDiff(out: Buffer): StagedFile[] {
  const parts = out.toString("utf8").split("\0");
  const files: StagedFile[] = [];
  for (let i = 0; i < parts.length; ) {
    const meta = parts[i++];
    if (!meta || !meta.startsWith(":")) continue;
    // ":100644 100644 <old> <new> M" then the path; renames and copies (R100, C75) have two paths.
    const [, newMode, , blob, status] = meta.slice(1).split(" ");
    const path = parts[i++];
    const dest = status?.startsWith("R") || status?.startsWith("C") ? parts[i++] : path;
    if (!dest || !blob || !/^100(644|755)$/.test(newMode ?? "")) continue;
    files.push({ gitPath: dest, blob });
  }
  return files;
}

/** Staged files under `pathspecs` (relative to `cwd`; all staged files when empty). */
export async function stagedFiles(cwd: string, pathspecs: readonly string[] = []): Promise<{ root: string; files: StagedFile[] }> {
  const root = await repoRoot(cwd, "--staged");
  const out = await git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-ext-diff", "--diff-filter=ACMR", "--", ...pathspecs], cwd);
  return { root, files: parseRawDiff(out) };
}

/**
 * Stream blobs out of `git cat-file --batch`: for each requested id, git answers
 * `<id> blob <size>\n<content>\n`. Blobs over `maxSize` are skipped without being kept.
 */
async function* catFile(cwd: string, blobs: readonly string[], maxSize: number): AsyncGenerator<{ blob: string; bytes?: Uint8Array; size: number }> {
  const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  const failed = new Promise<never>((_, reject) => child.on("error", (e) => reject(new GitError(`cannot run git: ${e.message}`))));
  failed.catch(() => undefined);
  child.stdin.on("error", () => undefined);
  child.stdin.end(blobs.map((b) => `${b}\n`).join(""));
  let buf: Buffer = Buffer.alloc(0);
  let want: { blob: string; size: number; keep: boolean } | undefined;
  const body: Buffer[] = [];
  let got = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (!want) {
        const nl = buf.indexOf(10);
        if (nl < 0) break;
        const header = buf.subarray(0, nl).toString("utf8");
        buf = buf.subarray(nl + 1);
        if (/^\S+ missing$/.test(header)) continue;
        const m = /^(\S+) (\S+) (\d+)$/.exec(header);
        if (!m) throw new GitError(`unexpected answer from git cat-file: ${JSON.stringify(header)}`);
        want = { blob: m[1]!, size: Number(m[3]), keep: Number(m[3]) <= maxSize };
        got = 0;
        body.length = 0;
      }
      const take = Math.min(buf.length, want.size + 1 - got);
      if (want.keep) body.push(buf.subarray(0, take));
      got += take;
      buf = buf.subarray(take);
      if (got < want.size + 1) break;
      // The last byte taken is the newline after the content.
      const all = want.keep ? Buffer.concat(body) : undefined;
      yield { blob: want.blob, size: want.size, ...(all ? { bytes: all.subarray(0, want.size) } : {}) };
      want = undefined;
    }
  }
  await new Promise<void>((resolvePromise) => (child.exitCode !== null ? resolvePromise() : child.on("close", () => resolvePromise())));
}

/**
 * The staged files as scan inputs, named as a folder scan from `cwd` would name them.
 * Files with binary extensions are left out, as in folder walks; `accept` (config
 * include/exclude) filters by absolute path.
 */
export async function* stagedInputs(cwd: string, pathspecs: readonly string[], opts: { maxFileSize: number; accept?: (abs: string) => boolean }): AsyncGenerator<ScanInput> {
  const { root, files } = await stagedFiles(cwd, pathspecs);
  const wanted = files.filter((f) => !hasBinaryExtension(f.gitPath) && (opts.accept?.(join(root, f.gitPath)) ?? true));
  if (!wanted.length) return;
  const byBlob = new Map<string, StagedFile[]>();
  for (const f of wanted) byBlob.set(f.blob, [...(byBlob.get(f.blob) ?? []), f]);
  const order = [...byBlob.keys()];
  for await (const { blob, bytes, size } of catFile(root, order, opts.maxFileSize)) {
    for (const f of byBlob.get(blob) ?? []) {
      const path = displayPath(join(root, f.gitPath), cwd);
      if (!bytes) {
        yield { kind: "skipped", path, reason: "too-large", message: `${formatSize(size)} is over the --max-file-size limit of ${formatSize(opts.maxFileSize)}` };
        continue;
      }
      yield { kind: "stream", path, stream: (async function* () {
        yield bytes;
      })() };
    }
  }
}
