/**
 * The built-in catalogue, precompiled. Parsing and checking 120 YAML files takes about
 * half a second, most of a pre-commit hook's budget; `npm run build` stores the checked
 * rule specs (and what each pattern needs, see ../detect/pattern-literals.ts) as JSON in
 * dist/rules/catalogue.json, keyed by a hash of the rule files and of the code that reads
 * them. A missing or stale file is ignored and the YAML is read as usual.
 *
 * Reading all rule files to hash them costs a one-post scan ~7 ms, so the build also stamps
 * each file (size, mtime, ctime): when every stamp still matches, the files are not read.
 * Any difference (an edited, touched, added or removed file; a copied or freshly installed
 * package) falls back to the hash, which alone decides. See `stampFiles` for why a stamp
 * cannot hide an edit.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { offerTables, type AutomatonTables } from "../detect/aho-corasick.js";
import { patternLiterals, type PatternLiterals } from "../detect/pattern-literals.js";
import { readBuiltText } from "../read-text.js";
import type { CompiledRule, ProviderSpec, RuleSpec } from "./spec.js";

/** One checked rule, as compileRule takes it. */
export interface CataloguedRule {
  spec: RuleSpec;
  provider: Pick<ProviderSpec, "provider" | "name" | "revoke">;
  /** File name inside the rules folder and line of the rule (the shown path depends on the cwd). */
  file: string;
  line: number;
}

export interface Catalogue {
  key: string;
  /** Stamps of the files `key` was computed from, taken before they were read (see `stampFiles`). */
  stamps?: FileStamps;
  rules: CataloguedRule[];
  literals: Array<[string, PatternLiterals]>;
  /**
   * The keyword automaton of these rules (../detect/aho-corasick.ts), restored instead of
   * built when a scan's keyword list is exactly the one it was built for.
   */
  automaton?: AutomatonTables;
}

// Spelled from the parent folder so they name the same files from dist/rules/ (tsc output)
// and from dist/bundle/ (the CLI bundle, scripts/build-cli.mjs), which sits next to it.
const CACHE = new URL("../rules/catalogue.json", import.meta.url);
/**
 * The code whose output the cache holds: a change to any of it makes the cache stale. The
 * bundle hashes tsc's output of the same sources (`npm run build` writes both).
 */
const CODE_FILES = ["../rules/load.js", "../rules/spec.js", "../detect/pattern-literals.js", "../detect/aho-corasick.js"];
const CODE = CODE_FILES.map((p) => new URL(p, import.meta.url));

/** Hash of the rule files (names and texts) and of the code that reads them. */
export function catalogueKey(files: ReadonlyArray<{ name: string; text: string }>): string {
  const h = createHash("sha256");
  for (const url of CODE) {
    try {
      h.update(readFileSync(fileURLToPath(url)));
    } catch {
      h.update(`missing ${url.pathname}`);
    }
    h.update("\u0000");
  }
  for (const f of files) h.update(`${f.name}\u0000${f.text}\u0000`);
  return h.digest("hex");
}

/** Rule file name (or `code:` + path of the code) -> `size:mtimeMs:ctimeMs`; `null` for missing code. */
export type FileStamps = Record<string, string | null>;

/**
 * A stamp is trusted only for a file last changed this long before the stamps were taken:
 * a later edit within the same timestamp tick (1-2 s on some file systems) could otherwise
 * keep size and times (git's "racy clean" problem). Such a file gets no stamp, so the
 * catalogue is hash-checked until the next build.
 */
const RACY_MS = 3000;

function stampOf(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return null;
  }
}

/**
 * Stamps of the rule files `names` in `dir` and of the code the key hashes. Take them
 * before reading the files: an edit between stamping and reading leaves a stamp that no
 * longer matches. ctime is part of the stamp because tools that restore an mtime
 * (`touch -r`, `cp -p`, tar) cannot restore it.
 */
