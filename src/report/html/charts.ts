/**
 * Charts as inline SVG, drawn here rather than by the page's script, so they show with
 * scripts off, print, and can be checked in the markup: every bar is one `rect.mark`
 * carrying `data-category` and `data-value`. Colours come from CSS classes, so light and
 * dark themes restyle them.
 */
import { escapeHtml as esc } from "./escape.js";
import type { Bar, TimeSeries } from "./summarize.js";

/** Drawing width; the SVG scales to its panel, so text stays legible from phone to desktop. */
const W = 460;

/** Trim a label to `max` characters with an ellipsis (the full text is in the bar's tooltip). */
function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface ChartOptions {
  /** `data-chart` name and the id prefix. */
  name: string;
  /** Accessible name of the chart. */
  title: string;
  /** Table filter a click on a bar sets (`provider`, `site`, `severity`); none for the time chart. */
  filter?: string;
  /** CSS class for a bar, from its key (severity colours). */
  barClass?: (bar: Bar) => string;
  format: (n: number) => string;
}

/** Horizontal bars, one row per category, largest first (as given). */
export function barChart(bars: readonly Bar[], o: ChartOptions): string {
  const labelW = 130;
  const valueW = 50;
  const rowH = 24;
  const barH = 16;
  const h = Math.max(1, bars.length) * rowH + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = W - labelW - valueW;
  const rows = bars.map((b, i) => {
    const y = i * rowH + 2;
    const w = b.value ? Math.max(2, (b.value / max) * span) : 0;
    const cls = `mark${o.barClass ? ` ${o.barClass(b)}` : ""}`;
    const filter = o.filter && b.key !== "other" ? ` data-filter="${esc(o.filter)}" tabindex="0" role="button"` : "";
    return (
      `<g transform="translate(0 ${y})">` +
      `<text class="label" x="${labelW - 8}" y="${rowH / 2}" text-anchor="end" dominant-baseline="central">${esc(clip(b.label, 20))}</text>` +
      `<rect class="${cls}" x="${labelW}" y="${(rowH - barH) / 2}" width="${w.toFixed(1)}" height="${barH}" rx="3" data-category="${esc(b.key)}" data-value="${b.value}"${b.folded ? ` data-folded="${b.folded}"` : ""}${filter}>` +
      `<title>${esc(b.label)}: ${esc(o.format(b.value))}</title></rect>` +
      `<text class="value" x="${(labelW + w + 6).toFixed(1)}" y="${rowH / 2}" dominant-baseline="central">${esc(o.format(b.value))}</text>` +
      `</g>`
    );
  });
  return `<svg class="chart" data-chart="${esc(o.name)}" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(o.title)}">${rows.join("")}</svg>`;
}

/** A round step for `max`/4: 1, 2, 5 × 10^k. */
function niceStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p);
}

/** Vertical bars over time, every bucket present; as many axis labels as fit. */
export function timeChart(series: TimeSeries, o: ChartOptions): string {
  const bars = series.bars;
  const h = 220;
  const left = 40;
  const bottom = 26;
  const top = 8;
  const plotW = W - left - 8;
  const plotH = h - top - bottom;
  const step = niceStep(Math.max(1, ...bars.map((b) => b.value)));
  const max = Math.max(step, Math.ceil(Math.max(1, ...bars.map((b) => b.value)) / step) * step);
  const slot = plotW / Math.max(1, bars.length);
  const gap = Math.min(4, slot * 0.2);
  // Labels need about 60 units each ("2024-03" at 11px); keep every n-th so they never touch.
  const every = Math.max(1, Math.ceil(bars.length / Math.floor(plotW / 60)));
  const grid: string[] = [];
  for (let v = 0; v <= max; v += step) {
    const y = top + plotH - (v / max) * plotH;
    grid.push(`<line class="grid" x1="${left}" x2="${W - 8}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}"/><text class="axis" x="${left - 6}" y="${y.toFixed(1)}" text-anchor="end" dominant-baseline="central">${esc(o.format(v))}</text>`);
  }
  const marks = bars.map((b, i) => {
    const x = left + i * slot + gap / 2;
    const bh = (b.value / max) * plotH;
    const label = i % every === 0 ? `<text class="axis" x="${(x + (slot - gap) / 2).toFixed(1)}" y="${h - 8}" text-anchor="middle">${esc(b.label)}</text>` : "";
    return (
      `<rect class="mark" x="${x.toFixed(1)}" y="${(top + plotH - bh).toFixed(1)}" width="${Math.max(1, slot - gap).toFixed(1)}" height="${bh.toFixed(1)}" data-category="${esc(b.key)}" data-value="${b.value}">` +
      `<title>${esc(b.label)}: ${esc(o.format(b.value))}</title></rect>${label}`
    );
  });
  return `<svg class="chart" data-chart="${esc(o.name)}" data-unit="${series.unit}" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(o.title)}">${grid.join("")}${marks.join("")}</svg>`;
}
