/**
 * Shared shapes of the pipeline: raw file -> segments -> findings.
 * Type names say the stage (see ../shared/STYLE.md §7).
 */
import type { OffsetMap } from "./document/offset-map.js";

/** Where a piece of text came from inside a post. */
export type SegmentKind =
  | "code" // fenced / indented code block, <pre>
  | "inline-code" // `code` in markdown, <code> outside <pre>
  | "prose" // paragraph text, headings, list items, table cells
  | "url" // link / image destinations, href/src attributes
  | "attribute" // other attribute values (data-*, value=, content=)
  | "script" // inline <script> bodies, MDX expressions / ESM
  | "front-matter" // YAML/TOML front matter values
  | "comment" // HTML comments
  | "text"; // a whole non-document file (.env, .yaml, source code) scanned raw

/** A run of decoded text with an exact map from every character back to the raw file. */
export interface Segment {
  kind: SegmentKind;
  /** The decoded text a reader sees (entities decoded, highlighter markup removed). */
  text: string;
  /** Code fence info / highlighter language, lower-case, when known (`yaml`, `bash`). */
  lang?: string;
  /** Attribute name or front-matter key the text came from. */
  name?: string;
  /** Maps offsets in `text` to offsets in the raw (decoded) file string. */
  map: OffsetMap;
  /**
   * Sub-ranges of `text` (half-open, text offsets) that are inline code inside a prose
   * segment, so a finding can say `inline-code` while rules still see the whole sentence.
   */
  inlineCode?: Array<[number, number]>;
}

export type Severity = "critical" | "high" | "medium" | "low";
export type Confidence = "high" | "medium" | "low";

export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
export const CONFIDENCES: readonly Confidence[] = ["low", "medium", "high"];

/** 1-based line and column (UTF-16 code units) plus the 0-based offset in the raw file string. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** The context a finding was seen in, as shown to users. */
export interface FindingContext {
  kind: SegmentKind;
  lang?: string;
  name?: string;
}

/** One part of a finding (a paired credential has two: id and secret). */
export interface FindingPart {
  ruleId: string;
  secret: string;
  /**
   * Whether this part is a credential on its own (an AccessKey ID) or only an identifier
   * that makes the secret usable (a WeChat AppID). Reporters list the former as a location
   * of the finding, the latter as a related location.
   */
  credential: boolean;
  start: Position;
  end: Position;
}

export interface Suppression {
  /** how it was suppressed: inline marker, config allowlist, baseline... */
  kind: "inline" | "config" | "baseline";
  justification: string;
}

/** A credential found in one file: the one shape every reporter prints. */
export interface Finding {
  ruleId: string;
  title: string;
  provider: string;
  severity: Severity;
  confidence: Confidence;
  /** The secret exactly as it reads after decoding (never printed unmasked by default). */
  secret: string;
  /** Path as given / relative to the working folder, with forward slashes. */
  path: string;
  start: Position;
  end: Position;
  context: FindingContext;
  /** Stable id: rule + sha256(secret) + path; no line numbers, no raw secret. */
  fingerprint: string;
  /** Other parts of the same credential (e.g. the AccessKey secret next to its id). */
  related?: FindingPart[];
  /** Why the severity / confidence is what it is (placeholder-ish, checksum ok, localhost...). */
  notes?: string[];
  suppressed?: Suppression;
}
