/** Bounded concurrency that pulls lazily, so discovery never runs far ahead of scanning. */
import { describe, expect, it } from "vitest";
import { forEachLimited } from "../../src/fs/pool.js";

describe("forEachLimited", () => {
  it("never runs more than `limit` at once and pulls only when a slot frees", async () => {
    let pulled = 0;
    let running = 0;
    let maxRunning = 0;
    let maxAhead = 0;
    let done = 0;
    async function* items() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - done);
        yield i;
      }
    }
    await forEachLimited(items(), 4, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      done++;
    });
    expect(done).toBe(100);
    expect(maxRunning).toBe(4);
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  it("stops pulling and rethrows when a task fails", async () => {
    let pulled = 0;
    async function* items() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield i;
      }
    }
    await expect(
      forEachLimited(items(), 2, async (i) => {
        if (i === 3) throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(pulled).toBeLessThan(10);
  });
});
