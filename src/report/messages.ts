/**
 * The wording of every finding, in one table (STYLE.md §3): "Unexpected <title> in
 * <context>, expected a placeholder such as `<NAME>`". Reporters never build messages
 * themselves, so text, JSON and SARIF say the same thing.
 */
import type { CompiledRule } from "../rules/spec.js";
import type { Finding, FindingContext, Severity, SegmentKind } from "../types.js";

/** Backticks inside a code span would end it early; fence info strings can hold anything. */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** How each context kind reads after "in". */
const CONTEXT: Record<SegmentKind, (c: FindingContext) => string> = {
  code: (c) => (c.lang ? `${code(c.lang)} code block` : "code block"),
  "inline-code": () => "inline code",
  prose: () => "prose",
  url: () => "link URL",
  attribute: (c) => (c.name ? `${code(c.name)} attribute` : "attribute"),
  script: () => "script",
  "front-matter": (c) => (c.name ? `front matter ${code(c.name)}` : "front matter"),
  comment: () => "comment",
  text: () => "text",
};

/** "`yaml` code block", "inline code", "link URL"... */
export function describeContext(context: FindingContext): string {
  return (CONTEXT[context.kind] ?? CONTEXT.text)(context);
}

/** Same default as the rule compiler: `aws.access-key-id` -> `AWS_ACCESS_KEY_ID`. */
export function placeholderFor(ruleId: string, rule?: Pick<CompiledRule, "placeholder">): string {
  return rule?.placeholder || ruleId.replace(/[.-]/g, "_").toUpperCase();
}

/** The one message of a finding. `rule` supplies the placeholder name. */
export function findingMessage(finding: Pick<Finding, "ruleId" | "title" | "context">, rule?: Pick<CompiledRule, "placeholder">): string {
  return `Unexpected ${finding.title} in ${describeContext(finding.context)}, expected a placeholder such as ${code(`<${placeholderFor(finding.ruleId, rule)}>`)}`;
}

/** SARIF result levels; GitHub code scanning shows `error` as a failing alert. */
export const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/**
 * GitHub code scanning's `security-severity` (a CVSS-like 0-10 score; >= 9 is critical,
 * >= 7 high, >= 4 medium). https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};