export function stampFiles(dir: string, names: readonly string[], now = Date.now()): FileStamps {
  const stamps: FileStamps = {};
  for (const name of names) {
    const stamp = stampOf(join(dir, name));
    const [, mtime, ctime] = (stamp ?? "").split(":").map(Number);
    if (stamp && Math.max(mtime!, ctime!) < now - RACY_MS) stamps[name] = stamp;
  }
  // Not held to RACY_MS: tsc writes them just before the build stamps them, and only a
  // rebuild changes them.
  CODE.forEach((url, i) => (stamps[`code:${CODE_FILES[i]}`] = stampOf(fileURLToPath(url))));
  return stamps;
}

/** Whether `stamps` covers exactly the rule files `names` in `dir` and the code, all unchanged. */
function stampsMatch(stamps: FileStamps, dir: string, names: readonly string[]): boolean {
  if (Object.keys(stamps).length !== names.length + CODE.length) return false;
  for (let i = 0; i < CODE.length; i++) {
    const key = `code:${CODE_FILES[i]}`;
    if (!(key in stamps) || stamps[key] !== stampOf(fileURLToPath(CODE[i]!))) return false;
  }
  for (const name of names) {
    const stamp = stamps[name];
    if (typeof stamp !== "string" || stamp !== stampOf(join(dir, name))) return false;
  }
  return true;
}

/**
 * The catalogue of `rules`, checked and compiled from `files` (by name inside the rules
 * folder); `stamps` (from `stampFiles`, taken before `files` were read) let a run skip
 * reading them.
 */
export function buildCatalogue(files: ReadonlyArray<{ name: string; text: string }>, rules: readonly CompiledRule[], stamps?: FileStamps, automaton?: AutomatonTables): Catalogue {
  return {
    key: catalogueKey(files),
    ...(stamps ? { stamps } : {}),
    rules: rules.map((r) => {
      const [, file, line] = /^(.*?)(?::(\d+))?$/.exec(r.source)!;
      return {
        spec: r.spec,
        provider: { provider: r.provider, name: r.providerName, ...(r.revoke ? { revoke: r.revoke } : {}) },
        file: file!.split(/[\\/]/).pop()!,
        line: Number(line ?? 1),
      };
    }),
    literals: [...new Map(rules.map((r) => [r.regex.source, patternLiterals(r.regex.source)]))],
    ...(automaton ? { automaton } : {}),
  };
}

function parseCatalogue(from: URL): Catalogue | undefined {
  try {
    return JSON.parse(readBuiltText(fileURLToPath(from))) as Catalogue;
  } catch {
    return undefined;
  }
}

function revive(cached: Catalogue): Catalogue {
  // JSON has no Infinity (an unbounded pattern): it comes back as null.
  cached.literals = cached.literals.map(([source, l]) => [source, { ...l, maxLength: l.maxLength ?? Infinity, reach: l.reach ?? Infinity }]);
  offerTables(cached.automaton);
  return cached;
}

/** The cached catalogue when it was made from exactly these files by this code. */
export function readCatalogue(files: ReadonlyArray<{ name: string; text: string }>, from: URL = CACHE): Catalogue | undefined {
  const cached = parseCatalogue(from);
  return cached && cached.key === catalogueKey(files) ? revive(cached) : undefined;
}

/**
 * The cached catalogue when it was made from exactly the rule files `names` in `dir` (and
 * this code), and how that was established: every stamp matched (`"stamp"`, no file read),
 * or the files were read and hashed (`"hash"`).
 */
export function readCatalogueOfDir(dir: string, names: readonly string[], from: URL = CACHE): { catalogue: Catalogue; by: "stamp" | "hash" } | undefined {
  const cached = parseCatalogue(from);
  if (!cached) return undefined;
  if (cached.stamps && stampsMatch(cached.stamps, dir, names)) return { catalogue: revive(cached), by: "stamp" };
  let files: Array<{ name: string; text: string }>;
  try {
    files = names.map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
  } catch {
    return undefined;
  }
  return cached.key === catalogueKey(files) ? { catalogue: revive(cached), by: "hash" } : undefined;
}

/** Store a checked catalogue (by default next to this module: the build does this). Returns the file. */
export function writeCatalogue(catalogue: Catalogue, to: URL = CACHE): string {
  const file = fileURLToPath(to);
  // ASCII (JSON escapes for the rest), which reads several times faster (src/read-text.ts).
  writeFileSync(file, JSON.stringify(catalogue).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  return file;
}
