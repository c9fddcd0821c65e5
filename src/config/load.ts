/**
 * Finding and loading a configuration file: `.postguard.yaml`, `.postguard.yml`,
 * `postguard.config.js` or `postguard.config.mjs`, the nearest one at or above the scanned
 * folder (or `--config FILE`). Everything is validated before anything is scanned; custom
 * rules go through the same loader and validator as the built-in rules/*.yaml.
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Document, LineCounter, Node as YamlNode } from "yaml";
import { displayPath } from "../fs/discover.js";
import { loadRuleTexts, readRuleDir, type RuleProblem } from "../rules/load.js";
import type { CompiledRule } from "../rules/spec.js";
import type { ConfigProblem, ResolvedConfig } from "./schema.js";
import type { LineOf } from "./validate.js";

/** File names looked for in each folder, in order of preference. */
export const CONFIG_NAMES = [".postguard.yaml", ".postguard.yml", "postguard.config.js", "postguard.config.mjs"] as const;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest configuration at or above `dir`. `others` are further config files in the
 * same folder, which are not read (the caller warns about them).
 */
export async function findConfig(dir: string): Promise<{ path: string; others: string[] } | undefined> {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const here: string[] = [];
    for (const name of CONFIG_NAMES) if (await isFile(join(d, name))) here.push(join(d, name));
    if (here.length) return { path: here[0]!, others: here.slice(1) };
    if (dirname(d) === d) return undefined;
  }
}

export interface LoadConfigOptions {
  /** Folder messages show paths relative to. */
  cwd: string;
  /** The built-in rules (ids that `rules:` may name, ids custom rules must not reuse). */
  builtin: readonly CompiledRule[];
}

export interface LoadedConfig {
  config?: ResolvedConfig;
  problems: ConfigProblem[];
}

/** Line of the node at `path` in a YAML document (its key's line for mapping entries). */
/** The YAML library, loaded only when there is a configuration to read. */
const yamlLib = () => import("yaml");

function yamlLineOf(doc: Document, lc: LineCounter, { isMap, isScalar, isSeq }: Awaited<ReturnType<typeof yamlLib>>): LineOf {
  const lineAt = (node: { range?: readonly number[] | null } | null | undefined) => (node?.range ? lc.linePos(node.range[0]!).line : undefined);
  return (path) => {
    let node: unknown = doc.contents;
    let line = lineAt(doc.contents as YamlNode) ?? 1;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        line = lineAt(pair.key as YamlNode) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg];
        line = lineAt(node as YamlNode) ?? line;
      } else break;
    }
    return line;
  };
}

/** First line of `text` at or after `from` where `key` is written as an object key (JS configs). */
function jsLineOf(text: string): LineOf {
  const lines = text.split(/\r\n|\n|\r/);
  return (path) => {
    let at = 0;
    let found = 1;
    for (const seg of path) {
      if (typeof seg === "number") continue;
      const esc = seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const re = new RegExp(`(^|[\\s{,])(["'\`]?)${esc}\\2\\s*:`);
      const i = lines.findIndex((l, n) => n >= at && re.test(l));
      if (i < 0) break;
      at = i;
      found = i + 1;
    }
    return found;
  };
}

/**
 * The config text with everything outside [start, end) blanked (newlines kept), so an
 * inline rule provider reads as a rule file whose line numbers are the config's own.
 */
export function isolate(text: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, " ");
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

interface RuleSource {
  path: string;
  text: string;
  /** Where problems in generated text (JS configs) are reported instead of their own line. */
  at?: { file: string; line: number };
}

/** Compile custom rules; problems name the config (inline) or the rule file (by path). */
function compileCustom(sources: RuleSource[], builtin: readonly CompiledRule[]): { rules: CompiledRule[]; problems: ConfigProblem[] } {
  if (!sources.length) return { rules: [], problems: [] };
  const { rules, problems } = loadRuleTexts(sources.map(({ path, text }) => ({ path, text })));
  const builtinById = new Map(builtin.map((r) => [r.id, r]));
  const bySource = new Map(sources.map((s) => [s.path, s]));
  const out: ConfigProblem[] = [];
  const push = (p: RuleProblem) => {
    const at = bySource.get(p.file)?.at;
    out.push({ file: at?.file ?? p.file, line: at?.line ?? p.line, message: `custom rule${p.ruleId ? ` ${p.ruleId}` : ""}: ${p.message}` });
  };
  for (const p of problems) {
    // Custom rules may pair with built-in ones.
    const pair = /^`pairs_with` names unknown rule `(.+)`$/.exec(p.message);
    if (pair && builtinById.has(pair[1]!)) continue;
    push(p);
  }
  const kept: CompiledRule[] = [];
  for (const r of rules) {
    const clash = builtinById.get(r.id);
    if (clash) {
      const [file, line] = r.source.split(/:(?=\d+$)/);
      push({ file: file!, line: Number(line), ruleId: r.id, message: `id is already used by the built-in rule in ${clash.source}; expected a new id, e.g. \`${r.provider}-custom.${r.id.split(".").slice(1).join(".")}\`` });
      continue;
    }
    kept.push(r);
  }
  return { rules: kept, problems: out };
}

async function readText(abs: string): Promise<string | Error> {
  try {
    return await readFile(abs, "utf8");
  } catch (e) {
    return e as Error;
  }
}

