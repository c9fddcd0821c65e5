#!/usr/bin/env node
/**
 * How long the bundled action takes on a push (whole-tree scan) of real documentation:
 * copies each corpus to a temp workspace, runs `node dist-action/index.js` as the runner
 * would (GITHUB_* variables, step summary and output files), and prints wall time, peak
 * memory, files scanned and findings. Usage:
 *   node scripts/bench-action.mjs [corpus folder ...]   (default: ../shared/corpora/*)
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist-action/index.js");
const shared = resolve(root, "../shared/corpora");
const corpora = process.argv.slice(2).length
  ? process.argv.slice(2)
  : existsSync(shared)
    ? readdirSync(shared, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(shared, d.name))
    : [];
if (!corpora.length) {
  console.error("no corpus given and ../shared/corpora not found");
  process.exit(2);
}

console.log(`node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}`);
console.log("corpus\tfiles\tMB\tseconds\tpeak RSS MB\tfindings");
for (const corpus of corpora) {
  const ws = mkdtempSync(join(tmpdir(), "postguard-bench-"));
  const runner = mkdtempSync(join(tmpdir(), "postguard-bench-runner-"));
  try {
    cpSync(corpus, ws, { recursive: true });
    writeFileSync(join(runner, "summary"), "");
    writeFileSync(join(runner, "output"), "");
    const env = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "push",
      GITHUB_WORKSPACE: ws,
      GITHUB_REPOSITORY: "bench/bench",
      GITHUB_STEP_SUMMARY: join(runner, "summary"),
      GITHUB_OUTPUT: join(runner, "output"),
      "INPUT_FAIL-ON": "none",
      "INPUT_SARIF-FILE": "postguard.sarif",
    };
    // GNU time: %e wall seconds, %M peak resident set size in KB.
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, bundle], { cwd: ws, env, encoding: "utf8", maxBuffer: 1 << 28 });
    const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
    const summary = readFileSync(join(runner, "summary"), "utf8");
    const scanned = /Scanned (\d+) files?/.exec(summary)?.[1] ?? "?";
    const findings = /findings<<(\S+)\n(\d+)\n/.exec(readFileSync(join(runner, "output"), "utf8"))?.[2] ?? "?";
    const mb = Number(spawnSync("du", ["-sm", corpus], { encoding: "utf8" }).stdout.split("\t")[0]);
    console.log(`${basename(corpus)}\t${scanned}\t${mb}\t${m?.[1] ?? "?"}\t${m ? Math.round(Number(m[2]) / 1024) : "?"}\t${findings}`);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(runner, { recursive: true, force: true });
  }
}
