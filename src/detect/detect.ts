/**
 * Segments + compiled rules -> candidate matches with raw offsets. Pure: no fs, no
 * network, no process.
 */
import type { CompiledRule } from "../rules/spec.js";
import type { Confidence, Segment, SegmentKind, Severity } from "../types.js";
import { shannonEntropy } from "./entropy.js";
import { genericNonSecretReason } from "./generic-value.js";
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * One pass over a text finds every rule keyword at once, so a file (or segment) with no
 * keyword never reaches the per-rule regexes.
 */
export class KeywordIndex {
  private readonly re: RegExp;
  private readonly byKeyword = new Map<string, CompiledRule[]>();
  private readonly expanded = new Map<string, CompiledRule[]>();

  constructor(readonly rules: readonly CompiledRule[]) {
    for (const r of rules) {
      for (const k of r.keywords) {
        const list = this.byKeyword.get(k) ?? [];
        list.push(r);
        this.byKeyword.set(k, list);
      }
    }
    // A match of `password=` consumes the text, hiding `password` at the same spot: let
    // each keyword also stand for the keywords it contains.
    const keys = [...this.byKeyword.keys()];
    for (const k of keys) {
      const rulesForK = new Set(this.byKeyword.get(k));
      for (const sub of keys) if (sub !== k && k.includes(sub)) for (const r of this.byKeyword.get(sub)!) rulesForK.add(r);
      this.expanded.set(k, [...rulesForK]);
    }
    const words = keys.sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.re = new RegExp(words.length ? words.join("|") : "(?!)", "gi");
  }

  /** Rules with at least one keyword in `text`. */
  active(text: string): Set<CompiledRule> {
    const out = new Set<CompiledRule>();
    const seen = new Set<string>();
    this.re.lastIndex = 0;
    for (let m = this.re.exec(text); m; m = this.re.exec(text)) {
      const k = m[0].toLowerCase();
      // Step one character, not past the match, so overlapping keywords are all seen.
      this.re.lastIndex = m.index + 1;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const r of this.expanded.get(k) ?? []) out.add(r);
      if (seen.size === this.byKeyword.size) break;
    }
    return out;
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

/** Run the rules of `index` over `segments`, each segment only against rules whose keywords it holds. */
export function detect(segments: readonly Segment[], index: KeywordIndex, rejections?: Rejection[]): Candidate[] {
  const out: Candidate[] = [];
  const claimed: Array<[number, number]> = [];
  // Values a validator knows as a vendor's published example (jwt.io's token, AWS's
  // ...EXAMPLE keys): no rule reports them, whatever header or key name surrounds them.
  const vetoed: Array<[number, number]> = [];
  for (const seg of segments) {
    if (seg.text.length < 8) continue;
    const active = index.active(seg.text);
    for (const rule of active) {
      const re = rule.regex;
      re.lastIndex = 0;
      for (let m = re.exec(seg.text); m; m = re.exec(seg.text)) {
        if (m[0].length === 0) re.lastIndex++;
        const group = rule.secretGroups.find((g) => m!.groups?.[g] !== undefined);
        if (!group) continue;
        const span = m.indices?.groups?.[group];
        const secret = m.groups![group]!;
        if (!span) continue;
        const key = m.groups?.key;
        if (key !== undefined && rule.denyKey?.test(key)) {
          rejections?.push({ rule: rule.id, secret, reason: `key \`${key}\` is not a credential name` });
          continue;
        }
        const [rawStart, rawEnd] = seg.map.rangeToRaw(span[0], span[1]);
        // A vendor rule that recognised this value's format has the last word on it,
        // even when it judged it a placeholder, an example or a bad checksum.
        if (!rule.generic) claimed.push([rawStart, rawEnd]);
        const verdict = judge(rule, secret, rejections);
        if (verdict === "example") {
          vetoed.push([rawStart, rawEnd]);
          continue;
        }
        if (!verdict) continue;
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
      }
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
