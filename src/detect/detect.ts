/**
 * Segments + compiled rules -> candidate matches with raw offsets. Pure: no fs, no
 * network, no process.
 */
import type { CompiledRule } from "../rules/spec.js";
import type { Confidence, Segment, SegmentKind, Severity } from "../types.js";
import { AhoCorasick, foldCase, type AutomatonTables } from "./aho-corasick.js";
import { shannonEntropy } from "./entropy.js";
import { genericNonSecretReason } from "./generic-value.js";
import { patternLiterals, type PatternLiterals } from "./pattern-literals.js";
import { placeholderVerdict } from "./placeholder.js";
import { validate } from "./validators.js";

/** A rule match before positions and pairing. */
export interface Candidate {
  rule: CompiledRule;
  secret: string;
  /** Half-open range in the raw file string. */
  rawStart: number;
  rawEnd: number;
  /** The whole regex match, for context checks (host names next to the secret). */
  matchText: string;
  kind: SegmentKind;
  lang?: string;
  name?: string;
  severity: Severity;
  confidence: Confidence;
  notes: string[];
}

/** Why a match was dropped, for `--explain`-style debugging and tests. */
export interface Rejection {
  rule: string;
  secret: string;
  reason: string;
}

const literalCache = new Map<string, PatternLiterals>();

/** What the patterns read so far need, keyed by pattern source (to hand to worker threads). */
export function knownPatternLiterals(): Array<[string, PatternLiterals]> {
  return [...literalCache];
}

/** Reuse another thread's reading of the patterns instead of parsing them again. */
export function addPatternLiterals(entries: ReadonlyArray<[string, PatternLiterals]>): void {
  for (const [source, lit] of entries) literalCache.set(source, lit);
}

/** What `rule`'s pattern needs from a text (computed once per pattern source). */
function literalsOf(rule: CompiledRule): PatternLiterals {
  let lit = literalCache.get(rule.regex.source);
  if (!lit) literalCache.set(rule.regex.source, (lit = patternLiterals(rule.regex.source)));
  return lit;
}

const NO_RULES: readonly CompiledRule[] = [];
const NO_POSITIONS: readonly number[] = [];
const noPlan = () => undefined;

/** A rule as the index runs it: pattern ids of its keywords and of its required literals. */
interface IndexedRule {
  rule: CompiledRule;
  order: number;
  clauses: number[][];
  /** Windows are possible: the pattern's match length and lookaround reach are bounded. */
  extent?: { maxLength: number; reach: number };
}

/** Where a text's keywords and required literals are, for one text. */
export class TextHits {
  constructor(
    /** The text these hits are for (detect reuses them only for this very string). */
    readonly text: string,
    /** Rules with a keyword in the text whose required literals are all there too, in catalogue order. */
    readonly rules: readonly CompiledRule[],
    /** Whether any rule's keyword is in the text (whatever the literals say). */
    readonly anyKeyword: boolean,
    private readonly plan: (rule: CompiledRule) => Array<[number, number]> | undefined,
  ) {}

  /**
   * `[first, last]` ranges of the offsets where `rule` can start a match (sorted, apart),
   * or undefined when the whole text has to be searched.
   */
  windows(rule: CompiledRule): Array<[number, number]> | undefined {
    return this.plan(rule);
  }
}

/**
 * One pass over a text finds every rule keyword at once (and every literal a rule's
 * pattern cannot match without), so a file or segment with no keyword never reaches the
 * per-rule regexes, and a rule whose pattern needs `tencent` nearby is not run on a page
 * that never says it.
 */
export class KeywordIndex {
  private readonly ac: AhoCorasick;
  /** Automaton pattern -> ids of the strings it stands for (one spelling folded, and exact spellings). */
  private readonly idsOf: number[][] = [];
  private readonly patternLength: number[] = [];
  /** Id -> the exact spelling a hit must have (literals of patterns without `i`), else undefined. */
  private readonly spelling: Array<string | undefined> = [];
  /** Id -> indexed rules having it as a keyword. */
  private readonly keywordOf: IndexedRule[][] = [];
  /** Id -> occurrences are recorded (it is a required literal of some rule). */
  private readonly tracked: Uint8Array;
  private readonly byRule = new Map<CompiledRule, IndexedRule>();
  // Per-scan scratch, reused: a pattern is present when its stamp equals `stamp`.
  private stamp = 0;
  private readonly seen: Int32Array;
  private readonly ruleSeen: Int32Array;
  private readonly positions: number[][];
  private readonly muted: Int32Array;

