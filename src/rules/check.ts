/**
 * `postguard rules check`: every rule proves itself on its own examples. Each example
 * must yield a finding of that rule at medium confidence or above (as the primary or as
 * a paired part); each negative example must yield none.
 */
import { Engine, scanText } from "../scan.js";
import type { Finding } from "../types.js";
import type { RuleProblem } from "./load.js";
import type { CompiledRule } from "./spec.js";

/** Rule ids reported (at medium confidence or above) when `text` is scanned as raw text. */
export function idsFound(text: string, engine: Engine): Set<string> {
  const findings: Finding[] = scanText(text, "example.txt", engine);
  const ids = new Set<string>();
  for (const f of findings) {
    if (f.confidence === "low") continue;
    ids.add(f.ruleId);
    for (const r of f.related ?? []) ids.add(r.ruleId);
  }
  return ids;
}

export function checkExamples(rules: readonly CompiledRule[], engine = new Engine(rules)): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    const [file, line] = rule.source.split(/:(?=\d+$)/);
    const at = { file: file!, line: Number(line), ruleId: rule.id };
    rule.spec.examples.forEach((ex, i) => {
      if (!idsFound(ex, engine).has(rule.id)) problems.push({ ...at, message: `example ${i + 1} is not found: ${JSON.stringify(ex.slice(0, 120))}` });
    });
    rule.spec.negative_examples.forEach((ex, i) => {
      if (idsFound(ex, engine).has(rule.id)) problems.push({ ...at, message: `negative example ${i + 1} is reported: ${JSON.stringify(ex.slice(0, 120))}` });
    });
  }
  return problems;
}
