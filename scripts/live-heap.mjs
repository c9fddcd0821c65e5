#!/usr/bin/env node
/**
 * What a scan keeps, as opposed to what it peaks at: scans DIR in this process on one
 * thread (the CLI's own `run`), forces two full garbage collections and prints the live
 * heap. Equal numbers for a tree and for the same tree copied ten times mean nothing
 * accumulates per file (docs/speed.md, "Memory").
 *
 *   npm run build && node --expose-gc scripts/live-heap.mjs DIR
 */
const dir = process.argv[2];
if (!dir || typeof globalThis.gc !== "function") {
  console.error("usage: node --expose-gc scripts/live-heap.mjs DIR");
  process.exit(2);
}
const { run } = await import(new URL("../dist/cli/run.js", import.meta.url).href);
const r = await run(["scan", "--concurrency", "1", dir], { cwd: process.cwd() });
globalThis.gc();
globalThis.gc();
const m = process.memoryUsage();
console.log(`${dir}: exit ${r.exitCode}, live heap ${(m.heapUsed / 1e6).toFixed(1)} MB after GC, RSS ${(m.rss / 1e6).toFixed(0)} MB`);
