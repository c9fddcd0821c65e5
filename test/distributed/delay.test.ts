/**
 * `--delay` holds across workers: three workers sharing one host never start two
 * requests to it closer together than the delay (measured where it matters, at the
 * server), although together they could go much faster.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSite, type Site } from "../../scripts/distributed-site.mjs";
import { cli, dropQueue, finished, freshDatabase, REDIS_URL, servicesProblem } from "./services.js";

const skip = await servicesProblem();
const DELAY_MS = 150;

describe.skipIf(skip)("the per-host delay across workers", () => {
  let site: Site;
  let gaps: number[];

  beforeAll(async () => {
    site = await startSite({ hosts: 1, pagesPerHost: 40, perSitemap: 40, secretEvery: 1000, special: false });
    const db = await freshDatabase();
    const queueName = `pgtest-delay-${Math.random().toString(36).slice(2, 10)}`;
    let runId: string | undefined;
    try {
      const producer = cli(["audit", "--sitemap", site.sitemaps()[0]!, "--queue", REDIS_URL!, "--queue-name", queueName, "--per-host", "4", "--delay", String(DELAY_MS / 1000)]);
      expect(await finished(producer, 30_000, "the producer"), producer.stderr).toBe(0);
      runId = /sweep (\S+) on queue/.exec(producer.stderr)?.[1];
      const workers = [1, 2, 3].map((i) =>
        cli(["worker", "--queue", REDIS_URL!, "--queue-name", queueName, "--store", db.url, "--threads", "0", "--concurrency", "4", "--until-empty", "--status-interval", "0.5", "--name", `d${i}`]),
      );
      for (const w of workers) expect(await finished(w, 120_000, "a worker"), w.stderr).toBe(0);
    } finally {
      await dropQueue(queueName, runId).catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
    const starts = [...site.stats[0]!.starts].sort((a, b) => a - b);
    gaps = starts.slice(1).map((t, i) => t - starts[i]!);
  }, 180_000);

  afterAll(async () => {
    await site?.close();
  });

  it("spaces request starts by the delay, cluster-wide", () => {
    // robots.txt (once per worker), the sitemap index, its child sitemap and 40 pages.
    expect(gaps.length).toBeGreaterThanOrEqual(42);
    const shown = gaps.map((g) => g.toFixed(0)).join(" ");
    // The limiter spaces starts in Redis time; the server sees each request after the
    // worker's event loop has sent it, which on a loaded machine can lag by tens of ms.
    // So: any five consecutive starts span at least four delays, less 100 ms of such lag.
    // (Two requests let through together would make a window 150 ms short.)
    for (let i = 0; i + 4 <= gaps.length; i++) {
      const span = gaps.slice(i, i + 4).reduce((a, g) => a + g, 0);
      expect(span, shown).toBeGreaterThanOrEqual(4 * DELAY_MS - 100);
    }
    const sorted = [...gaps].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)], shown).toBeGreaterThanOrEqual(DELAY_MS - 5);
  });
});
