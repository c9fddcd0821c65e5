/**
 * Text kept a second time as an escaped JS/JSON string (Juejin's window.__NUXT__ holds the
 * post's markdown) is scanned decoded, with positions in the raw file.
 */
import { describe, expect, it } from "vitest";
import { stringLiteralSegments } from "../../src/document/js-strings.js";
import { verbatimMap } from "../../src/document/offset-map.js";
import { builtinRules } from "../../src/rules/load.js";
import { Engine, scanText } from "../../src/scan.js";
import type { Segment } from "../../src/types.js";

// Synthetic values, invented for this test.
const SECRET = ["Hs2Kq8vZ2mL4pWx7", "Rt3Nb6Yc1Hd5Jf9G"].join("");
const KEY = ["AIza", "Sy7Qm2xL9pWz4Rt8Nb3Yc6Hd1Jf5Gk0KsQe"].join("");

describe("escaped string literals in scripts", () => {
  const script = `window.__NUXT__={a:"short",md:"app_secret(\\"${SECRET}\\")\\nurl: https:\\u002F\\u002Fmaps.example.net\\u002F?key=${KEY}"};`;
  const seg: Segment = { kind: "script", text: script, map: verbatimMap(script, 100) };

  it("decodes \\\" \\n and \\u002F and maps every character back to its raw offset", () => {
    const [decoded, ...rest] = stringLiteralSegments(seg);
    expect(rest).toEqual([]);
    expect(decoded!.text).toBe(`app_secret("${SECRET}")\nurl: https://maps.example.net/?key=${KEY}`);
    const at = decoded!.text.indexOf(SECRET);
    expect(decoded!.map.toRaw(at)).toBe(100 + script.indexOf(SECRET));
    const slash = decoded!.text.indexOf("//maps");
    expect(decoded!.map.rangeToRaw(slash, slash + 2)).toEqual([100 + script.indexOf("\\u002F"), 100 + script.indexOf("\\u002F") + 12]);
  });

  it("leaves literals without escapes (already scanned as they are) alone", () => {
    expect(stringLiteralSegments({ kind: "script", text: `x = "${"a".repeat(40)}"; y = 'b\\n'`, map: verbatimMap("", 0) })).toEqual([]);
  });

  it("finds a secret the page shows only escaped inside window.__NUXT__, on the raw line it sits on", () => {
    const page = `<!DOCTYPE html>\n<html><body>\n<p>post</p>\n<script>${script}</script>\n</body></html>\n`;
    const findings = scanText(page, "post.html", new Engine(builtinRules()));
    const hit = findings.find((f) => f.secret === SECRET);
    expect(hit?.start.line).toBe(4);
    expect(hit?.start.column).toBe(page.split("\n")[3]!.indexOf(SECRET) + 1);
  });
});
