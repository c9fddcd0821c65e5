/**
 * `postguard rules check`: every rule proves itself on its own examples. Each example
 * must yield a finding of that rule at medium confidence or above (as the primary or as
 * a paired part); each negative example must yield none. A rule declared `confidence: low`
 * that claims a publishable key (so generic rules stay quiet) is held to its own level.
 */
import { Engine, scanText } from "../scan.js";
import type { Finding } from "../types.js";
import type { RuleProblem } from "./load.js";
import type { CompiledRule } from "./spec.js";

/** Rule ids reported (at medium confidence or above, or any with `lowToo`) when `text` is scanned as raw text. */
export function idsFound(text: string, engine: Engine, lowToo = false): Set<string> {
  const findings: Finding[] = scanText(text, "example.txt", engine);
  const ids = new Set<string>();
  for (const f of findings) {
    if (f.confidence === "low" && !lowToo) continue;
    ids.add(f.ruleId);
    for (const r of f.related ?? []) ids.add(r.ruleId);
  }
  return ids;
}

/**
 * A `confidence: low` rule that no other rule pairs with claims a value that is public by
 * design (a publishable key): it is held to its own level. A low rule that is some secret's
 * `pairs_with` partner (an id) proves itself as that partner, at the secret's level.
 */
export function lowOnPurpose(rule: CompiledRule, rules: readonly CompiledRule[]): boolean {
  return rule.confidence === "low" && !rules.some((r) => r.pairsWith.includes(rule.id));
}

export function checkExamples(rules: readonly CompiledRule[], engine = new Engine(rules)): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    const [file, line] = rule.source.split(/:(?=\d+$)/);
    const at = { file: file!, line: Number(line), ruleId: rule.id };
    const lowToo = lowOnPurpose(rule, rules);
    rule.spec.examples.forEach((ex, i) => {
      if (!idsFound(ex, engine, lowToo).has(rule.id)) problems.push({ ...at, message: `example ${i + 1} is not found: ${JSON.stringify(ex.slice(0, 120))}` });
    });
    rule.spec.negative_examples.forEach((ex, i) => {
      if (idsFound(ex, engine, lowToo).has(rule.id)) problems.push({ ...at, message: `negative example ${i + 1} is reported: ${JSON.stringify(ex.slice(0, 120))}` });
    });
  }
  return problems;
}
