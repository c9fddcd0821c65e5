/**
 * The action's entry point, bundled into dist-action/index.js (action.yml `runs.main`).
 * The only file of the action that touches `process`: environment in, log and exit code out.
 */
import { runAction } from "./run.js";

try {
  process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), write: (text) => process.stdout.write(text) });
} catch (e) {
  // A bug, not a finding: say so plainly (the scan result is unknown, so the step fails).
  process.stdout.write(`::error title=postguard: internal error::${String((e as Error)?.stack ?? e).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
  process.exitCode = 2;
}
