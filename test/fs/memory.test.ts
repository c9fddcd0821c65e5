/**
 * A report holds every finding until the scan ends, so what a finding keeps must be its own
 * strings: a secret, a frame line or a fence language that is a view into its file would
 * keep the whole file alive (V8 slices), and memory would grow with the tree.
 * Runs the build (dist/) in a child Node with --expose-gc, to measure the live heap.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "postguard-memory-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Synthetic: AKIA and 16 invented base32 characters. */
function keyId(i: number): string {
  const b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let s = "AKIA";
  for (let k = 0; k < 16; k++) s += b32[(i * 5 + k * 11) % 32];
  return s;
}

describe("memory held by a report", () => {
  it("findings and their code frames do not keep the scanned files alive", () => {
    if (!existsSync(join(DIST, "fs/index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
    // 30 pages of ~1 MB each, one key in the middle of each: 30 MB of text to forget.
    const prose = "Object storage is cheap, and the first upload is where people get stuck.\n".repeat(7000);
    for (let i = 0; i < 30; i++) {
      writeFileSync(join(dir, `page-${i}.md`), `# Page ${i}\n\n${prose}\n\`\`\`ini\naws_access_key_id = ${keyId(i)}\n\`\`\`\n\n${prose}`);
    }
    const script = `
      const d = ${JSON.stringify(pathToFileURL(DIST).href)};
      const { scanFiles, discoverFiles } = await import(d + "fs/index.js");
      const { Engine } = await import(d + "scan.js");
      const { builtinRules } = await import(d + "rules/load.js");
      const engine = new Engine(builtinRules());
      gc(); gc();
      const before = process.memoryUsage().heapUsed;
      const report = await scanFiles(discoverFiles(["."], { cwd: ${JSON.stringify(dir)} }), { engine, maxFileSize: 1e8, concurrency: 4, frames: true, threads: 1 });
      gc(); gc();
      const after = process.memoryUsage().heapUsed;
      console.log(JSON.stringify({ findings: report.findings.length, frames: report.frames.size, bytes: report.stats.bytes, retainedMb: (after - before) / 1e6 }));`;
    const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { findings: number; frames: number; bytes: number; retainedMb: number };
    expect(out).toMatchObject({ findings: 30, frames: 30 });
    expect(out.bytes).toBeGreaterThan(30e6);
    // The findings themselves are a few KB; one file kept alive would be 1 MB.
    expect(out.retainedMb).toBeLessThan(3);
  }, 120_000);
});
