/**
 * One audit at a time per state file. SQLite would accept two writers, but two audits on
 * one state would fetch the same pages twice and each mark the run finished or
 * interrupted under the other. A lock file beside the state (`<state>.lock`, created
 * exclusively) names the process that holds it; a lock left by a process that no longer
 * runs on this host (SIGKILL, a crash, a power cut) is taken over, so `--resume` after a
 * crash needs nothing removed by hand.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** The state file is held by another running audit. */
export class StateLockedError extends Error {
  override name = "StateLockedError";
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.host === "string" ? { pid: h.pid, host: h.host, since: String(h.since ?? "?") } : undefined;
  } catch {
    return undefined; // gone meanwhile, or half written by a holder that died at once
  }
}

/**
 * Take the lock on `statePath` for this process; returns the function that releases it.
 * Throws StateLockedError naming the holder when a live process holds it (or a process on
 * another host, whose liveness cannot be checked from here).
 */
export function lockState(statePath: string): () => void {
  const file = `${statePath}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx");
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Remove only our own lock: a holder that took over a lock it judged stale keeps theirs.
        if (readHolder(file)?.pid === me.pid) unlinkSync(file);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = readHolder(file);
    if (holder === undefined && attempt === 0) {
      // Unreadable: being written by a process taking it this instant, or left empty by one
      // that died while writing. Look again shortly; still unreadable then means the latter.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    const stale = holder === undefined || (holder.host === me.host && !running(holder.pid));
    if (!stale || attempt >= 3) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : "another process";
      throw new StateLockedError(
        `${statePath} is in use by another audit (${who}); wait for it to end, or remove ${file} if no audit runs there`,
      );
    }
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}
