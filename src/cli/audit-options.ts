/**
 * `postguard audit` flags -> validated options. Every bad value is a UsageError saying
 * what was given and what was expected; sources are checked before anything is fetched.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import type { HostLimits } from "../audit/http/fetcher.js";
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from "../types.js";
import { queueConflicts, queueName, queueUrl } from "./distributed-options.js";
import { UsageError, parseSize } from "./options.js";

export interface AuditSource {
  kind: "urls" | "sitemap" | "feed" | "wordpress" | "devto" | "github-org" | "github-repo" | "warc";
  target: string;
}

export interface AuditCliOptions {
  command: "audit";
  sources: AuditSource[];
  state: string;
  resume: boolean;
  rescan: boolean;
  since?: number;
  domains: string[];
  jsonl?: string;
  sarif?: string;
  /** Write the HTML report of the state here when the audit ends. */
  report?: string;
  failOn: Severity;
  minConfidence: Confidence;
  rules: string[];
  concurrency: number;
  perHost: number;
  delayMs: number;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  maxRetryAfterMs: number;
  maxRedirects: number;
  maxPageSize: number;
  contact?: string;
  workers: number;
  devtoApi: string;
  githubApi: string;
  quiet: boolean;
  showSecrets: boolean;
  noColor: boolean;
  /** `--queue redis://HOST:PORT`: enqueue for `postguard worker`s instead of running here. */
  queue?: string;
  queueName?: string;
}

export const AUDIT_DEFAULTS = {
  state: "postguard-audit.db",
  concurrency: 16,
  perHost: 2,
  delay: 0.5,
  timeout: 30,
  retries: 3,
  retryDelay: 1,
  maxRetryAfter: 120,
  maxRedirects: 5,
  maxPageSize: 10 * 1024 * 1024,
  devtoApi: "https://dev.to/api",
  githubApi: "https://api.github.com",
};

const code = (s: string) => `\`${s}\``;

function count(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}; got ${code(value)}`);
  return n;
}

function seconds(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback * 1000;
  const n = Number(value);
  if (!/^\d+(?:\.\d+)?$/.test(value.trim()) || n < min || n > max) throw new UsageError(`--${flag} must be a number of seconds from ${min} to ${max}; got ${code(value)}`);
  return Math.round(n * 1000);
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}; got ${code(value)}`);
}

function httpUrl(flag: string, value: string): string {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== "http:" && u.protocol !== "https:")) throw new UsageError(`--${flag} needs an http(s) URL such as https://example.com/sitemap.xml; got ${code(value)}`);
  return u.href;
}

function size(flag: string, value: string): number {
  try {
    return parseSize(value);
  } catch {
    throw new UsageError(`--${flag} must be a size such as 5MB, 512KB or a number of bytes; got ${code(value)}`);
  }
}

/** `2024-05-01` or an ISO 8601 time -> epoch ms. */
function sinceDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim()) ? Date.parse(value.trim()) : NaN;
  if (!Number.isFinite(t)) throw new UsageError(`--since must be a date such as 2024-05-01 (or 2024-05-01T12:00:00Z); got ${code(value)}`);
  return t;
}

function domain(value: string): string {
  const d = value.trim().toLowerCase().replace(/^\*?\./, "");
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/.test(d)) throw new UsageError(`--domain needs a host name such as example.com; got ${code(value)}`);
  return d;
}

/** The politeness, retry and size limits an audit's options give, for a local audit and a distributed sweep alike. */
export function auditLimits(opts: AuditCliOptions): HostLimits & { maxPageBytes: number; maxSourceBytes: number } {
  return {
    perHost: opts.perHost,
    delayMs: opts.delayMs,
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    retryBaseMs: opts.retryDelayMs,
    maxRetryAfterMs: opts.maxRetryAfterMs,
    maxRedirects: opts.maxRedirects,
    maxCrawlDelayMs: 60_000,
    maxPageBytes: opts.maxPageSize,
    // Sitemaps, feeds and archives may be larger than any one page.
    maxSourceBytes: Math.max(opts.maxPageSize, 64 * 1024 * 1024),
  };
}

