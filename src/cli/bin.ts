#!/usr/bin/env node
/** The only file that touches `process`: argv and io in, output and exit code out. */
import { run } from "./run.js";

// `postguard scan | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

// A worker stops cleanly on the first SIGTERM/SIGINT (in-flight jobs finish or go back to
// the queue), an audit records what it finished and can be resumed; a second signal ends
// either at once. Other commands keep the default behaviour.
const stop = new AbortController();
if (process.argv[2] === "worker" || process.argv[2] === "audit") {
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.on(sig, () => {
      if (stop.signal.aborted) process.exit(sig === "SIGTERM" ? 143 : 130);
      stop.abort();
    });
  }
}

// No top-level await: the bundle's CommonJS build (scripts/build-cli.mjs) has none.
void run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdin: process.stdin,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  signal: stop.signal,
  stderrWrite: (text) => void process.stderr.write(text),
  stdoutWrite: (text) => void process.stdout.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
}).then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
});
