/** The precompiled catalogue compiles to exactly the rules the YAML gives, and only while it is current. */
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildCatalogue, readCatalogue, writeCatalogue } from "../../src/rules/catalogue-cache.js";
import { builtinRulesDir, compileRule, loadRuleTexts, readRuleDir } from "../../src/rules/load.js";
import type { CompiledRule, ProviderSpec } from "../../src/rules/spec.js";
import { tempTree } from "../cli/helpers.js";

const files = readRuleDir(builtinRulesDir());
const named = files.map((f) => ({ name: basename(f.path), text: f.text }));
const { rules } = loadRuleTexts(files);
const comparable = (r: CompiledRule) => ({ ...r, regex: String(r.regex), denyKey: String(r.denyKey) });

describe("catalogue cache", () => {
  it("compiles back to the same rules as the YAML, in the same order", () => {
    const at = pathToFileURL(join(tempTree(), "catalogue.json"));
    writeCatalogue(buildCatalogue(named, rules), at);
    const cached = readCatalogue(named, at)!;
    expect(cached).toBeDefined();
    const compiled = cached.rules.map((r) => compileRule(r.spec, r.provider as ProviderSpec, `${files.find((f) => basename(f.path) === r.file)!.path}:${r.line}`));
    expect(compiled.map(comparable)).toEqual(rules.map(comparable));
    expect(cached.literals.length).toBe(new Set(rules.map((r) => r.regex.source)).size);
  });

  it("is ignored once a rule file changes, or one is added", () => {
    const at = pathToFileURL(join(tempTree(), "catalogue.json"));
    writeCatalogue(buildCatalogue(named, rules), at);
    const edited = named.map((f, i) => (i === 0 ? { ...f, text: `${f.text}\n# edited\n` } : f));
    expect(readCatalogue(edited, at)).toBeUndefined();
    expect(readCatalogue([...named, { name: "zz.yaml", text: "provider: zz\n" }], at)).toBeUndefined();
    expect(readCatalogue(named, pathToFileURL(join(tempTree(), "missing.json")))).toBeUndefined();
  });
});
