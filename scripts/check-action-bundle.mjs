#!/usr/bin/env node
/**
 * CI check: rebuild the action bundle in memory and compare it with the checked-in
 * dist-action/. Exit 1 (naming the files) when they differ: someone changed src/ or a
 * dependency without running `npm run build:action`.
 */
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { buildAction, ROOT } from "./build-action.mjs";

const result = await buildAction({ write: false });
const stale = [];
for (const file of result.outputFiles) {
  const path = relative(ROOT, file.path);
  let current;
  try {
    current = await readFile(file.path);
  } catch {
    stale.push(`${path} (missing)`);
    continue;
  }
  if (!current.equals(Buffer.from(file.contents))) stale.push(path);
}
if (stale.length) {
  console.error(`The checked-in action bundle is out of date: ${stale.join(", ")}.\nRun \`npm run build:action\` and commit dist-action/.`);
  process.exit(1);
}
console.log(`action bundle up to date (${result.outputFiles.map((f) => relative(ROOT, f.path)).join(", ")})`);
