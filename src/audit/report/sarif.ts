/**
 * SARIF 2.1.0 for an audit, written from the state database so it holds the whole run —
 * also the part done before an interruption. Built with the scan reporter (same rules
 * table, messages, levels and fingerprints), a batch of results at a time, so 100,000
 * findings never sit in memory as one object. Each result's `artifactLocation.uri` is
 * the page URL and its region the line and column in the fetched document.
 */
import { open } from "node:fs/promises";
import { toSarif } from "../../report/sarif.js";
import { emptyStats, type FileError } from "../../report/model.js";
import type { CompiledRule } from "../../rules/spec.js";
import type { AuditStore, Occurrence } from "../store/audit-store.js";
import { occurrenceFinding } from "./findings.js";

type SarifLog = ReturnType<typeof toSarif>;
type SarifRun = SarifLog["runs"][number];

function results(batch: Occurrence[], opts: { rules: readonly CompiledRule[]; version: string }): unknown[] {
  const report = { findings: batch.map((o) => occurrenceFinding(o)), errors: [], skipped: [], warnings: [], stats: emptyStats() };
  const out = toSarif(report, { rules: opts.rules, version: opts.version, cwd: "/", showSecrets: true }).runs[0]!.results as Array<Record<string, unknown>>;
  return out.map((r, i) => {
    const url = batch[i]!.url;
    const fix = (locs: unknown) => {
      for (const l of (locs as Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }>) ?? []) {
        l.physicalLocation.artifactLocation = { uri: url };
      }
    };
    fix(r.locations);
    fix(r.relatedLocations);
    return { ...r, properties: { ...(r.properties as object), site: batch[i]!.site, secretHash: batch[i]!.secretHash } };
  });
}

/** Write the run's SARIF log to `file`. */
export async function writeAuditSarif(file: string, store: AuditStore, runId: string, opts: { rules: readonly CompiledRule[]; version: string; failures: FileError[] }): Promise<number> {
  const envelope: SarifLog = toSarif({ findings: [], errors: opts.failures, skipped: [], warnings: [], stats: emptyStats() }, { rules: opts.rules, version: opts.version, cwd: "/" });
  const run = envelope.runs[0]!;
  // Page URLs are absolute: no %SRCROOT% to resolve against.
  delete (run as Partial<SarifRun>).originalUriBaseIds;
  // Notifications come in the order of `failures`: point each at its URL.
  run.invocations[0]!.toolExecutionNotifications.forEach((n, i) => {
    for (const l of n.locations) l.physicalLocation.artifactLocation = { uri: opts.failures[i]!.path };
  });
  const MARK = "\u0000results\u0000";
  (run as unknown as { results: string }).results = MARK;
  const text = JSON.stringify(envelope, null, 2);
  const at = text.indexOf(JSON.stringify(MARK));
  const fh = await open(file, "w");
  let count = 0;
  try {
    await fh.write(`${text.slice(0, at)}[`);
    let batch: Occurrence[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const rs = results(batch, opts);
      await fh.write(rs.map((r) => `${count++ ? "," : ""}\n        ${JSON.stringify(r)}`).join(""));
      batch = [];
    };
    for await (const o of store.occurrences(runId)) {
      batch.push(o);
      if (batch.length >= 500) await flush();
    }
    await flush();
    await fh.write(`${count ? "\n      " : ""}]${text.slice(at + JSON.stringify(MARK).length)}`);
  } finally {
    await fh.close();
  }
  return count;
}
