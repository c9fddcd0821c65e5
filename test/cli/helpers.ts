/** Shared helpers for CLI tests: fixture folders, temp trees, and an independent line:col finder. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const FIXTURES = fileURLToPath(new URL("../fixtures/cli/", import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);

/** Synthetic AWS credentials (AKIA + 16 invented base32 chars; invented base64), built in code. */
export const KEY_ID = ["AKIA", "Q4ZT7WX2", "NR5KM3BV"].join("");
export const KEY_ID_2 = ["AKIA", "W5NR2XQ7", "MT4KZ3BV"].join("");
export const SECRET_KEY = ["Zq8Vx3Lm7Tp0Wb2Nk5Hs", "9Yd4Gf6Jc1Ua/Ee+Qi0R"].join("");

/** The fixture files' synthetic values, as they appear on disk. */
export const ON_DISK = {
  setupKeyId: KEY_ID,
  setupSecret: SECRET_KEY,
  htmlKeyId: "AKIAZ7MW3XQ5NT2KR4BV",
  proseKeyId: KEY_ID_2,
};

/** 1-based line and column (UTF-16 units) of the first `needle` in `text`, counted independently of src/. */
export function locate(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A temp folder with `files` (path -> content); removed after the test. */
export function tempTree(files: Record<string, string | Uint8Array> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "postguard-cli-"));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A small leaking post, to prove other files are still scanned next to a bad one. */
export const LEAKY_POST = `# Deploy notes\n\n\`\`\`ini\naws_access_key_id = ${KEY_ID}\n\`\`\`\n`;
