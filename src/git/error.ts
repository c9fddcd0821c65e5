/**
 * A failed git call. Its own module, without node:child_process, so the CLI can tell this
 * error apart without loading what runs git (a few ms of a pre-commit hook's start-up).
 */
export class GitError extends Error {
  override name = "GitError";
}
