/**
 * The numbers the report shows at the top: cards and chart series, all counted in
 * distinct secrets (the same key on 40 pages is one key to revoke).
 */
import { SEVERITIES, type Severity } from "../../types.js";
import type { HtmlReportData, ReportSecret } from "./model.js";

export interface Bar {
  /** Stable key: provider id, site, severity, `2024-03`; `other` for the folded rest. */
  key: string;
  label: string;
  value: number;
  /** How many categories an `other` bar stands for. */
  folded?: number;
}

export interface TimeSeries {
  unit: "month" | "year";
  /** Every bucket from the first to the last, empty ones included. */
  bars: Bar[];
  /** Secrets seen only on pages without a publication date. */
  unknown: number;
}

export interface ProviderSummary {
  provider: string;
  secrets: number;
  pages: number;
  /** Pages from repositories (where `postguard fix` applies directly). */
  repoPages: number;
  bySeverity: Record<Severity, number>;
  /** Rule ids seen for this provider. */
  rules: string[];
}

export interface Summary {
  secrets: number;
  occurrences: number;
  pagesWithFindings: number;
  sitesAffected: number;
  bySeverity: Record<Severity, number>;
  byProvider: Bar[];
  bySite: Bar[];
  overTime: TimeSeries;
  providers: ProviderSummary[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, high: 2, medium: 1, low: 0 };

/** Highest first; past `max` bars, the smallest fold into one `other` bar. */
export function topBars(counts: ReadonlyMap<string, number>, label: (key: string) => string, max: number, otherLabel: (n: number) => string): Bar[] {
  const bars = [...counts].map(([key, value]) => ({ key, label: label(key), value })).sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
  if (bars.length <= max) return bars;
  const rest = bars.slice(max - 1);
  return [...bars.slice(0, max - 1), { key: "other", label: otherLabel(rest.length), value: rest.reduce((n, b) => n + b.value, 0), folded: rest.length }];
}

/** Earliest publication date among a secret's pages. */
function firstPublished(s: ReportSecret): string | undefined {
  let first: string | undefined;
  for (const o of s.occurrences) if (o.published && (!first || o.published < first)) first = o.published;
  return first;
}

/** Secrets by the month (or, past three years of span, the year) they were first published. */
export function overTime(secrets: readonly ReportSecret[]): TimeSeries {
  const days: string[] = [];
  let unknown = 0;
  for (const s of secrets) {
    const d = firstPublished(s);
    if (d) days.push(d);
    else unknown++;
  }
  if (!days.length) return { unit: "month", bars: [], unknown };
  days.sort();
  const [fy, fm] = [Number(days[0]!.slice(0, 4)), Number(days[0]!.slice(5, 7))];
  const [ly, lm] = [Number(days[days.length - 1]!.slice(0, 4)), Number(days[days.length - 1]!.slice(5, 7))];
  const months = (ly - fy) * 12 + (lm - fm) + 1;
  const unit = months > 36 ? "year" : "month";
  const keyOf = (d: string) => (unit === "year" ? d.slice(0, 4) : d.slice(0, 7));
  const counts = new Map<string, number>();
  for (const d of days) counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
  const bars: Bar[] = [];
  if (unit === "year") {
    for (let y = fy; y <= ly; y++) bars.push({ key: String(y), label: String(y), value: counts.get(String(y)) ?? 0 });
  } else {
    for (let i = 0; i < months; i++) {
      const y = fy + Math.floor((fm - 1 + i) / 12);
      const m = ((fm - 1 + i) % 12) + 1;
      const key = `${y}-${String(m).padStart(2, "0")}`;
      bars.push({ key, label: key, value: counts.get(key) ?? 0 });
    }
  }
  return { unit, bars, unknown };
}

export interface SummaryLabels {
  provider(id: string): string;
  other(n: number): string;
}

/** Cards, chart series and per-provider counts of `data`. */
export function summarize(data: HtmlReportData, labels: SummaryLabels, maxBars = 15): Summary {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const byProvider = new Map<string, number>();
  const bySite = new Map<string, number>();
  const pages = new Set<string>();
  const providers = new Map<string, ProviderSummary & { pageSet: Set<string>; repoSet: Set<string>; ruleSet: Set<string> }>();
  let occurrences = 0;
  for (const s of data.secrets) {
    bySeverity[s.severity]++;
    byProvider.set(s.provider, (byProvider.get(s.provider) ?? 0) + 1);
    let p = providers.get(s.provider);
    if (!p) {
      p = { provider: s.provider, secrets: 0, pages: 0, repoPages: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, rules: [], pageSet: new Set(), repoSet: new Set(), ruleSet: new Set() };
      providers.set(s.provider, p);
    }
    p.secrets++;
    p.bySeverity[s.severity]++;
    p.ruleSet.add(s.ruleId);
    const sites: string[] = [];
    for (const o of s.occurrences) {
      occurrences++;
      pages.add(o.url);
      p.pageSet.add(o.url);
      if (o.inRepo) p.repoSet.add(o.url);
      if (!sites.includes(o.site)) sites.push(o.site); // a handful at most: cheaper than a Set per secret
    }
    for (const site of sites) bySite.set(site, (bySite.get(site) ?? 0) + 1);
  }
  const worst = (p: ProviderSummary) => SEVERITIES.reduce((w, sev) => (p.bySeverity[sev] ? Math.max(w, SEVERITY_RANK[sev]) : w), -1);
  const providerList = [...providers.values()]
    .map(({ pageSet, repoSet, ruleSet, ...p }) => ({ ...p, pages: pageSet.size, repoPages: repoSet.size, rules: [...ruleSet].sort() }))
    .sort((a, b) => worst(b) - worst(a) || b.secrets - a.secrets || (a.provider < b.provider ? -1 : 1));
  return {
    secrets: data.secrets.length,
    occurrences,
    pagesWithFindings: pages.size,
    sitesAffected: bySite.size,
    bySeverity,
    byProvider: topBars(byProvider, labels.provider, maxBars, labels.other),
    bySite: topBars(bySite, (k) => k, maxBars, labels.other),
    overTime: overTime(data.secrets),
    providers: providerList,
  };
}
