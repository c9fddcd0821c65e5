// Every rule proves itself: each example must be found by its rule, each negative
// example must not be (style §1). Cases are generated from rules/*.yaml.
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../src/rules/load.js";
import { idsFound, lowOnPurpose } from "../../src/rules/check.js";
import { Engine } from "../../src/scan.js";

const rules = builtinRules();
const engine = new Engine(rules);

// A `confidence: low` rule claiming a publishable key is held to its own level (see lowOnPurpose).
const positives = rules.flatMap((r) => r.spec.examples.map((text, i) => ({ id: r.id, i: i + 1, text, low: lowOnPurpose(r, rules) })));
const negatives = rules.flatMap((r) => r.spec.negative_examples.map((text, i) => ({ id: r.id, i: i + 1, text, low: lowOnPurpose(r, rules) })));

describe("rule examples", () => {
  it.each(positives)("$id finds example $i", ({ id, text, low }) => {
    expect([...idsFound(text, engine, low)]).toContain(id);
  });
  it.each(negatives)("$id stays quiet on negative example $i", ({ id, text, low }) => {
    expect([...idsFound(text, engine, low)]).not.toContain(id);
  });
});

describe("catalogue", () => {
  it("every rule has at least 2 examples and 1 negative example", () => {
    const thin = rules.filter((r) => r.spec.examples.length < 2 || r.spec.negative_examples.length < 1).map((r) => r.id);
    expect(thin).toEqual([]);
  });
  it("every rule cites the vendor's documentation", () => {
    expect(rules.filter((r) => !r.spec.references.every((u) => /^https:\/\//.test(u))).map((r) => r.id)).toEqual([]);
  });
});
