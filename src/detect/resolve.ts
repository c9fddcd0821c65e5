/**
 * Candidates -> the findings a reader sees: overlapping matches of several rules become
 * one (the most specific wins), and an id next to its secret becomes one critical finding.
 */
import type { Confidence, Severity } from "../types.js";
import type { Candidate } from "./detect.js";

const SEV: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const CONF: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/**
 * Higher is better: specific over generic, then confidence, severity, then the rule that
 * needed more context to match (a JDBC URL over a bare `password=`), then length.
 */
function rank(c: Candidate): number[] {
  return [c.rule.generic ? 0 : 1, CONF[c.confidence], SEV[c.severity], c.matchText.length, c.rawEnd - c.rawStart];
}

function better(a: Candidate, b: Candidate): boolean {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
  return a.rule.id < b.rule.id;
}

/** Keep one candidate per overlapping group of raw ranges. */
export function dedupeOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => a.rawStart - b.rawStart || b.rawEnd - a.rawEnd);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    // Only the kept candidates that still reach past c.rawStart can overlap it.
    let clash = -1;
    for (let i = kept.length - 1; i >= 0 && i >= kept.length - 8; i--) {
      const k = kept[i]!;
      if (k.rawStart < c.rawEnd && c.rawStart < k.rawEnd) {
        clash = i;
        break;
      }
    }
    if (clash < 0) kept.push(c);
    else if (better(c, kept[clash]!)) kept[clash] = c;
  }
  return kept;
}

export interface Paired {
  primary: Candidate;
  related: Candidate[];
}

/**
 * Merge `pairs_with` partners found within `maxLines` lines of each other: the rule that
 * declares the pair is the primary (the secret), its partner (the id) becomes related.
 */
export function pairCandidates(cands: Candidate[], lineOf: (offset: number) => number, maxLines = 6): Paired[] {
  const used = new Set<Candidate>();
  const out: Paired[] = [];
  const primaries = cands.filter((c) => c.rule.pairsWith.length > 0);
  for (const p of primaries) {
    const line = lineOf(p.rawStart);
    let best: Candidate | undefined;
    let bestDist = Infinity;
    for (const c of cands) {
      if (c === p || used.has(c) || !p.rule.pairsWith.includes(c.rule.id)) continue;
      const d = Math.abs(lineOf(c.rawStart) - line);
      if (d <= maxLines && d < bestDist) {
        best = c;
        bestDist = d;
      }
    }
    if (best) {
      used.add(best);
      used.add(p);
      out.push({
        primary: { ...p, severity: "critical", notes: [...p.notes, `paired with the ${best.rule.title} ${bestDist === 0 ? "on the same line" : `${bestDist} line(s) away`}`] },
        related: [best],
      });
    }
  }
  for (const c of cands) if (!used.has(c)) out.push({ primary: c, related: [] });
  return out.sort((a, b) => a.primary.rawStart - b.primary.rawStart);
}
