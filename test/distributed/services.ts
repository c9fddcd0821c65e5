/**
 * Redis and PostgreSQL for the distributed tests, as started by scripts/ci-services.sh
 * (POSTGUARD_TEST_REDIS_URL, POSTGUARD_TEST_POSTGRES_URL). Without them the tests are
 * skipped with a loud message — but not under CI, where they must run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";

export const REDIS_URL = process.env.POSTGUARD_TEST_REDIS_URL;
export const POSTGRES_URL = process.env.POSTGUARD_TEST_POSTGRES_URL;
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = fileURLToPath(new URL("../../dist/cli/bin.js", import.meta.url));

async function reachable(): Promise<string | undefined> {
  if (!REDIS_URL || !POSTGRES_URL) return "POSTGUARD_TEST_REDIS_URL and POSTGUARD_TEST_POSTGRES_URL are not set";
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    return `Redis at ${REDIS_URL} does not answer (${(e as Error).message})`;
  } finally {
    redis.disconnect();
  }
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    return `PostgreSQL at ${POSTGRES_URL} does not answer (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!existsSync(BIN)) return `${BIN} is missing: run \`npm run build\` first`;
  return undefined;
}

/** Why the services cannot be used (undefined: they can). Throws under CI. */
export async function servicesProblem(): Promise<string | undefined> {
  const why = await reachable();
  if (!why) return undefined;
  if (process.env.CI) throw new Error(`the distributed tests must run under CI, but ${why}; .ci/run sources scripts/ci-services.sh to start them`);
  console.warn(
    [
      "",
      "*".repeat(78),
      `* SKIPPED: the distributed-audit tests (test/distributed/): ${why}.`,
      "* Start Redis and PostgreSQL on 127.0.0.1 with:  source scripts/ci-services.sh",
      "*".repeat(78),
      "",
    ].join("\n"),
  );
  return why;
}

/** A database of its own for one test, dropped by the returned function. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pgtest_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(POSTGRES_URL!);
  u.pathname = `/${name}`;
  return {
    url: u.href,
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Remove a test queue's keys and its sweep's limiter keys. */
export async function dropQueue(queueName: string, runId?: string): Promise<void> {
  const redis = new Redis(REDIS_URL!);
  try {
    for (const pattern of [`bull:${queueName}:*`, ...(runId ? [`b_postguard-${runId}*`] : [])]) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
}

export interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

/** The built CLI (`node dist/cli/bin.js …`) as a child process. */
export function cli(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const p: Proc = { child, stdout: "", stderr: "", exit: undefined as unknown as Promise<number | null> };
  child.stdout!.on("data", (d: Buffer) => (p.stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (p.stderr += d.toString()));
  p.exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve(signal ? null : code)));
  return p;
}

/** Wait for a process, or fail naming it with its output after `ms`. */
export async function finished(p: Proc, ms: number, what: string): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill("SIGKILL");
      reject(new Error(`${what} did not finish in ${ms / 1000} s\n--- stderr ---\n${p.stderr.slice(-4000)}`));
    }, ms);
  });
  try {
    return await Promise.race([p.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
