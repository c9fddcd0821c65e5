/**
 * The file-system adapter over the pure core: discovered entries -> read (bounded
 * concurrency, size limit) -> decode -> scanText -> a ScanReport. One bad file never
 * stops the others; each problem is recorded against its path.
 */
import { decodeBytes, looksBinary } from "../document/decode.js";
import { formatOf, type DocumentFormat } from "../document/index.js";
import { LineIndex } from "../document/line-index.js";
import { maskSecret } from "../detect/mask.js";
import { codeFrame, type CodeFrame, type HiddenRange } from "../report/code-frame.js";
import { emptyStats, type FileError, type FileWarning, type ScanReport, type SkippedFile } from "../report/model.js";
import { scanText, type Engine } from "../scan.js";
import { applyInlineSuppressions, type InlineMode } from "../suppress/apply.js";
import type { Finding } from "../types.js";
import type { DiscoveredEntry } from "./discover.js";
import { forEachLimited } from "./pool.js";
import { parallelScanner } from "./worker-pool.js";
import { readFileLimited, readFileLimitedSync, readStreamLimited, type ReadOutcome } from "./read-file.js";

/** A discovered entry, or input from a stream (stdin) under a chosen name. */
export type ScanInput = DiscoveredEntry | { kind: "stream"; path: string; stream: AsyncIterable<Uint8Array | string> };

export interface ScanFilesOptions {
  engine: Engine;
  /** Files bigger than this many bytes are skipped with a notice. */
  maxFileSize: number;
  /** Files read and scanned at once. */
  concurrency: number;
  /** Which findings to report (the rest still get masked in frames). Default: all. */
  keep?: (f: Finding) => boolean;
  /** Build code frames for reported findings (text output). */
  frames?: boolean;
  /** Frames show secrets in clear. */
  showSecrets?: boolean;
  /**
   * Inline suppression markers (src/suppress): `honour` marks the findings they hide as
   * suppressed, `audit` reports them with a note. Absent: markers are not looked for.
   */
  inline?: InlineMode;
  /**
   * Worker threads to scan on (default 1: this thread only). They start once scanning here
   * has taken `threadsAfter` ms (default 250), so a single post never waits for them.
   */
  threads?: number;
  threadsAfter?: number;
}

const UNITS = ["bytes", "KB", "MB", "GB", "TB"];

