#!/usr/bin/env node
/**
 * End-to-end audit benchmark: a synthetic blog of realistic ~150 KB pages on 127.0.0.1
 * (scripts/audit-site.mjs: CSDN/WordPress/Hugo/cnblogs markup, inline scripts, sidebars)
 * behind a sitemap index of gzipped sitemaps, audited by the built CLI as a child
 * process (`node dist/bundle/postguard.cjs audit --sitemap …`, what `npx postguard` runs). Prints pages/s, MB/s, the child's
 * peak resident memory, its RSS as the audit advances (flat is the goal), and whether
 * every planted credential was found.
 *
 *   npm run build && node scripts/bench-audit.mjs [--pages 20000] [--bytes 150000]
 *     [--workers N] [--concurrency 32] [--leak-every 50]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { startSite } from "./audit-site.mjs";

const { values: v } = parseArgs({
  options: {
    pages: { type: "string", default: "20000" },
    bytes: { type: "string", default: "150000" },
    workers: { type: "string", default: String(availableParallelism()) },
    concurrency: { type: "string", default: "32" },
    "leak-every": { type: "string", default: "50" },
  },
});
const pages = Number(v.pages);
const leakEvery = Number(v["leak-every"]);
const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "dist/bundle/postguard.cjs");
if (!existsSync(bin)) {
  console.error("dist/bundle/postguard.cjs is missing: run `npm run build` first");
  process.exit(2);
}

const site = await startSite({ pageCount: pages, targetBytes: Number(v.bytes), leakEvery });
const dir = mkdtempSync(join(tmpdir(), "postguard-bench-audit-"));
let served = 0;
site.server.on("request", (req) => {
  if (req.url?.startsWith("/post/")) served++;
});

const load0 = loadavg()[0];
const args = [bin, "audit", "--sitemap", `${site.url}/sitemap.xml`, "--state", join(dir, "state.db"), "--jsonl", join(dir, "findings.jsonl"), "--concurrency", v.concurrency, "--per-host", v.concurrency, "--delay", "0", "--workers", v.workers, "-q"];
const started = performance.now();
const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
child.stderr.on("data", (d) => (stderr += d));

const rssKb = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
};
const cpuTicks = () => {
  try {
    const f = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
};
/** CPU ticks per thread name (main thread "node", scanning threads, V8/libuv helpers). */
const threadTicks = new Map();
const sampleThreads = () => {
  try {
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      threadTicks.set(tid, { name: tid === String(child.pid) ? "main thread" : name, ticks: Number(f[11]) + Number(f[12]) });
    }
  } catch {
    // the process has ended
  }
};
let ticks = 0;
let peak = 0;
const samples = [];
let nextMark = 0.1;
const timer = setInterval(() => {
  const r = rssKb();
  peak = Math.max(peak, r);
  ticks = cpuTicks() ?? ticks;
  sampleThreads();
  while (served / pages >= nextMark && nextMark <= 1.0001) {
    samples.push([Math.round(nextMark * 100), r]);
    nextMark += 0.1;
  }
}, 100);
const code = await new Promise((resolve) => child.on("close", resolve));
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
await site.close();

const db = new Database(join(dir, "state.db"), { readonly: true });
const outcome = Object.fromEntries(db.prepare("SELECT status, COUNT(*) AS n FROM audit_pages GROUP BY status").all().map((r) => [r.status, r.n]));
const bytes = db.prepare("SELECT SUM(bytes) AS b FROM audit_pages WHERE status = 'scanned'").get().b ?? 0;
const secrets = db.prepare("SELECT COUNT(*) AS n FROM audit_secrets").get().n;
db.close();
rmSync(dir, { recursive: true, force: true });

const planted = Math.floor(pages / leakEvery);
const mb = bytes / 1024 / 1024;
console.log(`postguard audit benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${availableParallelism()} CPUs, load average ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`);
console.log(`  command: node dist/bundle/postguard.cjs audit --sitemap <local site> --concurrency ${v.concurrency} --per-host ${v.concurrency} --delay 0 --workers ${v.workers}`);
console.log(`  exit code ${code}; pages ${JSON.stringify(outcome)}; ${mb.toFixed(1)} MB scanned (avg ${((bytes / Math.max(1, outcome.scanned ?? 1)) / 1024).toFixed(0)} KB/page)`);
console.log(`  time ${seconds.toFixed(1)} s: ${(pages / seconds).toFixed(1)} pages/s, ${(mb / seconds).toFixed(1)} MB/s end to end`);
console.log(`  peak RSS ${(peak / 1024).toFixed(0)} MB; RSS by progress: ${samples.map(([p, r]) => `${p}% ${(r / 1024).toFixed(0)}`).join(", ")} MB`);
console.log(`  CPU: auditor ${((ticks * 10) / pages).toFixed(1)} ms per page (all threads), this process (site) ${((process.cpuUsage().user + process.cpuUsage().system) / 1000 / pages).toFixed(1)} ms per page`);
const byName = new Map();
for (const { name, ticks: t } of threadTicks.values()) byName.set(name, (byName.get(name) ?? 0) + t);
const threadTotal = [...byName.values()].reduce((a, b) => a + b, 0) || 1;
console.log(`  CPU by thread: ${[...byName].sort((a, b) => b[1] - a[1]).map(([n, t]) => `${n} ${Math.round((t / threadTotal) * 100)}%`).join(", ")}`);
console.log(`  planted credentials found: ${secrets} of ${planted}`);
if (code !== 0 && code !== 1) console.log(stderr.slice(-2000));
