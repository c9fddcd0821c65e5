/**
 * Many literal strings found in one pass over a text (Aho & Corasick, "Efficient string
 * matching", CACM 1975), case-insensitively in exactly the sense of a JavaScript `/i`
 * regex without `u`. One combined `a|b|c/gi` regex does the same job at ~50 MB/s on
 * docs pages; this table-driven automaton runs at several hundred MB/s.
 */

/**
 * ECMAScript's Canonicalize for `/i` without `u` (ECMA-262 §22.2.2.7.3): upper-case a
 * code unit when that gives one code unit, but never map a non-ASCII unit to ASCII
 * (so `ſ` does not match `s` and the Kelvin sign does not match `k`).
 */
export function canonicalize(unit: number): number {
  if (unit < 128) return unit >= 97 && unit <= 122 ? unit - 32 : unit;
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const u = upper.charCodeAt(0);
  return u < 128 ? unit : u;
}

/** `s` with every code unit canonicalized: equal folds mean an `/i` regex sees equal strings. */
export function foldCase(s: string): string {
  // ASCII-only: upper-casing is exactly the fold (and native, so fast).
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  let out = "";
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(canonicalize(s.charCodeAt(i)));
  return out;
}

// Reused for texts up to 2 M code units; a longer one gets its own (and does not keep it).
let scratch = Buffer.allocUnsafeSlow(0);

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The UTF-16 code units of `text` (valid until the next call). */
function codeUnits(text: string): Uint16Array {
  if (!LITTLE_ENDIAN) {
    const units = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    return units;
  }
  const bytes = text.length * 2;
  let buf = scratch;
  if (buf.length < bytes) {
    buf = Buffer.allocUnsafeSlow(Math.max(bytes, 1 << 16));
    if (bytes <= 1 << 22) scratch = buf;
  }
  buf.write(text, 0, bytes, "utf16le");
  return new Uint16Array(buf.buffer, buf.byteOffset, text.length);
}

/**
 * The automaton's tables as `npm run build` stores them in the rule catalogue
 * (scripts/write-catalogue.mjs): building them for the ~2,000 built-in keywords costs a
 * one-post run ~10 ms of its start, restoring them well under one. Integer arrays are
 * base64 of little-endian Int32Arrays.
 */
export interface AutomatonTables {
  format: number;
  /** Exactly the patterns the tables were built for: any other list is built as usual. */
  patterns: string[];
  longest: number;
  /** The folded code unit of each input class (class `i + 1`). */
  units: number[];
  firstChild: string;
  sibling: string;
  edge: string;
  fail: string;
  outAt: string;
  /** `outputs[o]` is `outIds[outStart[o], outStart[o + 1])`. */
  outStart: string;
  outIds: string;
}

/** Bumped whenever the meaning of `AutomatonTables` changes: older tables are then ignored. */
const TABLES_FORMAT = 1;

let offered: AutomatonTables | undefined;

/**
 * Tables to restore instead of building when an automaton is made for exactly their
 * pattern list (the catalogue offers them as it is read). Tables that are malformed or of
 * another format are ignored; findings are the same either way.
 */
export function offerTables(tables: AutomatonTables | undefined): void {
  offered = tables?.format === TABLES_FORMAT && LITTLE_ENDIAN ? tables : undefined;
}

