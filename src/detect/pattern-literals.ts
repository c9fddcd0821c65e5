/**
 * What a rule's pattern needs from a text before it can match, read off the pattern: the
 * literal strings every match must hold (Russ Cox, "Regular Expression Matching with a
 * Trigram Index", 2012, with whole literals instead of trigrams), and how far a match and
 * its lookarounds can reach. Keywords say when a rule is worth running; these facts say
 * when it cannot match at all, and where — so the per-rule regexes skip texts and regions
 * that would fail anyway, and the findings stay exactly what a full run gives.
 */
import { createRequire } from "node:module";
import type { AST, RegExpParser } from "@eslint-community/regexpp";
import { foldCase } from "./aho-corasick.js";

export interface PatternLiterals {
  /**
   * Conjunctive normal form: every match holds (in its own text or in what its lookarounds
   * see) at least one string of each clause, spelled as the pattern spells it (a pattern
   * without `i` needs exactly that case; with `i`, compare as `/i` compares). Empty: no need.
   */
  clauses: string[][];
  /** Longest possible match in code units (Infinity when unbounded). */
  maxLength: number;
  /** How far lookarounds can see past either end of a match (Infinity when unbounded). */
  reach: number;
}

/** Finite sets bigger than this are dropped (a class like [0-9a-f] repeated is not a literal). */
const MAX_SET = 32;
const MAX_CLASS = 26;

interface Info {
  /** Every string the node can match, when that set is small; undefined otherwise. */
  exact?: string[];
  clauses: string[][];
  /**
   * Non-empty strings every match starts (ends) with, when the whole is not `exact`:
   * `AC[0-9a-f]{32}` needs `AC0`...`ACf`, not just `AC` (which "each" and "access" hold).
   */
  prefix?: string[];
  suffix?: string[];
}

/** Non-empty strings every match of the node starts with (undefined: unknown or too many). */
function starts(i: Info): string[] | undefined {
  return i.exact ? (i.exact.includes("") ? undefined : i.exact) : i.prefix;
}

function ends(i: Info): string[] | undefined {
  return i.exact ? (i.exact.includes("") ? undefined : i.exact) : i.suffix;
}

/** ASCII counts 1, other units 2: `钉钉` is as selective as `ding`, `:` is not selective at all. */
function weight(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) < 128 ? 1 : 2;
  return w;
}

/**
 * A clause minus strings that contain another of its strings (those add nothing). Case is
 * kept: a pattern without `i` needs `Huawei` or `huawei`, not `HUAWEI`.
 */
function minimize(clause: readonly string[]): string[] {
  const byLength = [...new Set(clause)].sort((a, b) => a.length - b.length);
  const keep: string[] = [];
  for (const e of byLength) if (!keep.some((k) => e.includes(k))) keep.push(e);
  return keep;
}

/** Worth checking: every string at least 3 ASCII characters' worth, and not too many of them (spellings of one word count once). */
function usable(clause: readonly string[]): boolean {
  return clause.length > 0 && new Set(clause.map(foldCase)).size <= 2 * MAX_SET && clause.every((s) => weight(s) >= 3);
}

function quality(clause: readonly string[]): number {
  return Math.min(...clause.map(weight)) * 1000 - new Set(clause.map(foldCase)).size;
}

