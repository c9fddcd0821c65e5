#!/usr/bin/env node
// Precision and recall of postguard and secretlint on corpus-dev (the labeled posts the rules
// were developed against) and on the held-out corpus (test/fixtures/accuracy), as a table.
//
//   npm run bench:accuracy [-- --dev ../shared/bench/corpus-dev] [--no-secretlint]
//
// postguard runs as its CLI (`scan DIR --format sarif`, from dist/: build first). secretlint
// runs through ../shared/bench/secretlint.sh, its SARIF scored with `--base` its cache folder.
// Scoring is scripts/accuracy-corpus/score.mjs, cross-checked against ../shared/bench/score.mjs
// when that exists.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scoreSarif } from "./accuracy-corpus/score.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const BENCH = resolve(ROOT, opt("--bench", "../shared/bench"));
const corpora = [
  { name: "corpus-dev", dir: resolve(ROOT, opt("--dev", join(BENCH, "corpus-dev"))) },
  { name: "held-out (test/fixtures/accuracy)", dir: join(ROOT, "test/fixtures/accuracy") },
];
const secretlint = join(BENCH, "secretlint.sh");
const officialScore = join(BENCH, "score.mjs");
const withSecretlint = !args.includes("--no-secretlint") && existsSync(secretlint);

const { run } = await import(join(ROOT, "dist/cli/run.js")).catch(() => {
  console.error("scripts/accuracy.mjs: dist/ is missing; run `npm run build` first");
  process.exit(2);
});

const tmp = mkdtempSync(join(tmpdir(), "postguard-accuracy-"));
const readLabels = (dir) => readFileSync(join(dir, "labels.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

function score(corpus, sarifPath, base) {
  const s = scoreSarif({ labels: readLabels(corpus.dir), sarif: JSON.parse(readFileSync(sarifPath, "utf8")), root: corpus.dir, base });
  if (existsSync(officialScore)) {
    const o = JSON.parse(execFileSync(process.execPath, [officialScore, "--labels", join(corpus.dir, "labels.jsonl"), "--sarif", sarifPath, "--base", base, "--json"], { encoding: "utf8" }));
    if (o.precision !== +s.precision.toFixed(4) || o.recall !== +s.recall.toFixed(4)) console.error(`warning: score.mjs disagrees on ${corpus.name}: ${o.precision}/${o.recall}`);
  }
  return s;
}

const rows = [];
for (const corpus of corpora) {
  if (!existsSync(join(corpus.dir, "labels.jsonl"))) {
    console.error(`skipping ${corpus.name}: no labels.jsonl in ${corpus.dir}`);
    continue;
  }
  const out = join(tmp, "postguard.sarif");
  const t0 = Date.now();
  const r = await run(["scan", join(corpus.dir, "posts"), "--format", "sarif"], { cwd: ROOT });
  if (r.exitCode === 2) throw new Error(`postguard failed on ${corpus.name}: ${r.stderr}`);
  writeFileSync(out, r.stdout);
  rows.push({ corpus: corpus.name, tool: "postguard", s: score(corpus, out, ROOT), secs: (Date.now() - t0) / 1000 });
  if (withSecretlint) {
    const sl = join(tmp, "secretlint.sarif");
    const t1 = Date.now();
    execFileSync(secretlint, [join(corpus.dir, "posts"), sl], { stdio: ["ignore", "ignore", "inherit"] });
    const base = execFileSync(secretlint, ["--cache-dir"], { encoding: "utf8" }).trim();
    rows.push({ corpus: corpus.name, tool: "secretlint", s: score(corpus, sl, base), secs: (Date.now() - t1) / 1000 });
  }
}
rmSync(tmp, { recursive: true, force: true });

const f1 = (s) => (s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0);
console.log("| corpus | tool | precision | recall | F1 | secrets found | false-positive lines |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
for (const { corpus, tool, s } of rows) {
  console.log(`| ${corpus} | ${tool} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${f1(s).toFixed(3)} | ${s.secretsFound}/${s.secrets} | ${s.falsePositiveLines} |`);
}
if (args.includes("--details")) {
  for (const { corpus, tool, s } of rows) {
    console.log(`\n${tool} on ${corpus}:`);
    for (const m of s.missed) console.log(`  missed ${m.type}: ${m.file}:${m.line}`);
    for (const f of s.falsePositives) console.log(`  false positive ${f.type} (${f.rules.join(",")}): ${f.file}:${f.line}`);
  }
}
