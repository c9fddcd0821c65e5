/**
 * Flags of the distributed audit's commands (`worker`, `status`, and `--queue` for
 * `audit`): argv -> validated options, every bad value a UsageError naming it.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./options.js";

/**
 * Whether `value` looks like a Redis URL (`redis://` or `rediss://`). The same check as
 * ../distributed/queue.ts's isRedisUrl, kept here because importing that module loads
 * bullmq and ioredis, which every postguard start (a pre-commit hook) would pay for.
 */
function isRedisUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "redis:" || u.protocol === "rediss:") && !!u.hostname;
  } catch {
    return false;
  }
}

export const DEFAULT_QUEUE_NAME = "postguard-audit";

export interface WorkerOptions {
  command: "worker";
  queue: string;
  queueName: string;
  store: string;
  concurrency: number;
  /** undefined: one less than the cores. */
  threads?: number;
  stallTimeoutMs: number;
  graceMs: number;
  untilEmpty: boolean;
  statusIntervalMs: number;
  name?: string;
  quiet: boolean;
}

export interface StatusOptions {
  command: "status";
  queue: string;
  queueName: string;
  store?: string;
  format: "text" | "json";
}

const code = (s: string) => `\`${s}\``;

function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError(err.message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option '([^']+)'/, "unknown option `$1`"));
    }
    throw e;
  }
}

/** `--queue redis://HOST:PORT`: required, checked. */
export function queueUrl(value: string | undefined, command: string): string {
  if (value === undefined) throw new UsageError(`\`${command}\` needs --queue redis://HOST:PORT: the Redis server the audit's jobs are on`);
  if (!isRedisUrl(value)) throw new UsageError(`--queue must be a Redis URL such as redis://127.0.0.1:6379; got ${code(value)}`);
  return value;
}

export function queueName(value: string | undefined): string {
  if (value === undefined) return DEFAULT_QUEUE_NAME;
  if (!/^[\w.-]{1,100}$/.test(value)) throw new UsageError(`--queue-name must be letters, digits, '.', '_' or '-' (at most 100); got ${code(value)}`);
  return value;
}

function seconds(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < min || n > 86_400) throw new UsageError(`--${flag} must be a number of seconds from ${min} to 86400; got ${code(value)}`);
  return Math.round(n * 1000);
}

function count(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > 1024) throw new UsageError(`--${flag} must be a whole number from ${min} to 1024; got ${code(value)}`);
  return n;
}

function noPositionals(command: string, positionals: string[]): void {
  if (positionals.length) throw new UsageError(`\`${command}\` takes no arguments; got ${code(positionals[0]!)}`);
}

export function parseWorker(args: string[]): WorkerOptions | { command: "help" } {
  const { values: v, positionals } = parse({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      queue: { type: "string" },
      "queue-name": { type: "string" },
      store: { type: "string" },
      concurrency: { type: "string" },
      threads: { type: "string" },
      "stall-timeout": { type: "string" },
      grace: { type: "string" },
      "until-empty": { type: "boolean" },
      "status-interval": { type: "string" },
      name: { type: "string" },
      quiet: { type: "boolean", short: "q" },
    },
  });
  if (v.help) return { command: "help" };
  noPositionals("worker", positionals);
  const store = v.store;
  if (!store) throw new UsageError("`worker` needs --store postgres://USER:PASSWORD@HOST:5432/DB: where the outcomes and findings go");
  const name = v.name;
  if (name !== undefined && !/^[\w.-]{1,100}$/.test(name)) throw new UsageError(`--name must be letters, digits, '.', '_' or '-'; got ${code(name)}`);
  return {
    command: "worker",
    queue: queueUrl(v.queue, "worker"),
    queueName: queueName(v["queue-name"]),
    store,
    concurrency: count("concurrency", v.concurrency, 16, 1),
    ...(v.threads !== undefined ? { threads: count("threads", v.threads, 0, 0) } : {}),
    stallTimeoutMs: seconds("stall-timeout", v["stall-timeout"], 30_000, 1),
    graceMs: seconds("grace", v.grace, 30_000, 0),
    untilEmpty: v["until-empty"] ?? false,
    statusIntervalMs: seconds("status-interval", v["status-interval"], 10_000, 0.1),
    ...(name !== undefined ? { name } : {}),
    quiet: v.quiet ?? false,
  };
}

export function parseStatus(args: string[]): StatusOptions | { command: "help" } {
  const { values: v, positionals } = parse({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      queue: { type: "string" },
      "queue-name": { type: "string" },
      store: { type: "string" },
      format: { type: "string", short: "f" },
    },
  });
  if (v.help) return { command: "help" };
  noPositionals("status", positionals);
  const format = v.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be one of text, json; got ${code(format)}`);
  if (v.store === "") throw new UsageError("--store needs a database such as postgres://USER:PASSWORD@HOST:5432/DB");
  return {
    command: "status",
    queue: queueUrl(v.queue, "status"),
    queueName: queueName(v["queue-name"]),
    ...(v.store !== undefined ? { store: v.store } : {}),
    format,
  };
}

/** `audit --queue`: flags that only make sense when the audit runs here. */
export function queueConflicts(v: { resume?: boolean; state?: string; jsonl?: string; sarif?: string; report?: string; workers?: string }): void {
  const here = [
    v.resume ? "--resume" : undefined,
    v.state !== undefined ? "--state" : undefined,
    v.jsonl !== undefined ? "--jsonl" : undefined,
    v.sarif !== undefined ? "--sarif" : undefined,
    v.report !== undefined ? "--report" : undefined,
    v.workers !== undefined ? "--workers" : undefined,
  ].filter(Boolean);
  if (here.length) {
    throw new UsageError(
      `${here.join(", ")} ${here.length === 1 ? "belongs" : "belong"} to an audit run on this machine; with --queue the workers run it (postguard worker --store …), ` +
        "`postguard status` follows it and `postguard report` reads its store",
    );
  }
}
