/** File discovery: a lazy, ordered walk that yields problems instead of throwing. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverFiles, type DiscoveredEntry } from "../../src/fs/discover.js";
import { tempTree } from "../cli/helpers.js";

async function collect(inputs: string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of discoverFiles(inputs, { cwd })) out.push(e.kind === "file" ? e.path : `${e.kind}:${e.path}`);
  return out;
}

describe("discoverFiles", () => {
  it("walks depth-first in name order, skipping .git and node_modules", async () => {
    const dir = tempTree({ "b.md": "", "a/z.md": "", "a/b/c.md": "", "c.html": "", ".git/HEAD": "", "node_modules/m/x.md": "", ".env": "" });
    expect(await collect(["."], dir)).toEqual([".env", "a/b/c.md", "a/z.md", "b.md", "c.html"]);
  });

  it("keeps argument order and names each file once", async () => {
    const dir = tempTree({ "a.md": "", "b.md": "" });
    expect(await collect(["b.md", ".", "a.md"], dir)).toEqual(["b.md", "a.md"]);
  });

  it("globs match below their base folder only", async () => {
    const dir = tempTree({ "content/a.md": "", "content/deep/b.md": "", "content/c.mdx": "", "other/d.md": "" });
    expect(await collect(["content/*.md"], dir)).toEqual(["content/a.md"]);
    expect(await collect(["content/**/*.{md,mdx}"], dir)).toEqual(["content/a.md", "content/c.mdx", "content/deep/b.md"]);
    expect(await collect(["**/b.md"], dir)).toEqual(["content/deep/b.md"]);
  });

  it("reports missing inputs as entries, not exceptions", async () => {
    const dir = tempTree({ "a.md": "" });
    expect(await collect(["missing.md", "nothing/**/*.md", "a.md"], dir)).toEqual(["error:missing.md", "error:nothing/**/*.md", "a.md"]);
  });

  it("is lazy: the first file arrives before a wide folder is walked", async () => {
    const dir = tempTree({ "a/first.md": "" });
    for (let i = 0; i < 50; i++) {
      mkdirSync(join(dir, `z${i}`));
      writeFileSync(join(dir, `z${i}`, "x.md"), "");
    }
    const it = discoverFiles(["."], { cwd: dir });
    const first = (await it.next()).value as DiscoveredEntry;
    expect(first).toMatchObject({ kind: "file", path: "a/first.md" });
    await it.return(undefined);
  });
});
