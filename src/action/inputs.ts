/**
 * The action's inputs, as the runner passes them: `with: {fail-on: high}` becomes the
 * environment variable `INPUT_FAIL-ON` (upper-cased, spaces to `_`, hyphens kept).
 * Every bad value is collected, so one run names them all (STYLE.md §5).
 */
import { isAbsolute, normalize } from "node:path";
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from "../types.js";

export type CommentMode = "review" | "summary" | "off";
export const COMMENT_MODES: readonly CommentMode[] = ["review", "summary", "off"];

/** `fail-on: none` reports without ever failing the step. */
export type FailOn = Severity | "none";

export interface ActionInputs {
  /** Files, folders and globs relative to the workspace; `["."]` by default. */
  paths: string[];
  config?: string;
  baseline?: string;
  failOn: FailOn;
  minConfidence: Confidence;
  comment: CommentMode;
  /** Relative to the workspace. */
  sarifFile: string;
  /** Empty when the workflow passed none. */
  token: string;
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "InputError";
  }
}

export const DEFAULT_SARIF_FILE = "postguard.sarif";

/** The runner's name for an input: `fail-on` -> `INPUT_FAIL-ON`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

export function readInput(env: Readonly<Record<string, string | undefined>>, name: string): string {
  return (env[inputVariable(name)] ?? "").trim();
}

/** `content/**\/*.md, docs` or one per line -> a list; comments (`# …`) and blanks dropped. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith("#"));
}

/** A path the workspace holds: relative, not climbing out of it. */
function insideWorkspace(p: string): boolean {
  const n = normalize(p);
  return !isAbsolute(p) && n !== ".." && !n.startsWith("../");
}

export function parseInputs(env: Readonly<Record<string, string | undefined>>): ActionInputs {
  const problems: string[] = [];
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = readInput(env, name);
    if (!v) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`input \`${name}\` must be one of ${allowed.join(", ")}; got \`${v}\``);
    return fallback;
  };
  const file = (name: string): string | undefined => {
    const v = readInput(env, name);
    if (!v) return undefined;
    if (!insideWorkspace(v)) problems.push(`input \`${name}\` must be a path inside the workspace; got \`${v}\``);
    return v;
  };

  const paths = splitList(readInput(env, "paths"));
  for (const p of paths) if (!insideWorkspace(p)) problems.push(`input \`paths\` must name paths inside the workspace; got \`${p}\``);
  const inputs: ActionInputs = {
    paths: paths.length ? paths : ["."],
    failOn: oneOf<FailOn>("fail-on", [...SEVERITIES, "none"], "low"),
    minConfidence: oneOf("min-confidence", CONFIDENCES, "medium"),
    comment: oneOf("comment", COMMENT_MODES, "review"),
    sarifFile: file("sarif-file") ?? DEFAULT_SARIF_FILE,
    token: readInput(env, "github-token"),
  };
  const config = file("config");
  const baseline = file("baseline");
  if (config) inputs.config = config;
  if (baseline) inputs.baseline = baseline;
  if (problems.length) throw new InputError(problems);
  return inputs;
}