function encode(a: Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function decode(s: string, length: number): Int32Array {
  const bytes = Buffer.from(s, "base64");
  if (bytes.length !== length * 4) throw new Error("automaton table of the wrong size");
  const out = new Int32Array(length);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function samePatterns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class AhoCorasick {
  /** Code unit -> input class (0: a unit no pattern holds). */
  private readonly classOf: Uint16Array;
  private readonly classes: number;
  /** Row width (classes rounded up to a power of two) as a shift. */
  private readonly shift: number = 0;
  /**
   * Transitions: (state << shift) + class -> the bitwise NOT of the next state << shift
   * (low bit: patterns end there). Stored inverted so that the allocator's zeros read as
   * -1, "not worked out yet": the table is never filled, and its pages are touched only
   * where a scan goes (filling ~4 MB cost milliseconds of page faults at every start).
   */
  private readonly delta: Int32Array;
  /**
   * The trie as linked lists: first child, next sibling, class of the edge into a state
   * (no Map, no dense table of states x classes: ~7,600 states x 128 classes is 8 MB, and
   * writing one edge per state into it faulted in a page every few states). The root's
   * children are also indexed by class. Read only for transitions not yet worked out.
   */
  private readonly firstChild: Int32Array;
  private readonly sibling: Int32Array;
  private readonly edge: Int32Array;
  private readonly rootChild: Int32Array;
  /** Failure links. */
  private readonly fail: Int32Array;
  /** State -> index into `outputs`, or -1 when no pattern ends there; `ends`: 1 when one does. */
  private readonly outAt: Int32Array;
  private readonly ends: Uint8Array;
  /** Pattern ids ending at a state (its own and those of its suffix states). */
  private readonly outputs: Int32Array[];
  /** The folded code unit of each input class (class `i + 1`). */
  private readonly units: number[];
  /** The longest pattern: a state never remembers more text than this. */
  private readonly longest: number;
  /** Whether the tables were restored from ones offered (`offerTables`) rather than built. */
  readonly restored: boolean;

  /** `patterns[i]` is reported as id `i`. Empty patterns are never reported. */
  constructor(readonly patterns: readonly string[]) {
    const tables = offered && samePatterns(offered.patterns, patterns) ? offered : undefined;
    let restored: ReturnType<typeof restore> | undefined;
    if (tables) {
      try {
        restored = restore(tables);
      } catch {
        restored = undefined;
      }
    }
    this.restored = restored !== undefined;
    const built = restored ?? build(patterns);
    this.longest = built.longest;
    this.classes = built.units.length + 1;
    // At least one bit: the lowest bit of a stored transition says "patterns end here".
    const shift = (this.shift = Math.max(1, Math.ceil(Math.log2(this.classes))));
    this.units = built.units;
    this.classOf = classTable(built.units);
    this.firstChild = built.firstChild;
    this.sibling = built.sibling;
    this.edge = built.edge;
    this.fail = built.fail;
    this.outAt = built.outAt;
    this.outputs = built.outputs;
    const n = this.fail.length;
    this.rootChild = new Int32Array(1 << shift).fill(-1);
    for (let t = this.firstChild[0]!; t >= 0; t = this.sibling[t]!) this.rootChild[this.edge[t]!] = t;
    this.ends = new Uint8Array(n);
    for (let s = 0; s < n; s++) if (this.outAt[s]! >= 0) this.ends[s] = 1;
    // Full transitions are filled in as the scan first needs them (zero: not yet): a post
    // visits a few hundred of the thousands of states, and start-up stays short.
    this.delta = new Int32Array(n << shift);
  }

  /** The tables to store (see `AutomatonTables`); the build writes them into the catalogue. */
  tables(): AutomatonTables {
    const outStart = new Int32Array(this.outputs.length + 1);
    this.outputs.forEach((ids, o) => (outStart[o + 1] = outStart[o]! + ids.length));
    const outIds = new Int32Array(outStart[this.outputs.length]!);
    this.outputs.forEach((ids, o) => outIds.set(ids, outStart[o]!));
    return {
      format: TABLES_FORMAT,
      patterns: [...this.patterns],
      longest: this.longest,
      units: [...this.units],
      firstChild: encode(this.firstChild),
      sibling: encode(this.sibling),
      edge: encode(this.edge),
      fail: encode(this.fail),
      outAt: encode(this.outAt),
      outStart: encode(outStart),
      outIds: encode(outIds),
    };
  }

  /** The child of state `s` on class `c`, or -1. */
  private child(s: number, c: number): number {
    if (s === 0) return this.rootChild[c]!;
    for (let t = this.firstChild[s]!; t >= 0; t = this.sibling[t]!) if (this.edge[t] === c) return t;
    return -1;
  }

  /** The transition from state `s` on class `c` (pre-shifted, low bit: patterns end there), computed once and kept. */
  private next(s: number, c: number): number {
    const at = (s << this.shift) + c;
    let t = ~this.delta[at]!;
    if (t >= 0) return t;
    const child = this.child(s, c);
    t = child >= 0 ? (child << this.shift) | this.ends[child]! : s === 0 ? 0 : this.next(this.fail[s]!, c);
    this.delta[at] = ~t;
    return t;
  }

  /** Pattern ids that end where output `o` is reported (see `scan`). */
  idsAt(o: number): Int32Array {
    return this.outputs[o]!;
  }

  /** How many distinct outputs `scan` can report (sizes a `muted` array). */
  get outputCount(): number {
    return this.outputs.length;
  }

  /**
   * Calls `onOutput(o, end)` wherever patterns end (`idsAt(o)` says which; `end` is
   * exclusive), except for outputs with `muted[o] === stamp`: a caller that has seen
   * enough of an output mutes it instead of paying for every hit. Each end is reported
   * once, in order within each third of the text, the thirds interleaved.
   */
  scan(text: string, muted: Int32Array, stamp: number, onOutput: (o: number, end: number) => void): void {
    const n = text.length;
    if (n < 4096) {
      this.walk(text, 0, n, 0, muted, stamp, onOutput);
      return;
    }
    const { delta, classOf, outAt, shift } = this;
    // The code units as an array: an indexed load instead of `charCodeAt`, which checks
    // how the string is stored at every call (copying them costs less than it saves).
    const units = codeUnits(text);
    // Three thirds walked in one loop: a step waits for the previous step's table load,
    // and independent walks fill each other's wait (two walks: 1.6x the speed of one,
    // three: 2x, four: slower again, out of registers). The later walks start `longest`
    // units early, silently: by the start of their third they are in the state a walk
    // from the start would be in (a state remembers at most `longest` units).
    const third = Math.floor(n / 3);
    let j = third;
    let k = 2 * third;
    let u = this.walkUnits(units, Math.max(0, j - this.longest), j, 0);
    let w = this.walkUnits(units, k - this.longest, k, 0);
    let s = 0;
    for (let i = 0; i < third; i++, j++, k++) {
      const c = classOf[units[i]!]!;
      const d = classOf[units[j]!]!;
      const e = classOf[units[k]!]!;
      let t = ~delta[s + c]!;
      let v = ~delta[u + d]!;
      let x = ~delta[w + e]!;
      if ((t | v | x) < 0) {
        if (t < 0) t = this.next(s >> shift, c);
        if (v < 0) v = this.next(u >> shift, d);
        if (x < 0) x = this.next(w >> shift, e);
      }
      s = t & ~1;
      u = v & ~1;
      w = x & ~1;
      if ((t | v | x) & 1) {
        if (t & 1) {
          const o = outAt[s >> shift]!;
          if (muted[o] !== stamp) onOutput(o, i + 1);
        }
        if (v & 1) {
          const o = outAt[u >> shift]!;
          if (muted[o] !== stamp) onOutput(o, j + 1);
        }
        if (x & 1) {
          const o = outAt[w >> shift]!;
          if (muted[o] !== stamp) onOutput(o, k + 1);
        }
      }
    }
    this.walkUnits(units, k, n, w, muted, stamp, onOutput);
  }

  /** One walk over `text[from, to)` from state `s` (pre-shifted), reporting as `scan` does. Returns the state reached. */
  private walk(text: string, from: number, to: number, s: number, muted: Int32Array, stamp: number, onOutput: (o: number, end: number) => void): number {
    const { delta, classOf, outAt, shift } = this;
    for (let i = from; i < to; i++) {
      const c = classOf[text.charCodeAt(i)]!;
      let t = ~delta[s + c]!;
      if (t < 0) t = this.next(s >> shift, c);
      s = t & ~1;
      if (t & 1) {
        const o = outAt[s >> shift]!;
        if (muted[o] !== stamp) onOutput(o, i + 1);
      }
    }
    return s;
  }

  /** `walk` over code units; reports only when given `onOutput`. */
  private walkUnits(units: Uint16Array, from: number, to: number, s: number, muted?: Int32Array, stamp?: number, onOutput?: (o: number, end: number) => void): number {
    const { delta, classOf, outAt, shift } = this;
    for (let i = from; i < to; i++) {
      const c = classOf[units[i]!]!;
      let t = ~delta[s + c]!;
      if (t < 0) t = this.next(s >> shift, c);
      s = t & ~1;
      if (t & 1 && onOutput) {
        const o = outAt[s >> shift]!;
        if (muted![o] !== stamp) onOutput(o, i + 1);
      }
    }
    return s;
  }

}

/** Code unit -> input class, for classes of the folded `units` (class `i + 1`). */
function classTable(units: readonly number[]): Uint16Array {
  const classOf = new Uint16Array(65536);
  const cased = units.some((u) => u >= 128 && String.fromCharCode(u).toLowerCase() !== String.fromCharCode(u));
  if (cased) {
    // Rare: a pattern holds a non-ASCII letter with case; fold every unit to find its class.
    const classFor = new Map(units.map((u, i) => [u, i + 1]));
    for (let u = 0; u < 65536; u++) classOf[u] = classFor.get(canonicalize(u)) ?? 0;
  } else {
    units.forEach((u, i) => {
      classOf[u] = i + 1;
      if (u >= 65 && u <= 90) classOf[u + 32] = i + 1;
    });
  }
  return classOf;
}

interface Built {
  longest: number;
  units: number[];
  firstChild: Int32Array;
  sibling: Int32Array;
  edge: Int32Array;
  fail: Int32Array;
  outAt: Int32Array;
  outputs: Int32Array[];
}

/** Stored tables back as arrays; throws on tables that do not fit together. */
function restore(t: AutomatonTables): Built {
  const n = Buffer.byteLength(t.fail, "base64") / 4;
  if (!Number.isInteger(n) || n < 1 || t.units.length >= 65535) throw new Error("automaton tables do not fit together");
  const outStart = decode(t.outStart, Buffer.byteLength(t.outStart, "base64") / 4);
  const outIds = decode(t.outIds, outStart[outStart.length - 1]!);
  const outputs: Int32Array[] = [];
  for (let o = 0; o + 1 < outStart.length; o++) outputs.push(outIds.subarray(outStart[o]!, outStart[o + 1]!));
  const built: Built = {
    longest: t.longest,
    units: t.units,
    firstChild: decode(t.firstChild, n),
    sibling: decode(t.sibling, n),
    edge: decode(t.edge, n),
    fail: decode(t.fail, n),
    outAt: decode(t.outAt, n),
    outputs,
  };
  if (built.outAt.some((o) => o >= outputs.length)) throw new Error("automaton tables do not fit together");
  return built;
}

function build(patterns: readonly string[]): Built {
  const folded = patterns.map(foldCase);
  const longest = Math.max(0, ...folded.map((p) => p.length));
  // Input classes: one per distinct folded unit of any pattern.
  const classFor = new Map<number, number>();
  for (const p of folded) for (let i = 0; i < p.length; i++) if (!classFor.has(p.charCodeAt(i))) classFor.set(p.charCodeAt(i), classFor.size + 1);
  const units = [...classFor.keys()];
  let total = 1;
  for (const p of folded) total += p.length;
  // Children as linked lists (first child, next sibling, class of the edge); the root's
  // children also by class. This runs once per process, cold, so no per-state arrays.
  const firstChild = new Int32Array(total).fill(-1);
  const sibling = new Int32Array(total).fill(-1);
  const edge = new Int32Array(total);
  const rootChild = new Int32Array(classFor.size + 1).fill(-1);
  const endsAt: number[][] = [];
  let n = 1;
  folded.forEach((p, id) => {
    if (!p.length) return;
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classFor.get(p.charCodeAt(i))!;
      let t = -1;
      if (s === 0) t = rootChild[c]!;
      else for (let k = firstChild[s]!; k >= 0; k = sibling[k]!) if (edge[k] === c) { t = k; break; }
      if (t < 0) {
        t = n++;
        if (s === 0) rootChild[c] = t;
        edge[t] = c;
        sibling[t] = firstChild[s]!;
        firstChild[s] = t;
      }
      s = t;
    }
    (endsAt[s] ??= []).push(id);
  });
  const fail = new Int32Array(n);
  const childOf = (s: number, c: number): number => {
    if (s === 0) return rootChild[c]!;
    for (let k = firstChild[s]!; k >= 0; k = sibling[k]!) if (edge[k] === c) return k;
    return -1;
  };
  // Breadth-first over the trie: failure links and outputs inherited along them.
  const outIds: Array<number[] | undefined> = new Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let t = firstChild[0]!; t >= 0; t = sibling[t]!) queue[tail++] = t;
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    const own = endsAt[s];
    const inherited = outIds[fail[s]!];
    outIds[s] = own && inherited ? [...own, ...inherited] : (own ?? inherited);
    for (let t = firstChild[s]!; t >= 0; t = sibling[t]!) {
      if (s !== 0) {
        // The deepest state along the parent's links with a child on this edge's class.
        let f = fail[s]!;
        for (;;) {
          const k = childOf(f, edge[t]!);
          if (k >= 0) { fail[t] = k; break; }
          if (f === 0) { fail[t] = 0; break; }
          f = fail[f]!;
        }
      }
      queue[tail++] = t;
    }
  }
  const outAt = new Int32Array(n).fill(-1);
  const outputs: Int32Array[] = [];
  for (let s = 0; s < n; s++) {
    const ids = outIds[s];
    if (!ids?.length) continue;
    outAt[s] = outputs.length;
    outputs.push(Int32Array.from(new Set(ids)));
  }
  return { longest, units, firstChild: firstChild.subarray(0, n), sibling: sibling.subarray(0, n), edge: edge.subarray(0, n), fail, outAt, outputs };
}
