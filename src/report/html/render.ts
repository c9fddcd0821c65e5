/**
 * HtmlReportData -> one self-contained HTML file: cards, charts and the provider advice
 * are rendered here as markup; the table is drawn by the inline script from embedded
 * JSON. A Content-Security-Policy allows only this file's own inline script and style
 * (by hash) and no connection of any kind, so the browser itself holds the report to
 * "loads nothing from the network".
 */
import { CONFIDENCES, SEVERITIES } from "../../types.js";
import { barChart, timeChart } from "./charts.js";
import { CLIENT_JS, THEME_BOOT } from "./client.js";
import { cspHash, escapeHtml as esc, jsonForScript } from "./escape.js";
import { CONFIDENCE_NAMES, CONTEXT_NAMES, format, MESSAGES, SEVERITY_NAMES, type Lang, type MessageKey } from "./i18n.js";
import type { HtmlReportData, ProviderInfo } from "./model.js";
import { summarize, type ProviderSummary, type Summary, type SummaryLabels } from "./summarize.js";
import { CSS } from "./style.js";

export interface RenderOptions {
  lang: Lang;
  /** `summarize(data, summaryLabels(lang, data))` when the caller already has it (it is the costly part). */
  summary?: Summary;
}

/** Chart labels in `lang`: provider display names, "12 others". */
export function summaryLabels(lang: Lang, data: HtmlReportData): SummaryLabels {
  const nf = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US");
  return { provider: (id) => data.providers[id]?.name ?? id, other: (k) => format(MESSAGES[lang]["chart.other"], { n: nf.format(k) }) };
}

/** Words the page's script needs. */
const CLIENT_KEYS: MessageKey[] = [
  "table.showing", "table.filtered", "table.none", "table.page", "table.expand", "table.more", "table.published",
  "table.allSites", "table.allSites.folders", "table.allProviders", "table.allSeverities", "print.table",
  "theme.auto", "theme.light", "theme.dark",
];

/** The table's data, dictionary-encoded: 100,000 occurrences stay a few megabytes. */
function tableData(data: HtmlReportData, lang: Lang): unknown {
  const index = <K>(list: K[], map: Map<K, number>) => (k: K): number => {
    let i = map.get(k);
    if (i === undefined) {
      i = list.length;
      list.push(k);
      map.set(k, i);
    }
    return i;
  };
  const urls: string[] = [];
  const urlSite: number[] = [];
  const urlPub: string[] = [];
  const urlIndex = new Map<string, number>();
  const sites: string[] = [];
  const site = index(sites, new Map());
  const rules: string[] = [];
  const rule = index(rules, new Map());
  const titles: string[] = [];
  const title = index(titles, new Map());
  const providerIds: string[] = [];
  const provider = index(providerIds, new Map());
  const ctxKeys: string[] = [];
  const ctx = index(ctxKeys, new Map());
  const occ: number[] = [];
  const secrets: unknown[] = [];
  for (const s of data.secrets) {
    const start = occ.length;
    const list = [...s.occurrences].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : a.line - b.line || a.column - b.column));
    const siteSet = new Set<number>();
    let pages = 0;
    let last = "";
    for (const o of list) {
      let u = urlIndex.get(o.url);
      if (u === undefined) {
        u = urls.length;
        urls.push(o.url);
        urlSite.push(site(o.site));
        urlPub.push(o.published ?? "");
        urlIndex.set(o.url, u);
      }
      if (o.url !== last) pages++;
      last = o.url;
      siteSet.add(urlSite[u]!);
      occ.push(u, o.line, o.column, ctx(JSON.stringify([o.context.kind, o.context.lang ?? "", o.context.name ?? ""])));
    }
    secrets.push([
      s.id, s.masked, rule(s.ruleId), title(s.title), provider(s.provider), SEVERITIES.indexOf(s.severity), CONFIDENCES.indexOf(s.confidence),
      s.firstSeen.slice(0, 10), s.lastSeen.slice(0, 10), start, list.length, pages, [...siteSet].sort((a, b) => a - b),
    ]);
  }
  const m = MESSAGES[lang];
  return {
    locale: lang === "zh" ? "zh-CN" : "en-US",
    folders: data.source === "scan",
    strings: Object.fromEntries(CLIENT_KEYS.map((k) => [k, m[k]])),
    sev: SEVERITIES.map((s) => SEVERITY_NAMES[lang][s]),
    conf: CONFIDENCES.map((c) => CONFIDENCE_NAMES[lang][c]),
    ctx: CONTEXT_NAMES[lang],
    ctxs: ctxKeys.map((k) => JSON.parse(k) as string[]),
    sites,
    rules,
    titles,
    providers: providerIds.map((id) => [id, data.providers[id]?.name ?? id]),
    urls,
    urlSite,
    urlPub,
    secrets,
    occ,
  };
}

