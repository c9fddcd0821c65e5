/**
 * A scanning thread: builds the engine once, then scans documents as they arrive. The
 * page bytes come transferred (not copied); findings go back as plain objects.
 */
import { parentPort, workerData } from "node:worker_threads";
import { makeEngine, runScanJob, type ScanJob, type ScanSettings } from "./scan-job.js";

const settings = workerData as ScanSettings;
const engine = makeEngine(settings);

parentPort!.on("message", (msg: { id: number; job: ScanJob }) => {
  parentPort!.postMessage({ id: msg.id, result: runScanJob(msg.job, engine, settings) });
});
