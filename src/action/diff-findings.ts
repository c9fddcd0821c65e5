/**
 * Which findings a pull request introduces. A finding is the PR's when one of its lines
 * (the secret's, or a paired part's) is a line the PR adds; it is then reported on that
 * line. Findings on lines the PR does not touch were there before and stay quiet.
 */
import type { Finding } from "../types.js";
import type { ChangedFile } from "./pr-files.js";

export interface PlacedFinding {
  finding: Finding;
  /** Line of the head commit the review comment goes on (an added line). */
  line: number;
}

export interface UnplacedFinding {
  finding: Finding;
  /** Why it cannot sit on a diff line: said in the summary. */
  reason: string;
}

export interface PullRequestFindings {
  /** New, on an added line: one review comment each. */
  placed: PlacedFinding[];
  /** Possibly new, but no diff line to put them on: reported in the summary. */
  unplaced: UnplacedFinding[];
  /** On lines the PR does not add: not reported. */
  preexisting: Finding[];
}

/** Lines a finding spans, the secret's own first. */
function linesOf(f: Finding): number[] {
  const out: number[] = [];
  const add = (from: number, to: number) => {
    for (let l = from; l <= to; l++) if (!out.includes(l)) out.push(l);
  };
  add(f.start.line, f.end.line);
  for (const r of f.related ?? []) add(r.start.line, r.end.line);
  return out;
}

const MISMATCH =
  "the checked-out file is not the pull request's version of it (the lines it adds are not where its diff puts them), so findings cannot be matched to lines; " +
  "check out the head commit (`ref: ${{ github.event.pull_request.head.sha }}`)";

/**
 * Sort findings of changed files. `files` is keyed by head path; `lineText(path, line)`
 * reads the checked-out file. A file whose added lines are not where the patch puts them
 * is not the head commit's (the default merge checkout differs when the base branch also
 * edited it): its findings are reported without line comments rather than guessed at,
 * and never dismissed as pre-existing.
 */
export function classifyFindings(
  findings: readonly Finding[],
  files: ReadonlyMap<string, ChangedFile>,
  lineText: (path: string, line: number) => string | undefined,
  unlisted = "GitHub did not list this file among the pull request's changes (it lists at most 3,000 files)",
): PullRequestFindings {
  const out: PullRequestFindings = { placed: [], unplaced: [], preexisting: [] };
  const matches = new Map<string, boolean>();
  const matchesHead = (file: ChangedFile, added: ReadonlyMap<number, string>): boolean => {
    let ok = matches.get(file.path);
    if (ok === undefined) {
      // A byte-order mark is part of line 1 in a patch but not in the decoded file.
      const bare = (s: string | undefined) => s?.replace(/^\uFEFF/, "");
      ok = [...added].every(([line, text]) => bare(lineText(file.path, line)) === bare(text));
      matches.set(file.path, ok);
    }
    return ok;
  };
  for (const finding of findings) {
    const file = files.get(finding.path);
    if (!file) {
      out.unplaced.push({ finding, reason: unlisted });
      continue;
    }
    if (!file.added) {
      out.unplaced.push({ finding, reason: file.note ?? "GitHub sent no diff for this file" });
      continue;
    }
    const added = file.added;
    if (!matchesHead(file, added)) {
      out.unplaced.push({ finding, reason: MISMATCH });
      continue;
    }
    const line = linesOf(finding).find((l) => added.has(l));
    if (line === undefined) out.preexisting.push(finding);
    else out.placed.push({ finding, line });
  }
  return out;
}
