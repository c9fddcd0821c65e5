/**
 * Where and how to write a placeholder in place of a secret, in the decoded file text.
 *
 * The secret's characters are found in the post's segments (the same parse the scan
 * used), so markup between them survives: a key split by highlighter spans keeps its
 * spans. The placeholder is then written in the form that reads as `<NAME>` in that
 * context — literally in code, `&lt;NAME&gt;` in HTML text, `\<NAME>` in markdown/MDX
 * prose — and each choice is proved by parsing the result again: the candidate must come
 * back as the text `<NAME>` at that spot, or the next one is tried, ending with a bare
 * `NAME` that reads the same everywhere.
 */
import { toSegments, type DocumentFormat } from "../document/index.js";
import type { Segment, SegmentKind } from "../types.js";

/** One secret (or credential part) to replace. Offsets are into the decoded text. */
export interface FixTarget {
  ruleId: string;
  secret: string;
  start: number;
  end: number;
  kind: SegmentKind;
  /** The name inside the placeholder: `ALIBABA_CLOUD_ACCESS_KEY_ID`. */
  name: string;
}

/** A replacement in the decoded text (half-open range). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface PlannedFix {
  edits: TextEdit[];
  /** The decoded text with every edit applied. */
  text: string;
}

function safeSegments(text: string, format: DocumentFormat): Segment[] {
  try {
    return toSegments(text, format);
  } catch {
    return toSegments(text, "text");
  }
}

/** Raw runs holding the secret's characters, when the secret is found in `segments` at `start`. */
function secretRuns(segments: readonly Segment[], t: FixTarget): Array<[number, number]> | undefined {
  for (const seg of segments) {
    for (let i = seg.text.indexOf(t.secret); i >= 0; i = seg.text.indexOf(t.secret, i + 1)) {
      if (seg.map.toRaw(i) !== t.start) continue;
      const runs: Array<[number, number]> = [];
      for (let k = i; k < i + t.secret.length; k++) {
        const a = seg.map.toRaw(k);
        const b = seg.map.rawEndOf(k + 1);
        const last = runs[runs.length - 1];
        if (last && a <= last[1]) last[1] = Math.max(last[1], b);
        else runs.push([a, Math.max(a, b)]);
      }
      return runs;
    }
  }
  return undefined;
}

/**
 * The edits that remove one secret: the whole raw range when only line prefixes and
 * whitespace sit between its characters (a key wrapped in a blockquote goes with its
 * lines), else the first run of characters becomes the placeholder and the other runs go,
 * keeping the markup between them.
 */
function removalEdits(raw: string, t: FixTarget, runs: Array<[number, number]> | undefined, placeholder: string): TextEdit[] {
  if (!runs || runs.length <= 1) return [{ start: t.start, end: t.end, text: placeholder }];
  const gaps = runs.slice(1).map(([a], i) => raw.slice(runs[i]![1], a));
  if (gaps.every((g) => /^[\s>]*$/.test(g))) return [{ start: t.start, end: t.end, text: placeholder }];
  return runs.map(([a, b], i) => ({ start: a, end: b, text: i === 0 ? placeholder : "" }));
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Whether `expected` reads as text starting at raw offset `at` once `text` is parsed. */
function readsAs(text: string, format: DocumentFormat, at: number, expected: string): boolean {
  for (const seg of safeSegments(text, format)) {
    for (let i = seg.text.indexOf(expected); i >= 0; i = seg.text.indexOf(expected, i + 1)) {
      if (seg.map.toRaw(i) === at) return true;
    }
  }
  return false;
}

/** Ways to write `<NAME>`, most natural first, for a secret found in `kind` of a `format` file. */
function spellings(name: string, format: DocumentFormat, kind: SegmentKind): string[] {
  const literal = `<${name}>`;
  const entity = `&lt;${name}&gt;`;
  const escaped = `\\<${name}>`;
  if (format === "text") return [literal];
  if (format === "html") return [literal, entity, name];
  // MDX that fails to parse is read as markdown by the scanner, which would "prove" a
  // literal `<NAME>` in prose that the MDX compiler rejects as an unclosed JSX tag.
  if (format === "mdx" && (kind === "prose" || kind === "url")) return [escaped, entity, name];
  return [literal, escaped, entity, name];
}

/**
 * Plan the replacement of every target in `raw` (the decoded file). Targets that overlap
 * an earlier one are skipped (a part shared by two findings is replaced once).
 */
export function planFix(raw: string, format: DocumentFormat, targets: readonly FixTarget[]): PlannedFix {
  const segments = safeSegments(raw, format);
  const sorted = [...targets].sort((a, b) => b.start - a.start || b.end - a.end);
  const edits: TextEdit[] = [];
  let text = raw;
  let floor = Infinity;
  for (const t of sorted) {
    if (t.end > floor) continue;
    floor = t.start;
    const runs = secretRuns(segments, t);
    const tries = spellings(t.name, format, t.kind);
    let chosen: { edits: TextEdit[]; text: string } | undefined;
    for (const spelling of tries) {
      const candidate = removalEdits(raw, t, runs, spelling);
      const next = applyEdits(text, candidate);
      if (tries.length === 1 || readsAs(next, format, candidate[0]!.start, spelling === t.name ? t.name : `<${t.name}>`)) {
        chosen = { edits: candidate, text: next };
        break;
      }
    }
    // Unreachable in practice: the bare name reads as itself anywhere text is read.
    chosen ??= (() => {
      const candidate = removalEdits(raw, t, runs, t.name);
      return { edits: candidate, text: applyEdits(text, candidate) };
    })();
    edits.push(...chosen.edits);
    text = chosen.text;
  }
  return { edits: edits.sort((a, b) => a.start - b.start), text };
}
