/**
 * Argument parsing (the only place that knows flag names): argv -> validated options.
 * Every bad value is a UsageError saying what was given and what was expected.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { REPORT_FORMATS, type ReportFormat } from "../report/formats.js";
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from "../types.js";
import { parseAudit, type AuditCliOptions } from "./audit-options.js";
import { parseStatus, parseWorker, type StatusOptions, type WorkerOptions } from "./distributed-options.js";

export class UsageError extends Error {
  override name = "UsageError";
}

const code = (s: string) => `\`${s}\``;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}; got ${code(value)}`);
}

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "5MB" -> 5242880, "512KB" -> 524288, "1048576" -> 1048576. */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes <= 0) {
    throw new UsageError(`--max-file-size must be a size such as 5MB, 512KB or a number of bytes; got ${code(value)}`);
  }
  return bytes;
}

function parseCount(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 1024) throw new UsageError(`--${flag} must be a whole number from 1 to 1024; got ${code(value)}`);
  return n;
}

/** parseArgs throws TypeErrors with Node's wording; keep its message, flag it as usage. */
function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith("ERR_PARSE_ARGS")) {
      const msg = err.message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option '([^']+)'/, "unknown option `$1`");
      throw new UsageError(msg);
    }
    throw e;
  }
}

/** Which configuration a command uses: `--config FILE`, none (`--no-config`), or the nearest found. */
export interface ConfigChoice {
  config?: string;
  noConfig: boolean;
}

export interface ScanOptions extends ConfigChoice {
  command: "scan";
  paths: string[];
  stdin: boolean;
  stdinFilename?: string;
  format: ReportFormat;
  output?: string;
  failOn: Severity;
  minConfidence: Confidence;
  maxFileSize: number;
  rules: string[];
  concurrency: number;
  quiet: boolean;
  showSecrets: boolean;
  noColor: boolean;
  /** Report only findings not recorded in this baseline file. */
  baseline?: string;
  /** Scan the git index instead of the working tree. */
  staged: boolean;
  /** Scan files changed since this git ref (and untracked files). */
  since?: string;
  /** With staged/since: only findings on added lines. */
  diffOnly: boolean;
  /** Honour inline suppression markers (false: `--no-inline-ignore`, report what they hide). */
  inlineIgnore: boolean;
}

export interface BaselineOptions extends ConfigChoice {
  command: "baseline";
  paths: string[];
  output: string;
  minConfidence: Confidence;
  maxFileSize: number;
  rules: string[];
  concurrency: number;
  quiet: boolean;
}

export interface FixOptions extends ConfigChoice {
  command: "fix";
  paths: string[];
  dryRun: boolean;
  baseline?: string;
  minConfidence: Confidence;
  maxFileSize: number;
  rules: string[];
  quiet: boolean;
  showSecrets: boolean;
}

export interface InitOptions {
  command: "init";
  folder: string;
  force: boolean;
}

export interface RulesListOptions {
  command: "rules-list";
  format: "text" | "json";
}

export interface RulesCheckOptions {
  command: "rules-check";
  rulesDir?: string;
  /** Check the custom rules of this configuration file. */
  config?: string;
}

/** `postguard report`: an audit state -> the HTML report. */
export interface ReportCommandOptions {
  command: "report";
  /** The SQLite state file, or a `postgres://` URL (`--store`, the distributed audit's database). */
  state: string;
  /** File to write, or `-` for stdout. */
  output: string;
  /** Language; default from the locale (LC_ALL, LC_MESSAGES, LANG). */
  lang?: "en" | "zh";
  quiet: boolean;
}

export type Command =
  | ScanOptions
  | ReportCommandOptions
  | BaselineOptions
  | FixOptions
  | InitOptions
  | RulesListOptions
  | RulesCheckOptions
  | AuditCliOptions
  | WorkerOptions
  | StatusOptions
  | { command: "help" }
  | { command: "version" };

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
export const DEFAULT_CONCURRENCY = 8;

const COMMON = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Options every scanning command (scan, baseline, fix) shares. */
const SELECTION = {
  config: { type: "string", short: "c" },
  "no-config": { type: "boolean" },
  "min-confidence": { type: "string" },
  "max-file-size": { type: "string" },
  rule: { type: "string", multiple: true },
  quiet: { type: "boolean", short: "q" },
} as const;

function configChoice(v: { config?: string; "no-config"?: boolean }): ConfigChoice {
  if (v.config === "") throw new UsageError("--config needs a file name such as .postguard.yaml");
  if (v.config !== undefined && v["no-config"]) throw new UsageError("--config and --no-config contradict each other; give one");
  return { ...(v.config !== undefined ? { config: v.config } : {}), noConfig: v["no-config"] ?? false };
}

