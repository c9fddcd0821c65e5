/**
 * The files and commands the runner reads besides the log: step outputs
 * (GITHUB_OUTPUT), the job summary (GITHUB_STEP_SUMMARY) and `::add-mask::`.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { randomUUID } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { escapeData } from "../report/github.js";

/**
 * `name<<DELIM\nvalue\nDELIM`: the multi-line form, safe for any value. The delimiter is
 * random (as @actions/core does) so a value cannot end the block early.
 */
export function outputBlock(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Append every output to the GITHUB_OUTPUT file. */
export async function writeOutputs(file: string, outputs: Record<string, string | number>): Promise<void> {
  await appendFile(file, Object.entries(outputs).map(([k, v]) => outputBlock(k, String(v))).join(""));
}

/** Shortest piece of a multi-line secret worth a mask of its own. */
const MIN_LINE_MASK = 8;

/**
 * `::add-mask::` lines for every secret: the whole value, and for a multi-line value (a
 * PEM key) each long line too, since the runner matches masks within one log line.
 * Armour lines (`-----BEGIN …-----`) are not secret and stay readable.
 */
export function maskCommands(secrets: Iterable<string>): string[] {
  const values = new Set<string>();
  for (const s of secrets) {
    if (!s.trim()) continue;
    values.add(s);
    if (/[\r\n]/.test(s)) {
      for (const line of s.split(/\r?\n|\r/)) {
        const t = line.trim();
        if (t.length >= MIN_LINE_MASK && !/^-----(?:BEGIN|END) /.test(t)) values.add(t);
      }
    }
  }
  return [...values].map((v) => `::add-mask::${escapeData(v)}`);
}
