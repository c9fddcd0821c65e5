/**
 * A scan worker thread: compiles the rules it is handed once, then reads and scans each
 * file the pool sends (./worker-pool.ts), one message back per file. Reading here, not in
 * the main thread, keeps file bytes off the message channel.
 */
import { parentPort, workerData } from "node:worker_threads";
import { offerTables } from "../detect/aho-corasick.js";
import { addPatternLiterals } from "../detect/detect.js";
import { Engine } from "../scan.js";
import { readFileLimited, readFileLimitedSync } from "./read-file.js";
import { scanOne, type FileOutcome } from "./scan-files.js";
import type { WorkerReply, WorkerSetup, WorkerTask } from "./worker-pool.js";

const setup = workerData as WorkerSetup;
addPatternLiterals(setup.literals);
offerTables(setup.automaton);
const engine = new Engine(setup.rules);
const opts = { ...setup.options, engine, concurrency: 1 };
const port = parentPort!;

port.on("message", async (task: WorkerTask) => {
  let outcome: FileOutcome;
  try {
    // A walked file is a regular file (or a link to one): read it in one blocking go.
    outcome = await scanOne(task.input, opts, opts.maxFileSize, task.input.explicit ? readFileLimited : readFileLimitedSync);
  } catch (e) {
    outcome = { kind: "error", message: `cannot scan: ${(e as Error).message}` };
  }
  try {
    port.postMessage({ id: task.id, outcome } satisfies WorkerReply);
  } catch (e) {
    port.postMessage({ id: task.id, outcome: { kind: "error", message: `cannot scan: ${(e as Error).message}` } } satisfies WorkerReply);
  }
});
port.postMessage({ ready: true } satisfies WorkerReply);