/** Rule files named by path in `custom_rules`: a file, or a folder of *.yaml files. */
async function ruleFilesAt(path: string, configDir: string, cwd: string): Promise<Array<{ path: string; text: string }> | string> {
  const abs = resolve(configDir, path);
  try {
    if ((await stat(abs)).isDirectory()) {
      const files = readRuleDir(abs, cwd);
      return files.length ? files : `expected a rule file or a folder of *.yaml rule files, got the folder \`${path}\` with none`;
    }
    return [{ path: displayPath(abs, cwd), text: await readFile(abs, "utf8") }];
  } catch (e) {
    return `expected a rule file (relative to the config's folder), got \`${path}\`, which cannot be read: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`;
  }
}

/** Load and validate one configuration file. Never throws: problems are returned. */
export async function loadConfig(abs: string, opts: LoadConfigOptions): Promise<LoadedConfig> {
  const file = displayPath(abs, opts.cwd);
  const dir = dirname(abs);
  const problems: ConfigProblem[] = [];
  const Y = await yamlLib();
  const { isMap, isScalar, isSeq } = Y;
  const isJs = /\.[cm]?js$/.test(abs);
  const text = await readText(abs);
  if (text instanceof Error) {
    const err = text as NodeJS.ErrnoException;
    return { problems: [{ file, line: 1, message: `cannot read the configuration: ${err.code === "ENOENT" ? "no such file" : err.message}` }] };
  }

  let obj: unknown;
  let lineOf: LineOf;
  const sources: RuleSource[] = [];
  const customItems: unknown[] = [];
  if (isJs) {
    try {
      const mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
      obj = mod.default ?? mod;
    } catch (e) {
      return { problems: [{ file, line: 1, message: `cannot load the configuration module: ${(e as Error).message}` }] };
    }
    lineOf = jsLineOf(text);
    const list = (obj as { custom_rules?: unknown } | null)?.custom_rules;
    if (Array.isArray(list)) {
      list.forEach((item, i) => {
        customItems.push(item);
        if (item && typeof item === "object" && !Array.isArray(item)) {
          sources.push({ path: `${file} custom_rules[${i}]`, text: Y.stringify(item), at: { file, line: lineOf(["custom_rules", i]) } });
        }
      });
    }
  } else {
    const lc = new Y.LineCounter();
    const doc = Y.parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push({ file, line: e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split("\n")[0]}` });
      return { problems };
    }
    lineOf = yamlLineOf(doc, lc, Y);
    try {
      obj = doc.toJS();
    } catch (e) {
      // An alias to an anchor that is not defined (often a glob written as `- **/*.md`).
      const msg = (e as Error).message;
      const alias = /: (\S+)$/.exec(msg)?.[1];
      const at = alias ? text.split(/\r?\n/).findIndex((l) => l.includes(`*${alias}`)) : -1;
      return { problems: [{ file, line: at + 1 || 1, message: `not valid YAML: ${msg}; quote globs that start with \`*\`, as in "**/*.md"` }] };
    }
    const seq = isMap(doc.contents) ? doc.contents.get("custom_rules", true) : undefined;
    if (isSeq(seq)) {
      seq.items.forEach((item, i) => {
        customItems.push(isScalar(item) ? item.value : (item as YamlNode | null)?.toJSON?.());
        if (isMap(item) && item.range) sources.push({ path: file, text: isolate(text, item.range[0], item.range[2]) });
      });
      // Several inline providers share the config's name; give each its own so the loader keeps them apart.
      const inline = sources.filter((s) => s.path === file);
      if (inline.length > 1) inline.forEach((s, i) => (s.path = `${file}\u0000${i}`));
    }
  }

  // Rule files named by path.
  const own = [abs];
  for (const [i, item] of customItems.entries()) {
    if (typeof item === "string") {
      own.push(resolve(dir, item));
      const files = await ruleFilesAt(item, dir, opts.cwd);
      if (typeof files === "string") problems.push({ file, line: lineOf(["custom_rules", i]), message: `custom_rules[${i}]: ${files}` });
      else sources.push(...files);
    } else if (!item || typeof item !== "object" || Array.isArray(item)) {
      problems.push({ file, line: lineOf(["custom_rules", i]), message: `custom_rules[${i}]: expected a rule provider mapping (provider, name, rules) or a path to a rule file, got ${JSON.stringify(item)}` });
    }
  }
  const custom = compileCustom(sources, opts.builtin);
  for (const p of custom.problems) problems.push({ ...p, file: p.file.split("\u0000")[0]! });

  const ids = new Set([...opts.builtin.map((r) => r.id), ...custom.rules.map((r) => r.id)]);
  // With the glob checks (picomatch): loaded once a config is found, not by every scan.
  const { validateConfig } = await import("./validate.js");
  const checked = validateConfig(obj, file, lineOf, ids);
  problems.push(...checked.problems);
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === file ? -1 : b.file === file ? 1 : a.file < b.file ? -1 : 1));
  if (problems.length) return { problems };
  return {
    config: { file, dir, own, ...checked.value, customRules: custom.rules.map((r) => ({ ...r, source: r.source.replace(/\u0000\d+/, "") })) },
    problems,
  };
}
