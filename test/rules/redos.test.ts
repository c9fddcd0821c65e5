// Safety: no rule may take super-linear time on adversarial input. Each pattern runs over
// 1 MB of text built to hurt it: long runs of its own alphabet after its keywords,
// near-misses that never complete, and one huge line. A backtracking blow-up on 1 MB
// takes minutes; linear patterns take milliseconds, so the bound below is generous.
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../src/rules/load.js";
import type { CompiledRule } from "../../src/rules/spec.js";

const MB = 1 << 20;
const BOUND_MS = 1500;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
}

function hostileInputs(rule: CompiledRule): string[] {
  const kw = rule.spec.keywords.join(" ");
  let seed = 7;
  const rnd = (alphabet: string, n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += alphabet[seed % alphabet.length];
    }
    return s;
  };
  const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-.";
  return [
    kw + "=" + fill("a"),
    kw + ": " + fill("A1b2C3"),
    fill(`${kw}=${rnd(b64, 60)} `),
    fill(`${kw}://${rnd(b64, 40)}:${rnd(b64, 40)}`), // userinfo that never reaches '@'
    fill(`${kw} "${rnd(b64, 30)}\n  `),
    fill(`${rule.spec.keywords[0]}${rnd(b64, 3)}`),
    fill(`-----BEGIN PRIVATE KEY-----\n${rnd(b64, 64)}\n`), // PEM that never ends
  ];
}

describe("patterns run in linear time on hostile input", () => {
  const rules = builtinRules();
  it.each(rules.map((r) => ({ id: r.id, rule: r })))("$id", ({ rule }) => {
    const inputs = hostileInputs(rule);
    const t0 = performance.now();
    for (const text of inputs) {
      const re = new RegExp(rule.regex.source, rule.regex.flags);
      let n = 0;
      for (let m = re.exec(text); m && n < 100_000; m = re.exec(text), n++) if (m[0] === "") re.lastIndex++;
    }
    const ms = performance.now() - t0;
    expect(ms, `${rule.id} took ${ms.toFixed(0)} ms over ${inputs.length} MB`).toBeLessThan(BOUND_MS * inputs.length);
  });
});
