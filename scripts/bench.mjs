#!/usr/bin/env node
/**
 * Speed and memory, side by side with secretlint, as docs/speed.md reports them.
 *
 *   npm run bench [-- [--runs N] [--no-secretlint] [--no-build] [--quick] [corpus...]]
 *
 * Corpora default to ../shared/corpora/kafka-site and ../shared/corpora/javaguide when
 * present, else a generated docs tree. For each: files, MB, wall seconds, MB/s and peak
 * resident memory of `postguard scan <corpus>` (default output, full catalogue, every
 * core) and of secretlint (../shared/bench/secretlint.sh), and the ratio. Then: one post
 * (whole process, median of N runs), the first corpus copied ten times (time should be
 * about ten times, memory flat) and the accuracy score on ../shared/bench/corpus-dev
 * (must stay what the rules issue measured). Wall clock is the median of --runs runs
 * (default 3); peak memory is the largest seen. Needs GNU time (`apt-get install time`)
 * for memory; without it memory is read from /proc while the process runs.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED = resolve(ROOT, "../shared");
// What `npx postguard` runs (package.json `bin`): the esbuild bundle, see scripts/build-cli.mjs.
const BIN = join(ROOT, "dist/bundle/postguard.cjs");
const SECRETLINT = join(SHARED, "bench/secretlint.sh");
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const RUNS = Number(option("--runs", "3"));
const POST_RUNS = Number(option("--post-runs", "15"));
const noSecretlint = flag("--no-secretlint");
const noBuild = flag("--no-build");
const quick = flag("--quick");

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

// -- build ------------------------------------------------------------------------------

if (!noBuild) {
  log("building (tsc + precompiled rule catalogue + CLI bundle)...");
  // tsc still emits when some file has a type error; the typecheck is CI's job, not this one's.
  spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "ignore" });
  execFileSync(process.execPath, [join(ROOT, "scripts/write-catalogue.mjs")], { stdio: "inherit" });
  execFileSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs")], { stdio: "ignore" });
}
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build`);

// -- measuring one process ----------------------------------------------------------------

/** Run a command; wall seconds and peak RSS (MB) of the process tree's largest process. */
async function measure(cmd, argv, opts = {}) {
  if (GNU_TIME) {
    const t0 = performance.now();
    const r = spawnSync(GNU_TIME, ["-f", "PEAK_KB=%M CPU_S=%U+%S", cmd, ...argv], { cwd: opts.cwd ?? ROOT, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "ignore", "pipe"] });
    const wall = (performance.now() - t0) / 1000;
    const kb = Number(/PEAK_KB=(\d+)/.exec(r.stderr ?? "")?.[1] ?? NaN);
    const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? "");
    return { wall, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, rssMb: kb / 1024, status: r.status, stderr: r.stderr };
  }
  // No GNU time: poll VmHWM of the child (and its children) in /proc.
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: opts.cwd ?? ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    let peak = 0;
    const poll = () => {
      for (const pid of [child.pid, ...childPids(child.pid)]) {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
          if (m) peak = Math.max(peak, Number(m[1]));
        } catch {
          // gone
        }
      }
    };
    const timer = setInterval(poll, 20);
    child.on("exit", (status) => {
      clearInterval(timer);
      done({ wall: (performance.now() - t0) / 1000, cpu: NaN, rssMb: peak / 1024, status, stderr });
    });
  });
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function repeat(n, run) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await run());
  return { wall: median(results.map((r) => r.wall)), cpu: median(results.map((r) => r.cpu)), rssMb: Math.max(...results.map((r) => r.rssMb)), status: results[0].status, stderr: results[0].stderr };
}

// -- corpora ----------------------------------------------------------------------------

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function sizeOf(dir) {
  const files = walk(dir);
  return { files: files.length, mb: files.reduce((n, f) => n + statSync(f).size, 0) / 1e6 };
}

