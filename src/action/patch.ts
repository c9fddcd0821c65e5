/**
 * The `patch` GitHub sends for each file of a pull request: unified-diff hunks without
 * the file header. What matters here is which lines of the new file the PR adds (`+`),
 * numbered as in the head commit: the only lines a finding is reported on, and lines a
 * review comment can sit on (`side: RIGHT`).
 */

export interface AddedLines {
  /** New-file line number -> the line's text (without the `+`, without a trailing CR). */
  lines: Map<number, string>;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Added lines of a patch. Context lines advance the new-file counter, removed lines do
 * not, `\ No newline at end of file` is a marker, not a line. Throws on text that is not
 * a patch (no hunk header before the first line) rather than guessing line numbers.
 */
export function parsePatch(patch: string): AddedLines {
  const lines = new Map<number, string>();
  let next = 0; // new-file line number of the next `+` or ` ` line; 0 before any hunk
  let remaining = 0; // new-file lines left in the current hunk
  for (const raw of patch.split("\n")) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      next = Number(hunk[1]);
      remaining = hunk[2] === undefined ? 1 : Number(hunk[2]);
      continue;
    }
    if (next === 0) {
      if (raw === "") continue;
      throw new Error(`not a unified diff: a line before the first @@ hunk header: ${JSON.stringify(raw.slice(0, 40))}`);
    }
    const mark = raw[0];
    if (mark === "+") {
      lines.set(next++, raw.slice(1).replace(/\r$/, ""));
      remaining--;
    } else if (mark === " ") {
      next++;
      remaining--;
    } else if (mark === "" || mark === undefined) {
      // An empty context line whose leading space was trimmed by a tool; counts as context.
      if (remaining > 0) {
        next++;
        remaining--;
      }
    }
    // "-" lines and "\ No newline at end of file" leave the new file's numbering alone.
  }
  return { lines };
}
