/** The precompiled catalogue compiles to exactly the rules the YAML gives, and only while it is current. */
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildCatalogue, readCatalogue, readCatalogueOfDir, stampFiles, writeCatalogue } from "../../src/rules/catalogue-cache.js";
import { builtinRulesDir, compileRule, loadRuleTexts, readRuleDir, ruleFileNames } from "../../src/rules/load.js";
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
    // Written in ASCII (read as a one-byte string), the Chinese keywords escaped and back.
    expect(readFileSync(at).every((b) => b < 0x80)).toBe(true);
    expect(rules.some((r) => r.keywords.some((k) => /[^\x00-\x7f]/.test(k)))).toBe(true);
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

describe("catalogue cache: stamps (size, mtime, ctime) instead of reading the rule files", () => {
  /** A copy of rules/ with its catalogue stamped as `npm run build` stamps it, a minute after the copy was made. */
  function stampedCopy() {
    const dir = tempTree(Object.fromEntries(named.map((f) => [f.name, f.text])));
    // Whole seconds, so a test can put an mtime back exactly.
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    for (const f of named) utimesSync(join(dir, f.name), hourAgo, hourAgo);
    const at = pathToFileURL(join(tempTree(), "catalogue.json"));
    writeCatalogue(buildCatalogue(named, rules, stampFiles(dir, ruleFileNames(dir), Date.now() + 60_000)), at);
    return { dir, at, read: () => readCatalogueOfDir(dir, ruleFileNames(dir), at) };
  }
  const first = named[0]!.name;

  it("unchanged files: served by their stamps, the same catalogue the hash check gives", () => {
    const { at, read } = stampedCopy();
    const got = read();
    expect(got?.by).toBe("stamp");
    expect(got!.catalogue).toEqual(readCatalogue(named, at));
  });

  it("an edited rule file is never served from the stamps, even one that keeps its size and mtime", () => {
    const appended = stampedCopy();
    writeFileSync(join(appended.dir, first), `${named[0]!.text}\n# edited\n`);
    expect(appended.read()).toBeUndefined();

    // Same length, one character changed, mtime put back (as `touch -r` or `cp -p` would):
    // the ctime still moves, the stamp fails, the hash sees the edit.
    const sneaky = stampedCopy();
    const file = join(sneaky.dir, first);
    const before = statSync(file);
    const text = named[0]!.text;
    const edited = text.replace(/id: ([a-z])/, (_m, c: string) => `id: ${c === "a" ? "b" : "a"}`);
    expect(edited.length).toBe(text.length);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(sneaky.read()).toBeUndefined();
  });

  it("a touched file or changed code falls back to the hash, which still accepts unchanged texts", () => {
    const touched = stampedCopy();
    const later = new Date(Date.now() + 5000);
    utimesSync(join(touched.dir, first), later, later);
    expect(touched.read()?.by).toBe("hash");

    const code = stampedCopy();
    const catalogue = JSON.parse(readFileSync(code.at, "utf8")) as { stamps: Record<string, string | null> };
    const codeKey = Object.keys(catalogue.stamps).find((k) => k.startsWith("code:"))!;
    catalogue.stamps[codeKey] = "1:2:3";
    writeFileSync(code.at, JSON.stringify(catalogue));
    expect(code.read()?.by).toBe("hash");
  });

  it("an added or removed rule file makes the catalogue stale", () => {
    const added = stampedCopy();
    writeFileSync(join(added.dir, "zz.yaml"), "provider: zz\n");
    expect(added.read()).toBeUndefined();
    const removed = stampedCopy();
    rmSync(join(removed.dir, first));
    expect(removed.read()).toBeUndefined();
  });

  it("files changed just before the build get no stamp (an edit in the same clock tick could keep size and times)", () => {
    const dir = tempTree(Object.fromEntries(named.map((f) => [f.name, f.text])));
    const stamps = stampFiles(dir, ruleFileNames(dir));
    expect(Object.keys(stamps).filter((k) => !k.startsWith("code:"))).toEqual([]);
    const at = pathToFileURL(join(tempTree(), "catalogue.json"));
    writeCatalogue(buildCatalogue(named, rules, stamps), at);
    expect(readCatalogueOfDir(dir, ruleFileNames(dir), at)?.by).toBe("hash");
  });
});
