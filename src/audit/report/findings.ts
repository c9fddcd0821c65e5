/**
 * Stored occurrences in the shapes the reporters know: a Finding whose `path` is the page
 * URL and whose `secret` is already the mask (or the raw value for --show-secrets on
 * findings of this process), so text, JSON Lines and SARIF say what `postguard scan`
 * says about a file.
 */
import { publicFinding } from "../../report/json.js";
import { formatFinding } from "../../report/text.js";
import { palette } from "../../report/ansi.js";
import type { CompiledRule } from "../../rules/spec.js";
import type { Finding } from "../../types.js";
import type { Occurrence } from "../store/audit-store.js";

/** `raw`: the finding as scanned, to show secrets in clear (never stored). */
export function occurrenceFinding(o: Occurrence, raw?: Finding): Finding {
  return {
    ruleId: o.ruleId,
    title: o.title,
    provider: o.provider,
    severity: o.severity,
    confidence: o.confidence,
    secret: raw?.secret ?? o.masked,
    path: o.url,
    start: o.start,
    end: o.end,
    context: o.context,
    fingerprint: o.fingerprint,
    ...(o.related ? { related: o.related.map((r, i) => ({ ruleId: r.ruleId, secret: raw?.related?.[i]?.secret ?? r.masked, credential: r.credential, start: r.start, end: r.end })) } : {}),
    ...(o.notes ? { notes: o.notes } : {}),
  };
}

/** One JSON Lines record: scan's JSON finding shape plus `url`, `site` and `secretHash`. */
export function jsonlLine(o: Occurrence, rules: ReadonlyMap<string, CompiledRule>, raw?: Finding): string {
  // The finding's secret is already what may be shown: mask or, when asked, the value.
  const f = publicFinding(occurrenceFinding(o, raw), { rules: [], showSecrets: true }, rules.get(o.ruleId));
  return `${JSON.stringify({ ...f, url: o.url, site: o.site, secretHash: o.secretHash })}\n`;
}

/** `url:line:col: message` and the facts line, as `postguard scan` prints a finding. */
export function textLines(o: Occurrence, rules: ReadonlyMap<string, CompiledRule>, color: boolean, raw?: Finding): string {
  return `${formatFinding(occurrenceFinding(o, raw), { rule: rules.get(o.ruleId), showSecrets: true, palette: palette(color) }).join("\n")}\n`;
}
