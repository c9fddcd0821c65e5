/**
 * The report's stylesheet, inline. System fonts only (no font files: the report loads
 * nothing). Colours are variables: light by default, dark when the system asks for it
 * (prefers-color-scheme) or the reader picks it with the toggle (`html[data-theme]`).
 */

const LIGHT = {
  "--bg": "#f6f7f9",
  "--panel": "#ffffff",
  "--fg": "#1b1f24",
  "--muted": "#5d6673",
  "--line": "#e3e6eb",
  "--accent": "#3b6fd8",
  "--accent-soft": "#e8effc",
  "--on-accent": "#ffffff",
  "--critical": "#c62828",
  "--high": "#e8710a",
  "--medium": "#c9a000",
  "--low": "#7b8794",
  "--row-hover": "#f2f5fa",
  "--code-bg": "#f1f3f6",
  "--shadow": "0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08)",
};

const DARK: typeof LIGHT = {
  "--bg": "#0f1217",
  "--panel": "#171b22",
  "--fg": "#e6e9ee",
  "--muted": "#98a2b0",
  "--line": "#2a303a",
  "--accent": "#6f9bff",
  "--accent-soft": "#1d2840",
  "--on-accent": "#0f1217",
  "--critical": "#ff6b6b",
  "--high": "#ff9f43",
  "--medium": "#f5cd47",
  "--low": "#9aa5b4",
  "--row-hover": "#1e242d",
  "--code-bg": "#222833",
  "--shadow": "0 1px 2px rgba(0,0,0,.4)",
};

const vars = (v: Record<string, string>) => Object.entries(v).map(([k, val]) => `${k}:${val}`).join(";");

