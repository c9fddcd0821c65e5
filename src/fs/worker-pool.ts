/**
 * Scanning on every core: a pool of worker threads (./scan-worker.ts), each with its own
 * compiled rules, fed one file at a time by the bounded pull loop of scanFiles, so
 * discovery never runs ahead and memory stays flat however big the tree is.
 *
 * A worker that dies (out of memory, a crash in a parser) takes the files it was
 * working on with it. Those files are retried one per fresh worker; a file that kills
 * its worker on its own is reported as an error under its name, and the scan goes on.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AutomatonTables } from "../detect/aho-corasick.js";
import { knownPatternLiterals } from "../detect/detect.js";
import type { PatternLiterals } from "../detect/pattern-literals.js";
import type { CompiledRule } from "../rules/spec.js";
import type { DiscoveredEntry } from "./discover.js";
import type { FileOutcome, ScanFilesOptions } from "./scan-files.js";

/** A file the pool can scan: one found on disk. */
export type FileInput = Extract<DiscoveredEntry, { kind: "file" }>;

/** Everything a worker needs, copied to it once (structured clone: no functions). */
export interface WorkerSetup {
  rules: readonly CompiledRule[];
  /** The main thread's reading of the patterns (saves each worker parsing them again). */
  literals: Array<[string, PatternLiterals]>;
  /** The keyword automaton's tables (saves each worker building it again; absent, it is built). */
  automaton?: AutomatonTables;
  options: Omit<ScanFilesOptions, "engine" | "keep" | "concurrency" | "threads" | "threadsAfter">;
}

export interface WorkerTask {
  id: number;
  input: FileInput;
}

export type WorkerReply = { ready: true } | { id: number; outcome: FileOutcome };

interface Pending {
  id: number;
  input: FileInput;
  resolve: (o: FileOutcome) => void;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Pending>;
  /** Runs one suspect file at a time, so a crash names its culprit. */
  alone: boolean;
  ready: boolean;
  failed?: string;
}

