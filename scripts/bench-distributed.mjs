/**
 * Distributed audit throughput: the same sweep with 1 worker and with 3 workers, the
 * real CLI against scripts/distributed-site.mjs with network latency simulated, Redis
 * and PostgreSQL from scripts/ci-services.sh. Prints wall time and pages/s for each.
 *
 *   source scripts/ci-services.sh && npm run build
 *   node scripts/bench-distributed.mjs [--pages 3000] [--hosts 20] [--latency 200]
 *        [--concurrency 8] [--per-host 4] [--workers 1,3] [--cpu]
 *
 * --cpu adds a run with no latency and one worker: the per-worker ceiling when the
 * network is not what limits it (parsing, scanning, Redis and PostgreSQL round trips).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { loadavg, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { Redis } from "ioredis";
import { startSite } from "./distributed-site.mjs";

const { values: v } = parseArgs({
  options: {
    pages: { type: "string", default: "3000" },
    hosts: { type: "string", default: "20" },
    latency: { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    "per-host": { type: "string", default: "4" },
    workers: { type: "string", default: "1,3" },
    "status-interval": { type: "string", default: "0.5" },
    bin: { type: "string" },
    cpu: { type: "boolean", default: false },
  },
});
const REDIS = process.env.POSTGUARD_TEST_REDIS_URL;
const PG = process.env.POSTGUARD_TEST_POSTGRES_URL;
if (!REDIS || !PG) {
  console.error("bench-distributed: set POSTGUARD_TEST_REDIS_URL and POSTGUARD_TEST_POSTGRES_URL (source scripts/ci-services.sh)");
  process.exit(2);
}
// --bin: another build's CLI, to compare two versions on the same machine at the same load.
// Default: the bundled bin, what `npx postguard` runs.
const BIN = v.bin ?? fileURLToPath(new URL("../dist/bundle/postguard.cjs", import.meta.url));
const hosts = Number(v.hosts);
const pagesPerHost = Math.ceil(Number(v.pages) / hosts);

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(err) : reject(new Error(`postguard ${args[0]} exited ${code}:\n${err.slice(-2000)}`))));
  });
}

async function database() {
  const name = `pgbench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return {
    url: u.href,
    async drop() {
      const d = new pg.Client({ connectionString: PG });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

async function dropKeys(patterns) {
  const r = new Redis(REDIS);
  for (const pattern of patterns) {
    let cursor = "0";
    do {
      const [next, keys] = await r.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== "0");
  }
  r.disconnect();
}

async function sweep(workers, latencyMs) {
  const site = await startSite({ hosts, pagesPerHost, perSitemap: 500, secretEvery: 50, latencyMs, special: false });
  const db = await database();
  const queue = `bench-${randomUUID().slice(0, 8)}`;
  const started = process.hrtime.bigint();
  const sinceStart = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const produced = await run(["audit", ...site.sitemaps().flatMap((s) => ["--sitemap", s]), "--queue", REDIS, "--queue-name", queue, "--per-host", v["per-host"], "--delay", "0", "--timeout", "10"]);
    const runId = /sweep (\S+) on queue/.exec(produced)?.[1];
    const producerSeconds = sinceStart();
    const exits = [];
    const logs = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        run(["worker", "--queue", REDIS, "--queue-name", queue, "--store", db.url, "--concurrency", v.concurrency, "--threads", "0", "--until-empty", "--status-interval", v["status-interval"], "--name", `bench${i + 1}`]).then((log) => {
          exits.push(sinceStart() - producerSeconds);
          return log;
        }),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query("SELECT status, COUNT(*) AS n FROM audit_pages GROUP BY status ORDER BY status");
    await c.end();
    await dropKeys([`bull:${queue}:*`, `b_postguard-${runId}*`]);
    const pages = rows.reduce((a, r) => a + Number(r.n), 0);
    // Each worker's last line says its CPU time: what a page costs, whatever the machine's load.
    const cpuMs = logs.reduce((a, l) => a + Number(/CPU ([\d.]+) s/.exec(l)?.[1] ?? NaN) * 1000, 0);
    // Each worker's timeline (seconds since its process started; it was spawned right after the producer exited).
    const timelines = logs.map((l) => Object.fromEntries([...(/timeline[^:]*: (.*)/.exec(l)?.[1] ?? "").matchAll(/([a-z ]+) ([\d.]+) s/g)].map((m) => [m[1].trim(), Number(m[2])])));
    const most = (k) => Math.max(...timelines.map((t) => t[k] ?? NaN));
    const least = (k) => Math.min(...timelines.map((t) => t[k] ?? NaN));
    const phases = {
      producer: producerSeconds,
      "worker start-up": most("ready"),
      "until the first page": least("first page") - most("ready"),
      pages: most("last page") - least("first page"),
      "empty check": most("stopping") - most("last page"),
      closing: most("closed") - most("stopping"),
      "process exit": Math.max(...exits) - most("closed"),
    };
    return { workers, latencyMs, seconds, phases, pages, cpuMsPerPage: cpuMs / pages, outcomes: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])), maxActive: Math.max(...site.stats.map((s) => s.maxActive)) };
  } finally {
    await db.drop();
    await site.close();
  }
}

console.log(`bench-distributed: ${hosts * pagesPerHost} pages on ${hosts} hosts, ${v.latency} ms latency per answer, --per-host ${v["per-host"]}, worker --concurrency ${v.concurrency} --threads 0`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at start; node ${process.version}; ${new Date().toISOString()}`);
const results = [];
for (const w of v.workers.split(",").map(Number)) {
  const r = await sweep(w, Number(v.latency));
  results.push(r);
  console.log(
    `${String(r.workers).padStart(2)} worker${r.workers === 1 ? " " : "s"}: ${r.seconds.toFixed(1).padStart(6)} s wall, ${(r.pages / r.seconds).toFixed(1).padStart(6)} pages/s, ` +
      `${(r.pages / r.seconds / r.workers).toFixed(1)} pages/s per worker, ${r.cpuMsPerPage.toFixed(1)} ms CPU per page (${Object.entries(r.outcomes).map(([k, n]) => `${n} ${k}`).join(", ")}; busiest host saw ${r.maxActive} at once)`,
  );
  console.log(`    phases (s): ${Object.entries(r.phases).map(([k, s]) => `${k} ${s.toFixed(2)}`).join(" | ")}`);
}
if (results.length >= 2) {
  const [a, b] = [results[0], results[results.length - 1]];
  console.log(`${b.workers} workers took ${((b.seconds / a.seconds) * 100).toFixed(0)}% of the time of ${a.workers} (speed-up ${(a.seconds / b.seconds).toFixed(2)}x)`);
}
if (v.cpu) {
  const r = await sweep(1, 0);
  console.log(`no latency, 1 worker: ${r.seconds.toFixed(1)} s wall, ${(r.pages / r.seconds).toFixed(1)} pages/s, ${r.cpuMsPerPage.toFixed(1)} ms CPU per page (the per-worker ceiling on this machine at this load)`);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