export const CSS = `
:root{${vars(LIGHT)};color-scheme:light}
:root[data-theme=dark]{${vars(DARK)};color-scheme:dark}
@media (prefers-color-scheme: dark){:root:not([data-theme=light]){${vars(DARK)};color-scheme:dark}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
code{background:var(--code-bg);padding:1px 5px;border-radius:4px}
main{max-width:1240px;margin:0 auto;padding:24px 20px 48px}
header.top{display:flex;gap:16px;align-items:flex-start;justify-content:space-between;flex-wrap:wrap;margin-bottom:20px}
h1{font-size:24px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:17px;margin:0 0 12px}
.sub{color:var(--muted);margin:0;max-width:80ch;overflow-wrap:anywhere}
.warn{color:var(--high)}
button,select,input{font:inherit;color:inherit}
button,select{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:6px 10px;cursor:pointer}
button:hover,select:hover{border-color:var(--accent)}
button:disabled{opacity:.45;cursor:default}
input[type=search]{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:6px 10px;min-width:0;flex:1 1 240px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin-bottom:20px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:14px 16px;box-shadow:var(--shadow)}
.card .k{color:var(--muted);font-size:12.5px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:30px;font-weight:650;line-height:1.2;margin-top:4px;font-variant-numeric:tabular-nums}
.card .n{color:var(--muted);font-size:12.5px;margin-top:2px}
.card.critical{border-top:4px solid var(--critical)}.card.critical .v{color:var(--critical)}
.card.high{border-top:4px solid var(--high)}.card.high .v{color:var(--high)}
.card .v.date{font-size:22px;padding-top:6px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:16px 18px;box-shadow:var(--shadow);margin-bottom:20px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:16px;margin-bottom:20px}
.charts .panel{margin:0}
.hint,.note{color:var(--muted);font-size:12.5px;margin:8px 0 0}
svg.chart{width:100%;height:auto;display:block;overflow:visible}
svg.chart text{fill:var(--fg);font-size:12px}
svg.chart text.axis,svg.chart text.value{fill:var(--muted);font-size:11px}
svg.chart line.grid{stroke:var(--line)}
svg.chart .mark{fill:var(--accent)}
svg.chart .mark[data-filter]{cursor:pointer}
svg.chart .mark[data-filter]:hover,svg.chart .mark.on{opacity:.75}
svg.chart .sev-critical{fill:var(--critical)}svg.chart .sev-high{fill:var(--high)}svg.chart .sev-medium{fill:var(--medium)}svg.chart .sev-low{fill:var(--low)}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,360px),1fr));gap:12px}
.action{border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.action h3{font-size:15px;margin:0 0 2px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.action .count{color:var(--muted);font-size:12.5px;margin-bottom:8px}
.action p{margin:6px 0 0;overflow-wrap:anywhere}
.action p.note{margin-top:6px}
a.revoke{display:inline-block;background:var(--accent);color:var(--on-accent);text-decoration:none;border-radius:8px;padding:3px 10px;font-weight:600}
.host{color:var(--muted);font-size:12.5px;overflow-wrap:anywhere}
ul.steps{margin:0 0 14px;padding-left:20px}
ul.steps li{margin:4px 0}
details.sub summary{cursor:pointer}
details.sub ul{margin:4px 0 0;padding-left:18px;font-size:12.5px}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;line-height:20px;white-space:nowrap;border:1px solid transparent}
.badge.critical{background:var(--critical);color:#fff}
.badge.high{background:var(--high);color:#1b1f24}
.badge.medium{background:var(--medium);color:#1b1f24}
.badge.low{border-color:var(--low);color:var(--low)}
.controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin-bottom:12px}
.status{color:var(--muted);margin-left:auto;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%;min-width:720px}
th,td{text-align:left;padding:8px 9px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{position:sticky;top:0;background:var(--panel);font-size:12.5px;color:var(--muted);font-weight:600;white-space:nowrap;user-select:none}
thead th[data-sort]{cursor:pointer}
thead th[aria-sort=ascending]::after{content:" ▲";color:var(--accent)}
thead th[aria-sort=descending]::after{content:" ▼";color:var(--accent)}
tbody tr.secret{cursor:pointer}
tbody tr.secret:hover{background:var(--row-hover)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td .title{color:var(--muted);font-size:12.5px}
td .rule{margin-top:2px;white-space:nowrap}
td .sid{color:var(--muted);font-size:11px;margin-left:6px}
td.nowrap,td.site{white-space:nowrap}
td.site{max-width:220px;overflow:hidden;text-overflow:ellipsis}
button.toggle{border:0;background:none;padding:0 4px;font-size:13px;color:var(--muted);width:22px}
tr.occ td{background:var(--bg);padding:6px 10px 10px 40px}
ul.occ{list-style:none;margin:0;padding:0}
ul.occ li{padding:3px 0;overflow-wrap:anywhere}
ul.occ .where{color:var(--muted)}
.pager{display:flex;gap:8px;align-items:center;justify-content:flex-end;margin-top:12px;flex-wrap:wrap}
.empty{padding:28px;text-align:center;color:var(--muted)}
footer{color:var(--muted);font-size:12.5px;margin-top:24px}
.print-only{display:none}
@media (max-width:760px){
  main{padding:16px 12px 32px}
  .col-conf,.col-first{display:none}
  .panel{padding:14px 12px}
  svg.chart text{font-size:14px}
  svg.chart text.axis,svg.chart text.value{font-size:13px}
  table{min-width:0}
  .status{margin-left:0;width:100%}
}
@media print{
  html:root:not([data-print]){${vars(LIGHT)};color-scheme:light}
  body{background:#fff;font-size:11px}
  main{max-width:none;padding:0}
  .no-print,.controls,.pager,button.toggle,tr.occ{display:none!important}
  .print-only{display:block}
  .panel,.card,.action{box-shadow:none;break-inside:avoid}
  .charts{grid-template-columns:1fr 1fr}
  .scroll{overflow:visible;border:0}
  table{min-width:0}
  thead th{position:static}
  a{color:inherit;text-decoration:none}
}
`;