function card(key: string, label: string, value: string, raw: number | string, note = "", cls = ""): string {
  return `<div class="card${cls ? ` ${cls}` : ""}" data-card="${key}" data-value="${esc(String(raw))}"><div class="k">${esc(label)}</div><div class="v${key === "date" ? " date" : ""}">${esc(value)}</div>${note ? `<div class="n">${esc(note)}</div>` : ""}</div>`;
}

/** Escaped text with `code spans` (as the wording table writes them) turned into <code>. */
function rich(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

type T = (k: MessageKey, v?: Record<string, string | number>) => string;

/** One provider: how bad, where to revoke (the vendor's own console), what `fix` writes. */
function providerAction(p: ProviderSummary, info: ProviderInfo | undefined, lang: Lang, t: T, n: (x: number) => string): string {
  const name = info?.name ?? p.provider;
  const badges = SEVERITIES.slice()
    .reverse()
    .filter((s) => p.bySeverity[s])
    .map((s) => `<span class="badge ${s}">${esc(n(p.bySeverity[s]))} ${esc(SEVERITY_NAMES[lang][s])}</span>`)
    .join(" ");
  const revoke = info?.revoke && /^https:\/\//i.test(info.revoke)
    ? `<a class="revoke" href="${esc(info.revoke)}" rel="noopener noreferrer" target="_blank">${esc(t("actions.revoke"))} ↗</a> <span class="host">${esc(info.revoke.replace(/^https:\/\//i, ""))}</span>`
    : `<span class="note">${esc(t("actions.revoke.none"))}</span>`;
  const placeholders = p.rules.map((id) => `<code>&lt;${esc(info?.placeholders[id] ?? id.replace(/[.-]/g, "_").toUpperCase())}&gt;</code>`).join(" ");
  return (
    `<section class="action" data-provider="${esc(p.provider)}" data-secrets="${p.secrets}">` +
    `<h3>${esc(name)} ${badges}</h3><div class="count">${esc(t("actions.count", { secrets: n(p.secrets), pages: n(p.pages) }))}</div>` +
    `<p class="do">${revoke}</p>` +
    `<p class="note">${rich(t("actions.placeholders"))} ${placeholders}</p>` +
    (p.repoPages ? `<p class="note">${rich(t("actions.repos", { n: n(p.repoPages) }))}</p>` : "") +
    `</section>`
  );
}

/** The advice that holds for every provider, then a card per provider, worst first. */
function actions(sum: Summary, data: HtmlReportData, lang: Lang, t: T, n: (x: number) => string): string {
  const steps =
    data.source === "scan"
      ? [t("actions.fix.scan", { command: "`postguard fix <path>`" })]
      : [t("actions.fix", { command: "`postguard fix <folder>`" }), t("actions.hosted")];
  return (
    `<section class="panel" id="actions"><h2>${esc(t("actions.heading"))}</h2>` +
    `<p>${esc(t("actions.intro"))}</p><ul class="steps">${steps.map((x) => `<li>${rich(x)}</li>`).join("")}</ul>` +
    `<div class="actions">${sum.providers.map((p) => providerAction(p, data.providers[p.provider], lang, t, n)).join("")}</div></section>`
  );
}

function charts(sum: Summary, data: HtmlReportData, lang: Lang, t: T, n: (x: number) => string): string {
  const folders = data.source === "scan";
  const sevBars = SEVERITIES.slice().reverse().map((s) => ({ key: s, label: SEVERITY_NAMES[lang][s], value: sum.bySeverity[s] }));
  const time = sum.overTime;
  const timeBody = time.bars.length
    ? `${timeChart(time, { name: "time", title: t("chart.time"), format: n })}<p class="note">${esc(t("chart.time.note"))}</p>` +
      (time.unknown ? `<p class="note" data-unknown="${time.unknown}">${esc(t("chart.time.unknown", { n: n(time.unknown) }))}</p>` : "")
    : `<p class="note" data-unknown="${time.unknown}">${esc(t("chart.time.none"))}</p>`;
  const panel = (title: string, body: string, hint = true) => `<section class="panel"><h2>${esc(title)}</h2>${body}${hint ? `<p class="hint no-print">${esc(t("chart.hint"))}</p>` : ""}</section>`;
  return (
    `<div class="charts">` +
    panel(t("chart.severity"), barChart(sevBars, { name: "severity", title: t("chart.severity"), filter: "severity", barClass: (b) => `sev-${b.key}`, format: n })) +
    panel(t("chart.provider"), barChart(sum.byProvider, { name: "provider", title: t("chart.provider"), filter: "provider", format: n })) +
    panel(t(folders ? "chart.site.folders" : "chart.site"), barChart(sum.bySite, { name: "site", title: t(folders ? "chart.site.folders" : "chart.site"), filter: "site", format: n })) +
    (data.source === "audit" ? panel(t("chart.time"), timeBody, false) : "") +
    `</div>`
  );
}

const TABLE_COLUMNS: Array<[sort: string | null, key: MessageKey, cls: string]> = [
  [null, "table.expand", ""],
  ["secret", "table.secret", ""],
  ["provider", "table.providerRule", ""],
  ["severity", "table.severity", ""],
  ["confidence", "table.confidence", "col-conf"],
  ["first", "table.firstSeen", "col-first"],
  ["last", "table.lastSeen", ""],
  ["pages", "table.pages", "num"],
  ["sites", "table.sites", ""],
];

function table(data: HtmlReportData, t: (k: MessageKey) => string): string {
  const folders = data.source === "scan";
  const head = TABLE_COLUMNS.map(([sort, key, cls]) => {
    const label = key === "table.expand" ? "" : t(key === "table.sites" && folders ? "table.sites.folders" : key);
    return `<th${cls ? ` class="${cls}"` : ""}${sort ? ` data-sort="${sort}" scope="col"` : ""}>${esc(label)}</th>`;
  }).join("");
  const sizes = [25, 50, 100, 500].map((s) => `<option value="${s}"${s === 50 ? " selected" : ""}>${s}</option>`).join("");
  return (
    `<section class="panel" id="secrets"><h2>${esc(t("table.heading"))}</h2>` +
    `<div class="controls"><input type="search" id="q" placeholder="${esc(t("table.search"))}" aria-label="${esc(t("table.search"))}">` +
    `<select id="f-site" aria-label="${esc(t(folders ? "table.sites.folders" : "table.sites"))}"></select>` +
    `<select id="f-provider" aria-label="${esc(t("table.provider"))}"></select>` +
    `<select id="f-severity" aria-label="${esc(t("table.severity"))}"></select>` +
    `<button id="reset" type="button">${esc(t("table.reset"))}</button><span class="status" id="status" role="status"></span></div>` +
    `<noscript><p class="note">${esc(t("table.noscript"))}</p></noscript>` +
    `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody id="rows"></tbody></table></div>` +
    `<p class="note print-only" id="print-note"></p>` +
    `<div class="pager"><label>${esc(t("table.perPage"))} <select id="size">${sizes}</select></label>` +
    `<button id="prev" type="button">${esc(t("table.prev"))}</button><span id="page"></span><button id="next" type="button">${esc(t("table.next"))}</button></div></section>`
  );
}

/** "sitemap ×6, feed" from "sitemap https://…" lines. */
function sourceKinds(sources: readonly string[]): string {
  const kinds = new Map<string, number>();
  for (const x of sources) kinds.set(x.split(" ")[0]!, (kinds.get(x.split(" ")[0]!) ?? 0) + 1);
  return [...kinds].map(([k, c]) => (c > 1 ? `${k} ×${c}` : k)).join(", ");
}

/** The whole report as one HTML document. */
export function renderHtmlReport(data: HtmlReportData, opts: RenderOptions): string {
  const lang = opts.lang;
  const m = MESSAGES[lang];
  const t = (k: MessageKey, v?: Record<string, string | number>) => format(m[k], v);
  const nf = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US");
  const n = (x: number) => nf.format(x);
  const sum = opts.summary ?? summarize(data, summaryLabels(lang, data));
  const audit = data.source === "audit";
  const title = t(audit ? "title.audit" : "title.scan");
  const day = data.date.slice(0, 10);

  const cards = [
    card("pages", t(audit ? "card.pages" : "card.pages.files"), n(data.pages.scanned), data.pages.scanned, data.pages.failed || data.pages.skipped ? t("card.pages.note", { failed: n(data.pages.failed), skipped: n(data.pages.skipped) }) : ""),
    card("secrets", t("card.secrets"), n(sum.secrets), sum.secrets, t("card.secrets.note", { occurrences: n(sum.occurrences), pages: n(sum.pagesWithFindings) })),
    card("critical", t("card.critical"), n(sum.bySeverity.critical), sum.bySeverity.critical, "", "critical"),
    card("high", t("card.high"), n(sum.bySeverity.high), sum.bySeverity.high, "", "high"),
    card("sites", t(audit ? "card.sites" : "card.sites.folders"), n(sum.sitesAffected), sum.sitesAffected, audit ? t("card.sites.note", { sites: n(Math.max(data.sites, sum.sitesAffected)) }) : ""),
    card("date", t(audit ? "card.date" : "card.date.scan"), day, day),
  ].join("");

  const sub = [
    data.sources.length
      ? `<details class="sub"><summary>${esc(t("sub.sources", { n: n(data.sources.length) }))}: ${esc(sourceKinds(data.sources))}</summary><ul>${data.sources.map((x) => `<li>${esc(x)}</li>`).join("")}</ul></details>`
      : "",
    data.unfinished ? `<p class="sub warn">${esc(t("sub.unfinished", { status: data.unfinished }))}</p>` : "",
    data.removed ? `<p class="sub">${esc(t("removed", { n: n(data.removed) }))}</p>` : "",
  ].join("");

  const body = sum.secrets
    ? charts(sum, data, lang, t, n) +
      actions(sum, data, lang, t, n) +
      table(data, t) +
      `<script type="application/json" id="report-data">${jsonForScript(tableData(data, lang))}</script>`
    : `<section class="panel empty" data-empty="1">${esc(t("empty"))}</section>`;

  const script = CLIENT_JS;
  // Hashes are base64 and the rest is fixed text: nothing here needs escaping in a "…" attribute.
  const csp = `default-src 'none'; script-src ${cspHash(THEME_BOOT)} ${cspHash(script)}; style-src ${cspHash(CSS)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return (
    `<!DOCTYPE html>\n<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="postguard ${esc(data.version)}"><meta name="referrer" content="no-referrer">` +
    `<title>${esc(`${title} · ${day}`)}</title><script>${THEME_BOOT}</script><style>${CSS}</style></head><body><main>` +
    `<header class="top"><div><h1>${esc(title)}</h1>${sub}</div><button id="theme" class="no-print" type="button">${esc(t("theme.auto"))}</button></header>` +
    `<section class="cards">${cards}</section>${body}` +
    `<footer>${esc(t("footer", { version: data.version, date: data.generatedAt.slice(0, 16).replace("T", " ") + " UTC" }))}</footer>` +
    `</main><script>${script}</script></body></html>\n`
  );
}
