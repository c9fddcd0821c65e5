import { describe, expect, it } from "vitest";
import { formatProblem, loadRuleTexts } from "../../src/rules/load.js";

const good = `provider: acme
name: Acme
rules:
  - id: acme.token
    title: Acme token
    severity: high
    keywords: [acme_]
    pattern: 'acme_(?<secret>[a-z0-9]{20})'
    references: [https://acme.test/docs]
    examples: ['acme_k3v9q2m8x7l4p1w6z5r0', 'x=acme_q2m8x7l4p1w6z5r0k3v9']
    negative_examples: ['acme_xxxxxxxxxxxxxxxxxxxx']
`;

describe("rule files", () => {
  it("compile a valid file", () => {
    const { rules, problems } = loadRuleTexts([{ path: "rules/acme.yaml", text: good }]);
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.id)).toEqual(["acme.token"]);
  });

  it("report every problem with file and line at once", () => {
    const bad = `provider: acme
name: Acme
rules:
  - id: acme.one
    title: One
    severity: severe
    keywords: [acme_]
    pattern: 'acme_([a-z]{20})'
    references: [https://acme.test/docs]
    examples: ['a', 'b']
    negative_examples: ['c']
  - id: acme.two
    title: Two
    severity: high
    keywords: [acme_]
    pattern: 'acme_(?<secret>[a-z'
    references: [https://acme.test/docs]
    examples: ['a']
    negative_examples: ['c']
  - id: acme.one
    title: Dup
    severity: low
    keywords: [acme_]
    pattern: 'acme_(?<secret>[a-z]{4})'
    references: [https://acme.test/docs]
    examples: ['a', 'b']
    negative_examples: ['c']
`;
    const { problems } = loadRuleTexts([{ path: "rules/acme.yaml", text: bad }]);
    const lines = problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^rules\/acme\.yaml:4: acme\.one: `severity` must be one of/));
    expect(lines).toContainEqual(expect.stringMatching(/^rules\/acme\.yaml:4: acme\.one: `pattern` needs a named capture/));
    expect(lines).toContainEqual(expect.stringMatching(/^rules\/acme\.yaml:12: acme\.two: `pattern` does not compile/));
    expect(lines).toContainEqual(expect.stringMatching(/^rules\/acme\.yaml:12: acme\.two: `examples` needs at least 2/));
    expect(lines).toContainEqual(expect.stringMatching(/^rules\/acme\.yaml:20: acme\.one: duplicate id, first defined at rules\/acme\.yaml:4/));
  });

  it("name the line of a YAML syntax error", () => {
    const { problems } = loadRuleTexts([{ path: "rules/x.yaml", text: "provider: x\nname: X\nrules:\n  - id: [unclosed\n" }]);
    expect(problems[0]?.file).toBe("rules/x.yaml");
    expect(problems[0]?.line).toBeGreaterThanOrEqual(4);
  });
});
