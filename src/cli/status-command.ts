/** `postguard status --queue redis://… [--store postgres://…]`: where a distributed sweep stands. */
import { resolve } from "node:path";
import { StoreOpenError } from "../distributed/open-store.js";
import { isPostgresUrl } from "../distributed/postgres.js";
import { QueueUnreachableError } from "../distributed/queue.js";
import { formatStatus, sweepStatus } from "../distributed/status.js";
import type { StatusOptions } from "./distributed-options.js";
import type { CommandResult, RunContext } from "./run.js";

export async function statusCommand(opts: StatusOptions, ctx: RunContext): Promise<CommandResult> {
  const store = opts.store && !isPostgresUrl(opts.store) ? resolve(ctx.cwd, opts.store) : opts.store;
  try {
    const s = await sweepStatus({ redisUrl: opts.queue, queueName: opts.queueName, ...(store ? { store } : {}) });
    return { exitCode: 0, stdout: opts.format === "json" ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s), stderr: "" };
  } catch (e) {
    if (e instanceof StoreOpenError || e instanceof QueueUnreachableError) return { exitCode: 2, stdout: "", stderr: `postguard: error: ${e.message}\n` };
    throw e;
  }
}