/** The compiled worker script; when running from the TypeScript sources (tests), the built one. */
export function workerScript(): URL {
  const here = new URL("./scan-worker.js", import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL("../../dist/fs/scan-worker.js", import.meta.url);
}

function describeExit(slot: Slot, code: number): string {
  if (slot.failed) return slot.failed;
  return `the scanning thread stopped (exit code ${code})`;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;
  /** Set when workers cannot start at all; callers then scan in their own thread. */
  broken?: string;

  /**
   * `size` workers now; `fallback` scans a file in the caller's thread when workers cannot
   * start at all (a missing build, a platform without threads).
   */
  constructor(
    size: number,
    private readonly setup: WorkerSetup,
    private readonly fallback: (input: FileInput) => Promise<FileOutcome>,
    private readonly script: URL = workerScript(),
  ) {
    try {
      for (let i = 0; i < size; i++) this.spawn(false);
    } catch (e) {
      // E.g. an option that cannot be copied to a thread.
      this.broken = (e as Error).message;
    }
  }

  private spawn(alone: boolean): Slot {
    // A smaller young generation than V8 picks for a 24 GB machine: ~25 MB less resident
    // per worker on docs trees, no measurable loss of speed.
    const worker = new Worker(this.script, { workerData: this.setup, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    const slot: Slot = { worker, inflight: new Map(), alone, ready: false };
    worker.on("message", (msg: WorkerReply) => {
      if ("ready" in msg) {
        slot.ready = true;
        return;
      }
      const p = slot.inflight.get(msg.id);
      if (!p) return;
      slot.inflight.delete(msg.id);
      p.resolve(msg.outcome);
    });
    worker.on("error", (e: Error & { code?: string }) => {
      slot.failed = e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "ran out of memory while scanning" : `the scanning thread crashed: ${e.message}`;
    });
    worker.on("exit", (code) => this.onExit(slot, code));
    if (!alone) this.slots.push(slot);
    return slot;
  }

  private onExit(slot: Slot, code: number): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (this.closed) return;
    const lost = [...slot.inflight.values()];
    slot.inflight.clear();
    if (!slot.ready && !slot.alone) {
      // It never came up, so no worker will: scan in the caller's thread from now on.
      this.broken = describeExit(slot, code);
      for (const p of lost) void this.here(p.input).then(p.resolve);
      return;
    }
    if (!slot.alone) this.spawn(false);
    if (slot.alone || lost.length === 1) {
      // It was the only file in flight: the culprit.
      for (const p of lost) p.resolve({ kind: "error", message: `cannot scan: ${describeExit(slot, code)}` });
      return;
    }
    // Several files were in flight: find the culprit by giving each its own worker.
    for (const p of lost) this.runAlone(p);
  }

  private runAlone(p: Pending): void {
    const slot = this.spawn(true);
    slot.inflight.set(p.id, {
      ...p,
      resolve: (o) => {
        p.resolve(o);
        void slot.worker.terminate();
      },
    });
    slot.worker.postMessage({ id: p.id, input: p.input } satisfies WorkerTask);
  }

  /** A file scanned in the caller's thread; a scan that throws is that file's error. */
  private here(input: FileInput): Promise<FileOutcome> {
    return this.fallback(input).catch((e: unknown): FileOutcome => ({ kind: "error", message: `cannot scan: ${(e as Error).message}` }));
  }

  /** Whether there are workers and every one has started (and so is scanning, or waiting for files). */
  allReady(): boolean {
    return !this.broken && this.slots.length > 0 && this.slots.every((s) => s.ready);
  }

  /** Files sent to the least busy worker and not yet answered. */
  leastBusy(): number {
    let least = Infinity;
    for (const s of this.slots) least = Math.min(least, s.inflight.size);
    return least;
  }

  /** Scan one file on the least busy worker. */
  scan(input: FileInput): Promise<FileOutcome> {
    return new Promise((resolve) => {
      if (this.broken) {
        void this.here(input).then(resolve);
        return;
      }
      if (this.slots.length === 0) this.spawn(false);
      let best = this.slots[0]!;
      for (const s of this.slots) if (s.inflight.size < best.inflight.size) best = s;
      const id = this.nextId++;
      best.inflight.set(id, { id, input, resolve });
      best.worker.postMessage({ id, input } satisfies WorkerTask);
    });
  }

  /** Stop every worker; pending scans are not waited for. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

/** A scanned file's findings narrowed to the ones reported (workers scan without `keep`). */
function applyKeep(o: FileOutcome, keep: ScanFilesOptions["keep"]): FileOutcome {
  if (o.kind !== "scanned" || !keep) return o;
  return { ...o, findings: o.findings.filter(keep), frames: o.frames.filter(([f]) => keep(f)) };
}

export interface ParallelScanner {
  scan(input: FileInput): Promise<FileOutcome>;
  close(): Promise<void>;
}

/** Files sent to each worker at a time: enough to last while this thread scans a big page of its own. */
const PER_WORKER = 12;

interface Queued {
  input: FileInput;
  resolve: (o: FileOutcome) => void;
}

/**
 * Files are scanned in this thread until that has taken `after` ms (default 250: one post,
 * a handful of pages never pay for starting threads), then on workers. Files wait in one
 * queue here; each worker is kept twelve deep, and this thread takes the next whenever it is
 * free and the workers have their share:
 *
 * - on two cores (`threads` <= 2), for good: one worker and this thread, which has its
 *   rules compiled and parsers loaded already, where a second worker would spend ~0.15 s
 *   CPU starting and ~35 MB more memory (measured in docs/speed.md);
 * - on more, only until the `threads` workers are up: a thread busy scanning cannot hand
 *   out files, and many workers would run dry while it is.
 *
 * Workers that cannot start leave every file to this thread. `script` is the worker's (tests).
 */
export function parallelScanner(
  opts: ScanFilesOptions & { threads: number },
  local: (input: FileInput) => Promise<FileOutcome>,
  after = 250,
  script?: URL,
): ParallelScanner {
  const helps = opts.threads <= 2;
  let pool: WorkerPool | undefined;
  let spent = 0;
  let localBusy = false;
  const queue: Queued[] = [];
  const pump = (): void => {
    if (!pool) return;
    while (queue.length && pool.leastBusy() < PER_WORKER) {
      const { input, resolve } = queue.shift()!;
      void pool.scan(input).then((o) => {
        resolve(applyKeep(o, opts.keep));
        pump();
      });
    }
    if (queue.length && !localBusy && (helps || !pool.allReady())) {
      const { input, resolve } = queue.shift()!;
      localBusy = true;
      // On a later turn of the event loop, after the workers' replies waiting there: scans
      // chained on settled promises would keep the loop, and leave the workers idle.
      setImmediate(() => {
        void local(input)
          .catch((e: unknown): FileOutcome => ({ kind: "error", message: `cannot scan: ${(e as Error).message}` }))
          .then((o) => {
            localBusy = false;
            resolve(o);
            pump();
          });
      });
    }
  };
  return {
    async scan(input) {
      if (!pool && spent >= after) {
        const { engine, keep: _keep, concurrency: _c, threads: _t, threadsAfter: _a, ...options } = opts;
        const setup = { rules: engine.rules, literals: knownPatternLiterals(), automaton: engine.index.automatonTables(), options };
        pool = new WorkerPool(helps ? 1 : opts.threads, setup, local, script);
      }
      if (pool) {
        return new Promise((resolve) => {
          queue.push({ input, resolve });
          pump();
        });
      }
      const t0 = performance.now();
      try {
        return await local(input);
      } finally {
        spent += performance.now() - t0;
      }
    },
    async close() {
      await pool?.close();
    },
  };
}
