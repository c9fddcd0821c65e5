/**
 * Inline suppressions applied to one file's findings. A suppressed finding is kept and
 * marked (`suppressed: {kind: "inline", justification}`), never dropped, so JSON and
 * SARIF can list it; `audit` mode reports it as a normal finding with a note instead.
 */
import type { DocumentFormat } from "../document/index.js";
import type { Finding } from "../types.js";
import { frontMatterIgnore } from "./front-matter.js";
import { scanMarkers, type Marker } from "./markers.js";

export type InlineMode = "honour" | "audit";

export interface InlineResult {
  findings: Finding[];
  /** Markers that could not be honoured, as `line N: ...` messages. */
  warnings: string[];
}

/** Whether a marker limited to `only` covers `f`: its rule id or its fingerprint. */
function names(marker: Marker, f: Finding): boolean {
  return marker.only.length === 0 || marker.only.includes(f.ruleId) || marker.only.includes(f.fingerprint);
}

/** "`<!-- postguard-ignore-next-line -- AWS's own example -->` at line 8": the marker as written holds its reason. */
function justification(marker: Marker): string {
  return `${marker.text} at line ${marker.line}`;
}

/** The marker that hides `f`, if any. */
function markerFor(f: Finding, scan: ReturnType<typeof scanMarkers>, fileWide: Marker | undefined): Marker | undefined {
  for (let line = f.start.line; line <= f.end.line; line++) {
    for (const { marker, offset } of scan.sameLine.get(line) ?? []) {
      // A marker-looking string inside the secret itself is not a marker.
      if (offset >= f.start.offset && offset < f.end.offset) continue;
      return marker;
    }
  }
  for (const r of scan.reaches) {
    if (f.start.line >= r.from && f.start.line <= r.to && names(r.marker, f)) return r.marker;
  }
  if (fileWide && names(fileWide, f)) return fileWide;
  return undefined;
}

/**
 * Mark the findings of one file that its markers hide. `raw` is the decoded file text the
 * findings' positions refer to.
 */
export function applyInlineSuppressions(raw: string, format: DocumentFormat, findings: readonly Finding[], mode: InlineMode): InlineResult {
  if (findings.length === 0) return { findings: [], warnings: [] };
  const scan = scanMarkers(raw, { markdown: format === "markdown" || format === "mdx" });
  const fm = format === "text" ? { warnings: [] } : frontMatterIgnore(raw);
  // An empty front-matter list names nothing; it must not hide the whole file.
  const fileWide = fm.marker && fm.marker.only.length ? fm.marker : undefined;
  const out = findings.map((f) => {
    if (f.suppressed) return f;
    const marker = markerFor(f, scan, fileWide);
    if (!marker) return f;
    if (mode === "audit") {
      return { ...f, notes: [...(f.notes ?? []), `suppression ignored (--no-inline-ignore): ${justification(marker)}`] };
    }
    return { ...f, suppressed: { kind: "inline" as const, justification: justification(marker) } };
  });
  return { findings: out, warnings: [...scan.warnings, ...fm.warnings] };
}
