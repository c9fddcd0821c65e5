/**
 * Scanning on worker threads gives the report one thread gives, in the same order, and a
 * thread that dies names the file it died on while the other files are still scanned.
 * Workers run the built code (dist/), so the build runs first, as in test/cli/bin.test.ts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { discoverFiles } from "../../src/fs/discover.js";
import { scanFiles, type FileOutcome } from "../../src/fs/scan-files.js";
import { parallelScanner, WorkerPool, workerScript, type FileInput } from "../../src/fs/worker-pool.js";
import { builtinRules } from "../../src/rules/load.js";
import { Engine } from "../../src/scan.js";
import { CONFIDENCES, type Finding } from "../../src/types.js";
import { KEY_ID, SECRET_KEY, tempTree } from "../cli/helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

beforeAll(() => {
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "pipe" });
  } catch {
    // other files' type errors; tsc still emits
  }
  if (!existsSync(fileURLToPath(workerScript()))) throw new Error("the worker script was not built");
}, 120_000);

const engine = new Engine(builtinRules());
const keep = (f: Finding) => CONFIDENCES.indexOf(f.confidence) >= 1;

/** A docs tree: posts with and without credentials, HTML, a binary, a broken link. */
function docsTree(): string {
  const files: Record<string, string | Uint8Array> = {};
  for (let i = 0; i < 40; i++) {
    const name = `content/posts/${String(i).padStart(2, "0")}-post`;
    if (i % 7 === 0) files[`${name}.md`] = `# Deploy ${i}\n\n\`\`\`ini\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n\`\`\`\n`;
    else if (i % 5 === 0) files[`${name}.html`] = `<html><body><pre><code>const s3 = new S3Client({ accessKeyId: "${KEY_ID}" });</code></pre></body></html>\n`;
    else files[`${name}.md`] = `# Notes ${i}\n\nNothing secret here, only a password policy and an api key placeholder: <YOUR_API_KEY>.\n`;
  }
  files["content/img/logo.dat"] = Buffer.from([0x89, 0x50, 0x00, 0x47]);
  const dir = tempTree(files);
  symlinkSync(join(dir, "content/missing.md"), join(dir, "content/posts/zz-dangling.md"));
  return dir;
}

async function scan(dir: string, threads: number) {
  return scanFiles(discoverFiles(["content"], { cwd: dir }), { engine, maxFileSize: 1e6, concurrency: 4, keep, frames: true, threads, threadsAfter: 0 });
}

/** The report as a user sees it, frames included. */
function comparable(r: Awaited<ReturnType<typeof scan>>) {
  return { ...r, frames: r.findings.map((f) => r.frames?.get(f)) };
}

describe("scanning on worker threads", () => {
  it("gives the same report as one thread: findings, order, frames, errors, skipped files, counts", async () => {
    const dir = docsTree();
    const one = await scan(dir, 1);
    // Two threads: one worker beside this thread; four: four workers, this thread handing out files.
    const two = await scan(dir, 2);
    const four = await scan(dir, 4);
    expect(one.findings.length).toBeGreaterThanOrEqual(8);
    expect(one.errors.map((e) => e.path)).toEqual(["content/posts/zz-dangling.md"]);
    expect(comparable(two)).toEqual(comparable(one));
    expect(comparable(four)).toEqual(comparable(one));
    // Sorted as discovered (by path), whichever thread finished first.
    const paths = two.findings.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
  });

  it("reports a file that cannot be read in a worker under its own name", async () => {
    const dir = docsTree();
    const r = await scan(dir, 2);
    expect(r.errors).toEqual([{ path: "content/posts/zz-dangling.md", message: expect.stringMatching(/^cannot read: broken symbolic link/) }]);
    expect(r.stats.scanned).toBe(40);
  });
});