/** A docs tree made up here when the shared corpora are absent: 1,500 pages, about 40 MB. */
function generatedCorpus() {
  const dir = mkdtempSync(join(tmpdir(), "postguard-bench-"));
  let seed = 42;
  const rnd = (n) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const words = "the a client server token request config password example value deploy build cluster node key secret access bucket region user docs guide install run test api version release".split(" ");
  const sentence = () => Array.from({ length: 8 + rnd(12) }, () => words[rnd(words.length)]).join(" ") + ". ";
  for (let i = 0; i < 1500; i++) {
    const html = i % 3 === 0;
    const parts = [];
    for (let p = 0; p < 60; p++) {
      const text = Array.from({ length: 4 }, sentence).join("");
      if (p % 10 === 9) parts.push(html ? `<pre><code class="language-bash">export API_KEY=&lt;YOUR_API_KEY&gt;\ncurl -H "Authorization: Bearer $API_KEY" https://api.example.com/v1/items</code></pre>` : "```bash\nexport API_KEY=<YOUR_API_KEY>\ncurl -H \"Authorization: Bearer $API_KEY\" https://api.example.com/v1/items\n```");
      else parts.push(html ? `<p>${text}</p>` : text);
    }
    const body = html ? `<!doctype html><html><head><title>Page ${i}</title></head><body><article>${parts.join("\n")}</article></body></html>\n` : `---\ntitle: Page ${i}\n---\n\n${parts.join("\n\n")}\n`;
    const file = join(dir, `section-${i % 20}`, `page-${i}.${html ? "html" : "md"}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return dir;
}

let corpora = args.map((a) => resolve(a));
let generated;
if (!corpora.length) {
  corpora = ["kafka-site", "javaguide"].map((c) => join(SHARED, "corpora", c)).filter(existsSync);
  if (!corpora.length) corpora = [(generated = generatedCorpus())];
}

// -- the machine --------------------------------------------------------------------------

const cpu = cpus()[0]?.model ?? "unknown CPU";
log(`date: ${new Date().toISOString().slice(0, 10)}`);
log(`machine: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${process.platform}`);
log(`load average when starting: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
log(`memory measured with ${GNU_TIME ? "GNU time (%M, max RSS)" : "/proc VmHWM polling"}`);
log();

// -- throughput -------------------------------------------------------------------------

const rows = [];
for (const corpus of corpora) {
  const { files, mb } = sizeOf(corpus);
  const name = relative(ROOT, corpus);
  log(`== ${name}: ${files} files, ${mb.toFixed(1)} MB`);
  const pg = await repeat(quick ? 1 : RUNS, () => measure(process.execPath, [BIN, "scan", corpus]));
  if (pg.status !== 0 && pg.status !== 1) log(`   postguard exited ${pg.status}: ${pg.stderr.slice(0, 400)}`);
  log(`   postguard : ${pg.wall.toFixed(2)} s, ${(mb / pg.wall).toFixed(1)} MB/s, peak ${pg.rssMb.toFixed(0)} MB, CPU ${pg.cpu.toFixed(2)} s`);
  let sl;
  if (!noSecretlint && existsSync(SECRETLINT)) {
    const out = join(tmpdir(), `postguard-bench-secretlint-${process.pid}.sarif`);
    spawnSync("bash", [SECRETLINT, join(SHARED, "bench/corpus-dev/posts"), out], { stdio: "ignore" }); // installs it once
    sl = await repeat(quick ? 1 : Math.min(RUNS, 3), () => measure("bash", [SECRETLINT, corpus, out]));
    log(`   secretlint: ${sl.wall.toFixed(2)} s, ${(mb / sl.wall).toFixed(1)} MB/s, peak ${sl.rssMb.toFixed(0)} MB, CPU ${sl.cpu.toFixed(2)} s`);
    log(`   postguard is ${(sl.wall / pg.wall).toFixed(1)}x secretlint's speed`);
    rmSync(out, { force: true });
  }
  rows.push({ name, files, mb, pg, sl });
}

// -- one post ---------------------------------------------------------------------------

log();
const postDir = mkdtempSync(join(tmpdir(), "postguard-bench-post-"));
const cleanPost = join(postDir, "clean-post.md");
const sentence = "Object storage is the cheapest place to keep build artefacts, but the first upload is where most people get stuck. ";
writeFileSync(
  cleanPost,
  `---\ntitle: Uploading build artefacts to S3\n---\n\n${sentence.repeat(40)}\n\n\`\`\`bash\naws configure set aws_access_key_id <YOUR_ACCESS_KEY_ID>\naws s3 cp dist/ s3://my-bucket/ --recursive\n\`\`\`\n\n${sentence.repeat(40)}\n`,
);
const leakyPost = join(postDir, "leaky-post.md");
// Synthetic: AKIA + 16 invented base32 characters and an invented 40-character secret.
writeFileSync(leakyPost, `# Deploy notes\n\n${sentence.repeat(20)}\n\n\`\`\`ini\naws_access_key_id = AKIAQ4ZT7WX2NR5KM3BV\naws_secret_access_key = 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\n\`\`\`\n`);
const posts = [];
for (const [label, file] of [["clean post (no candidate)", cleanPost], ["post with a leaked key", leakyPost]]) {
  await measure(process.execPath, [BIN, "scan", file]); // warm the file cache
  const runs = [];
  const cpus = [];
  for (let i = 0; i < (quick ? 5 : POST_RUNS); i++) {
    const r = await measure(process.execPath, [BIN, "scan", file]);
    runs.push(r.wall * 1000);
    cpus.push(r.cpu * 1000);
  }
  const ms = median(runs);
  posts.push({ label, ms, min: Math.min(...runs), cpu: median(cpus) });
  log(`one post, ${label}: median ${ms.toFixed(0)} ms (min ${Math.min(...runs).toFixed(0)} ms, CPU ${median(cpus).toFixed(0)} ms) over ${runs.length} runs, whole process`);
}
rmSync(postDir, { recursive: true, force: true });

// -- flat memory: the first corpus ten times ---------------------------------------------

log();
const base = corpora[0];
const tenDir = mkdtempSync(join(tmpdir(), "postguard-bench-ten-"));
for (let k = 0; k < 10; k++) {
  for (const f of walk(base)) {
    const to = join(tenDir, `copy-${k}`, relative(base, f));
    mkdirSync(dirname(to), { recursive: true });
    linkSync(f, to); // hard links: ten trees of paths, one copy of the bytes on disk
  }
}
const one = rows[0].pg;
const ten = await measure(process.execPath, [BIN, "scan", tenDir]);
const tenSize = sizeOf(tenDir);
log(`ten copies of ${rows[0].name}: ${tenSize.files} files, ${tenSize.mb.toFixed(0)} MB: ${ten.wall.toFixed(2)} s (${(ten.wall / one.wall).toFixed(1)}x one copy), peak ${ten.rssMb.toFixed(0)} MB (one copy: ${one.rssMb.toFixed(0)} MB)`);
rmSync(tenDir, { recursive: true, force: true });

// -- accuracy ---------------------------------------------------------------------------

log();
let accuracy = "not measured (../shared/bench/corpus-dev is absent)";
const dev = join(SHARED, "bench/corpus-dev");
if (existsSync(join(dev, "posts"))) {
  const sarif = join(tmpdir(), `postguard-bench-${process.pid}.sarif`);
  spawnSync(process.execPath, [BIN, "scan", join(dev, "posts"), "--format", "sarif", "--output", sarif], { cwd: ROOT, stdio: "ignore" });
  const score = spawnSync(process.execPath, [join(SHARED, "bench/score.mjs"), "--labels", join(dev, "labels.jsonl"), "--sarif", sarif], { cwd: ROOT, encoding: "utf8" });
  accuracy = /precision=\S+ recall=\S+ f1=\S+/.exec(score.stdout)?.[0] ?? `score failed: ${score.stderr.slice(0, 300)}`;
  rmSync(sarif, { force: true });
}
log(`accuracy on corpus-dev: ${accuracy}`);

// -- the table --------------------------------------------------------------------------

log();
log("| corpus | files | MB | postguard s | MB/s | peak MB | CPU s | secretlint s | MB/s | peak MB | CPU s | speed-up |");
log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const sl = r.sl ? [r.sl.wall.toFixed(2), (r.mb / r.sl.wall).toFixed(1), r.sl.rssMb.toFixed(0), r.sl.cpu.toFixed(2), `${(r.sl.wall / r.pg.wall).toFixed(1)}x`] : ["-", "-", "-", "-", "-"];
  log(`| ${r.name} | ${r.files} | ${r.mb.toFixed(1)} | ${r.pg.wall.toFixed(2)} | ${(r.mb / r.pg.wall).toFixed(1)} | ${r.pg.rssMb.toFixed(0)} | ${r.pg.cpu.toFixed(2)} | ${sl.join(" | ")} |`);
}
log(`| ${rows[0].name} x10 | ${tenSize.files} | ${tenSize.mb.toFixed(0)} | ${ten.wall.toFixed(2)} | ${(tenSize.mb / ten.wall).toFixed(1)} | ${ten.rssMb.toFixed(0)} | ${ten.cpu.toFixed(2)} | | | | | |`);
for (const p of posts) log(`| one post: ${p.label} | 1 | | ${(p.ms / 1000).toFixed(3)} (median) | | | ${(p.cpu / 1000).toFixed(3)} | | | | | |`);
log(`accuracy: ${accuracy}`);
if (generated) rmSync(generated, { recursive: true, force: true });
