/**
 * Scanning on worker threads, so parsing and matching use every core while the main
 * thread keeps fetching and writing state. Each worker gets at most two documents at a
 * time (one to scan, one queued, so it never idles waiting for the main thread); the
 * rest wait here, and `load` tells the caller when to stop fetching ahead.
 *
 * A worker that dies (out of memory on a hostile page) fails only its own documents and
 * is replaced. With `threads: 0` — or when no compiled worker exists, as when the
 * sources run under a TypeScript test runner without a build — documents are scanned on
 * the main thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Engine } from "../../scan.js";
import { makeEngine, runScanJob, type ScanJob, type ScanJobResult, type ScanSettings } from "./scan-job.js";

interface Task {
  id: number;
  job: ScanJob;
  resolve: (r: ScanJobResult) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Task>;
}

const PER_WORKER = 2;

/** Set to `true` by scripts/build-cli.mjs (esbuild `define`); undeclared elsewhere. */
declare const POSTGUARD_CLI_BUNDLE: boolean | undefined;

/**
 * The compiled worker next to this module, or the build's copy when running from source.
 * In the CLI bundle every file shares one folder, and `./scan-worker.js` is the file
 * scan's worker (src/fs/scan-worker.ts).
 */
export function workerScript(): URL | undefined {
  const bundled = typeof POSTGUARD_CLI_BUNDLE !== "undefined" && POSTGUARD_CLI_BUNDLE;
  const here = new URL(bundled ? "./audit-scan-worker.js" : "./scan-worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return existsSync(fileURLToPath(here)) ? here : undefined;
  const built = new URL("../../../dist/audit/scan/scan-worker.js", import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private engine?: Engine;
  private closed = false;
  /** Documents handed in and not yet answered. */
  load = 0;
  readonly threads: number;

  constructor(
    private readonly settings: ScanSettings,
    threads: number,
  ) {
    const script = threads > 0 ? workerScript() : undefined;
    this.threads = script ? threads : 0;
    if (script) for (let i = 0; i < threads; i++) this.slots.push(this.spawn(script));
    else this.engine = makeEngine(settings);
  }

  private spawn(script: URL): Slot {
    const slot: Slot = { worker: new Worker(script, { workerData: this.settings }), inFlight: new Map() };
    slot.worker.on("message", (msg: { id: number; result: ScanJobResult }) => {
      const task = slot.inFlight.get(msg.id);
      if (!task) return;
      slot.inFlight.delete(msg.id);
      this.done(task, msg.result);
      this.dispatch();
    });
    const fail = (why: string) => {
      const lost = [...slot.inFlight.values()];
      slot.inFlight.clear();
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed) this.slots[i] = this.spawn(script);
      for (const t of lost) this.done(t, { kind: "error", message: `the scanner thread stopped (${why})` });
      this.dispatch();
    };
    slot.worker.on("error", (e) => fail(e.message));
    slot.worker.on("exit", (code) => {
      if (!this.closed) fail(`exit code ${code}`);
    });
    return slot;
  }

  private done(task: Task, result: ScanJobResult): void {
    this.load--;
    task.resolve(result);
  }

  private dispatch(): void {
    while (this.queue.length) {
      let best: Slot | undefined;
      for (const s of this.slots) if (s.inFlight.size < PER_WORKER && (!best || s.inFlight.size < best.inFlight.size)) best = s;
      if (!best) return;
      const task = this.queue.shift()!;
      best.inFlight.set(task.id, task);
      const bytes = task.job.bytes;
      // Transfer the page's memory instead of copying it when it owns a whole buffer.
      const transfer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
      best.worker.postMessage({ id: task.id, job: task.job }, transfer);
    }
  }

  scan(job: ScanJob): Promise<ScanJobResult> {
    this.load++;
    if (this.engine) {
      const engine = this.engine;
      // Yield first so a burst of documents does not starve the fetchers.
      return new Promise((resolve) =>
        setImmediate(() => {
          this.load--;
          resolve(runScanJob(job, engine, this.settings));
        }),
      );
    }
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
