/**
 * Reads rule files (the only YAML-aware code for rules), validates them and compiles
 * them. Every problem is collected with file:line, so one run shows them all.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type * as Yaml from "yaml";
import type { Node as YamlNode } from "yaml";
import { addPatternLiterals } from "../detect/detect.js";
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from "../types.js";
import { readCatalogueOfDir } from "./catalogue-cache.js";
import type { CompiledRule, ProviderSpec, RuleSpec, ValidatorName } from "./spec.js";

// The YAML library is loaded on first use: a run served by the precompiled catalogue
// (./catalogue-cache.ts) never needs it.
let yamlLib: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof Yaml);

export interface RuleProblem {
  file: string;
  line: number;
  ruleId?: string;
  message: string;
}

export class RuleError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "RuleError";
  }
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}: ${p.ruleId ? `${p.ruleId}: ` : ""}${p.message}`;
}

const VALIDATORS: readonly ValidatorName[] = [
  "github-crc32",
  "npm-crc32",
  "jwt",
  "pem-body",
  "openssh-body",
  "aws-key-id",
  "base64",
  "slack-token",
  "telegram-token",
  "discord-token",
  "json-private-key",
];
const RULE_KEYS = new Set([
  "id", "title", "description", "severity", "confidence", "keywords", "pattern", "flags", "entropy",
  "min_length", "max_length", "validators", "placeholder_check", "generic", "deny_key", "pairs_with", "placeholder",
  "references", "examples", "negative_examples",
]);
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

/** The `rules/` folder shipped with the package. */
export function builtinRulesDir(): string {
  return fileURLToPath(new URL("../../rules/", import.meta.url));
}

export interface LoadedRules {
  rules: CompiledRule[];
  problems: RuleProblem[];
}

/** Parse one rule file's text. `file` is the name used in messages. */
export function parseRuleFile(text: string, file: string): { providers: ProviderSpec[]; rules: Array<{ spec: RuleSpec; line: number; provider: ProviderSpec }>; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const { LineCounter, isMap, isSeq, parseDocument } = yaml();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number => (node?.range ? lc.linePos(node.range[0]).line : 1);
  for (const e of doc.errors) problems.push({ file, line: e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line, message: `YAML: ${e.message.split("\n")[0]}` });
  if (doc.errors.length) return { providers: [], rules: [], problems };
  const root = doc.contents;
  if (!isMap(root)) {
    problems.push({ file, line: 1, message: "expected a mapping with `provider`, `name` and `rules`" });
    return { providers: [], rules: [], problems };
  }
  const js = doc.toJS() as Partial<ProviderSpec>;
  if (typeof js.provider !== "string" || !/^[a-z0-9-]+$/.test(js.provider)) problems.push({ file, line: 1, message: `\`provider\` must be a lower-case slug, got ${JSON.stringify(js.provider)}` });
  if (typeof js.name !== "string" || !js.name) problems.push({ file, line: 1, message: "`name` (display name of the provider) is required" });
  const rulesNode = root.get("rules", true);
  if (!isSeq(rulesNode) || !Array.isArray(js.rules)) {
    problems.push({ file, line: 1, message: "`rules` must be a list" });
    return { providers: [], rules: [], problems };
  }
  const provider = js as ProviderSpec;
  const rules = rulesNode.items.map((item, i) => ({ spec: js.rules![i] as RuleSpec, line: lineOf(item as YamlNode), provider }));
  return { providers: [provider], rules, problems };
}

