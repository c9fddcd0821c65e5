/**
 * `postguard fix` for one file: read, find what a scan reports, replace each secret with
 * its rule's placeholder, and write the file back only if nobody changed it meanwhile.
 * The new content goes to a temporary file in the same folder that is renamed over the
 * original, so a crash never leaves half a post.
 */
import { chmod, open, readFile, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { looksBinary, decodeBytes } from "../document/decode.js";
import { formatOf, type DocumentFormat } from "../document/index.js";
import { maskSecret } from "../detect/mask.js";
import type { Finding } from "../types.js";
import { applyToBytes, FixRefused } from "./bytes.js";
import { planFix, type FixTarget } from "./plan.js";

export interface FixFileOptions {
  /** What a scan reports in this file (already filtered: suppressions, confidence). */
  findingsOf(text: string, path: string, format: DocumentFormat): Finding[];
  /** Placeholder name for a rule id (`CompiledRule.placeholder`). */
  placeholderOf(ruleId: string): string;
  dryRun: boolean;
  maxFileSize: number;
  /** Show secrets in clear in the dry-run diff. */
  showSecrets?: boolean;
  /** Called after the fix is planned and before the file is checked and written (tests). */
  beforeWrite?: () => Promise<void>;
}

export type FixOutcome =
  | { status: "clean"; path: string }
  | { status: "fixed" | "would-fix"; path: string; findings: Finding[]; replaced: number; diff: string }
  | { status: "refused"; path: string; findings: Finding[]; message: string }
  | { status: "skipped"; path: string; message: string };

/** The secret and every part that is a credential on its own (an AccessKey ID next to its secret). */
export function targetsOf(findings: readonly Finding[], placeholderOf: (ruleId: string) => string): FixTarget[] {
  const out: FixTarget[] = [];
  for (const f of findings) {
    out.push({ ruleId: f.ruleId, secret: f.secret, start: f.start.offset, end: f.end.offset, kind: f.context.kind, name: placeholderOf(f.ruleId) });
    for (const r of f.related ?? []) {
      if (r.credential) out.push({ ruleId: r.ruleId, secret: r.secret, start: r.start.offset, end: r.end.offset, kind: f.context.kind, name: placeholderOf(r.ruleId) });
    }
  }
  return out;
}

/** A unified diff of the change, secrets masked on the `-` side unless shown. */
function unifiedDiff(path: string, before: string, after: string, targets: readonly FixTarget[], show: boolean): string {
  let shown = before;
  if (!show) {
    // Line by line, so a masked private key keeps its lines (and the diff its shape).
    const mask = (s: string) => s.split(/(\r?\n)/).map((part, i) => (i % 2 || !part ? part : maskSecret(part))).join("");
    for (const t of [...targets].sort((a, b) => b.start - a.start)) shown = shown.slice(0, t.start) + mask(shown.slice(t.start, t.end)) + shown.slice(t.end);
  }
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, shown, after, "", "", { context: 3 });
  return patch.replace(/^=+\n/, "");
}

async function readAll(abs: string, max: number): Promise<Buffer | string> {
  const handle = await open(abs, "r");
  try {
    const st = await handle.stat();
    if (!st.isFile()) return "not a regular file";
    if (st.size > max) return `over the --max-file-size limit`;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Replace the reported secrets in one file (or, with `dryRun`, only say how). */
export async function fixFile(abs: string, path: string, opts: FixFileOptions): Promise<FixOutcome> {
  let bytes: Buffer;
  try {
    const read = await readAll(abs, opts.maxFileSize);
    if (typeof read === "string") return { status: "skipped", path, message: read };
    bytes = read;
  } catch (e) {
    return { status: "skipped", path, message: `cannot read: ${(e as Error).message}` };
  }
  if (looksBinary(bytes)) return { status: "skipped", path, message: "binary file (NUL bytes)" };
  const format = formatOf(path);
  const decoded = decodeBytes(bytes, { html: format === "html" });
  const findings = opts.findingsOf(decoded.text, path, format);
  if (!findings.length) return { status: "clean", path };
  const targets = targetsOf(findings, opts.placeholderOf);
  let after: Uint8Array;
  let planned: ReturnType<typeof planFix>;
  try {
    planned = planFix(decoded.text, format, targets);
    after = applyToBytes(bytes, planned.edits, { html: format === "html", expected: planned.text });
  } catch (e) {
    if (e instanceof FixRefused) return { status: "refused", path, findings, message: e.message };
    throw e;
  }
  const diff = unifiedDiff(path, decoded.text, planned.text, targets, opts.showSecrets ?? false);
  const replaced = planned.edits.filter((e) => e.text !== "").length;
  if (opts.dryRun) return { status: "would-fix", path, findings, replaced, diff };

  await opts.beforeWrite?.();
  // Refuse a file that changed since it was read: an editor saving, a second fix.
  const target = await realpath(abs);
  let now: Buffer;
  try {
    now = await readFile(target);
  } catch (e) {
    return { status: "refused", path, findings, message: `it could not be read again before writing (${(e as Error).message}); nothing was changed` };
  }
  if (!now.equals(bytes)) return { status: "refused", path, findings, message: "it changed while postguard was fixing it; nothing was written, run `postguard fix` again" };
  const tmp = join(dirname(target), `.${basename(target)}.postguard-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, after, { flag: "wx" });
    await chmod(tmp, (await stat(target)).mode & 0o7777);
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    return { status: "refused", path, findings, message: `cannot write it: ${(e as Error).message}` };
  }
  return { status: "fixed", path, findings, replaced, diff };
}
