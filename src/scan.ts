/**
 * The pure core: `scanText(raw, path, engine) -> Finding[]`. No fs, no network, no process;
 * the CLI, the Action and the auditor are adapters over this.
 */
import { detached } from "./detach.js";
import { decodeBytes, looksBinary } from "./document/decode.js";
import { formatOf, toSegments, type DocumentFormat } from "./document/index.js";
import { LineIndex } from "./document/line-index.js";
import { verbatimMap } from "./document/offset-map.js";
import { quickText } from "./document/quick-text.js";
import { detect, KeywordIndex, type Rejection, type TextHits } from "./detect/detect.js";
import { fingerprint } from "./detect/fingerprint.js";
import { dedupeOverlaps, pairCandidates } from "./detect/resolve.js";
import type { CompiledRule } from "./rules/spec.js";
import type { Finding } from "./types.js";

/** Compiled rules plus the keyword prefilter built from them; build once, reuse per file. */
export class Engine {
  readonly index: KeywordIndex;
  constructor(readonly rules: readonly CompiledRule[]) {
    this.index = new KeywordIndex(rules);
  }
}

export interface ScanTextOptions {
  /** Parser to use; default from the file name. */
  format?: DocumentFormat;
  /** Collects why matches were dropped (placeholders, failed checks). */
  rejections?: Rejection[];
  /** Parse every document fully, skipping the raw-text prefilter and the choice of markdown blocks (for tests and benchmarks). */
  noPrefilter?: boolean;
}

/** Any candidate (before positions) when the rules run over `text` as one plain segment? */
function anyCandidate(text: string, engine: Engine, hits?: TextHits): boolean {
  if (hits && hits.rules.length === 0) return false;
  return detect([{ kind: "text", text, map: verbatimMap(text, 0) }], engine.index, undefined, hits).length > 0;
}

/**
 * The prefilter: parsing markdown/HTML costs 50x more than matching, and most files of a
 * docs tree hold no candidate. A document is parsed only when its raw text, or its
 * tag-free approximation, gives the rules something to judge.
 */
export function needsParse(raw: string, format: DocumentFormat, engine: Engine, rawHits: TextHits = engine.index.scan(raw)): boolean {
  if (format === "text") return true;
  if (anyCandidate(raw, engine, rawHits)) return true;
  if (!/[<&]/.test(raw)) return false;
  // No tag or entity after all (`a < b`): the same text was just checked.
  const text = quickText(raw);
  return text !== raw && anyCandidate(text, engine);
}

/** Find credentials in one decoded file. `path` is only used for the format and the output. */
export function scanText(raw: string, path: string, engine: Engine, opts: ScanTextOptions = {}): Finding[] {
  // Cheap prefilter on the raw text: no keyword, no parse. One pass finds the keywords
  // and required literals; the raw-text checks below reuse it.
  const hits = engine.index.scan(raw);
  if (!hits.anyKeyword) return [];
  const format = opts.format ?? formatOf(path);
  if (!opts.noPrefilter && !needsParse(raw, format, engine, hits)) return [];
  const segments = toSegments(raw, format, opts.noPrefilter ? {} : { relevant: (text) => engine.index.scan(text).rules.length > 0 });
  const candidates = dedupeOverlaps(detect(segments, engine.index, opts.rejections, hits));
  if (candidates.length === 0) return [];
  const lines = new LineIndex(raw);
  const paired = pairCandidates(candidates, (o) => lines.position(o).line);
  return paired.map(({ primary: c, related }) => {
    const finding: Finding = {
      ruleId: c.rule.id,
      title: c.rule.title,
      provider: c.rule.provider,
      severity: c.severity,
      confidence: c.confidence,
      secret: detached(c.secret),
      path,
      start: lines.position(c.rawStart),
      end: lines.position(c.rawEnd),
      context: { kind: c.kind, ...(c.lang ? { lang: detached(c.lang) } : {}), ...(c.name ? { name: detached(c.name) } : {}) },
      fingerprint: fingerprint(c.rule.id, c.secret, path),
    };
    if (related.length) {
      finding.related = related.map((r) => ({
        ruleId: r.rule.id,
        secret: detached(r.secret),
        credential: r.confidence !== "low",
        start: lines.position(r.rawStart),
        end: lines.position(r.rawEnd),
      }));
    }
    if (c.notes.length) finding.notes = c.notes;
    return finding;
  });
}

export type ScanBytesResult =
  | { status: "scanned"; findings: Finding[]; encoding: string; warning?: string }
  | { status: "binary" };

/** Decode (BOM, `<meta charset>`, hint) and scan; binary files are skipped. */
export function scanBytes(bytes: Uint8Array, path: string, engine: Engine, opts: ScanTextOptions & { charset?: string } = {}): ScanBytesResult {
  if (looksBinary(bytes)) return { status: "binary" };
  const format = opts.format ?? formatOf(path);
  const decoded = decodeBytes(bytes, { html: format === "html", hint: opts.charset });
  const findings = scanText(decoded.text, path, engine, { ...opts, format });
  return {
    status: "scanned",
    findings,
    encoding: decoded.encoding,
    ...(decoded.invalid ? { warning: `not valid ${decoded.encoding}; undecodable bytes were replaced` } : {}),
  };
}
