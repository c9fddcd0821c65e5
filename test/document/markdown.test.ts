/**
 * End-to-end fixtures: each folder under test/fixtures/markdown/ holds a post
 * (`input.md` or `input.mdx`) and `expected.json` listing planted values with the line and
 * column where they are written in the file. A value must be found inside a segment of the
 * stated kind, and the segment's map must put it exactly there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/document/line-index.js";
import { markdownSegments } from "../../src/document/markdown.js";
import type { Segment, SegmentKind } from "../../src/types.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/markdown/", import.meta.url));

interface ExpectedValue {
  plain: string;
  line: number;
  column: number;
  kind?: SegmentKind;
  lang?: string;
  name?: string;
  /** The value lies inside one of the prose segment's inline code ranges. */
  inlineCode?: boolean;
  /** The value reads differently in the file (escapes, entities): only its start is checked. */
  decoded?: boolean;
}

interface Fixture {
  name: string;
  raw: string;
  mdx: boolean;
  values: ExpectedValue[];
}

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(FIXTURES, d.name);
      const mdx = existsSync(join(dir, "input.mdx"));
      const raw = readFileSync(join(dir, mdx ? "input.mdx" : "input.md"), "utf8");
      const { values } = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as { values: ExpectedValue[] };
      return { name: d.name, raw, mdx, values };
    });
}

const fixtures = loadFixtures();

function matches(seg: Segment, want: ExpectedValue): boolean {
  return (
    (want.kind === undefined || seg.kind === want.kind) &&
    (want.lang === undefined || seg.lang === want.lang) &&
    (want.name === undefined || seg.name === want.name)
  );
}

/** Every place `want.plain` occurs in a matching segment, as file positions. */
function occurrences(raw: string, segments: Segment[], want: ExpectedValue) {
  const lines = new LineIndex(raw);
  const found = [];
  for (const seg of segments) {
    if (!matches(seg, want)) continue;
    for (let at = seg.text.indexOf(want.plain); at >= 0; at = seg.text.indexOf(want.plain, at + 1)) {
      const [start, end] = seg.map.rangeToRaw(at, at + want.plain.length);
      const { line, column } = lines.position(start);
      const inCode = (seg.inlineCode ?? []).some(([s, e]) => s <= at && at + want.plain.length <= e);
      found.push({
        line,
        column,
        ...(want.decoded ? {} : { source: raw.slice(start, end) }),
        ...(want.inlineCode ? { inlineCode: inCode } : {}),
      });
    }
  }
  return found;
}

describe("markdownSegments fixtures", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  const cases = fixtures.flatMap((f) => f.values.map((v) => ({ fixture: f, value: v })));
  it.each(cases.map((c) => [`${c.fixture.name}: ${c.value.plain}`, c] as const))("%s", (_title, { fixture, value }) => {
    const segments = markdownSegments(fixture.raw, { mdx: fixture.mdx });
    expect(occurrences(fixture.raw, segments, value)).toContainEqual({
      line: value.line,
      column: value.column,
      ...(value.decoded ? {} : { source: value.plain }),
      ...(value.inlineCode ? { inlineCode: true } : {}),
    });
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s: every segment maps inside the file, in order", (_name, f) => {
    const segments = markdownSegments(f.raw, { mdx: f.mdx });
    expect(segments.some((s) => s.kind === "text")).toBe(false);
    for (const seg of segments) {
      expect(seg.map.length).toBe(seg.text.length);
      let previous = 0;
      for (let t = 0; t < seg.text.length; t++) {
        const r = seg.map.toRaw(t);
        expect(r).toBeGreaterThanOrEqual(previous);
        expect(r).toBeLessThanOrEqual(f.raw.length);
        previous = r;
      }
    }
  });
});

describe("markdownSegments on MDX", () => {
  const get = (name: string) => fixtures.find((f) => f.name === name)!;

  it("reads a Docusaurus post as MDX: ESM, JSX attributes, expressions, <!--truncate-->", () => {
    const kinds = new Set(markdownSegments(get("mdx-jsx").raw, { mdx: true }).map((s) => s.kind));
    expect([...kinds].sort()).toEqual(["attribute", "code", "comment", "front-matter", "prose", "script"]);
  });

  it("falls back to plain markdown when the MDX does not parse", () => {
    const segments = markdownSegments(get("mdx-broken").raw, { mdx: true });
    expect(segments.map((s) => s.kind)).toEqual(["front-matter", "prose", "code"]);
  });
});
