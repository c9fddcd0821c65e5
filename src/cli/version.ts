import { readFileSync } from "node:fs";

let cached: string | undefined;

/** postguard's version, from package.json (two folders up from both src/cli and dist/cli). */
export function version(): string {
  if (!cached) {
    try {
      cached = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
    } catch {
      cached = "0.0.0";
    }
  }
  return cached;
}
