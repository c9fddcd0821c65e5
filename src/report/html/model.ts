/**
 * The HTML report's input: a neutral model that an audit state (from-state.ts) or a
 * scan's findings (from-scan.ts) are turned into, so one renderer serves both. It holds
 * no secret value: only the masked text and a truncated hash.
 */
import type { Confidence, FindingContext, Severity } from "../../types.js";

/** One place a secret was seen. */
export interface ReportOccurrence {
  /** Page URL (audit) or file path (scan). */
  url: string;
  /** What the charts and the site filter group by: the URL's host, or a scan's top folder. */
  site: string;
  line: number;
  column: number;
  context: FindingContext;
  /** Publication date of the page, `YYYY-MM-DD`, when the audit learnt it. */
  published?: string;
  /** Whether the page comes from a source the team controls (a repository), where `postguard fix` applies. */
  inRepo?: boolean;
}

/** A distinct secret (by hash) and everywhere it was seen. */
export interface ReportSecret {
  /** The first 16 hex digits of the secret's sha256: enough to tell secrets apart, too little to test guesses against. */
  id: string;
  masked: string;
  ruleId: string;
  title: string;
  provider: string;
  severity: Severity;
  confidence: Confidence;
  /** ISO timestamps: when postguard first and last saw it. */
  firstSeen: string;
  lastSeen: string;
  occurrences: ReportOccurrence[];
}

/** What the report says about a provider: its name, where to revoke, the placeholders `fix` writes. */
export interface ProviderInfo {
  name: string;
  revoke?: string;
  /** rule id -> placeholder name (`AWS_ACCESS_KEY_ID`). */
  placeholders: Record<string, string>;
}

export interface HtmlReportData {
  /** An audit state, or a scan of files (then "sites" are top-level folders and there are no publication dates). */
  source: "audit" | "scan";
  version: string;
  /** ISO timestamp: when this file was made. */
  generatedAt: string;
  /** ISO timestamp: when the audit ran (its last run) or the scan. */
  date: string;
  /** Set when the last audit run did not finish ("interrupted", "running"). */
  unfinished?: string;
  /** What the last run audited, for the subtitle (`sitemap https://example.com/sitemap.xml`), at most 200. */
  sources: string[];
  /** Pages (files) scanned, including unchanged ones, and those that could not be. */
  pages: { scanned: number; failed: number; skipped: number };
  /** How many sites (folders) were scanned at all. */
  sites: number;
  secrets: ReportSecret[];
  /** Secrets the state remembers that are no longer on any page. */
  removed: number;
  /** provider id -> what to say about it. */
  providers: Record<string, ProviderInfo>;
}

/** Leading "https://user:pass@" would put a password in the report; keep the rest of a URL. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1");
}

/** `YYYY-MM-DD` from an ISO date, an RFC 822 date (feeds) or anything Date parses; undefined otherwise. */
export function dayOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (iso) return iso[1];
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
