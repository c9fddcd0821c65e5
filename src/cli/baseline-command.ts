/**
 * `postguard baseline`: scan like `scan` does and record every reported finding by
 * fingerprint, so `scan --baseline FILE` later reports only new ones.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatBaseline } from "../baseline/baseline.js";
import { discoverFiles } from "../fs/discover.js";
import { scanFiles } from "../fs/scan-files.js";
import type { BaselineOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";
import { notices } from "./scan-command.js";
import { confidentEnough, judge, prepare } from "./setup.js";

export async function baselineCommand(opts: BaselineOptions, ctx: RunContext): Promise<CommandResult> {
  const setup = await prepare(opts, ctx);
  const discovered = discoverFiles(opts.paths, { cwd: ctx.cwd });
  const report = await scanFiles(
    (async function* () {
      for await (const input of discovered) if (input.kind !== "file" || setup.accept(input.abs)) yield input;
    })(),
    { engine: setup.engine, maxFileSize: opts.maxFileSize, concurrency: opts.concurrency, keep: confidentEnough(opts.minConfidence), inline: "honour" },
  );
  // What is already suppressed needs no baseline entry.
  const open = judge(report.findings, setup, ctx).filter((f) => !f.suppressed);
  const stderr = [...setup.notices, ...notices(report)];
  if (report.errors.length) {
    stderr.push(`postguard: error: the baseline was not written: ${report.errors.length} file${report.errors.length === 1 ? "" : "s"} could not be scanned`);
    return { exitCode: 2, stdout: "", stderr: `${stderr.join("\n")}\n` };
  }
  try {
    const file = resolve(ctx.cwd, opts.output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, formatBaseline(open, ctx.cwd, opts.output));
  } catch (e) {
    stderr.push(`postguard: error: cannot write --output ${opts.output}: ${(e as Error).message}`);
    return { exitCode: 2, stdout: "", stderr: `${stderr.join("\n")}\n` };
  }
  const files = new Set(open.map((f) => f.path)).size;
  if (!opts.quiet) {
    stderr.push(
      `postguard: recorded ${open.length} finding${open.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"} to ${opts.output}; \`postguard scan --baseline ${opts.output}\` now reports only new ones.`,
      ...(open.length ? ["postguard: a baseline hides findings, it does not make them safe: revoke any real key among them."] : []),
    );
  }
  return { exitCode: 0, stdout: "", stderr: stderr.length ? `${stderr.join("\n")}\n` : "" };
}