function parseScan(args: string[]): Command {
  const { values: v, positionals } = parse({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...COMMON,
      ...SELECTION,
      format: { type: "string", short: "f" },
      output: { type: "string", short: "o" },
      "stdin-filename": { type: "string" },
      "fail-on": { type: "string" },
      concurrency: { type: "string" },
      "show-secrets": { type: "boolean" },
      "no-color": { type: "boolean" },
      baseline: { type: "string" },
      staged: { type: "boolean" },
      since: { type: "string" },
      "diff-only": { type: "boolean" },
      "no-inline-ignore": { type: "boolean" },
    },
  });
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  const dashes = positionals.filter((p) => p === "-").length;
  if (dashes > 1) throw new UsageError("`-` (stdin) may be given only once");
  if (v["stdin-filename"] !== undefined && dashes === 0) throw new UsageError("--stdin-filename names input read from stdin; add `-` to the paths");
  if (v["stdin-filename"] === "") throw new UsageError("--stdin-filename needs a file name such as post.md");
  if (v.output === "") throw new UsageError("--output needs a file name");
  const paths = positionals.filter((p) => p !== "-");
  if (v.staged && v.since !== undefined) throw new UsageError("--staged and --since pick different changes; give one");
  if (v.since === "") throw new UsageError("--since needs a git commit such as main, HEAD~3 or a commit hash");
  if ((v.staged || v.since !== undefined) && dashes) throw new UsageError(`${v.staged ? "--staged" : "--since"} reads files from git; it cannot be combined with \`-\` (stdin)`);
  if (v["diff-only"] && !v.staged && v.since === undefined) throw new UsageError("--diff-only needs --staged or --since REF to know which lines are added");
  if (v.baseline === "") throw new UsageError("--baseline needs a file name such as .postguard-baseline.json");
  const git = v.staged || v.since !== undefined;
  return {
    command: "scan",
    ...configChoice(v),
    // With --staged / --since the paths limit which changed files count (git pathspecs).
    paths: paths.length || dashes || git ? paths : ["."],
    stdin: dashes === 1,
    ...(v["stdin-filename"] !== undefined ? { stdinFilename: v["stdin-filename"] } : {}),
    format: oneOf("format", v.format, REPORT_FORMATS, "text"),
    ...(v.output !== undefined ? { output: v.output } : {}),
    failOn: oneOf("fail-on", v["fail-on"], SEVERITIES, "low"),
    minConfidence: oneOf("min-confidence", v["min-confidence"], CONFIDENCES, "medium"),
    maxFileSize: v["max-file-size"] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(v["max-file-size"]),
    rules: v.rule ?? [],
    concurrency: parseCount("concurrency", v.concurrency, DEFAULT_CONCURRENCY),
    quiet: v.quiet ?? false,
    showSecrets: v["show-secrets"] ?? false,
    noColor: v["no-color"] ?? false,
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    staged: v.staged ?? false,
    ...(v.since !== undefined ? { since: v.since } : {}),
    diffOnly: v["diff-only"] ?? false,
    inlineIgnore: !(v["no-inline-ignore"] ?? false),
  };
}

function parseBaseline(args: string[]): Command {
  const { values: v, positionals } = parse({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...COMMON, ...SELECTION, output: { type: "string", short: "o" }, concurrency: { type: "string" } },
  });
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  if (v.output === "") throw new UsageError("--output needs a file name such as .postguard-baseline.json");
  if (positionals.includes("-")) throw new UsageError("`baseline` records files; it cannot read stdin (`-`)");
  return {
    command: "baseline",
    ...configChoice(v),
    paths: positionals.length ? positionals : ["."],
    output: v.output ?? ".postguard-baseline.json",
    minConfidence: oneOf("min-confidence", v["min-confidence"], CONFIDENCES, "medium"),
    maxFileSize: v["max-file-size"] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(v["max-file-size"]),
    rules: v.rule ?? [],
    concurrency: parseCount("concurrency", v.concurrency, DEFAULT_CONCURRENCY),
    quiet: v.quiet ?? false,
  };
}

function parseFix(args: string[]): Command {
  const { values: v, positionals } = parse({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...COMMON, ...SELECTION, "dry-run": { type: "boolean", short: "n" }, baseline: { type: "string" }, "show-secrets": { type: "boolean" } },
  });
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  if (positionals.includes("-")) throw new UsageError("`fix` rewrites files; it cannot fix stdin (`-`)");
  if (v.baseline === "") throw new UsageError("--baseline needs a file name such as .postguard-baseline.json");
  return {
    command: "fix",
    ...configChoice(v),
    paths: positionals.length ? positionals : ["."],
    dryRun: v["dry-run"] ?? false,
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    minConfidence: oneOf("min-confidence", v["min-confidence"], CONFIDENCES, "medium"),
    maxFileSize: v["max-file-size"] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(v["max-file-size"]),
    rules: v.rule ?? [],
    quiet: v.quiet ?? false,
    showSecrets: v["show-secrets"] ?? false,
  };
}

