#!/usr/bin/env node
/**
 * The scanning core alone, one thread, CPU seconds, with the prefilter's levers switched on
 * one by one (docs/speed.md, "What each change bought"):
 *
 *   node scripts/bench-core.mjs [corpus]      (default ../shared/corpora/kafka-site)
 *
 * Files are read and decoded first; then `scanText` runs over every file per variant.
 * Findings must be the same in every variant.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/", import.meta.url);
const { builtinRules } = await import(new URL("rules/load.js", dist).href);
const { Engine, scanText } = await import(new URL("scan.js", dist).href);
const det = await import(new URL("detect/detect.js", dist).href);
const { decodeBytes } = await import(new URL("document/decode.js", dist).href);
const { formatOf } = await import(new URL("document/index.js", dist).href);

const dir = resolve(process.argv[2] ?? join(fileURLToPath(new URL("../../shared/corpora/kafka-site", import.meta.url))));
const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (p) => files.push(p))(join(d, e.name));
})(dir);
const docs = files.map((path) => {
  const format = formatOf(path);
  return { path, format, text: decodeBytes(readFileSync(path), { html: format === "html" }).text };
});
const mb = docs.reduce((n, d) => n + d.text.length, 0) / 1e6;
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

const rules = builtinRules();
const readings = (new Engine(rules), det.knownPatternLiterals());
// "Keywords only": an engine built while every pattern reads as needing nothing.
det.addPatternLiterals(readings.map(([source]) => [source, { clauses: [], maxLength: Infinity, reach: Infinity }]));
const keywordsOnly = new Engine(rules);
det.addPatternLiterals(readings);
const full = new Engine(rules);
const windows = det.TextHits.prototype.windows;
const variants = [
  ["keywords by Aho-Corasick, raw-text hits reused", keywordsOnly, false],
  ["+ required literals gate the rules", full, false],
  ["+ rules run only in windows around them", full, true],
];
console.log(`${dir}: ${docs.length} files, ${mb.toFixed(1)} MB (decoded), one thread`);
for (let round = 0; round < 2; round++) {
  for (const [name, engine, win] of variants) {
    det.TextHits.prototype.windows = win ? windows : () => undefined;
    const t = cpu();
    let findings = 0;
    for (const d of docs) findings += scanText(d.text, d.path, engine, { format: d.format }).length;
    const s = cpu() - t;
    // The first round warms the JIT; the second is reported.
    if (round === 1) console.log(`${name}: ${s.toFixed(2)} s CPU, ${(mb / s).toFixed(1)} MB/s, ${findings} findings`);
  }
}
