/**
 * SARIF 2.1.0 for code-scanning uploads. One result per finding; the secret's location
 * comes first in `locations`, then each related part (a paired AWS id + secret has two).
 * Regions are exact (columns are UTF-16 code units, SARIF's default `columnKind`; the
 * end column is exclusive, as `Finding.end` is). Secrets only ever appear masked.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { maskSecret } from "../detect/mask.js";
import type { CompiledRule } from "../rules/spec.js";
import type { Finding, Position } from "../types.js";
import { findingMessage, placeholderFor, SARIF_LEVEL, SECURITY_SEVERITY } from "./messages.js";
import type { ReportOptions, ScanReport } from "./model.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT = "%SRCROOT%";

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Location {
  physicalLocation: {
    artifactLocation: ArtifactLocation;
    region?: { startLine: number; startColumn: number; endLine: number; endColumn: number; snippet?: { text: string } };
  };
  message?: { text: string };
}

/**
 * A path relative to the working folder as a relative URI reference: forward slashes,
 * each segment percent-encoded (`my post.md` -> `my%20post.md`, `a:b` -> `a%3Ab`).
 */
export function artifactUri(path: string): ArtifactLocation {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  const uri = path
    .replace(/\\/g, "/")
    .split("/")
    .map((seg) => (seg === "." || seg === ".." ? seg : encodeURIComponent(seg)))
    .join("/");
  return { uri, uriBaseId: SRCROOT };
}

/** "AWS access key ID" -> "AWSAccessKeyID": SARIF wants a one-word friendly name. */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function sarifRule(rule: CompiledRule) {
  const description = rule.spec.description ?? rule.title;
  const fix = `Remove it from the post, revoke or rotate it${rule.revoke ? ` (${rule.revoke})` : ""}, and write a placeholder such as <${placeholderFor(rule.id, rule)}> instead.`;
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: description },
    ...(rule.spec.references?.[0] ? { helpUri: rule.spec.references[0] } : {}),
    help: { text: `${description} ${fix}` },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ["security", "secret", rule.provider],
      precision: rule.confidence,
      "security-severity": SECURITY_SEVERITY[rule.severity],
    },
  };
}

function location(path: string, start: Position, end: Position, secret: string, show: boolean, message?: string): Location {
  return {
    physicalLocation: {
      artifactLocation: artifactUri(path),
      region: {
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: end.column,
        snippet: { text: show ? secret : maskSecret(secret) },
      },
    },
    ...(message ? { message: { text: message } } : {}),
  };
}

function result(f: Finding, rules: Map<string, { index: number; rule: CompiledRule }>, show: boolean) {
  const entry = rules.get(f.ruleId);
  const locations = [location(f.path, f.start, f.end, f.secret, show, f.title)];
  // A part that is a credential on its own (an AccessKey ID) must also be removed, so it
  // is a location of the result; an identifier that only names the account (a WeChat
  // AppID) is context, so it is a related location.
  const relatedLocations: Array<ReturnType<typeof location> & { id: number }> = [];
  for (const r of f.related ?? []) {
    const loc = location(f.path, r.start, r.end, r.secret, show, rules.get(r.ruleId)?.rule.title ?? r.ruleId);
    if (r.credential) locations.push(loc);
    else relatedLocations.push({ id: relatedLocations.length, ...loc });
  }
  return {
    ruleId: f.ruleId,
    ...(entry ? { ruleIndex: entry.index } : {}),
    level: SARIF_LEVEL[f.severity],
    message: { text: findingMessage(f, entry?.rule) },
    locations,
    ...(relatedLocations.length ? { relatedLocations } : {}),
    partialFingerprints: { "postguard/v1": f.fingerprint },
    // A suppressed finding stays in the log, marked, so code scanning shows it as dismissed:
    // inline markers are `inSource`, config allowlists and baselines `external` (SARIF §3.35).
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind === "inline" ? "inSource" : "external", status: "accepted", justification: f.suppressed.justification }] } : {}),
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      context: f.context,
      provider: f.provider,
      ...(f.notes?.length ? { notes: f.notes } : {}),
    },
  };
}

function notification(level: "error" | "warning" | "note", id: string, path: string, message: string) {
  return {
    level,
    message: { text: `${path}: ${message}` },
    descriptor: { id },
    locations: [{ physicalLocation: { artifactLocation: artifactUri(path) } }],
  };
}

export function toSarif(report: ScanReport, opts: ReportOptions) {
  const show = opts.showSecrets ?? false;
  const rules = new Map(opts.rules.map((rule, index) => [rule.id, { index, rule }]));
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "postguard",
            version: opts.version,
            semanticVersion: opts.version,
            rules: opts.rules.map(sarifRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(opts.cwd.endsWith("/") ? opts.cwd : `${opts.cwd}/`).href } },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: [
              ...report.errors.map((e) => notification("error", "postguard.unreadable", e.path, e.message)),
              ...report.skipped.map((s) => notification("warning", `postguard.skipped.${s.reason}`, s.path, s.message)),
              ...report.warnings.map((w) => notification("note", "postguard.warning", w.path, w.message)),
            ],
          },
        ],
        results: report.findings.map((f) => result(f, rules, show)),
      },
    ],
  };
}

export function formatSarif(report: ScanReport, opts: ReportOptions): string {
  return `${JSON.stringify(toSarif(report, opts), null, 2)}\n`;
}