function checkSpec(spec: RuleSpec, provider: string, where: { file: string; line: number }): RuleProblem[] {
  const out: RuleProblem[] = [];
  const bad = (message: string) => out.push({ ...where, ruleId: typeof spec?.id === "string" ? spec.id : undefined, message });
  if (!spec || typeof spec !== "object") {
    bad("expected a rule mapping");
    return out;
  }
  for (const k of Object.keys(spec)) if (!RULE_KEYS.has(k)) bad(`unknown key \`${k}\``);
  if (typeof spec.id !== "string" || !ID_RE.test(spec.id)) bad(`\`id\` must be dotted lower-case like \`${provider}.access-key\`, got ${JSON.stringify(spec.id)}`);
  else if (!spec.id.startsWith(`${provider}.`)) bad(`\`id\` must start with the provider \`${provider}.\``);
  if (typeof spec.title !== "string" || !spec.title) bad("`title` is required");
  if (!SEVERITIES.includes(spec.severity as Severity)) bad(`\`severity\` must be one of ${SEVERITIES.join(", ")}, got ${JSON.stringify(spec.severity)}`);
  if (spec.confidence !== undefined && !CONFIDENCES.includes(spec.confidence as Confidence)) bad(`\`confidence\` must be one of ${CONFIDENCES.join(", ")}`);
  if (!Array.isArray(spec.keywords) || spec.keywords.length === 0 || spec.keywords.some((k) => typeof k !== "string" || k.length < 2)) bad("`keywords` must be a non-empty list of strings of 2+ characters");
  if (spec.flags !== undefined && !/^[ims]*$/.test(spec.flags)) bad(`\`flags\` may only hold i, m, s; got ${JSON.stringify(spec.flags)}`);
  if (typeof spec.pattern !== "string") bad("`pattern` is required");
  else {
    try {
      const re = new RegExp(spec.pattern, `gd${spec.flags ?? ""}`);
      if (!/\(\?<secret>/.test(spec.pattern)) bad("`pattern` needs a named capture `(?<secret>...)`");
      else if (re.exec("") !== null && re.lastIndex === 0) bad("`pattern` matches the empty string");
    } catch (e) {
      bad(`\`pattern\` does not compile: ${(e as Error).message}`);
    }
  }
  if (spec.deny_key !== undefined) {
    try {
      new RegExp(spec.deny_key, "i");
      if (!/\(\?<key>/.test(spec.pattern ?? "")) bad("`deny_key` needs a named group `(?<key>...)` in `pattern`");
    } catch (e) {
      bad(`\`deny_key\` does not compile: ${(e as Error).message}`);
    }
  }
  for (const v of spec.validators ?? []) if (!VALIDATORS.includes(v)) bad(`unknown validator \`${v}\` (known: ${VALIDATORS.join(", ")})`);
  if (!Array.isArray(spec.references) || spec.references.length === 0) bad("`references` must list the vendor's documentation of the format");
  if (!Array.isArray(spec.examples) || spec.examples.length < 2) bad("`examples` needs at least 2 texts the rule must find");
  if (!Array.isArray(spec.negative_examples) || spec.negative_examples.length < 1) bad("`negative_examples` needs at least 1 text the rule must not find");
  if (spec.entropy !== undefined && (typeof spec.entropy !== "number" || spec.entropy < 0 || spec.entropy > 7)) bad("`entropy` must be a number of bits per character, 0-7");
  return out;
}

export function compileRule(spec: RuleSpec, provider: ProviderSpec, source: string): CompiledRule {
  return {
    id: spec.id,
    title: spec.title,
    provider: provider.provider,
    providerName: provider.name,
    revoke: provider.revoke,
    severity: spec.severity,
    confidence: spec.confidence ?? "high",
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    regex: new RegExp(spec.pattern, `gd${spec.flags ?? ""}`),
    secretGroups: [...spec.pattern.matchAll(/\(\?<(secret\d*)>/g)].map((m) => m[1]!),
    entropy: spec.entropy ?? 0,
    minLength: spec.min_length ?? 1,
    maxLength: spec.max_length ?? 100_000,
    validators: spec.validators ?? [],
    placeholderCheck: spec.placeholder_check ?? true,
    generic: spec.generic ?? false,
    ...(spec.deny_key ? { denyKey: new RegExp(spec.deny_key, "i") } : {}),
    pairsWith: spec.pairs_with ?? [],
    placeholder: spec.placeholder ?? spec.id.replace(/[.-]/g, "_").toUpperCase(),
    source,
    spec,
  };
}

/**
 * Load, validate and compile rule files. `files` are `{path, text}` pairs; problems
 * never throw here so `rules check` can list them all.
 */
export function loadRuleTexts(files: Array<{ path: string; text: string }>): LoadedRules {
  const problems: RuleProblem[] = [];
  const rules: CompiledRule[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const parsed = parseRuleFile(f.text, f.path);
    problems.push(...parsed.problems);
    for (const { spec, line, provider } of parsed.rules) {
      const where = { file: f.path, line };
      const specProblems = checkSpec(spec, provider.provider, where);
      problems.push(...specProblems);
      if (typeof spec?.id === "string") {
        const prev = seen.get(spec.id);
        if (prev) problems.push({ ...where, ruleId: spec.id, message: `duplicate id, first defined at ${prev}` });
        else seen.set(spec.id, `${f.path}:${line}`);
      }
      if (specProblems.length === 0) rules.push(compileRule(spec, provider, `${f.path}:${line}`));
    }
  }
  const ids = new Set(rules.map((r) => r.id));
  for (const r of rules) {
    for (const p of r.pairsWith) {
      if (!ids.has(p)) {
        const [file, line] = r.source.split(/:(?=\d+$)/);
        problems.push({ file: file!, line: Number(line), ruleId: r.id, message: `\`pairs_with\` names unknown rule \`${p}\`` });
      }
    }
  }
  return { rules, problems };
}

/** The names of the rule files (`*.yaml`, `*.yml`) in `dir`, sorted. */
export function ruleFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

/** Read every `*.yaml` / `*.yml` in `dir` (sorted), paths shown relative to `cwd`. */
export function readRuleDir(dir: string, cwd = process.cwd()): Array<{ path: string; text: string }> {
  return ruleFileNames(dir)
    .map((f) => ({ path: relative(cwd, join(dir, f)) || f, text: readFileSync(join(dir, f), "utf8") }));
}

let builtin: CompiledRule[] | undefined;

/** The built-in catalogue, compiled once per process. Throws RuleError if it is broken. */
export function builtinRules(): CompiledRule[] {
  if (!builtin) {
    const dir = builtinRulesDir();
    const cached = readCatalogueOfDir(dir, ruleFileNames(dir))?.catalogue;
    if (cached) {
      addPatternLiterals(cached.literals);
      // One path per file, not per rule (path.relative is a measurable part of start-up).
      const shown = new Map<string, string>();
      const where = (file: string) => shown.get(file) ?? shown.set(file, relative(process.cwd(), join(dir, file)) || file).get(file)!;
      builtin = cached.rules.map((r) => compileRule(r.spec, r.provider as ProviderSpec, `${where(r.file)}:${r.line}`));
    } else {
      const { rules, problems } = loadRuleTexts(readRuleDir(dir));
      if (problems.length) throw new RuleError(problems);
      builtin = rules;
    }
  }
  return builtin;
}