  constructor(readonly rules: readonly CompiledRule[]) {
    // Keywords are compared as `/i` compares; a literal of a pattern without `i` must be
    // spelled exactly so (`ObsA` is not in "observe"), when its letters have case at all.
    const ids = new Map<string, number>();
    const folds = new Map<string, number>();
    const idOf = (s: string, exact: boolean) => {
      const folded = foldCase(s);
      const spelled = exact && s.toLowerCase() !== s.toUpperCase();
      const key = spelled ? `=${s}` : `~${folded}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
        this.patternLength.push(s.length);
        this.keywordOf.push([]);
        this.spelling.push(spelled ? s : undefined);
        let p = folds.get(folded);
        if (p === undefined) folds.set(folded, (p = folds.size));
        (this.idsOf[p] ??= []).push(id);
      }
      return id;
    };
    const trackedIds = new Set<number>();
    rules.forEach((rule, order) => {
      const lit = literalsOf(rule);
      const exact = !rule.regex.flags.includes("i");
      const ir: IndexedRule = {
        rule,
        order,
        clauses: lit.clauses.map((c) => [...new Set(c.map((s) => idOf(s, exact)))]),
        ...(Number.isFinite(lit.maxLength) && Number.isFinite(lit.reach) ? { extent: { maxLength: lit.maxLength, reach: lit.reach } } : {}),
      };
      for (const c of ir.clauses) for (const id of c) trackedIds.add(id);
      for (const k of new Set(rule.keywords.map((s) => idOf(s, false)))) this.keywordOf[k]!.push(ir);
      this.byRule.set(rule, ir);
    });
    this.ac = new AhoCorasick([...folds.keys()]);
    this.tracked = new Uint8Array(ids.size);
    for (const id of trackedIds) this.tracked[id] = 1;
    this.seen = new Int32Array(ids.size);
    this.ruleSeen = new Int32Array(rules.length);
    this.positions = Array.from({ length: ids.size }, () => []);
    this.muted = new Int32Array(this.ac.outputCount);
    this.dense = new Int32Array(ids.size);
  }

  /** The keyword automaton's tables (the build stores the built-in rules' in the catalogue). */
  automatonTables(): AutomatonTables {
    return this.ac.tables();
  }

  // State of the scan in progress, read by `onOutput` (one callback for every scan).
  private present: number[] = [];
  private cap = 0;
  private text = "";
  private readonly dense: Int32Array;

  private readonly onOutput = (o: number, end: number): void => {
    const { seen, tracked, positions, patternLength, dense, stamp, spelling, idsOf } = this;
    const patterns = this.ac.idsAt(o);
    let settled = true;
    for (let k = 0; k < patterns.length; k++) {
      const ids = idsOf[patterns[k]!]!;
      for (let j = 0; j < ids.length; j++) {
        const id = ids[j]!;
        const done = seen[id] === stamp && (!tracked[id] || dense[id] === stamp);
        if (done) continue;
        const start = end - patternLength[id]!;
        const exact = spelling[id];
        if (exact !== undefined && !this.text.startsWith(exact, start)) {
          settled = false;
          continue;
        }
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          this.present.push(id);
          if (tracked[id]) positions[id]!.length = 0;
        }
        if (tracked[id]) {
          const list = positions[id]!;
          if (list.length < this.cap) {
            list.push(start);
            settled = false;
          } else dense[id] = stamp;
        }
      }
    }
    // Everything here is known for this text: no need to hear about it again.
    if (settled) this.muted[o] = stamp;
  };

  /** Keywords, required literals and where they are, in one pass over `text`. */
  scan(text: string): TextHits {
    const stamp = ++this.stamp;
    const present: number[] = (this.present = []);
    // Beyond this many occurrences a literal is everywhere: windows would cover the text.
    this.cap = 64 + (text.length >> 7);
    this.text = text;
    this.ac.scan(text, this.muted, stamp, this.onOutput);
    this.text = "";
    if (present.length === 0) return new TextHits(text, NO_RULES, false, noPlan);
    const { seen, positions, patternLength, dense } = this;
    const active: IndexedRule[] = [];
    let anyKeyword = false;
    for (const id of present) {
      if (this.keywordOf[id]!.length) anyKeyword = true;
      for (const ir of this.keywordOf[id]!) {
        if (this.ruleSeen[ir.order] === stamp) continue;
        this.ruleSeen[ir.order] = stamp;
        if (ir.clauses.every((c) => c.some((lid) => seen[lid] === stamp))) active.push(ir);
      }
    }
    active.sort((a, b) => a.order - b.order);
    const plan = (rule: CompiledRule) => {
      const ir = this.byRule.get(rule);
      if (!ir?.extent || this.stamp !== stamp) return undefined;
      // A literal not in this text has no positions here (its list still holds another text's).
      const positionsOf = (id: number) => (seen[id] !== stamp ? NO_POSITIONS : dense[id] === stamp ? undefined : positions[id]);
      return windowsFor(ir.clauses, ir.extent, text.length, positionsOf, patternLength);
    };
    return new TextHits(
      text,
      active.map((ir) => ir.rule),
      anyKeyword,
      plan,
    );
  }

  /** Context a window needs on either side for `rule`: its longest match plus lookaround reach. */
  extentOf(rule: CompiledRule): number {
    const e = this.byRule.get(rule)?.extent;
    return e ? e.maxLength + e.reach + 4 : 0;
  }

  /** Rules with at least one keyword in `text` (and whatever literals their patterns need). */
  active(text: string): Set<CompiledRule> {
    return new Set(this.scan(text).rules);
  }
}

/** Window ranges are narrower than this (texts shorter than 2^31: keys stay below 2^53). */
const SPAN = 2 ** 22;

/**
 * Where matches can start: around each occurrence of the rarest required clause, as far
 * as a match plus its lookarounds reach. Undefined when that would not save much.
 */
function windowsFor(
  clauses: readonly number[][],
  extent: { maxLength: number; reach: number },
  length: number,
  positionsOf: (id: number) => readonly number[] | undefined,
  patternLength: readonly number[],
): Array<[number, number]> | undefined {
  let best: number[] | undefined;
  let bestCount = Infinity;
  for (const c of clauses) {
    let count = 0;
    for (const id of c) {
      const p = positionsOf(id);
      if (!p) {
        count = Infinity;
        break;
      }
      count += p.length;
    }
    if (count < bestCount) {
      bestCount = count;
      best = c;
    }
  }
  if (!best) return undefined;
  // A literal at [o, o+len) lies inside what a match starting at s examines,
  // [s - reach, s + maxLength + reach), so o + len - maxLength - reach <= s <= o + reach.
  const { maxLength, reach } = extent;
  // Each range [a, b] as one number, a * SPAN + (b - a), so that a native numeric sort
  // orders them by `a` (no comparator call per pair, no pair arrays to sort).
  const margin = maxLength + 2 * reach + 4;
  if (margin >= SPAN) return undefined;
  const keys = new Float64Array(bestCount);
  let k = 0;
  for (const id of best) {
    const len = patternLength[id]!;
    for (const o of positionsOf(id)!) {
      const a = Math.max(0, o + len - maxLength - reach - 2);
      keys[k++] = a * SPAN + (Math.min(length, o + reach + 2) - a);
    }
  }
  keys.sort();
  // Merge; nearby windows share one slice (each slice costs a margin on both sides).
  const merged: Array<[number, number]> = [];
  let covered = 0;
  for (const key of keys) {
    const a = Math.floor(key / SPAN);
    const b = a + (key - a * SPAN);
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + margin) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  for (const [a, b] of merged) covered += b - a + margin;
  return covered * 2 < length ? merged : undefined;
}

/**
 * Every match `re` finds scanning all of `text`, in order, calling `fn(match, offset)`
 * (`offset` is added to the match's indices). With `windows`, only slices around the
 * possible starts are searched, each with enough context either side that the regex sees
 * exactly what it would see in the whole text; a match found past its window is not
 * trusted and the next window takes over.
 */
export function forEachMatch(re: RegExp, text: string, windows: ReadonlyArray<[number, number]> | undefined, extent: number, fn: (m: RegExpExecArray, offset: number) => void): void {
  if (!windows) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      fn(m, 0);
    }
    return;
  }
  let pos = 0;
  for (const [first, last] of windows) {
    if (last < pos) continue;
    const start = Math.max(first, pos);
    const a = Math.max(0, start - extent);
    const b = Math.min(text.length, last + extent);
    const slice = text.slice(a, b);
    re.lastIndex = start - a;
    for (let m = re.exec(slice); m && m.index + a <= last; m = re.exec(slice)) {
      if (m[0].length === 0) re.lastIndex++;
      pos = a + re.lastIndex;
      fn(m, a);
      if (pos > last) break;
    }
  }
}

function contextKind(seg: Segment, offset: number): SegmentKind {
  if (seg.inlineCode?.some(([s, e]) => offset >= s && offset < e)) return "inline-code";
  return seg.kind;
}

/** Judge one regex match; undefined when it is not reportable at all. */
function judge(rule: CompiledRule, secret: string, rejections?: Rejection[]): { confidence: Confidence; notes: string[] } | "example" | undefined {
  const reject = (reason: string) => {
    rejections?.push({ rule: rule.id, secret, reason });
    return undefined;
  };
  if (secret.length < rule.minLength || secret.length > rule.maxLength) return reject("length out of range");
  if (rule.placeholderCheck) {
    // The random part of a prefixed token is what can be a run of x's or a sequence.
    const body = secret.replace(/^[A-Za-z]{2,10}[_-](?:[A-Za-z]{2,10}[_-])?/, "");
    const p = placeholderVerdict(secret, body);
    if (p.placeholder) return reject(`placeholder: ${p.reason}`);
  }
  if (rule.generic) {
    const why = genericNonSecretReason(secret);
    if (why) return reject(why);
  }
  if (rule.entropy > 0) {
    const h = shannonEntropy(secret);
    if (h < rule.entropy) return reject(`entropy ${h.toFixed(2)} < ${rule.entropy}`);
  }
  let confidence = rule.confidence;
  const notes: string[] = [];
  if (rule.validators.length) {
    const v = validate(rule.validators, secret);
    if (v.verdict === "example") {
      reject(`vendor's documented example (${v.failed})`);
      return "example";
    }
    if (v.verdict === "invalid") {
      confidence = "low";
      notes.push(`fails the ${v.failed} check: not a live credential of this kind`);
    } else notes.push(`passes ${rule.validators.join(", ")}`);
  }
  return { confidence, notes };
}