function parseInit(args: string[]): Command {
  const { values: v, positionals } = parse({ args, allowPositionals: true, strict: true, options: { ...COMMON, force: { type: "boolean" } } });
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  if (positionals.length > 1) throw new UsageError(`\`init\` takes at most one folder; got ${positionals.map(code).join(", ")}`);
  return { command: "init", folder: positionals[0] ?? ".", force: v.force ?? false };
}

function parseRules(args: string[]): Command {
  const [sub, ...rest] = args;
  if (sub === "-h" || sub === "--help") return { command: "help" };
  if (sub === "list") {
    const { values: v, positionals } = parse({ args: rest, allowPositionals: true, strict: true, options: { ...COMMON, format: { type: "string", short: "f" } } });
    if (v.help) return { command: "help" };
    if (positionals.length) throw new UsageError(`\`rules list\` takes no arguments; got ${code(positionals[0]!)}`);
    return { command: "rules-list", format: oneOf("format", v.format, ["text", "json"] as const, "text") };
  }
  if (sub === "check") {
    const { values: v, positionals } = parse({ args: rest, allowPositionals: true, strict: true, options: { ...COMMON, "rules-dir": { type: "string" }, config: { type: "string", short: "c" } } });
    if (v.help) return { command: "help" };
    if (positionals.length) throw new UsageError(`\`rules check\` takes no arguments (use --rules-dir DIR); got ${code(positionals[0]!)}`);
    if (v["rules-dir"] !== undefined && v.config !== undefined) throw new UsageError("`rules check` checks either a rules folder (--rules-dir) or a configuration's custom rules (--config); give one");
    if (v.config === "") throw new UsageError("--config needs a file name such as .postguard.yaml");
    return { command: "rules-check", ...(v["rules-dir"] !== undefined ? { rulesDir: v["rules-dir"] } : {}), ...(v.config !== undefined ? { config: v.config } : {}) };
  }
  throw new UsageError(sub === undefined ? "`rules` needs a subcommand: `list` or `check`" : `unknown subcommand ${code(`rules ${sub}`)}; expected \`rules list\` or \`rules check\``);
}

function parseReport(args: string[]): Command {
  const { values: v, positionals } = parse({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...COMMON, state: { type: "string" }, store: { type: "string" }, output: { type: "string", short: "o" }, lang: { type: "string" }, quiet: { type: "boolean", short: "q" } },
  });
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  if (positionals.length) throw new UsageError(`\`report\` takes no arguments (use --state FILE); got ${code(positionals[0]!)}`);
  if (v.state !== undefined && v.store !== undefined) throw new UsageError("--state and --store both name the audit to report on; give one");
  const state = v.state ?? v.store;
  if (!state) throw new UsageError("`report` needs --state FILE (the audit state that `postguard audit --state FILE` wrote) or --store postgres://… (the distributed audit's database)");
  if (!v.output) throw new UsageError("`report` needs --output FILE (such as report.html), or `--output -` for stdout");
  return {
    command: "report",
    state,
    output: v.output,
    ...(v.lang !== undefined ? { lang: oneOf("lang", v.lang, ["en", "zh"] as const, "en") } : {}),
    quiet: v.quiet ?? false,
  };
}

const COMMANDS = "`scan`, `baseline`, `fix`, `init`, `report`, `rules`, `audit`, `worker` or `status`";

/** argv (without node and the script) -> a command. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing command; expected ${COMMANDS}`);
  if (first === "-h" || first === "--help" || first === "help") return { command: "help" };
  if (first === "-v" || first === "--version") return { command: "version" };
  if (first === "scan") return parseScan(rest);
  if (first === "baseline") return parseBaseline(rest);
  if (first === "fix") return parseFix(rest);
  if (first === "init") return parseInit(rest);
  if (first === "rules") return parseRules(rest);
  if (first === "audit") return parseAudit(rest);
  if (first === "worker") return parseWorker(rest);
  if (first === "status") return parseStatus(rest);
  if (first === "report") return parseReport(rest);
  if (first.startsWith("-")) throw new UsageError(`unknown option ${code(first)}; options go after the command: \`postguard scan [options] [paths...]\``);
  throw new UsageError(`unknown command ${code(first)}; expected ${COMMANDS}`);
}
