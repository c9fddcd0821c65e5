/**
 * The page's own script, as text: it reads the embedded JSON and drives the table
 * (sort, filter, search, pages of rows, occurrences on demand), the theme toggle and the
 * chart-to-filter clicks. Plain ES2019 without template literals, so it can live in a
 * TypeScript string, and ASCII (\u escapes), as the CLI bundle must be (scripts/build-cli.mjs);
 * everything it writes goes in with textContent, never innerHTML. Only a page of rows is
 * in the DOM at a time, so 100,000 secrets cost one JSON.parse and one sort.
 */

/** Runs in <head> before the body paints, so a chosen dark theme does not flash light. */
export const THEME_BOOT = `try{var t=localStorage.getItem("postguard-theme");if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}`;

export const CLIENT_JS = String.raw`(function () {
"use strict";
var D = JSON.parse(document.getElementById("report-data").textContent);
var S = D.strings;
var nf = new Intl.NumberFormat(D.locale);
function fmt(t, v) { return t.replace(/\{(\w+)\}/g, function (a, k) { return v && k in v ? v[k] : a; }); }
function num(n) { return nf.format(n); }
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
function $(id) { return document.getElementById(id); }

// ---- theme toggle: auto -> light -> dark -> auto ----------------------------------
var root = document.documentElement;
var themeBtn = $("theme");
function themeLabel() { var t = root.getAttribute("data-theme") || "auto"; themeBtn.textContent = S["theme." + t]; }
if (themeBtn) {
  themeLabel();
  themeBtn.addEventListener("click", function () {
    var t = root.getAttribute("data-theme") || "auto";
    var next = t === "auto" ? "light" : t === "light" ? "dark" : "auto";
    if (next === "auto") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", next);
    try { if (next === "auto") localStorage.removeItem("postguard-theme"); else localStorage.setItem("postguard-theme", next); } catch (e) {}
    themeLabel();
  });
}

var tbody = $("rows");
if (!tbody) { done(); return; }

// ---- data --------------------------------------------------------------------------
// secret row: [id, masked, rule, title, provider, severity 0-3, confidence 0-2, first, last, occStart, occCount, pages, [sites]]
var SECRETS = D.secrets, OCC = D.occ, URLS = D.urls, URL_SITE = D.urlSite, URL_PUB = D.urlPub;
var N = SECRETS.length;
var haystack = null;
function buildHaystack() {
  haystack = new Array(N);
  for (var i = 0; i < N; i++) {
    var s = SECRETS[i], parts = [s[0], s[1], D.rules[s[2]], D.titles[s[3]], D.providers[s[4]][0], D.providers[s[4]][1]];
    for (var j = s[9], end = s[9] + s[10] * 4; j < end; j += 4) parts.push(URLS[OCC[j]]);
    haystack[i] = parts.join("\n").toLowerCase();
  }
}

// ---- state -------------------------------------------------------------------------
var state = { q: "", site: -1, provider: -1, severity: -1, sort: "severity", dir: -1, page: 0, size: 50 };
var order = new Int32Array(N), view = order, viewLen = N;
var expanded = Object.create(null), shownOcc = Object.create(null);

var KEYS = {
  secret: function (s) { return s[1]; },
  provider: function (s) { return D.providers[s[4]][1].toLowerCase(); },
  severity: function (s) { return s[5] * 1e9 + Math.min(s[11], 1e9 - 1); },
  confidence: function (s) { return s[6]; },
  first: function (s) { return s[7]; },
  last: function (s) { return s[8]; },
  pages: function (s) { return s[11]; },
  sites: function (s) { return s[12].length; }
};

function sortAll() {
  var key = KEYS[state.sort], dir = state.dir, keys = new Array(N), idx = new Array(N);
  for (var i = 0; i < N; i++) { keys[i] = key(SECRETS[i]); idx[i] = i; }
  idx.sort(function (a, b) { var x = keys[a], y = keys[b]; return x < y ? -dir : x > y ? dir : a - b; });
  order = Int32Array.from(idx);
}

function applyFilters() {
  var q = state.q.trim().toLowerCase();
  if (q && !haystack) buildHaystack();
  if (!q && state.site < 0 && state.provider < 0 && state.severity < 0) { view = order; viewLen = N; return; }
  var out = new Int32Array(N), n = 0;
  for (var k = 0; k < N; k++) {
    var i = order[k], s = SECRETS[i];
    if (state.severity >= 0 && s[5] !== state.severity) continue;
    if (state.provider >= 0 && s[4] !== state.provider) continue;
    if (state.site >= 0 && s[12].indexOf(state.site) < 0) continue;
    if (q && haystack[i].indexOf(q) < 0) continue;
    out[n++] = i;
  }
  view = out; viewLen = n;
}

// ---- rendering ---------------------------------------------------------------------
var SEV = ["low", "medium", "high", "critical"];
function contextText(c) {
  var names = D.ctx[c[0]] || D.ctx.text;
  if (c[1] && c[0] === "code") return fmt(names[1], { lang: c[1] });
  if (c[2] && (c[0] === "attribute" || c[0] === "front-matter")) return fmt(names[1], { name: c[2] });
  return names[0];
}

function occList(i) {
  var s = SECRETS[i], ul = el("ul", "occ"), limit = shownOcc[i] || 100, shown = 0, left = 0;
  for (var j = s[9], end = s[9] + s[10] * 4; j < end; j += 4) {
    var u = OCC[j];
    if (state.site >= 0 && URL_SITE[u] !== state.site) continue;
    if (shown >= limit) { left++; continue; }
    shown++;
    var li = el("li"), url = URLS[u];
    var a;
    if (/^https?:\/\//i.test(url)) { a = el("a", null, url); a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank"; }
    else a = el("span", "mono", url);
    li.appendChild(a);
    li.appendChild(el("span", "mono", ":" + OCC[j + 1] + ":" + OCC[j + 2]));
    var where = " \u00b7 " + contextText(D.ctxs[OCC[j + 3]]);
    if (URL_PUB[u]) where += " \u00b7 " + fmt(S["table.published"], { date: URL_PUB[u] });
    li.appendChild(el("span", "where", where));
    ul.appendChild(li);
  }
  if (left) {
    var more = el("button", null, fmt(S["table.more"], { n: num(Math.min(left, 500)) }));
    more.addEventListener("click", function () { shownOcc[i] = limit + 500; render(); });
    var li2 = el("li"); li2.appendChild(more); ul.appendChild(li2);
  }
  return ul;
}

function row(i) {
  var s = SECRETS[i], tr = el("tr", "secret");
  tr.setAttribute("data-id", s[0]);
  tr.setAttribute("data-provider", D.providers[s[4]][0]);
  tr.setAttribute("data-severity", SEV[s[5]]);
  tr.setAttribute("data-sites", s[12].map(function (x) { return D.sites[x]; }).join(" "));
  var t = el("td"), btn = el("button", "toggle", expanded[i] ? "\u25be" : "\u25b8");
  btn.setAttribute("aria-expanded", expanded[i] ? "true" : "false");
  btn.title = S["table.expand"]; btn.setAttribute("aria-label", S["table.expand"]);
  function toggle() { if (expanded[i]) delete expanded[i]; else expanded[i] = 1; render(); }
  btn.addEventListener("click", toggle);
  // The whole row opens it too, except where the reader is selecting text.
  tr.addEventListener("click", function (ev) { if (ev.target !== btn && !String(window.getSelection() || "")) toggle(); });
  t.appendChild(btn); tr.appendChild(t);
  var c = el("td"); c.appendChild(el("code", null, s[1])); c.appendChild(el("span", "sid mono", s[0].slice(0, 8)));
  c.appendChild(el("div", "title", D.titles[s[3]])); tr.appendChild(c);
  var p = el("td"); p.appendChild(el("div", null, D.providers[s[4]][1]));
  var r = el("div", "rule"); r.appendChild(el("code", null, D.rules[s[2]])); p.appendChild(r); tr.appendChild(p);
  var v = el("td", "nowrap"); v.appendChild(el("span", "badge " + SEV[s[5]], D.sev[s[5]])); tr.appendChild(v);
  tr.appendChild(el("td", "col-conf", D.conf[s[6]]));
  tr.appendChild(el("td", "col-first mono nowrap", s[7]));
  tr.appendChild(el("td", "mono nowrap", s[8]));
  tr.appendChild(el("td", "num", num(s[11])));
  var first = state.site >= 0 ? state.site : s[12][0];
  tr.appendChild(el("td", "site", D.sites[first] + (s[12].length > 1 ? " +" + (s[12].length - 1) : "")));
  return tr;
}

function render() {
  var pages = Math.max(1, Math.ceil(viewLen / state.size));
  if (state.page >= pages) state.page = pages - 1;
  var from = state.page * state.size, to = Math.min(viewLen, from + state.size);
  var frag = document.createDocumentFragment();
  for (var k = from; k < to; k++) {
    var i = view[k];
    frag.appendChild(row(i));
    if (expanded[i]) { var tr = el("tr", "occ"), td = el("td"); td.colSpan = 9; td.appendChild(occList(i)); tr.appendChild(td); frag.appendChild(tr); }
  }
  if (!viewLen) { var etr = el("tr"), etd = el("td", "empty", S["table.none"]); etd.colSpan = 9; etr.appendChild(etd); frag.appendChild(etr); }
  tbody.replaceChildren(frag);
  var status = fmt(S["table.showing"], { from: num(viewLen ? from + 1 : 0), to: num(to), n: num(viewLen) });
  if (viewLen !== N) status += " " + fmt(S["table.filtered"], { total: num(N) });
  $("status").textContent = status;
  $("status").setAttribute("data-count", String(viewLen));
  $("page").textContent = fmt(S["table.page"], { page: num(state.page + 1), pages: num(pages) });
  $("prev").disabled = state.page === 0;
  $("next").disabled = state.page >= pages - 1;
  $("print-note").textContent = fmt(S["print.table"], { from: num(viewLen ? from + 1 : 0), to: num(to), n: num(viewLen) });
  var ths = document.querySelectorAll("thead th[data-sort]");
  for (var h = 0; h < ths.length; h++) {
    var th = ths[h];
    if (th.getAttribute("data-sort") === state.sort) th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  }
  var marks = document.querySelectorAll("svg.chart .mark[data-filter]");
  for (var m = 0; m < marks.length; m++) {
    var f = marks[m].getAttribute("data-filter"), cat = marks[m].getAttribute("data-category");
    var on = (f === "site" && state.site >= 0 && D.sites[state.site] === cat) || (f === "provider" && state.provider >= 0 && D.providers[state.provider][0] === cat) || (f === "severity" && state.severity >= 0 && SEV[state.severity] === cat);
    marks[m].classList.toggle("on", on);
  }
}

function update(resort) {
  if (resort) sortAll();
  applyFilters();
  render();
}

// ---- controls ----------------------------------------------------------------------
function fill(select, allLabel, items) {
  select.appendChild(new Option(allLabel, "-1"));
  items.forEach(function (it) { select.appendChild(new Option(it[1], String(it[0]))); });
}
var siteSel = $("f-site"), provSel = $("f-provider"), sevSel = $("f-severity"), search = $("q");
fill(siteSel, S[D.folders ? "table.allSites.folders" : "table.allSites"], D.sites.map(function (s, i) { return [i, s]; }).sort(function (a, b) { return a[1] < b[1] ? -1 : 1; }));
fill(provSel, S["table.allProviders"], D.providers.map(function (p, i) { return [i, p[1]]; }).sort(function (a, b) { return a[1].toLowerCase() < b[1].toLowerCase() ? -1 : 1; }));
fill(sevSel, S["table.allSeverities"], [[3, D.sev[3]], [2, D.sev[2]], [1, D.sev[1]], [0, D.sev[0]]]);
function onFilter() {
  state.site = +siteSel.value; state.provider = +provSel.value; state.severity = +sevSel.value; state.page = 0;
  update(false);
}
siteSel.addEventListener("change", onFilter);
provSel.addEventListener("change", onFilter);
sevSel.addEventListener("change", onFilter);
var timer = 0;
search.addEventListener("input", function () {
  clearTimeout(timer);
  timer = setTimeout(function () { state.q = search.value; state.page = 0; update(false); }, 120);
});
$("reset").addEventListener("click", function () {
  siteSel.value = provSel.value = sevSel.value = "-1"; search.value = ""; state.q = ""; onFilter();
});
$("prev").addEventListener("click", function () { state.page--; render(); });
$("next").addEventListener("click", function () { state.page++; render(); });
var sizeSel = $("size");
sizeSel.addEventListener("change", function () { state.size = +sizeSel.value; state.page = 0; render(); });
var heads = document.querySelectorAll("thead th[data-sort]");
for (var h = 0; h < heads.length; h++) {
  heads[h].addEventListener("click", function (ev) {
    var key = ev.currentTarget.getAttribute("data-sort");
    if (state.sort === key) state.dir = -state.dir; else { state.sort = key; state.dir = key === "secret" || key === "provider" ? 1 : -1; }
    state.page = 0;
    update(true);
  });
}

// A bar in a chart filters the table by its category.
function chartFilter(mark) {
  var f = mark.getAttribute("data-filter"), cat = mark.getAttribute("data-category");
  if (f === "site") siteSel.value = String(D.sites.indexOf(cat));
  else if (f === "provider") provSel.value = String(D.providers.findIndex(function (p) { return p[0] === cat; }));
  else if (f === "severity") sevSel.value = String(SEV.indexOf(cat));
  onFilter();
  $("secrets").scrollIntoView({ behavior: "smooth", block: "start" });
}
var marks = document.querySelectorAll("svg.chart .mark[data-filter]");
for (var m = 0; m < marks.length; m++) {
  marks[m].addEventListener("click", function (ev) { chartFilter(ev.currentTarget); });
  marks[m].addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); chartFilter(ev.currentTarget); } });
}

update(true);
done();

function done() {
  root.setAttribute("data-ready", "1");
  if (window.performance && performance.mark) performance.mark("postguard-ready");
}
})();`;
