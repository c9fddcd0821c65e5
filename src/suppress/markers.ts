/**
 * Suppression markers read from the raw file text, line by line, so they never depend on
 * how a parser splits a post. Three families:
 *
 * - markdown / HTML comments on a line of their own, invisible on the rendered page:
 *   `<!-- postguard-ignore-next-line -->`, `<!-- postguard-ignore-start -->` …
 *   `<!-- postguard-ignore-end -->` (MDX has no HTML comments: `{/* … *\/}` works the same);
 * - a code fence whose info string carries `postguard-ignore` (```` ```yaml postguard-ignore ````),
 *   which renderers leave out of the HTML (it is the fence's "meta");
 * - markers people already write in code for other scanners, on the finding's line:
 *   `postguard:allow`, `gitleaks:allow`, `pragma: allowlist secret`, `secretlint-disable-line`,
 *   and on the line before: `secretlint-disable-next-line`, `pragma: allowlist nextline secret`.
 *
 * A comment or fence marker may name what it hides (rule ids or fingerprints) and give a
 * reason after `--`: `<!-- postguard-ignore-next-line aws.access-key-id -- AWS's own example -->`.
 */

/** One marker as written, with what it names. */
export interface Marker {
  /** The marker as shown to users: `<!-- postguard-ignore-next-line -->`, `gitleaks:allow`. */
  text: string;
  /** 1-based line the marker is written on. */
  line: number;
  /** Rule ids / fingerprints it is limited to; empty means every finding in its reach. */
  only: string[];
  /** Free-text reason written after `--`. */
  reason?: string;
}

/** A run of lines a marker covers (1-based, inclusive). */
export interface MarkerReach {
  marker: Marker;
  from: number;
  to: number;
}

export interface MarkerScan {
  /** Line ranges hidden by comment markers and fence flags. */
  reaches: MarkerReach[];
  /** In-code markers: line -> markers written on it (same-line markers reach that line). */
  sameLine: Map<number, Array<{ marker: Marker; offset: number }>>;
  /** Markers that could not be honoured (an unclosed start, a stray end), as messages. */
  warnings: string[];
}

/** `postguard-ignore-next-line`, `-start`, `-end` inside an HTML or MDX comment that fills its line. */
const COMMENT_DIRECTIVE =
  /^[ \t>]*(?:<!--[ \t]*(postguard-ignore-(?:next-line|start|end))(?![\w-])(.*?)-->|\{[ \t]*\/\*[ \t]*(postguard-ignore-(?:next-line|start|end))(?![\w-])(.*?)\*\/[ \t]*\})[ \t]*$/;

/**
 * A fence opening or closing line: optional blockquote / list-item prefix, then 3+ backticks
 * or tildes. Container prefixes are loose on purpose; a false fence only matters when its
 * info string says `postguard-ignore`.
 */
const FENCE = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t]*(`{3,}|~{3,})(.*)$/;

/** In-code markers of postguard and of other scanners, and which line they reach. */
const CODE_MARKERS: Array<{ re: RegExp; nextLine: boolean }> = [
  { re: /postguard:allow\b/g, nextLine: false },
  { re: /gitleaks:allow\b/g, nextLine: false },
  { re: /pragma:[ \t]*allowlist[ \t]+secret\b/g, nextLine: false },
  { re: /pragma:[ \t]*allowlist[ \t]+nextline[ \t]+secret\b/g, nextLine: true },
  { re: /secretlint-disable-line\b/g, nextLine: false },
  { re: /secretlint-disable-next-line\b/g, nextLine: true },
];

/** "aws.access-key-id other.rule -- why" -> names and reason. */
export function parseMarkerArgs(args: string): { only: string[]; reason?: string } {
  const dashes = args.search(/(^|\s)--(\s|$)/);
  const names = dashes < 0 ? args : args.slice(0, dashes);
  const reason = dashes < 0 ? "" : args.slice(dashes).replace(/^\s*--\s*/, "").trim();
  return {
    only: names.split(/[\s,]+/).filter(Boolean),
    ...(reason ? { reason } : {}),
  };
}

/** The lines of `raw` with their start offsets; `\r\n`, `\n` and `\r` end a line. */
export function splitLines(raw: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    out.push({ text: raw.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ text: raw.slice(start), start });
  return out;
}

/**
 * Find every marker in `raw`. `markdown` turns on fence tracking: comment markers inside
 * a fenced code block are code being shown, not directives, and fence flags apply.
 */
export function scanMarkers(raw: string, opts: { markdown: boolean }): MarkerScan {
  const lines = splitLines(raw);
  const reaches: MarkerReach[] = [];
  const sameLine = new Map<number, Array<{ marker: Marker; offset: number }>>();
  const warnings: string[] = [];
  const open: Marker[] = [];
  let fence: { char: string; length: number; marker?: Marker; line: number } | undefined;

  const addSame = (line: number, marker: Marker, offset: number) => {
    const list = sameLine.get(line) ?? [];
    list.push({ marker, offset });
    sameLine.set(line, list);
  };

  lines.forEach(({ text, start }, i) => {
    const line = i + 1;
    // In-code markers count anywhere, fenced or not: that is where code samples live.
    if (text.length > 6) {
      for (const { re, nextLine } of CODE_MARKERS) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const marker: Marker = { text: m[0], line, only: [] };
          if (nextLine) reaches.push({ marker, from: line + 1, to: line + 1 });
          else addSame(line, marker, start + m.index);
        }
      }
    }

    if (opts.markdown) {
      const f = FENCE.exec(text);
      if (fence) {
        if (f && f[1]![0] === fence.char && f[1]!.length >= fence.length && f[2]!.trim() === "") {
          if (fence.marker) reaches.push({ marker: fence.marker, from: fence.line + 1, to: line - 1 });
          fence = undefined;
        }
        return;
      }
      if (f && !(f[1]![0] === "`" && f[2]!.includes("`"))) {
        const info = f[2]!;
        const flag = /(?:^|\s)postguard-ignore(?:=(\S+))?(?=\s|$)/.exec(info);
        fence = { char: f[1]![0]!, length: f[1]!.length, line };
        if (flag) fence.marker = { text: `${f[1]}${info.trim()}`, line, only: flag[1] ? flag[1].split(",").filter(Boolean) : [] };
        return;
      }
    }

    const c = COMMENT_DIRECTIVE.exec(text);
    if (!c) return;
    const kind = (c[1] ?? c[3])!;
    const args = parseMarkerArgs((c[2] ?? c[4] ?? "").trim());
    const marker: Marker = { text: text.trim().replace(/^[>\s]+/, ""), line, ...args };
    if (kind === "postguard-ignore-next-line") reaches.push({ marker, from: line + 1, to: line + 1 });
    else if (kind === "postguard-ignore-start") open.push(marker);
    else {
      const begin = open.pop();
      if (begin) reaches.push({ marker: begin, from: begin.line + 1, to: line - 1 });
      else warnings.push(`line ${line}: \`${marker.text}\` has no \`postguard-ignore-start\` before it`);
    }
  });
  if (fence?.marker) reaches.push({ marker: fence.marker, from: fence.line + 1, to: lines.length });
  for (const m of open) {
    // A forgotten end must not hide the rest of the post: nothing is suppressed.
    warnings.push(`line ${m.line}: \`${m.text}\` has no \`postguard-ignore-end\` after it, so it hides nothing`);
  }
  return { reaches, sameLine, warnings };
}
