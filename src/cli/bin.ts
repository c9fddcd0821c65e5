#!/usr/bin/env node
/** The only file that touches `process`: argv and io in, output and exit code out. */
import { run } from "./run.js";

// `postguard scan | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const result = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdin: process.stdin,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
});
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
