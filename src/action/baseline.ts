/**
 * The `baseline` input: findings already known and accepted, by fingerprint. A baseline
 * is a postguard JSON report (`postguard scan --format json -o .postguard-baseline.json`)
 * or any JSON holding fingerprints: a list of strings, a list of objects with
 * `fingerprint`, or `{findings: [...]}` / `{fingerprints: [...]}`.
 */
import { readFile } from "node:fs/promises";

export class BaselineError extends Error {
  override name = "BaselineError";
}

function collect(value: unknown, out: Set<string>): boolean {
  if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v === "string") out.add(v);
      else if (v && typeof v === "object" && typeof (v as { fingerprint?: unknown }).fingerprint === "string") out.add((v as { fingerprint: string }).fingerprint);
      else return false;
    }
    return true;
  }
  if (value && typeof value === "object") {
    const o = value as { findings?: unknown; fingerprints?: unknown };
    if (o.findings === undefined && o.fingerprints === undefined) return false;
    return (o.findings === undefined || collect(o.findings, out)) && (o.fingerprints === undefined || collect(o.fingerprints, out));
  }
  return false;
}

/** Fingerprints in the baseline file `path` (shown as `shown` in errors). */
export async function readBaseline(path: string, shown = path): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(`baseline ${shown}: ${code === "ENOENT" ? "no such file; create it with `postguard scan --format json -o " + shown + "`" : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline ${shown}: not JSON (${(e as Error).message})`);
  }
  const out = new Set<string>();
  if (!collect(json, out)) {
    throw new BaselineError(`baseline ${shown}: expected a postguard JSON report, {"fingerprints": [...]} or a list of fingerprints`);
  }
  return out;
}
