/**
 * A host's `Retry-After` holds for every worker: after one worker gets a 429 with
 * `Retry-After`, no worker sends that host a request until the pause is over (seen at the
 * server), and the throttled page is fetched again after it. A worker that makes its
 * limiter for the host only after the pause was announced (it heard no announcement)
 * finds the pause in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSite, type Site } from "../../scripts/distributed-site.mjs";
import { RedisHostGate } from "../../src/distributed/host-limiter.js";
import { cli, dropQueue, finished, freshDatabase, REDIS_URL, servicesProblem } from "./services.js";
import pg from "pg";

const skip = await servicesProblem();
const RETRY_AFTER_S = 3;

describe.skipIf(skip)("Retry-After across workers", () => {
  let site: Site;
  let rows: Map<string, string>;
  let logs: string;

  beforeAll(async () => {
    // One host, two workers with 4 requests each in flight; the host answers its 40th page
    // request with 429 and Retry-After: 3, early in a sweep that has 300 pages to go.
    site = await startSite({ hosts: 1, pagesPerHost: 300, perSitemap: 300, secretEvery: 1000, latencyMs: 20, special: false, throttle: { after: 40, retryAfter: RETRY_AFTER_S } });
    const db = await freshDatabase();
    const queueName = `pgtest-pause-${Math.random().toString(36).slice(2, 10)}`;
    let runId: string | undefined;
    try {
      const producer = cli(["audit", "--sitemap", site.sitemaps()[0]!, "--queue", REDIS_URL!, "--queue-name", queueName, "--per-host", "4", "--delay", "0", "--retries", "2", "--max-retry-after", "10"]);
      expect(await finished(producer, 30_000, "the producer"), producer.stderr).toBe(0);
      runId = /sweep (\S+) on queue/.exec(producer.stderr)?.[1];
      const workers = ["A", "B"].map((n) =>
        cli(["worker", "--queue", REDIS_URL!, "--queue-name", queueName, "--store", db.url, "--threads", "0", "--concurrency", "4", "--until-empty", "--status-interval", "0.5", "--name", n]),
      );
      for (const w of workers) expect(await finished(w, 120_000, "a worker"), w.stderr).toBe(0);
      logs = workers.map((w) => w.stderr).join("\n");
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      rows = new Map((await client.query("SELECT url, status FROM audit_pages")).rows.map((r) => [r.url, r.status]));
      await client.end();
    } finally {
      await dropQueue(queueName, runId).catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
  }, 180_000);

  afterAll(async () => {
    await site?.close();
  });

  it("keeps every worker off the host until the Retry-After is over", () => {
    const stat = site.stats[0]!;
    expect(stat.throttledAt, "the host never sent its 429").toBeDefined();
    const t = stat.throttledAt!;
    const end = t + RETRY_AFTER_S * 1000;
    // Requests already sent when the 429 went out arrive a moment after it; the other
    // worker hears of the pause within milliseconds (Redis pub/sub), on a loaded machine
    // within a few hundred. Nothing may arrive in the rest of the pause.
    const during = stat.starts.filter((s) => s > t + 300 && s < end - 100).map((s) => `+${(s - t).toFixed(0)} ms`);
    expect(during, `requests during the pause (429 sent at 0): ${during.join(" ")}`).toEqual([]);
    // The sweep was not over: both workers went on after the pause.
    expect(stat.starts.filter((s) => s >= end - 100).length).toBeGreaterThan(100);
  });

  it("fetches the throttled page again after the pause, and finishes the sweep", () => {
    expect(rows.size).toBe(300);
    expect([...rows.values()].filter((s) => s !== "scanned"), logs.slice(-2000)).toEqual([]);
    // 300 pages, the sitemap, robots.txt per worker, and the throttled page's second try.
    expect(site.stats[0]!.requests).toBeGreaterThanOrEqual(300 + 1 + 1 + 1);
  });
});

describe.skipIf(skip)("a worker that joins during a pause", () => {
  const gates: RedisHostGate[] = [];
  afterAll(async () => {
    await Promise.all(gates.map((g) => g.close()));
  });

  it("finds the pause in Redis before its first request to the host", async () => {
    const namespace = `pgtest-pause-${Math.random().toString(36).slice(2, 10)}`;
    const gate = () => {
      const g = new RedisHostGate({ redisUrl: REDIS_URL!, namespace, perHost: 2, delayMs: 0, expirationMs: 10_000 });
      gates.push(g);
      return g;
    };
    const host = "pause.example:8080";
    const a = gate();
    await a.run(host, async () => undefined);
    a.pause(host, Date.now() + 1500);
    await new Promise((r) => setTimeout(r, 100));
    // A new worker (a new gate: its own Redis connection, no limiter for the host yet).
    const b = gate();
    const asked = Date.now();
    const startedAfter = await b.run(host, async () => Date.now() - asked);
    expect(startedAfter).toBeGreaterThanOrEqual(1300);
    // Once the pause is over, no wait.
    const again = Date.now();
    expect(await b.run(host, async () => Date.now() - again)).toBeLessThan(500);
  });
});