/** Hosts that make a credential a local or documentation one. */
const LOCAL_HOST = /@(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[\w.-]*example\.(?:com|org|net))(?=[:/?#\s"'`]|$)|\b(?:localhost|127\.0\.0\.1)\b/i;

/**
 * Run the rules of `index` over `segments`, each segment only against rules whose keywords
 * (and required literals) it holds. `known` are hits already computed for one of the texts.
 */
export function detect(segments: readonly Segment[], index: KeywordIndex, rejections?: Rejection[], known?: TextHits): Candidate[] {
  const out: Candidate[] = [];
  const claimed: Array<[number, number]> = [];
  // Values a validator knows as a vendor's published example (jwt.io's token, AWS's
  // ...EXAMPLE keys): no rule reports them, whatever header or key name surrounds them.
  const vetoed: Array<[number, number]> = [];
  for (const seg of segments) {
    if (seg.text.length < 8) continue;
    const hits = known?.text === seg.text ? known : index.scan(seg.text);
    for (const rule of hits.rules) {
      forEachMatch(rule.regex, seg.text, hits.windows(rule), index.extentOf(rule), (m, offset) => {
        const group = rule.secretGroups.find((g) => m.groups?.[g] !== undefined);
        if (!group) return;
        const at = m.indices?.groups?.[group];
        const secret = m.groups![group]!;
        if (!at) return;
        const span: [number, number] = [at[0] + offset, at[1] + offset];
        const key = m.groups?.key;
        if (key !== undefined && rule.denyKey?.test(key)) {
          rejections?.push({ rule: rule.id, secret, reason: `key \`${key}\` is not a credential name` });
          return;
        }
        const [rawStart, rawEnd] = seg.map.rangeToRaw(span[0], span[1]);
        // A vendor rule that recognised this value's format has the last word on it,
        // even when it judged it a placeholder, an example or a bad checksum.
        if (!rule.generic) claimed.push([rawStart, rawEnd]);
        const verdict = judge(rule, secret, rejections);
        if (verdict === "example") {
          vetoed.push([rawStart, rawEnd]);
          return;
        }
        if (!verdict) return;
        let severity = rule.severity;
        const confidence = verdict.confidence;
        if (LOCAL_HOST.test(m[0])) {
          severity = severity === "critical" ? "high" : "low";
          verdict.notes.push("points at a local or documentation host");
        }
        out.push({
          rule,
          secret,
          rawStart,
          rawEnd,
          matchText: m[0],
          kind: contextKind(seg, span[0]),
          lang: seg.lang,
          name: seg.name,
          severity,
          confidence,
          notes: verdict.notes,
        });
      });
    }
  }
  if (claimed.length === 0 && vetoed.length === 0) return out;
  return out.filter((c) => {
    const overlaps = (ranges: Array<[number, number]>) => ranges.some(([s, e]) => s < c.rawEnd && c.rawStart < e);
    if (overlaps(vetoed)) {
      rejections?.push({ rule: c.rule.id, secret: c.secret, reason: "a vendor's documented example" });
      return false;
    }
    if (!c.rule.generic) return true;
    const overlap = overlaps(claimed);
    if (overlap) rejections?.push({ rule: c.rule.id, secret: c.secret, reason: "the value is claimed by a vendor rule" });
    return !overlap;
  });
}
