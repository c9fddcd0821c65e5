/**
 * Scan the checked-out workspace: every file under the configured paths (push,
 * schedule…), or only the files a pull request changes that fall under them.
 */
import { join } from "node:path";
import picomatch from "picomatch";
import { discoverFiles, hasBinaryExtension, type DiscoveredEntry } from "../fs/discover.js";
import { scanFiles } from "../fs/scan-files.js";
import type { ScanReport } from "../report/model.js";
import { loadRuleTexts, readRuleDir, RuleError } from "../rules/load.js";
import type { CompiledRule } from "../rules/spec.js";
import { Engine } from "../scan.js";
import { rulesDir } from "./bundle-paths.js";

/** Same limits as the CLI's defaults. */
const MAX_FILE_SIZE = 10 * 1024 * 1024;
const CONCURRENCY = 8;

let rules: CompiledRule[] | undefined;

/** The built-in rules; a broken rule file is a RuleError naming file:line. */
export function actionRules(): CompiledRule[] {
  if (!rules) {
    const dir = rulesDir();
    const loaded = loadRuleTexts(readRuleDir(dir, join(dir, "..")));
    if (loaded.problems.length) throw new RuleError(loaded.problems);
    rules = loaded.rules;
  }
  return rules;
}

/** `./content/` -> `content`; `.` -> `` (everything). */
function normalizeInput(p: string): string {
  return p.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "").replace(/\/+$/, "").replace(/^\.$/, "");
}

/** Folders a tree walk never enters; a changed file inside one is skipped the same way. */
const SKIPPED_DIR = /(?:^|\/)(?:\.git|node_modules)\//;

/**
 * Whether a repository path falls under the `paths` input: inside a named folder, the
 * named file itself, or matching a glob (`content/**\/*.md`).
 */
export function pathFilter(paths: readonly string[]): (path: string) => boolean {
  const tests = paths.map((raw) => {
    const p = normalizeInput(raw);
    if (p === "") return () => true;
    if (picomatch.scan(p).isGlob) return picomatch(p, { dot: true });
    return (path: string) => path === p || path.startsWith(`${p}/`);
  });
  return (path) => !SKIPPED_DIR.test(path) && tests.some((t) => t(path));
}

/** Changed files worth reading: under `paths`, not deleted, not images and the like. */
export function changedEntries(paths: Iterable<string>, workspace: string): DiscoveredEntry[] {
  const out: DiscoveredEntry[] = [];
  for (const path of paths) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (hasBinaryExtension(name)) continue;
    out.push({ kind: "file", path, abs: join(workspace, path), explicit: true });
  }
  return out;
}

async function* accepted(entries: AsyncIterable<DiscoveredEntry> | Iterable<DiscoveredEntry>, accept: (abs: string) => boolean): AsyncGenerator<DiscoveredEntry> {
  for await (const e of entries) if (e.kind !== "file" || accept(e.abs)) yield e;
}

/**
 * Scan `what` (a list of changed files, or the `paths` input walked like the CLI does)
 * with `rules`, skipping files the configuration's include/exclude leave out and
 * honouring inline suppression markers. Every finding is kept, whatever its confidence:
 * the caller masks them all before choosing which to report.
 */
export async function scanWorkspace(
  what: { files: DiscoveredEntry[] } | { paths: string[] },
  workspace: string,
  opts: { rules: readonly CompiledRule[]; accept?: (abs: string) => boolean },
): Promise<ScanReport> {
  const entries = "files" in what ? what.files : discoverFiles(what.paths, { cwd: workspace });
  return scanFiles(accepted(entries, opts.accept ?? (() => true)), {
    engine: new Engine(opts.rules),
    maxFileSize: MAX_FILE_SIZE,
    concurrency: CONCURRENCY,
    inline: "honour",
  });
}
