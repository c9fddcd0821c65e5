/**
 * The keyword index and windowed regex runs change nothing but speed: the same texts
 * reach the rules and every regex finds exactly the matches a scan of the whole text finds.
 */
import { describe, expect, it } from "vitest";
import { AhoCorasick, offerTables } from "../../src/detect/aho-corasick.js";
import { forEachMatch, KeywordIndex } from "../../src/detect/detect.js";
import { patternLiterals } from "../../src/detect/pattern-literals.js";
import { builtinRules } from "../../src/rules/load.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every (pattern, end) a case-insensitive regex finds, overlapping ones included. */
function bruteForce(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    const re = new RegExp(escape(p), "iy");
    for (let i = 0; i < text.length; i++) {
      re.lastIndex = i;
      if (re.test(text)) out.push(`${id}@${i + p.length}`);
    }
  });
  return out.sort();
}

function viaAutomaton(patterns: string[], text: string): string[] {
  const ac = new AhoCorasick(patterns);
  const out: string[] = [];
  ac.scan(text, new Int32Array(ac.outputCount), 1, (o, end) => {
    for (const id of ac.idsAt(o)) out.push(`${id}@${end}`);
  });
  return out.sort();
}

describe("AhoCorasick", () => {
  it("tables stored (as JSON, like the catalogue) and restored find exactly what a built automaton finds", () => {
    const patterns = ["password", "pass", "ss", "API_KEY", "api-key", "钉钉", "密码", "sk", "ask", "Ω", "ÄRGER"];
    const texts = ["PassWord: x; my api_key and API-Key, 钉钉的密码, TASK ssss ω äRGER", "ask sk ".repeat(1500) + "password"];
    try {
      offerTables(JSON.parse(JSON.stringify(new AhoCorasick(patterns).tables())));
      const restored = new AhoCorasick(patterns);
      expect(restored.restored).toBe(true);
      for (const text of texts) expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
      // Another list (one pattern fewer, or reordered) is built, not restored, and still right.
      for (const other of [patterns.slice(1), [...patterns].reverse()]) {
        expect(new AhoCorasick(other).restored).toBe(false);
        for (const text of texts) expect(viaAutomaton(other, text)).toEqual(bruteForce(other, text));
      }
    } finally {
      offerTables(undefined);
    }
  });

  it("tables of another format or cut short are ignored", () => {
    const patterns = ["token", "secret", "sk_live"];
    const text = "a Secret TOKEN and sk_live_x";
    const good = new AhoCorasick(patterns).tables();
    try {
      for (const bad of [{ ...good, format: good.format + 1 }, { ...good, fail: good.fail.slice(0, 8) }, { ...good, outIds: "" }]) {
        offerTables(bad);
        expect(new AhoCorasick(patterns).restored).toBe(false);
        expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
      }
    } finally {
      offerTables(undefined);
    }
  });

  it("finds what a /i regex finds, overlaps included", () => {
    const patterns = ["password", "pass", "ss", "API_KEY", "api-key", "钉钉", "密码", "sk", "ask"];
    const text = "PassWord: x; my api_key and API-Key, 钉钉的密码, TASK ssss";
    expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
    expect(viaAutomaton(patterns, text).length).toBeGreaterThan(10);
  });

  it("folds case like a regex without `u`: the long s and the Kelvin sign stay apart", () => {
    const patterns = ["sk", "kelvin", "straße"];
    const text = "ſk \u212Aelvin KELVIN STRASSE straße STRAßE";
    expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
  });

  it("a long text (walked as three thirds at once) reports every end once, across the boundaries too", () => {
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    // Read as code units: non-Latin-1 letters and lone surrogates included.
    const alphabet = "abAB_-é密\ud800";
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join("");
    for (const length of [4096, 4097, 4098, 9001]) {
      const patterns = ["aBa_b-aab", "ab", "b_", "-", word(7), word(12)];
      // The longest pattern straddling both boundaries between thirds.
      const third = Math.floor(length / 3);
      let text = word(length);
      for (const at of [third, 2 * third]) text = text.slice(0, at - 4) + patterns[0] + text.slice(at + 5);
      expect(text.length).toBe(length);
      expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
      expect(viaAutomaton(patterns, text)).toEqual(expect.arrayContaining([`0@${third + 5}`, `0@${2 * third + 5}`]));
    }
  });

  it("random texts over a small alphabet agree with the regex", () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const alphabet = "abAB_-é密";
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join("");
    for (let round = 0; round < 50; round++) {
      const patterns = Array.from({ length: 6 }, () => word(1 + rnd(4)));
      const text = word(300);
      expect(viaAutomaton(patterns, text)).toEqual(bruteForce(patterns, text));
    }
  });
});

