/**
 * One fixture folder per blogging platform / highlighter (test/fixtures/html/<case>/):
 * the code must read as the author typed it, planted (fake) credentials must point at
 * their raw line and column, and gutters / copy buttons must never leak into code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { htmlSegments } from "../../src/document/html.js";
import { LineIndex } from "../../src/document/line-index.js";
import type { SegmentKind } from "../../src/types.js";
import { inInlineCode, mappingProblems, placesOf, type Place } from "./html-support.js";

interface ExpectedValue {
  /** A segment kind, or `inline-code` for a `<code>` range inside a prose segment. */
  kind: SegmentKind;
  text: string;
  lang?: string;
  start: Place;
  end: Place;
}

interface Expected {
  description: string;
  values: ExpectedValue[];
  code: Array<{ lang?: string; text: string }>;
  neverInCode: string[];
}

const root = new URL("../fixtures/html/", import.meta.url);
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(cases)("html fixture %s", (name) => {
  const raw = readFileSync(new URL(`${name}/input.html`, root), "utf8");
  const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, root), "utf8")) as Expected;
  const segments = htmlSegments(raw);
  const lines = new LineIndex(raw);
  const code = segments.filter((s) => s.kind === "code");

  it("reassembles each code block as the author typed it", () => {
    expect(code.map((s) => (s.lang ? { lang: s.lang, text: s.text } : { text: s.text }))).toEqual(expected.code);
  });

  it.each(expected.values)("finds $text ($kind) at $start.line:$start.column", (v) => {
    const places = segments.flatMap((s) => {
      if (v.kind === "inline-code") {
        if (s.kind !== "prose") return [];
        const hits = placesOf(raw, s, v.text, lines);
        const at = s.text.indexOf(v.text);
        return at >= 0 && inInlineCode(s, at, at + v.text.length) ? hits : [];
      }
      if (s.kind !== v.kind || (v.lang !== undefined && s.lang !== v.lang)) return [];
      return placesOf(raw, s, v.text, lines);
    });
    expect(places).toContainEqual({ start: v.start, end: v.end });
  });

  it("keeps line-number gutters and copy buttons out of code", () => {
    expect(expected.neverInCode.length).toBeGreaterThan(0);
    for (const s of code) for (const bad of expected.neverInCode) expect(s.text).not.toContain(bad);
  });

  it("maps every character of every segment back to the raw page", () => {
    expect(segments.flatMap((s) => mappingProblems(raw, s))).toEqual([]);
  });
});