/** 52428800 -> "50 MB" (1 KB = 1024 bytes, like --max-file-size). */
export function formatSize(bytes: number): string {
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < UNITS.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${Math.round(n * 10) / 10} ${UNITS[u]}`;
}

/** Every part of every finding, as ranges to mask in frames. */
function hiddenRanges(findings: readonly Finding[]): HiddenRange[] {
  const out: HiddenRange[] = [];
  for (const f of findings) {
    out.push({ start: f.start.offset, end: f.end.offset, text: maskSecret(f.secret) });
    for (const r of f.related ?? []) out.push({ start: r.start.offset, end: r.end.offset, text: maskSecret(r.secret) });
  }
  return out;
}

/** What became of one file (what a worker thread sends back). */
export type FileOutcome =
  | { kind: "scanned"; findings: Finding[]; frames: Array<[Finding, CodeFrame]>; bytes: number; warnings: string[] }
  | { kind: "skipped"; skipped: SkippedFile }
  | { kind: "error"; message: string };

/** Scan one decoded file; a parser that throws (deep nesting, a bug) falls back to raw text. */
function scanDecoded(text: string, path: string, format: DocumentFormat, engine: Engine): { findings: Finding[]; warning?: string } {
  try {
    return { findings: scanText(text, path, engine, { format }) };
  } catch (e) {
    if (format === "text") throw e;
    const findings = scanText(text, path, engine, { format: "text" });
    return { findings, warning: `could not be parsed as ${format} (${(e as Error).message}); scanned as plain text` };
  }
}

/** Read, decode and scan one input; never throws for a bad file. */
export async function scanOne(
  input: Exclude<ScanInput, { kind: "error" } | { kind: "skipped" }>,
  opts: ScanFilesOptions,
  maxFileSize: number,
  readFile: (path: string, max: number) => Promise<ReadOutcome> = readFileLimited,
): Promise<FileOutcome> {
  const read: ReadOutcome = input.kind === "stream" ? await readStreamLimited(input.stream, maxFileSize) : await readFile(input.abs, maxFileSize);
  if (read.status === "error") return { kind: "error", message: read.message };
  if (read.status === "too-large") {
    return {
      kind: "skipped",
      skipped: { path: input.path, reason: "too-large", size: read.size, message: `${formatSize(read.size)} is over the --max-file-size limit of ${formatSize(maxFileSize)}` },
    };
  }
  const bytes = read.bytes;
  if (looksBinary(bytes)) {
    return { kind: "skipped", skipped: { path: input.path, reason: "binary", size: bytes.length, message: "binary file (NUL bytes)" } };
  }
  const format = formatOf(input.path);
  const warnings: string[] = [];
  let findings: Finding[];
  let text: string;
  try {
    const decoded = decodeBytes(bytes, { html: format === "html" });
    text = decoded.text;
    if (decoded.invalid) warnings.push(`not valid ${decoded.encoding}; undecodable bytes were replaced by U+FFFD`);
    const scanned = scanDecoded(text, input.path, format, opts.engine);
    findings = scanned.findings;
    if (scanned.warning) warnings.push(scanned.warning);
    if (opts.inline) {
      const inline = applyInlineSuppressions(text, format, findings, opts.inline);
      findings = inline.findings;
      warnings.push(...inline.warnings);
    }
  } catch (e) {
    return { kind: "error", message: `cannot scan: ${(e as Error).message}` };
  }
  const kept = opts.keep ? findings.filter(opts.keep) : findings;
  const frames: Array<[Finding, CodeFrame]> = [];
  if (opts.frames && kept.length) {
    const lines = new LineIndex(text);
    const hidden = opts.showSecrets ? [] : hiddenRanges(findings);
    for (const f of kept) frames.push([f, codeFrame(text, lines, f, hidden)]);
  }
  return { kind: "scanned", findings: kept, frames, bytes: bytes.length, warnings };
}

/**
 * Scan every input. Entries are pulled from `inputs` only as fast as files are scanned,
 * so discovery never runs ahead of the bounded pool.
 */
export async function scanFiles(inputs: AsyncIterable<ScanInput>, opts: ScanFilesOptions): Promise<ScanReport> {
  const stats = emptyStats();
  const found: Array<{ seq: number; finding: Finding }> = [];
  const errors: Array<{ seq: number; item: FileError }> = [];
  const skipped: Array<{ seq: number; item: SkippedFile }> = [];
  const warnings: Array<{ seq: number; item: FileWarning }> = [];
  const frames = new Map<Finding, CodeFrame>();
  let seq = 0;
  const numbered = (async function* () {
    for await (const input of inputs) yield { seq: seq++, input };
  })();
  const threads = opts.threads ?? 1;
  // A walked file is a regular file (or a link to one): read in one blocking go, as the
  // workers do; a named one may be a FIFO or a device and is read asynchronously.
  const scanHere = (input: Exclude<ScanInput, { kind: "error" } | { kind: "skipped" }>) =>
    scanOne(input, opts, opts.maxFileSize, input.kind === "file" && !input.explicit ? readFileLimitedSync : readFileLimited);
  const parallel = threads > 1 ? parallelScanner({ ...opts, threads }, scanHere, opts.threadsAfter) : undefined;
  // Enough files in flight to keep every worker twelve deep with more waiting for whichever thread is free first.
  const limit = parallel ? Math.max(opts.concurrency, threads * 16) : opts.concurrency;
  try {
    await forEachLimited(numbered, limit, async ({ seq, input }) => {
      if (input.kind === "error") {
        errors.push({ seq, item: { path: input.path, message: input.message } });
        return;
      }
      if (input.kind === "skipped") {
        skipped.push({ seq, item: { path: input.path, reason: input.reason, message: input.message } });
        return;
      }
      let outcome: FileOutcome;
      try {
        outcome = parallel && input.kind === "file" ? await parallel.scan(input) : await scanHere(input);
      } catch (e) {
        outcome = { kind: "error", message: `cannot scan: ${(e as Error).message}` };
      }
      if (outcome.kind === "error") errors.push({ seq, item: { path: input.path, message: outcome.message } });
      else if (outcome.kind === "skipped") skipped.push({ seq, item: outcome.skipped });
      else {
        stats.scanned++;
        stats.bytes += outcome.bytes;
        for (const f of outcome.findings) found.push({ seq, finding: f });
        for (const [f, frame] of outcome.frames) frames.set(f, frame);
        for (const message of outcome.warnings) warnings.push({ seq, item: { path: input.path, message } });
      }
    });
  } finally {
    await parallel?.close();
  }
  const bySeq = <T extends { seq: number }>(a: T, b: T) => a.seq - b.seq;
  found.sort((a, b) => a.seq - b.seq || a.finding.start.offset - b.finding.start.offset);
  const findings = found.map((x) => x.finding);
  stats.errors = errors.length;
  stats.skipped = skipped.length;
  stats.files = stats.scanned + stats.skipped + stats.errors;
  stats.findings = findings.length;
  for (const f of findings) stats.bySeverity[f.severity]++;
  return {
    findings,
    ...(opts.frames ? { frames } : {}),
    errors: errors.sort(bySeq).map((x) => x.item),
    skipped: skipped.sort(bySeq).map((x) => x.item),
    warnings: warnings.sort(bySeq).map((x) => x.item),
    stats,
  };
}
