/**
 * The sweep as a run in the audit store, so `postguard report` and `status` read a
 * distributed audit exactly as they read a single-machine one. The first job a worker
 * takes creates the run (any number of workers may try at once: the insert is an
 * upsert); a worker that finds the queue empty marks it finished.
 */
import type { AuditStore } from "../audit/store/audit-store.js";
import type { SweepSettings } from "./queue.js";

export async function ensureRun(store: AuditStore, s: SweepSettings, queueName: string): Promise<void> {
  const config = {
    sources: [],
    ...(s.since !== undefined ? { since: s.since } : {}),
    domains: s.domains,
    rules: s.rules,
    minConfidence: s.minConfidence,
    devtoApi: s.devtoApi,
    githubApi: s.githubApi,
    queue: queueName,
  };
  await store.db.run(
    `INSERT INTO audit_runs (id, started_at, finished_at, status, config) VALUES (?, ?, NULL, 'running', ?)
     ON CONFLICT (id) DO UPDATE SET status = 'running', finished_at = NULL WHERE audit_runs.status <> 'running'`,
    [s.runId, s.createdAt, JSON.stringify(config)],
  );
}

export async function markRunFinished(store: AuditStore, runId: string): Promise<void> {
  await store.db.run("UPDATE audit_runs SET status = 'finished', finished_at = ? WHERE id = ? AND status <> 'finished'", [new Date().toISOString(), runId]);
}
