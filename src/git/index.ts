/** Git-aware scans: staged content (`--staged`), changes since a ref (`--since`), added lines (`--diff-only`). */
export { git, GitError, repoRoot, verifyRef } from "./run.js";
export { parseRawDiff, stagedFiles, stagedInputs, type StagedFile } from "./staged.js";
export { addedLines, changedInputs, parseAddedLines, type AddedLineTest } from "./changed.js";
