/**
 * What the action writes on a pull request, and the hidden markers it finds its own
 * earlier comments by (so a new push updates them instead of adding more). Secrets are
 * only ever shown masked; paths and code languages stay inside code spans.
 */
import { maskSecret } from "../detect/mask.js";
import { codeSpan } from "../report/markdown.js";
import { findingMessage, placeholderFor } from "../report/messages.js";
import type { CompiledRule } from "../rules/spec.js";
import type { Finding } from "../types.js";

export const SUMMARY_MARKER = "<!-- postguard:summary -->";
export const REVIEW_MARKER = "<!-- postguard:review -->";
const FINDING_MARKER = /<!-- postguard:finding fingerprint=([0-9a-f]+) line=(\d+)( resolved)? -->/;

/** A review comment of ours, keyed by what it is about. */
export interface FindingMarker {
  fingerprint: string;
  line: number;
  resolved: boolean;
}

export function findingKey(fingerprint: string, line: number): string {
  return `${fingerprint}:${line}`;
}

export function parseFindingMarker(body: string | undefined | null): FindingMarker | undefined {
  const m = FINDING_MARKER.exec(body ?? "");
  return m ? { fingerprint: m[1]!, line: Number(m[2]), resolved: m[3] !== undefined } : undefined;
}

export const shortSha = (sha: string) => sha.slice(0, 7);

/** The review comment on the line a finding was added on. */
export function findingCommentBody(f: Finding, line: number, rule: CompiledRule | undefined): string {
  const placeholder = `<${placeholderFor(f.ruleId, rule)}>`;
  const secrets = [f.secret, ...(f.related ?? []).filter((r) => r.credential).map((r) => r.secret)];
  const provider = rule?.providerName ?? f.provider;
  const revoke = rule?.revoke ? ` (${rule.revoke})` : "";
  return [
    `<!-- postguard:finding fingerprint=${f.fingerprint} line=${line} -->`,
    `**postguard:** ${findingMessage(f, rule)}.`,
    "",
    `- Secret: ${secrets.map((s) => codeSpan(maskSecret(s))).join(" + ")} (masked)`,
    `- Rule: ${codeSpan(f.ruleId)}, ${f.severity} severity, ${f.confidence} confidence`,
    "",
    "**What to do:** once pushed, a credential stays in the history and may already be public, so deleting the line is not enough.",
    `1. Revoke or rotate it with ${provider}${revoke}.`,
    `2. Replace it with a placeholder such as ${codeSpan(placeholder)}, or run ${codeSpan(`postguard fix ${f.path}`)}.`,
  ].join("\n");
}

/** An earlier finding comment whose finding is gone: kept, struck through, marked resolved. */
export function resolvedCommentBody(previous: string, marker: FindingMarker, sha: string): string {
  const old = previous.replace(FINDING_MARKER, "").trim();
  return [
    `<!-- postguard:finding fingerprint=${marker.fingerprint} line=${marker.line} resolved -->`,
    `**postguard:** no longer found here as of ${shortSha(sha)}. If this credential was ever pushed, make sure it was revoked: removing it does not remove it from the history.`,
    "",
    "<details><summary>Earlier comment</summary>",
    "",
    old,
    "",
    "</details>",
  ].join("\n");
}

export function reviewBody(count: number, sha: string): string {
  const what = count === 1 ? "1 credential" : `${count} credentials`;
  return `${REVIEW_MARKER}\n**postguard** found ${what} on lines this pull request adds (as of ${shortSha(sha)}). Each comment says what to do.`;
}
