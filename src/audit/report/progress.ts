/**
 * Progress on stderr: on a terminal, one line redrawn in place (bar, pages/s, ETA,
 * failures, findings); elsewhere (CI logs, files) a plain line every ten seconds, so a
 * log neither floods nor stays silent for an hour.
 */
import type { Progress } from "../audit.js";

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

function facts(p: Progress): string[] {
  const out = [`${p.rate.toFixed(p.rate < 10 ? 1 : 0)} pages/s`];
  const left = p.total - p.done;
  if (p.phase === "pages" && p.rate > 0 && left > 0) out.push(`ETA ${formatDuration((left / p.rate) * 1000)}`);
  if (p.now.failed) out.push(`${p.now.failed} failed`);
  out.push(`${p.occurrences} finding${p.occurrences === 1 ? "" : "s"}`);
  return out;
}

/** The terminal line (no newline): `[#####-----] 52% 10400/20000 pages · 212 pages/s · ETA 45s · …`. */
export function progressBar(p: Progress, width = 24): string {
  if (p.phase === "sources") return `reading sources… ${p.total} pages found · ${facts(p).join(" · ")}`;
  const ratio = p.total ? p.done / p.total : 0;
  const filled = Math.round(ratio * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${p.done}/${p.total} pages · ${facts(p).join(" · ")}`;
}

/** The log line: `postguard: audit: 10400/20000 pages (52%), 212 pages/s, ETA 45s, 3 failed, 7 findings`. */
export function progressLine(p: Progress): string {
  const where = p.phase === "sources" ? `reading sources, ${p.total} pages found` : `${p.done}/${p.total} pages (${p.total ? Math.floor((p.done / p.total) * 100) : 0}%)`;
  return `postguard: audit: ${where}, ${facts(p).join(", ")}, ${formatDuration(p.elapsedMs)} elapsed`;
}

/** Progress writer for a terminal or a log. `clear()` removes the terminal line before other output. */
export function progressReporter(write: (s: string) => void, tty: boolean, plainEveryMs = 10_000) {
  let shown = false;
  let lastPlain = 0;
  return {
    intervalMs: tty ? 250 : 1000,
    update(p: Progress) {
      if (tty) {
        const cols = 120;
        const line = progressBar(p);
        write(`\r\u001b[K${line.length > cols ? `${line.slice(0, cols - 1)}…` : line}`);
        shown = true;
      } else if (p.elapsedMs - lastPlain >= plainEveryMs) {
        lastPlain = p.elapsedMs;
        write(`${progressLine(p)}\n`);
      }
    },
    clear() {
      if (tty && shown) {
        write("\r\u001b[K");
        shown = false;
      }
    },
  };
}
