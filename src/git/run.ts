/**
 * Running the `git` binary. postguard reads what git already knows (the index, a diff)
 * instead of re-implementing it; every call has a fixed argument list, no shell.
 */
import { spawn } from "node:child_process";
import { GitError } from "./error.js";

export { GitError };

/**
 * Run git in `cwd` and collect stdout. A non-zero exit becomes a GitError carrying git's
 * own first line of stderr.
 */
export function git(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    // Fixed, machine-readable output: no pager, no colour, paths unquoted under -z.
    const child = spawn("git", ["-c", "core.quotePath=false", "-c", "color.ui=false", ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", (e: NodeJS.ErrnoException) => reject(new GitError(e.code === "ENOENT" ? "git is not installed (or not on PATH)" : `cannot run git: ${e.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else {
        const msg = Buffer.concat(err).toString("utf8").trim().split("\n")[0] ?? "";
        reject(new GitError(`\`git ${args.join(" ")}\` failed: ${msg || `exit code ${code}`}`));
      }
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}

/** The top folder of the repository `cwd` is in. */
export async function repoRoot(cwd: string, why: string): Promise<string> {
  try {
    return (await git(["rev-parse", "--show-toplevel"], cwd)).toString("utf8").trim();
  } catch (e) {
    if (/not a git repository/i.test((e as Error).message)) throw new GitError(`${why} needs a git repository, and ${cwd} is not inside one`);
    throw e;
  }
}

/** Check that `ref` names a commit; a clear error otherwise. */
export async function verifyRef(ref: string, cwd: string): Promise<void> {
  if (ref.startsWith("-")) throw new GitError(`--since needs a commit such as \`main\`, \`HEAD~3\` or a commit hash; got \`${ref}\``);
  try {
    await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd);
  } catch {
    throw new GitError(`--since needs a commit such as \`main\`, \`HEAD~3\` or a commit hash; \`${ref}\` is not one in this repository`);
  }
}
