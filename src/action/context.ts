/**
 * What the runner tells the action about the run: the `GITHUB_*` environment and the
 * event payload at GITHUB_EVENT_PATH. Default variables:
 * https://docs.github.com/en/actions/reference/workflows-and-actions/variables
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

export interface Repo {
  owner: string;
  repo: string;
}

export interface PullRequestEvent {
  kind: "pull_request";
  number: number;
  /** The commit review comments attach to. */
  headSha: string;
  /** `owner/name` of the head repository; differs from the base for a fork. */
  headRepo?: string;
  baseRepo?: string;
  /** Files GitHub counts as changed (the file list API stops at 3,000). */
  changedFiles?: number;
}

/** push, workflow_dispatch, schedule…: the whole tree at `sha`. */
export interface TreeEvent {
  kind: "tree";
  name: string;
  sha?: string;
}

export interface ActionContext {
  eventName: string;
  event: PullRequestEvent | TreeEvent;
  repo?: Repo;
  workspace: string;
  apiUrl: string;
  serverUrl: string;
  stepSummary?: string;
  output?: string;
  /** GITHUB_ACTIONS=true: only then are workflow commands like add-mask meant for a runner. */
  onRunner: boolean;
}

export class ContextError extends Error {
  override name = "ContextError";
}

type Env = Readonly<Record<string, string | undefined>>;

/** Events whose payload carries a `pull_request` and whose diff we report on. */
const PR_EVENTS = new Set(["pull_request", "pull_request_target"]);

interface PayloadPR {
  number?: unknown;
  changed_files?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  base?: { repo?: { full_name?: unknown } | null };
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

async function readPayload(path: string | undefined): Promise<Record<string, unknown>> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (e) {
    throw new ContextError(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${(e as Error).message}`);
  }
}

export async function readContext(env: Env, cwd: string): Promise<ActionContext> {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const ctx: Omit<ActionContext, "event"> = {
    eventName,
    ...(owner && repo ? { repo: { owner, repo } } : {}),
    workspace: resolve(cwd, env.GITHUB_WORKSPACE || "."),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    ...(env.GITHUB_STEP_SUMMARY ? { stepSummary: env.GITHUB_STEP_SUMMARY } : {}),
    ...(env.GITHUB_OUTPUT ? { output: env.GITHUB_OUTPUT } : {}),
    onRunner: env.GITHUB_ACTIONS === "true",
  };
  if (!PR_EVENTS.has(eventName)) return { ...ctx, event: { kind: "tree", name: eventName || "unknown", ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}) } };

  const payload = await readPayload(env.GITHUB_EVENT_PATH);
  const pr = payload.pull_request as PayloadPR | undefined;
  const number = typeof pr?.number === "number" ? pr.number : undefined;
  const headSha = str(pr?.head?.sha);
  if (!pr || number === undefined || !headSha) {
    throw new ContextError(`the ${eventName} event payload at GITHUB_EVENT_PATH=${env.GITHUB_EVENT_PATH ?? "(unset)"} has no pull_request with a number and head.sha`);
  }
  if (!ctx.repo) throw new ContextError(`GITHUB_REPOSITORY must be owner/name; got \`${env.GITHUB_REPOSITORY ?? ""}\``);
  const headRepo = str(pr.head?.repo?.full_name);
  const baseRepo = str(pr.base?.repo?.full_name);
  return {
    ...ctx,
    event: {
      kind: "pull_request",
      number,
      headSha,
      ...(headRepo ? { headRepo } : {}),
      ...(baseRepo ? { baseRepo } : {}),
      ...(typeof pr.changed_files === "number" ? { changedFiles: pr.changed_files } : {}),
    },
  };
}

/** A PR from another repository: with `pull_request`, its token cannot write to this one. */
export function isFork(event: PullRequestEvent): boolean {
  return event.headRepo !== undefined && event.baseRepo !== undefined && event.headRepo !== event.baseRepo;
}
