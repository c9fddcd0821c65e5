/**
 * `postguard fix [paths]`: replace every secret a scan would report with its rule's
 * placeholder (`<ALIBABA_CLOUD_ACCESS_KEY_ID>`). `--dry-run` prints the unified diff and
 * writes nothing. Either way the user is told that a published key must be revoked.
 */
import { discoverFiles } from "../fs/discover.js";
import { fixFile, type FixFileOptions, type FixOutcome } from "../fix/fix-file.js";
import { sanitizeForTerminal } from "../report/code-frame.js";
import { placeholderFor } from "../report/messages.js";
import type { CompiledRule } from "../rules/spec.js";
import { scanText } from "../scan.js";
import { applyInlineSuppressions } from "../suppress/apply.js";
import type { Finding } from "../types.js";
import type { FixOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";
import { confidentEnough, judge, prepare, readBaseline } from "./setup.js";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The revocation reminder, naming where each affected provider's keys are revoked. */
export function revokeReminder(findings: readonly Finding[], rules: ReadonlyMap<string, CompiledRule>): string[] {
  const providers = new Map<string, string | undefined>();
  for (const f of findings) {
    const rule = rules.get(f.ruleId);
    providers.set(rule?.providerName ?? f.provider, rule?.revoke);
  }
  return [
    "postguard: replacing a secret in the post does not make it safe. If it was ever published (pushed,",
    "  deployed, in a feed, a cache, a search index or the Wayback Machine), revoke or rotate it now:",
    ...[...providers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, url]) => `  - ${name}${url ? `: ${url}` : ""}`),
  ];
}

export async function fixCommand(opts: FixOptions, ctx: RunContext): Promise<CommandResult> {
  const setup = await prepare(opts, ctx);
  const baseline = opts.baseline !== undefined ? { file: opts.baseline, entries: await readBaseline(opts.baseline, ctx) } : undefined;
  const rules = new Map(setup.rules.map((r) => [r.id, r]));
  const keep = confidentEnough(opts.minConfidence);
  const fileOpts: FixFileOptions = {
    findingsOf(text, path, format) {
      let found: Finding[];
      try {
        found = scanText(text, path, setup.engine, { format });
      } catch {
        found = scanText(text, path, setup.engine, { format: "text" });
      }
      const inline = applyInlineSuppressions(text, format, found.filter(keep), "honour").findings;
      return judge(inline, setup, ctx, baseline).filter((f) => !f.suppressed);
    },
    placeholderOf: (id) => placeholderFor(id, rules.get(id)),
    dryRun: opts.dryRun,
    maxFileSize: opts.maxFileSize,
    showSecrets: opts.showSecrets,
  };

  const outcomes: FixOutcome[] = [];
  const stderr: string[] = [...setup.notices];
  for await (const entry of discoverFiles(opts.paths, { cwd: ctx.cwd })) {
    if (entry.kind === "error") stderr.push(`postguard: error: ${sanitizeForTerminal(entry.path)}: ${entry.message}`);
    if (entry.kind !== "file" || !setup.accept(entry.abs)) continue;
    try {
      outcomes.push(await fixFile(entry.abs, entry.path, fileOpts));
    } catch (e) {
      outcomes.push({ status: "refused", path: entry.path, findings: [], message: `cannot fix: ${(e as Error).message}` });
    }
  }

  const stdout: string[] = [];
  const changed = outcomes.filter((o) => o.status === "fixed" || o.status === "would-fix");
  const refused = outcomes.filter((o) => o.status === "refused");
  for (const o of outcomes) {
    const name = sanitizeForTerminal(o.path);
    if (o.status === "would-fix") stdout.push(o.diff);
    else if (o.status === "fixed" && !opts.quiet) stdout.push(`${name}: replaced ${plural(o.replaced, "secret")} (${[...new Set(o.findings.map((f) => f.ruleId))].join(", ")})\n`);
    else if (o.status === "refused") stderr.push(`postguard: error: ${name}: not fixed: ${o.message}`);
    else if (o.status === "skipped") stderr.push(`postguard: skipped ${name}: ${o.message}`);
  }
  const replaced = changed.reduce((n, o) => n + ("replaced" in o ? o.replaced : 0), 0);
  const touched = [...changed, ...refused].flatMap((o) => ("findings" in o ? o.findings : []));
  if (!opts.quiet) {
    if (opts.dryRun) stderr.push(changed.length ? `postguard: --dry-run: would replace ${plural(replaced, "secret")} in ${plural(changed.length, "file")}; nothing was written.` : "postguard: --dry-run: nothing to replace.");
    else stderr.push(changed.length ? `postguard: replaced ${plural(replaced, "secret")} in ${plural(changed.length, "file")} with placeholders.` : "postguard: nothing to replace.");
  }
  if (touched.length) stderr.push(...revokeReminder(touched, rules));

  const errors = refused.length > 0 || stderr.some((l) => l.startsWith("postguard: error:"));
  const exitCode = errors ? 2 : opts.dryRun && changed.length ? 1 : 0;
  return { exitCode, stdout: stdout.join(""), stderr: stderr.length ? `${stderr.join("\n")}\n` : "" };
}
