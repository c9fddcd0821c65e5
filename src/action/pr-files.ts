/**
 * The files a pull request changes, from "List pull requests files" (100 a page, Link
 * header pagination; GitHub stops at 3,000 files), each with the lines it adds.
 * https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
 */
import type { Octokit } from "octokit";
import type { Repo } from "./context.js";
import { parsePatch } from "./patch.js";

/** GitHub's documented cap on the file list of one pull request. */
export const MAX_LISTED_FILES = 3000;

export interface ChangedFile {
  /** Path in the head commit (the new name of a renamed file). */
  path: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  previousPath?: string;
  /**
   * Lines the PR adds (line -> text), or undefined when GitHub sent no patch: a binary
   * file, or a diff too large to show; then nothing tells which lines are new.
   */
  added?: Map<number, string>;
  /** Why `added` is missing or partial. */
  note?: string;
}

export interface PullRequestFiles {
  files: ChangedFile[];
  /** GitHub listed fewer files than the PR changes (over 3,000). */
  truncated: boolean;
}

interface ApiFile {
  filename: string;
  status: ChangedFile["status"];
  previous_filename?: string;
  patch?: string;
  changes?: number;
  additions?: number;
}

/** One API entry -> what the scan needs. A renamed file with no edits adds nothing. */
export function toChangedFile(f: ApiFile): ChangedFile {
  const out: ChangedFile = { path: f.filename, status: f.status, ...(f.previous_filename ? { previousPath: f.previous_filename } : {}) };
  if (typeof f.patch === "string") {
    try {
      out.added = parsePatch(f.patch).lines;
    } catch (e) {
      out.note = `GitHub's patch could not be read (${(e as Error).message})`;
    }
  } else if (f.additions === 0 || f.status === "removed" || ((f.status === "renamed" || f.status === "copied") && f.changes === 0)) {
    out.added = new Map();
  } else {
    out.note = "GitHub sent no diff for this file (too large to show), so it is not known which lines are new";
  }
  return out;
}

export async function listPullRequestFiles(octokit: Octokit, repo: Repo, pullNumber: number, expected?: number): Promise<PullRequestFiles> {
  const files: ChangedFile[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 })) {
    for (const f of page.data) files.push(toChangedFile(f as ApiFile));
  }
  const truncated = (expected !== undefined && files.length < expected) || files.length >= MAX_LISTED_FILES;
  return { files, truncated };
}