export function parseAudit(args: string[]): AuditCliOptions | { command: "help" } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        urls: { type: "string", multiple: true },
        sitemap: { type: "string", multiple: true },
        feed: { type: "string", multiple: true },
        wordpress: { type: "string", multiple: true },
        devto: { type: "string", multiple: true },
        "github-org": { type: "string", multiple: true },
        "github-repo": { type: "string", multiple: true },
        warc: { type: "string", multiple: true },
        since: { type: "string" },
        domain: { type: "string", multiple: true },
        state: { type: "string" },
        resume: { type: "boolean" },
        rescan: { type: "boolean" },
        jsonl: { type: "string" },
        sarif: { type: "string" },
        report: { type: "string" },
        "fail-on": { type: "string" },
        "min-confidence": { type: "string" },
        rule: { type: "string", multiple: true },
        concurrency: { type: "string" },
        "per-host": { type: "string" },
        delay: { type: "string" },
        timeout: { type: "string" },
        retries: { type: "string" },
        "retry-delay": { type: "string" },
        "max-retry-after": { type: "string" },
        "max-redirects": { type: "string" },
        "max-page-size": { type: "string" },
        contact: { type: "string" },
        workers: { type: "string" },
        "devto-api": { type: "string" },
        "github-api": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        "show-secrets": { type: "boolean" },
        "no-color": { type: "boolean" },
        queue: { type: "string" },
        "queue-name": { type: "string" },
      },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith("ERR_PARSE_ARGS")) throw new UsageError(err.message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option '([^']+)'/, "unknown option `$1`"));
    throw e;
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: "help" };

  const sources: AuditSource[] = [];
  for (const f of v.urls ?? []) {
    if (!f) throw new UsageError("--urls needs a file name (or `-` for stdin)");
    sources.push({ kind: "urls", target: f });
  }
  if ((v.urls ?? []).filter((f) => f === "-").length > 1) throw new UsageError("`--urls -` (stdin) may be given only once");
  for (const u of v.sitemap ?? []) sources.push({ kind: "sitemap", target: httpUrl("sitemap", u) });
  for (const u of v.feed ?? []) sources.push({ kind: "feed", target: httpUrl("feed", u) });
  for (const s of v.wordpress ?? []) {
    const withScheme = /^https?:\/\//i.test(s) ? s : `https://${s}`;
    sources.push({ kind: "wordpress", target: httpUrl("wordpress", withScheme) });
  }
  for (const u of v.devto ?? []) {
    const user = u.replace(/^@/, "");
    if (!/^[\w.-]+$/.test(user)) throw new UsageError(`--devto needs a dev.to user name such as ben; got ${code(u)}`);
    sources.push({ kind: "devto", target: user });
  }
  for (const o of v["github-org"] ?? []) {
    if (!/^[\w.-]+$/.test(o)) throw new UsageError(`--github-org needs an organisation name such as octo-org; got ${code(o)}`);
    sources.push({ kind: "github-org", target: o });
  }
  for (const r of v["github-repo"] ?? []) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(r)) throw new UsageError(`--github-repo needs OWNER/REPO such as octo-org/docs; got ${code(r)}`);
    sources.push({ kind: "github-repo", target: r });
  }
  // `--warc segment/*.warc.gz`: the shell hands the other files over as positionals.
  const warcs = [...(v.warc ?? [])];
  if (positionals.length) {
    if (!warcs.length) throw new UsageError(`unexpected argument ${code(positionals[0]!)}; sources are given with flags such as --sitemap URL or --urls FILE`);
    warcs.push(...positionals);
  }
  for (const w of warcs) {
    if (!w) throw new UsageError("--warc needs a file name");
    sources.push({ kind: "warc", target: w });
  }
  const resume = v.resume ?? false;
  if (resume && sources.length) throw new UsageError("--resume continues the audit recorded in --state with its own sources; give no sources with it");
  if (!resume && !sources.length) throw new UsageError("`audit` needs at least one source: --urls, --sitemap, --feed, --wordpress, --devto, --github-org, --github-repo or --warc");
  if (v.state === "") throw new UsageError("--state needs a file name");
  if (v.jsonl === "") throw new UsageError("--jsonl needs a file name (or `-` for stdout)");
  if (v.sarif === "") throw new UsageError("--sarif needs a file name");
  if (v.report === "" || v.report === "-") throw new UsageError("--report needs a file name such as report.html");
  if (v.sarif === "-") throw new UsageError("--sarif needs a file name (stdout carries the findings as they are found)");
  if (v.contact !== undefined) httpUrl("contact", v.contact);
  if (v.queue !== undefined) queueConflicts(v);
  else if (v["queue-name"] !== undefined) throw new UsageError("--queue-name names the queue of --queue redis://HOST:PORT; give --queue too");

  return {
    command: "audit",
    sources,
    state: v.state ?? AUDIT_DEFAULTS.state,
    resume,
    rescan: v.rescan ?? false,
    ...(v.since !== undefined ? { since: sinceDate(v.since)! } : {}),
    domains: (v.domain ?? []).map(domain),
    ...(v.jsonl !== undefined ? { jsonl: v.jsonl } : {}),
    ...(v.sarif !== undefined ? { sarif: v.sarif } : {}),
    ...(v.report !== undefined ? { report: v.report } : {}),
    failOn: oneOf("fail-on", v["fail-on"], SEVERITIES, "low"),
    minConfidence: oneOf("min-confidence", v["min-confidence"], CONFIDENCES, "medium"),
    rules: v.rule ?? [],
    concurrency: count("concurrency", v.concurrency, AUDIT_DEFAULTS.concurrency, 1, 1024),
    perHost: count("per-host", v["per-host"], AUDIT_DEFAULTS.perHost, 1, 256),
    delayMs: seconds("delay", v.delay, AUDIT_DEFAULTS.delay, 0, 3600),
    timeoutMs: seconds("timeout", v.timeout, AUDIT_DEFAULTS.timeout, 0.1, 3600),
    retries: count("retries", v.retries, AUDIT_DEFAULTS.retries, 0, 20),
    retryDelayMs: seconds("retry-delay", v["retry-delay"], AUDIT_DEFAULTS.retryDelay, 0, 3600),
    maxRetryAfterMs: seconds("max-retry-after", v["max-retry-after"], AUDIT_DEFAULTS.maxRetryAfter, 0, 86400),
    maxRedirects: count("max-redirects", v["max-redirects"], AUDIT_DEFAULTS.maxRedirects, 0, 50),
    maxPageSize: v["max-page-size"] === undefined ? AUDIT_DEFAULTS.maxPageSize : size("max-page-size", v["max-page-size"]),
    ...(v.contact !== undefined ? { contact: v.contact } : {}),
    workers: count("workers", v.workers, availableParallelism(), 0, 256),
    devtoApi: v["devto-api"] === undefined ? AUDIT_DEFAULTS.devtoApi : httpUrl("devto-api", v["devto-api"]).replace(/\/+$/, ""),
    githubApi: v["github-api"] === undefined ? AUDIT_DEFAULTS.githubApi : httpUrl("github-api", v["github-api"]).replace(/\/+$/, ""),
    quiet: v.quiet ?? false,
    showSecrets: v["show-secrets"] ?? false,
    noColor: v["no-color"] ?? false,
    ...(v.queue !== undefined ? { queue: queueUrl(v.queue, "audit --queue") } : {}),
    ...(v["queue-name"] !== undefined ? { queueName: queueName(v["queue-name"]) } : {}),
  };
}
