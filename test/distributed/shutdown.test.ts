/**
 * A worker asked to stop (SIGTERM) hands its in-flight jobs back to the queue at once
 * and exits 0; another worker finishes the sweep with nothing lost. With the fetcher's
 * own retries off, a page that answers 503 once is saved by BullMQ's job retry (with
 * backoff), and a 404 fails its job with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startSite, type Site } from "../../scripts/distributed-site.mjs";
import { cli, dropQueue, finished, freshDatabase, REDIS_URL, servicesProblem, type Proc } from "./services.js";

const skip = await servicesProblem();
const PAGES = 300;

describe.skipIf(skip)("a worker stopped with SIGTERM", () => {
  let site: Site;
  let db: { url: string; drop(): Promise<void> };
  const queueName = `pgtest-term-${Math.random().toString(36).slice(2, 10)}`;
  let runId: string | undefined;
  let first: Proc;
  let firstExit: number | null;
  let doneAtSignal = 0;
  let second: Proc;
  let rows: Map<string, { status: string; reason: string | null }>;
  let jobs: { waiting: number; active: number; delayed: number; done: number; failed: number };

  beforeAll(async () => {
    site = await startSite({ hosts: 1, pagesPerHost: PAGES, perSitemap: 100, secretEvery: 30, latencyMs: 30 });
    db = await freshDatabase();
    const producer = cli(["audit", "--sitemap", site.sitemaps()[0]!, "--queue", REDIS_URL!, "--queue-name", queueName, "--per-host", "2", "--delay", "0", "--retries", "0", "--retry-delay", "0.05", "--timeout", "5"]);
    expect(await finished(producer, 30_000, "the producer"), producer.stderr).toBe(0);
    runId = /sweep (\S+) on queue/.exec(producer.stderr)?.[1];

    const worker = (name: string, extra: string[]) =>
      cli(["worker", "--queue", REDIS_URL!, "--queue-name", queueName, "--store", db.url, "--threads", "0", "--concurrency", "4", "--stall-timeout", "5", "--status-interval", "0.5", "--name", name, ...extra]);
    first = worker("first", ["--grace", "0"]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const deadline = Date.now() + 60_000;
    while (doneAtSignal < PAGES / 4) {
      if (Date.now() > deadline) throw new Error(`no progress:\n${first.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
      doneAtSignal = Number((await client.query("SELECT COUNT(*) AS n FROM audit_pages WHERE status <> 'pending'").catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
    }
    first.child.kill("SIGTERM");
    firstExit = await finished(first, 30_000, "the worker stopped with SIGTERM");

    second = worker("second", ["--until-empty"]);
    expect(await finished(second, 120_000, "the second worker"), second.stderr).toBe(0);
    rows = new Map((await client.query("SELECT url, status, reason FROM audit_pages")).rows.map((r) => [new URL(r.url).pathname, { status: r.status, reason: r.reason }]));
    await client.end();
    const status = cli(["status", "--queue", REDIS_URL!, "--queue-name", queueName, "--format", "json"]);
    expect(await finished(status, 30_000, "status")).toBe(0);
    jobs = JSON.parse(status.stdout).jobs;
  }, 240_000);

  afterAll(async () => {
    await dropQueue(queueName, runId).catch(() => undefined);
    await db?.drop().catch(() => undefined);
    await site?.close();
  });

  it("exits 0 and says it handed its in-flight jobs back", () => {
    expect(firstExit, first.stderr).toBe(0);
    expect(first.stderr).toContain("stopping: no new jobs");
    expect(first.stderr).toMatch(/worker first stopped \(asked to stop\)/);
    // --grace 0: the jobs it was running went back to the queue rather than being waited for.
    expect(Number(/(\d+) jobs handed back/.exec(first.stderr)?.[1]), first.stderr).toBeGreaterThan(0);
    expect(doneAtSignal).toBeLessThan(PAGES);
  });

  it("leaves nothing lost: every page ends in its one state after the second worker", () => {
    expect(rows.size).toBe(PAGES);
    for (const [url, outcome] of site.expected) {
      const path = new URL(url).pathname;
      expect(rows.get(path)?.status, path).toBe(outcome);
    }
    expect(jobs.waiting + jobs.active + jobs.delayed).toBe(0);
    const gone = [...site.expected.values()].filter((o) => o === "failed").length;
    expect(jobs.failed).toBe(gone);
  });

  it("retries a transient failure as a job (the fetcher's retries were off) and fails a 404 with its reason", () => {
    const flaky = [...rows].filter(([p]) => p.startsWith("/flaky/"));
    expect(flaky.length).toBeGreaterThan(0);
    for (const [p, r] of flaky) expect(r.status, p).toBe("scanned");
    for (const [p, r] of rows) if (p.startsWith("/gone/")) expect(r).toEqual({ status: "failed", reason: "HTTP 404 Not Found" });
    // The 503 was seen, then the page fetched again on the job's next try.
    for (const [p] of flaky) expect(site.requestCounts().get(`${site.origins[0]}${p}`), p).toBeGreaterThanOrEqual(2);
  });
});
