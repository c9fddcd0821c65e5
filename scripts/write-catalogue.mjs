#!/usr/bin/env node
// Writes dist/rules/catalogue.json after `tsc`: the checked built-in rules and what each
// pattern needs, so a run skips parsing YAML, and stamps of the rule files, so a run skips
// reading them while they are unchanged (see src/rules/catalogue-cache.ts). Broken
// rules write nothing (`postguard rules check` is where they are reported).
import { existsSync, rmSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/", import.meta.url);
const target = fileURLToPath(new URL("rules/catalogue.json", dist));
if (existsSync(target)) rmSync(target);
const cache = await import(new URL("rules/catalogue-cache.js", dist).href);
const load = await import(new URL("rules/load.js", dist).href);
const { KeywordIndex } = await import(new URL("detect/detect.js", dist).href);

const dir = load.builtinRulesDir();
// Stamped before they are read: a file edited in between then fails its stamp and is hashed.
const stamps = cache.stampFiles(dir, load.ruleFileNames(dir));
const files = load.readRuleDir(dir);
const { rules, problems } = load.loadRuleTexts(files);
if (problems.length) {
  console.warn(`write-catalogue: ${problems.length} problem(s) in rules/; no precompiled catalogue (run \`postguard rules check\`)`);
} else {
  // The keyword automaton a scan with all built-in rules builds, stored to be restored.
  const automaton = new KeywordIndex(rules).automatonTables();
  cache.writeCatalogue(cache.buildCatalogue(files.map((f) => ({ name: basename(f.path), text: f.text })), rules, stamps, automaton));
}