describe("patternLiterals", () => {
  it.each([
    ["(?<secret>AKIA[A-Z0-9]{16})", [["AKIA"]], 20, 0],
    ["(?:ghp|gho)_(?<secret>[A-Za-z0-9]{36})", [["ghp_", "gho_"]], 40, 0],
    ["(?<![A-Za-z0-9])key=(?<secret>\\w+)", [["key="]], Infinity, 1],
    ["(?<secret>[0-9a-f]{32})(?=[\\s\\S]{0,40}tencent)", [["tencent"]], 32, 47],
    ["(?<secret>[0-9a-f]{32})(?![\\s\\S]{0,40}tencent)", [], 32, 47],
    ["(?:abc|\\d+)(?<secret>x{3})", [["xxx"]], Infinity, 0],
    // Both branches need `mail:` and a password word: the whole pattern needs both.
    ["(?:a*mail:b*(?:password|pwd)|mail:\\n c*(?:password|pwd))", [["mail:"], ["pwd", "password"]], Infinity, 0],
    // A literal runs on into how the next element starts: `AC` alone is in "each" and "access".
    ["(?<![A-Za-z0-9])(?<secret>AC[0-9a-f]{4})", [["AC0", "AC1", "AC2", "AC3", "AC4", "AC5", "AC6", "AC7", "AC8", "AC9", "ACa", "ACb", "ACc", "ACd", "ACe", "ACf"]], 6, 1],
    ["(?:qq[ab]+|rr[ab])", [["qqa", "qqb", "rra", "rrb"]], Infinity, 0],
    // Spellings are kept: without `i` the pattern needs `Huawei` or `huawei`, not `HUAWEI`.
    ["[Hh]uawei(?<secret>\\d{4})", [["Huawei", "huawei"]], 10, 0],
  ])("%s", (source, clauses, maxLength, reach) => {
    expect(patternLiterals(source)).toEqual({ clauses, maxLength, reach });
  });

  it("a pattern it cannot read needs nothing", () => {
    expect(patternLiterals("(?<secret>")).toEqual({ clauses: [], maxLength: Infinity, reach: Infinity });
  });
});

describe("windowed matching", () => {
  const rules = builtinRules();
  const index = new KeywordIndex(rules);
  const filler = (n: number) => "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n".repeat(Math.ceil(n / 57)).slice(0, n);

  function all(re: RegExp, text: string, windows: Array<[number, number]> | undefined, extent: number): string[] {
    const out: string[] = [];
    forEachMatch(re, text, windows, extent, (m, offset) => {
      const groups = Object.entries(m.indices?.groups ?? {}).map(([name, span]) => `${name}=${span ? span.map((x) => x + offset).join("-") : "-"}`);
      out.push(`${m.index + offset}:${m[0]}:${groups.join(",")}`);
    });
    return out;
  }

  it("finds exactly the whole-text matches for every rule's examples, wherever they sit", () => {
    let windowed = 0;
    for (const rule of rules) {
      for (const example of rule.spec.examples) {
        for (const gap of [0, 1, 37, 900, 5000]) {
          const text = filler(gap) + example + filler(gap) + "\n" + example + filler(6000);
          const hits = index.scan(text);
          if (!hits.rules.includes(rule)) continue;
          const windows = hits.windows(rule);
          if (windows) windowed++;
          expect(all(rule.regex, text, windows, index.extentOf(rule)), `${rule.id} in ${JSON.stringify(example)} gap ${gap}`).toEqual(all(rule.regex, text, undefined, 0));
        }
      }
    }
    // The comparison above must have exercised windows, not only whole-text runs.
    expect(windowed).toBeGreaterThan(1000);
  });

  it("a rule whose required literal is missing does not run, one whose keyword is missing neither", () => {
    const tencent = rules.find((r) => r.id === "tencent.secret-key")!;
    const secret = "Zq8Vx3Lm7Tp0Wb2Nk5Hs9Yd4Gf6Jc1Ua";
    expect(index.scan(`secret_key = "${secret}"`).rules).not.toContain(tencent);
    expect(index.scan(`tencent cos secret_key = "${secret}"`).rules).toContain(tencent);
    expect(index.scan("nothing to see here").anyKeyword).toBe(false);
  });

  it("windows come from this text's literals only, not from an earlier text's", () => {
    const rule = rules.find((r) => r.id === "http.url-credentials")!;
    // `ftp://` far into a first text, then a shorter text holding only `http://`.
    index.scan(filler(50000) + " ftp://me:pw@host " + filler(50000) + " ftp://me:pw@host");
    const text = "see http://user:hunter2@example.org " + filler(20000);
    const hits = index.scan(text);
    const windows = hits.windows(rule)!;
    expect(windows).toBeDefined();
    for (const [first, last] of windows) {
      expect(first).toBeLessThanOrEqual(last);
      expect(last).toBeLessThanOrEqual(text.length);
    }
    expect(windows).toHaveLength(1);
  });

  it("a literal of a pattern without `i` counts only spelled as the pattern spells it", () => {
    const sid = rules.find((r) => r.id === "twilio.account-sid")!;
    const huawei = rules.find((r) => r.id === "huawei.secret-key")!;
    const hex = "0123456789abcdef0123456789abcdef";
    // "each access interface" holds the keyword `ac` and, folded, `ACc`/`ACe`: not `AC` + hex.
    expect(index.scan("each access interface, ACCESS and ACE " + "ac" + hex).rules).not.toContain(sid);
    expect(index.scan(`sid = "AC${hex}"`).rules).toContain(sid);
    // `ObsA`...`ObsZ` is Huawei OBS context; "observe" and "OBSOLETE" are not.
    const sk = `sk = "${"Ab1".repeat(13)}X"`;
    expect(index.scan(`observe the OBSOLETE obs ${sk}`).rules).not.toContain(huawei);
    expect(index.scan(`ObsClient obs ${sk}`).rules).toContain(huawei);
    // A pattern with `i` still takes any spelling.
    const wechat = rules.find((r) => r.id === "wechat.app-secret")!;
    expect(wechat.regex.flags).toContain("i");
    expect(index.scan(`WECHAT APP_SECRET = "${hex}"`).rules).toContain(wechat);
  });
});
