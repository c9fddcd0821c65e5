/** `postguard status --queue redis://… [--store postgres://…]`: where a distributed sweep stands. */
import { StoreOpenError } from "../distributed/open-store.js";
import { QueueUnreachableError } from "../distributed/queue.js";
import { formatStatus, sweepStatus } from "../distributed/status.js";
import type { StatusOptions } from "./distributed-options.js";
import type { CommandResult } from "./run.js";

export async function statusCommand(opts: StatusOptions): Promise<CommandResult> {
  try {
    const s = await sweepStatus({ redisUrl: opts.queue, queueName: opts.queueName, ...(opts.store ? { store: opts.store } : {}) });
    return { exitCode: 0, stdout: opts.format === "json" ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s), stderr: "" };
  } catch (e) {
    if (e instanceof StoreOpenError || e instanceof QueueUnreachableError) return { exitCode: 2, stdout: "", stderr: `postguard: error: ${e.message}\n` };
    throw e;
  }
}
