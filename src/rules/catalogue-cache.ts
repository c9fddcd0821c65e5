/**
 * The built-in catalogue, precompiled. Parsing and checking 120 YAML files takes about
 * half a second, most of a pre-commit hook's budget; `npm run build` stores the checked
 * rule specs (and what each pattern needs, see ../detect/pattern-literals.ts) as JSON in
 * dist/rules/catalogue.json, keyed by a hash of the rule files and of the code that reads
 * them. A missing or stale file is ignored and the YAML is read as usual.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { patternLiterals, type PatternLiterals } from "../detect/pattern-literals.js";
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
  rules: CataloguedRule[];
  literals: Array<[string, PatternLiterals]>;
}

// Spelled from the parent folder so they name the same files from dist/rules/ (tsc output)
// and from dist/bundle/ (the CLI bundle, scripts/build-cli.mjs), which sits next to it.
const CACHE = new URL("../rules/catalogue.json", import.meta.url);
/**
 * The code whose output the cache holds: a change to any of it makes the cache stale. The
 * bundle hashes tsc's output of the same sources (`npm run build` writes both).
 */
const CODE = ["../rules/load.js", "../rules/spec.js", "../detect/pattern-literals.js"].map((p) => new URL(p, import.meta.url));

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

/** The catalogue of `rules`, checked and compiled from `files` (by name inside the rules folder). */
export function buildCatalogue(files: ReadonlyArray<{ name: string; text: string }>, rules: readonly CompiledRule[]): Catalogue {
  return {
    key: catalogueKey(files),
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
  };
}

/** The cached catalogue when it was made from exactly these files by this code. */
export function readCatalogue(files: ReadonlyArray<{ name: string; text: string }>, from: URL = CACHE): Catalogue | undefined {
  let cached: Catalogue;
  try {
    cached = JSON.parse(readFileSync(fileURLToPath(from), "utf8")) as Catalogue;
  } catch {
    return undefined;
  }
  if (cached.key !== catalogueKey(files)) return undefined;
  // JSON has no Infinity (an unbounded pattern): it comes back as null.
  cached.literals = cached.literals.map(([source, l]) => [source, { ...l, maxLength: l.maxLength ?? Infinity, reach: l.reach ?? Infinity }]);
  return cached;
}

/** Store a checked catalogue (by default next to this module: the build does this). Returns the file. */
export function writeCatalogue(catalogue: Catalogue, to: URL = CACHE): string {
  const file = fileURLToPath(to);
  writeFileSync(file, JSON.stringify(catalogue));
  return file;
}