describe("WorkerPool", () => {
  /** A stand-in worker speaking the pool's protocol that dies on files named crash*. */
  function fakeWorker(how: "exit" | "throw"): URL {
    const dir = tempTree({
      "worker.mjs": `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, input }) => {
  if (input.path.startsWith("crash")) setTimeout(() => { ${how === "exit" ? "process.exit(3)" : 'throw new Error("parser blew up")'} }, 30);
  else setTimeout(() => parentPort.postMessage({ id, outcome: { kind: "scanned", findings: [], frames: [], bytes: input.path.length, warnings: [] } }), 60);
});
parentPort.postMessage({ ready: true });
`,
    });
    return pathToFileURL(join(dir, "worker.mjs"));
  }

  const file = (path: string): FileInput => ({ kind: "file", path, abs: `/nowhere/${path}`, explicit: false });
  const local = async (): Promise<FileOutcome> => ({ kind: "error", message: "scanned in the calling thread" });
  const setup = { rules: [], literals: [], options: { maxFileSize: 1e6 } };

  it.each(["exit", "throw"] as const)("a worker that dies (%s) with several files in flight: only the culprit fails", async (how) => {
    const pool = new WorkerPool(1, setup, local, fakeWorker(how));
    try {
      const names = ["a.md", "crash.md", "b.md", "c.md"];
      const outcomes = await Promise.all(names.map((n) => pool.scan(file(n))));
      expect(outcomes.map((o) => o.kind)).toEqual(["scanned", "error", "scanned", "scanned"]);
      const reason = how === "exit" ? "the scanning thread stopped (exit code 3)" : "the scanning thread crashed: parser blew up";
      expect(outcomes[1]).toEqual({ kind: "error", message: `cannot scan: ${reason}` });
      // The pool keeps working after the crash.
      expect((await pool.scan(file("d.md"))).kind).toBe("scanned");
    } finally {
      await pool.close();
    }
  });

  it("the built worker reads and scans a file with the rules it was handed", async () => {
    const dir = tempTree({ "deploy.md": `aws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n` });
    const { knownPatternLiterals } = await import("../../src/detect/detect.js");
    const pool = new WorkerPool(1, { rules: engine.rules, literals: knownPatternLiterals(), options: { maxFileSize: 1e6 } }, local);
    try {
      const o = await pool.scan({ kind: "file", path: "deploy.md", abs: join(dir, "deploy.md"), explicit: false });
      expect(o.kind).toBe("scanned");
      expect(o.kind === "scanned" && o.findings.map((f) => [f.ruleId, f.start.line])).toEqual([["aws.secret-access-key", 2]]);
    } finally {
      await pool.close();
    }
  });

  it.each([2, 4])("parallelScanner on %i threads: workers that cannot start leave every file to this thread", async (threads) => {
    const missing = pathToFileURL(join(tempTree(), "no-such-worker.mjs"));
    // Slow scans here, so that files are still queued when the last worker has failed.
    const slowLocal = async (): Promise<FileOutcome> => {
      await new Promise((r) => setTimeout(r, 20));
      return local();
    };
    const scanner = parallelScanner({ engine, maxFileSize: 1e6, concurrency: 8, threads }, slowLocal, 0, missing);
    try {
      // More files than the workers would have taken (twelve each).
      const names = Array.from({ length: 80 }, (_, i) => `p${i}.md`);
      const outcomes = await Promise.all(names.map((n) => scanner.scan(file(n))));
      expect(outcomes).toEqual(Array(80).fill({ kind: "error", message: "scanned in the calling thread" }));
    } finally {
      await scanner.close();
    }
  });

  it("parallelScanner: a file whose scan throws here is reported, and the others still get scanned", async () => {
    const throwing = async (input: FileInput): Promise<FileOutcome> => {
      if (input.path.startsWith("bad")) throw new Error("boom");
      return { kind: "scanned", findings: [], frames: [], bytes: 1, warnings: [] };
    };
    const missing = pathToFileURL(join(tempTree(), "no-such-worker.mjs"));
    const scanner = parallelScanner({ engine, maxFileSize: 1e6, concurrency: 8, threads: 2 }, throwing, 0, missing);
    try {
      const outcomes = await Promise.all(["a.md", "bad.md", "c.md"].map((n) => scanner.scan(file(n))));
      expect(outcomes.map((o) => o.kind)).toEqual(["scanned", "error", "scanned"]);
      expect(outcomes[1]).toEqual({ kind: "error", message: "cannot scan: boom" });
    } finally {
      await scanner.close();
    }
  });

  it("workers that cannot start leave the scanning to the calling thread", async () => {
    const missing = pathToFileURL(join(tempTree(), "no-such-worker.mjs"));
    const pool = new WorkerPool(2, setup, local, missing);
    try {
      const outcomes = await Promise.all(["a.md", "b.md", "c.md"].map((n) => pool.scan(file(n))));
      expect(outcomes).toEqual(Array(3).fill({ kind: "error", message: "scanned in the calling thread" }));
    } finally {
      await pool.close();
    }
  });
});