function cross(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/** The node's own clauses plus its exact set as one more clause. */
function allClauses(i: Info): string[][] {
  const out = [...i.clauses];
  if (i.exact) {
    const c = minimize(i.exact);
    if (usable(c)) out.push(c);
  }
  return out;
}

/** Clauses without repeats. */
function distinct(clauses: readonly string[][]): string[][] {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const key = [...c].sort().join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function alternation(alts: readonly AST.Alternative[]): Info {
  const infos = alts.map(sequence);
  if (infos.length === 1) return infos[0]!;
  let exact: string[] | undefined;
  if (infos.every((i) => i.exact)) {
    exact = [...new Set(infos.flatMap((i) => i.exact!))];
    if (exact.length > MAX_SET) exact = undefined;
  }
  const union = (sets: Array<string[] | undefined>) => {
    if (exact || sets.some((x) => !x)) return undefined;
    const all = [...new Set(sets.flatMap((x) => x!))];
    return all.length <= MAX_SET ? all : undefined;
  };
  const prefix = union(infos.map(starts));
  const suffix = union(infos.map(ends));
  // A clause of the whole: one clause from each branch, OR-ed (every branch implies it).
  // Several such picks are all sound; start from each of the first branch's clauses and
  // take from every other branch the clause sharing most strings with it, so that
  // `mail...password|mail:...password` needs both `mail` and `password`.
  const options = infos.map((i) => distinct(allClauses(i)).sort((a, b) => quality(b) - quality(a)));
  if (options.some((o) => o.length === 0)) return { exact, clauses: [], prefix, suffix };
  const clauses: string[][] = [];
  for (const first of options[0]!.slice(0, 3)) {
    const shared = (c: string[]) => c.filter((x) => first.includes(x)).length;
    const union = [...first];
    for (const o of options.slice(1)) union.push(...o.reduce((best, c) => (shared(c) > shared(best) ? c : best), o[0]!));
    const c = minimize(union);
    if (usable(c)) clauses.push(c);
  }
  return { exact, clauses: distinct(clauses), prefix, suffix };
}

function sequence(alt: AST.Alternative): Info {
  const clauses: string[][] = [];
  // `run`: the strings the elements since the last break can match (all of them).
  let run: string[] = [""];
  let whole = true;
  let prefix: string[] | undefined;
  const flush = (strings: string[]) => {
    const c = minimize(strings);
    if (!strings.includes("") && usable(c)) clauses.push(c);
  };
  for (const el of alt.elements) {
    const i = node(el);
    clauses.push(...i.clauses);
    if (i.exact && run.length * i.exact.length <= MAX_SET) run = cross(run, i.exact);
    else {
      // The run goes on into how the element starts: `AC` before `[0-9a-f]{32}` reads `AC0`...`ACf`.
      const head = starts(i);
      const reach = head && run.length * head.length <= MAX_SET ? cross(run, head) : run;
      flush(reach);
      if (whole) prefix = reach.includes("") ? undefined : reach;
      whole = false;
      run = i.exact && i.exact.length <= MAX_SET ? i.exact : (ends(i) ?? [""]);
    }
  }
  flush(run);
  if (whole) return { exact: run, clauses };
  return { clauses, prefix, suffix: run.includes("") ? undefined : run };
}

function node(n: AST.Element): Info {
  switch (n.type) {
    case "Character":
      return { exact: [String.fromCharCode(n.value)], clauses: [] };
    case "CharacterClass": {
      if (n.negate) return { clauses: [] };
      const units = new Set<string>();
      for (const e of n.elements) {
        if (e.type === "Character") units.add(String.fromCharCode(e.value));
        else if (e.type === "CharacterClassRange" && e.max.value - e.min.value < MAX_CLASS) {
          for (let u = e.min.value; u <= e.max.value; u++) units.add(String.fromCharCode(u));
        } else return { clauses: [] };
      }
      return units.size <= MAX_CLASS ? { exact: [...units], clauses: [] } : { clauses: [] };
    }
    case "Assertion":
      if ((n.kind === "lookahead" || n.kind === "lookbehind") && !n.negate) {
        // Zero-width, but what it looks at must be in the text.
        return { exact: [""], clauses: allClauses(alternation(n.alternatives)) };
      }
      return { exact: [""], clauses: [] };
    case "Quantifier": {
      const i = node(n.element);
      if (n.min === 0) return { exact: n.max === 1 && i.exact ? [...new Set(["", ...i.exact])] : undefined, clauses: [] };
      let exact: string[] | undefined;
      if (i.exact && n.min === n.max && i.exact.length ** n.min <= MAX_SET) {
        exact = [""];
        for (let k = 0; k < n.min; k++) exact = cross(exact, i.exact);
      }
      // At least one repetition: a match starts and ends as the element does.
      return exact ? { exact, clauses: allClauses(i) } : { clauses: allClauses(i), prefix: starts(i), suffix: ends(i) };
    }
    case "Group":
    case "CapturingGroup":
      return alternation(n.alternatives);
    default:
      // Character sets (\d, \w, .), backreferences, anything unforeseen: no knowledge.
      return { clauses: [] };
  }
}

interface Extent {
  reach: number;
}

function maxLength(n: AST.Element | AST.Alternative, ext: Extent): number {
  switch (n.type) {
    case "Alternative":
      return n.elements.reduce((sum, e) => sum + maxLength(e, ext), 0);
    case "Character":
    case "CharacterClass":
    case "CharacterSet":
      return 1;
    case "Backreference": {
      const groups = Array.isArray(n.resolved) ? n.resolved : [n.resolved];
      return Math.max(...groups.map((g: AST.CapturingGroup) => longest(g.alternatives, { reach: 0 })));
    }
    case "Assertion":
      // Every lookaround adds what it can see; summing them bounds nested ones too.
      if (n.kind === "lookahead" || n.kind === "lookbehind") ext.reach += longest(n.alternatives, ext);
      return 0;
    case "Quantifier": {
      const one = maxLength(n.element, ext);
      return one === 0 || n.max === 0 ? 0 : n.max * one;
    }
    case "Group":
    case "CapturingGroup":
      return longest(n.alternatives, ext);
    default:
      return Infinity;
  }
}

function longest(alts: readonly AST.Alternative[], ext: Extent): number {
  return Math.max(0, ...alts.map((a) => maxLength(a, ext)));
}

// Loaded on first use: with the precompiled catalogue, a run never reads a pattern itself.
let parser: RegExpParser | undefined;
function regexParser(): RegExpParser {
  if (!parser) {
    const { RegExpParser } = createRequire(import.meta.url)("@eslint-community/regexpp") as typeof import("@eslint-community/regexpp");
    parser = new RegExpParser({ ecmaVersion: 2025 });
  }
  return parser;
}

/** Read `source` (a pattern compiled without `u`/`v`) for its literals and extent. */
export function patternLiterals(source: string): PatternLiterals {
  let ast: AST.Pattern;
  try {
    ast = regexParser().parsePattern(source, 0, source.length, { unicode: false, unicodeSets: false });
  } catch {
    return { clauses: [], maxLength: Infinity, reach: Infinity };
  }
  const ext: Extent = { reach: 0 };
  const max = longest(ast.alternatives, ext);
  const unique = distinct(allClauses(alternation(ast.alternatives)));
  // A clause is implied by another whose every string contains one of its strings
  // (`ghp_|gho_` implies `ghp|gho`): checking it adds nothing.
  const implies = (a: string[], b: string[]) => a.every((x) => b.some((y) => x.includes(y)));
  const clauses = unique.filter((c, i) => !unique.some((a, j) => j !== i && implies(a, c) && !(implies(c, a) && j > i)));
  return { clauses, maxLength: max, reach: ext.reach };
}
