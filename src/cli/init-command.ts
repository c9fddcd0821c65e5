/** `postguard init`: write a commented starter `.postguard.yaml` for the site in a folder. */
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { detectSite, starterConfig } from "../config/init.js";
import { CONFIG_NAMES } from "../config/load.js";
import { displayPath } from "../fs/discover.js";
import { stat } from "node:fs/promises";
import type { InitOptions } from "./options.js";
import type { CommandResult, RunContext } from "./run.js";

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function initCommand(opts: InitOptions, ctx: RunContext): Promise<CommandResult> {
  const dir = resolve(ctx.cwd, opts.folder);
  try {
    if (!(await stat(dir)).isDirectory()) return { exitCode: 2, stdout: "", stderr: `postguard: error: ${opts.folder} is not a folder\n` };
  } catch {
    return { exitCode: 2, stdout: "", stderr: `postguard: error: ${opts.folder}: no such folder\n` };
  }
  const target = join(dir, ".postguard.yaml");
  if (!opts.force) {
    for (const name of CONFIG_NAMES) {
      if (await exists(join(dir, name))) {
        return { exitCode: 2, stdout: "", stderr: `postguard: error: ${displayPath(join(dir, name), ctx.cwd)} already exists; nothing was written (--force overwrites .postguard.yaml)\n` };
      }
    }
  }
  const site = await detectSite(dir);
  try {
    await writeFile(target, starterConfig(site));
  } catch (e) {
    return { exitCode: 2, stdout: "", stderr: `postguard: error: cannot write ${displayPath(target, ctx.cwd)}: ${(e as Error).message}\n` };
  }
  const what = site ? `for a ${site.name} site (found ${site.evidence}); scanning ${site.include.join(", ")}` : "with no site generator detected; scanning everything";
  return { exitCode: 0, stdout: `Wrote ${displayPath(target, ctx.cwd)} ${what}.\nNext: \`postguard scan\` (it finds the configuration by itself).\n`, stderr: "" };
}
