/**
 * The CLI as a function: `run(argv, io) -> {exitCode, stdout, stderr}`. Nothing here
 * touches `process`; bin.ts passes argv, cwd, env and stdin in and writes the result out,
 * so tests run the whole CLI in-process.
 */
import { resolve } from "node:path";
import { BaselineError } from "../baseline/baseline.js";
import { ConfigError } from "../config/schema.js";
import { GitError } from "../git/error.js";
import { RuleError } from "../rules/load.js";
import { HELP } from "./help.js";
import { parseCommand, UsageError } from "./options.js";
import { version } from "./version.js";

/** Where stdin comes from: text, bytes or a stream (process.stdin). */
export type StdinSource = string | Uint8Array | AsyncIterable<Uint8Array | string>;

export interface RunIO {
  /** Folder relative paths resolve against and output paths are relative to. Default: `.`. */
  cwd?: string;
  /** Read only when `-` is among the paths. Default: empty. */
  stdin?: StdinSource;
  /** Environment (NO_COLOR, FORCE_COLOR, TERM). Default: empty. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour). Default: false. */
  stdoutIsTTY?: boolean;
  /** Aborted on SIGTERM/SIGINT: long-running commands (worker) stop cleanly. */
  signal?: AbortSignal;
  /** Progress of long-running commands, written as it happens (else kept for `stderr`). */
  stderrWrite?: (text: string) => void;
  /** Findings of long-running commands (audit), written as they are found (else kept for `stdout`). */
  stdoutWrite?: (text: string) => void;
  /** Whether stderr is a terminal (a progress bar instead of log lines). Default: false. */
  stderrIsTTY?: boolean;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `io` with defaults applied, as the commands see it. */
export interface RunContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stdin(): AsyncIterable<Uint8Array | string>;
  signal?: AbortSignal;
  stderrWrite?: (text: string) => void;
  stdoutWrite?: (text: string) => void;
  stderrIsTTY?: boolean;
}

function toStream(src: StdinSource | undefined): AsyncIterable<Uint8Array | string> {
  if (src === undefined) return (async function* () {})();
  if (typeof src === "string" || src instanceof Uint8Array) {
    return (async function* () {
      yield src;
    })();
  }
  return src;
}

/** Run the CLI. Never throws: every failure becomes exit code 2 with a message. */
export async function run(argv: readonly string[], io: RunIO = {}): Promise<CommandResult> {
  const ctx: RunContext = {
    cwd: resolve(io.cwd ?? "."),
    env: io.env ?? {},
    stdoutIsTTY: io.stdoutIsTTY ?? false,
    stdin: () => toStream(io.stdin),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.stderrWrite ? { stderrWrite: io.stderrWrite } : {}),
    ...(io.stdoutWrite ? { stdoutWrite: io.stdoutWrite } : {}),
    stderrIsTTY: io.stderrIsTTY ?? false,
  };
  try {
    const cmd = parseCommand(argv);
    switch (cmd.command) {
      case "help":
        return { exitCode: 0, stdout: `postguard ${version()}: find credentials leaked in blog posts and docs\n\n${HELP}`, stderr: "" };
      case "version":
        return { exitCode: 0, stdout: `${version()}\n`, stderr: "" };
      // Loaded on demand: the parsers behind them take a while to import, --help should not wait.
      case "rules-list":
        return (await import("./rules-command.js")).rulesList(cmd);
      case "rules-check":
        return await (await import("./rules-command.js")).rulesCheck(cmd, ctx);
      case "scan":
        return await (await import("./scan-command.js")).scanCommand(cmd, ctx);
      case "baseline":
        return await (await import("./baseline-command.js")).baselineCommand(cmd, ctx);
      case "fix":
        return await (await import("./fix-command.js")).fixCommand(cmd, ctx);
      case "init":
        return await (await import("./init-command.js")).initCommand(cmd, ctx);
      case "audit":
        return await (await import("./audit-command.js")).auditCommand(cmd, ctx);
      case "worker":
        return await (await import("./worker-command.js")).workerCommand(cmd, ctx);
      case "status":
        return await (await import("./status-command.js")).statusCommand(cmd, ctx);
      case "report":
        return await (await import("./report-command.js")).reportCommand(cmd, ctx);
    }
  } catch (e) {
    if (e instanceof UsageError) return { exitCode: 2, stdout: "", stderr: `postguard: ${e.message}\nRun \`postguard --help\` for usage.\n` };
    if (e instanceof ConfigError) {
      const n = e.problems.length;
      return { exitCode: 2, stdout: "", stderr: `postguard: error: ${n} problem${n === 1 ? "" : "s"} in the configuration; nothing was scanned:\n${e.message}\n` };
    }
    if (e instanceof GitError || e instanceof BaselineError) return { exitCode: 2, stdout: "", stderr: `postguard: error: ${e.message}\n` };
    if (e instanceof RuleError) {
      return { exitCode: 2, stdout: "", stderr: `postguard: error: the rules are broken (\`postguard rules check\` lists the problems):\n${e.message}\n` };
    }
    return { exitCode: 2, stdout: "", stderr: `postguard: internal error: ${(e as Error)?.stack ?? String(e)}\n` };
  }
}
