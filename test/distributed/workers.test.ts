/**
 * The distributed audit end to end, with the real CLI: one producer (`audit --sitemap …
 * --queue redis://…`) and three `worker` processes against a test site of a few thousand
 * pages on 127.0.0.1 (several hosts), Redis and PostgreSQL from scripts/ci-services.sh.
 *
 * Checked as a user would: every page ends in exactly one state (with the right one),
 * every planted secret is found once, no host ever sees more requests at once than the
 * per-host bound; and a worker SIGKILLed mid-run changes nothing in the results.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startSite, type Site } from "../../scripts/distributed-site.mjs";
import { cli, dropQueue, finished, freshDatabase, REDIS_URL, servicesProblem } from "./services.js";

const skip = await servicesProblem();

const HOSTS = 4;
const PAGES_PER_HOST = 500;
const PER_HOST = 2;

interface SweepResult {
  /** `h<host index><path>` -> `status: reason` */
  pages: Map<string, string>;
  /** sha256 of each distinct secret */
  secrets: string[];
  /** `h<host><path>:line:column rule secret-hash`, one per occurrence */
  occurrences: string[];
  status: { jobs: { waiting: number; delayed: number; active: number; done: number; failed: number }; pages: { pending: number; total: number }; findings: { secrets: number } };
  /** `postguard report --store …`: exit code and its summary line. */
  report: { exitCode: number | null; stderr: string; html: number };
  maxActive: number[];
  killedAt?: number;
  workerExits: Array<number | null>;
  site: Site;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function sweep(site: Site, killOne: boolean): Promise<SweepResult> {
  const db = await freshDatabase();
  const queueName = `pgtest-${Math.random().toString(36).slice(2, 10)}`;
  const key = (url: string) => {
    const u = new URL(url);
    return `h${site.hosts.indexOf(u.host)}${u.pathname}`;
  };
  let runId: string | undefined;
  try {
    const producer = cli([
      "audit",
      ...site.sitemaps().flatMap((s) => ["--sitemap", s]),
      "--queue", REDIS_URL!, "--queue-name", queueName,
      "--per-host", String(PER_HOST), "--delay", "0", "--timeout", "2", "--retry-delay", "0.05", "--max-retry-after", "2",
    ]);
    expect(await finished(producer, 30_000, "the producer"), producer.stderr).toBe(0);
    runId = /sweep (\S+) on queue/.exec(producer.stderr)?.[1];
    expect(runId, producer.stderr).toBeDefined();

    const workers = [1, 2, 3].map((i) =>
      cli([
        "worker", "--queue", REDIS_URL!, "--queue-name", queueName, "--store", db.url,
        "--threads", "0", "--concurrency", "8", "--until-empty", "--status-interval", "0.5",
        "--stall-timeout", "5", "--grace", "5", "--name", `w${i}`,
      ]),
    );

    let killedAt: number | undefined;
    if (killOne) {
      // SIGKILL the first worker once a quarter of the pages are done: it has jobs in flight.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const deadline = Date.now() + 60_000;
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        let done = 0;
        try {
          done = Number((await client.query("SELECT COUNT(*) AS n FROM audit_pages WHERE status <> 'pending'")).rows[0].n);
        } catch {
          // the workers have not created the tables yet
        }
        if (done >= (HOSTS * PAGES_PER_HOST) / 4) {
          killedAt = done;
          workers[0]!.child.kill("SIGKILL");
          break;
        }
        if (Date.now() > deadline) throw new Error(`no progress to kill a worker at\n${workers.map((w) => w.stderr.slice(-1000)).join("\n")}`);
      }
      await client.end();
    }
    const workerExits = await Promise.all(workers.map((w, i) => finished(w, 150_000, `worker w${i + 1}`)));

    const status = cli(["status", "--queue", REDIS_URL!, "--queue-name", queueName, "--store", db.url, "--format", "json"]);
    expect(await finished(status, 30_000, "status"), status.stderr).toBe(0);
    const out = join(mkdtempSync(join(tmpdir(), "pg-report-")), "report.html");
    const reportProc = cli(["report", "--store", db.url, "--output", out]);
    const report = { exitCode: await finished(reportProc, 60_000, "report"), stderr: reportProc.stderr, html: existsSync(out) ? statSync(out).size : 0 };

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const pages = new Map<string, string>();
      for (const r of (await c.query("SELECT url, status, reason FROM audit_pages")).rows) pages.set(key(r.url), `${r.status}: ${r.reason ?? ""}`);
      const secrets = (await c.query("SELECT hash FROM audit_secrets ORDER BY hash")).rows.map((r) => r.hash as string);
      const occurrences = (await c.query("SELECT url, start_line, start_column, rule_id, secret_hash FROM audit_occurrences")).rows
        .map((r) => `${key(r.url)}:${r.start_line}:${r.start_column} ${r.rule_id} ${r.secret_hash}`)
        .sort();
      return { pages, secrets, occurrences, status: JSON.parse(status.stdout), report, maxActive: site.stats.map((s) => s.maxActive), workerExits, site, ...(killedAt !== undefined ? { killedAt } : {}) };
    } finally {
      await c.end();
    }
  } finally {
    await dropQueue(queueName, runId).catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

describe.skipIf(skip)("distributed audit: one producer, three workers, Redis and PostgreSQL", () => {
  let site: Site;
  let plain: SweepResult;
  let killed: SweepResult;
  let killedSite: Site;

  beforeAll(async () => {
    site = await startSite({ hosts: HOSTS, pagesPerHost: PAGES_PER_HOST, perSitemap: 250, secretEvery: 40, latencyMs: 10 });
    plain = await sweep(site, false);
    // The same site again on new ports: results are compared by host index and path.
    killedSite = await startSite({ hosts: HOSTS, pagesPerHost: PAGES_PER_HOST, perSitemap: 250, secretEvery: 40, latencyMs: 10 });
    killed = await sweep(killedSite, true);
  }, 300_000);

  afterAll(async () => {
    await site?.close();
    await killedSite?.close();
  });

  it("every page ends in exactly one state, the one its URL calls for, with the reason", () => {
    const want = new Map<string, string>();
    for (const [url, outcome] of site.expected) {
      const u = new URL(url);
      want.set(`h${site.hosts.indexOf(u.host)}${u.pathname}`, outcome);
    }
    expect(plain.pages.size).toBe(HOSTS * PAGES_PER_HOST);
    const got = new Map([...plain.pages].map(([k, v]) => [k, v.split(":")[0]]));
    expect(got).toEqual(want);
    for (const [k, v] of plain.pages) {
      if (k.includes("/private/")) expect(v).toMatch(/^skipped: disallowed by robots\.txt/);
      if (k.includes("/gone/")) expect(v).toBe("failed: HTTP 404 Not Found");
    }
    // The queue agrees: nothing left, the 404s failed with their reason, the rest done.
    const failed = [...want.values()].filter((o) => o === "failed").length;
    const sources = HOSTS * (1 + PAGES_PER_HOST / 250);
    expect(plain.status.jobs).toEqual({ waiting: 0, delayed: 0, active: 0, done: HOSTS * PAGES_PER_HOST - failed + sources, failed });
    expect(plain.status.pages.pending).toBe(0);
    expect(plain.workerExits).toEqual([0, 0, 0]);
  });

  it("finds every planted secret exactly once, on its page", () => {
    const planted = site.planted.map((p) => ({ key: `h${site.hosts.indexOf(new URL(p.url).host)}${new URL(p.url).pathname}`, hash: sha256(p.token) }));
    expect(planted.length).toBeGreaterThan(40);
    expect(plain.secrets).toEqual(planted.map((p) => p.hash).sort());
    expect(plain.occurrences.map((o) => `${o.split(":")[0]} ${o.split(" ").at(-1)}`).sort()).toEqual(planted.map((p) => `${p.key} ${p.hash}`).sort());
    expect(plain.status.findings.secrets).toBe(planted.length);
    // The HTML report reads the same PostgreSQL store.
    expect(plain.report.exitCode, plain.report.stderr).toBe(0);
    expect(plain.report.stderr).toContain(`${planted.length} distinct secrets`);
    expect(plain.report.html).toBeGreaterThan(1000);
  });

  it("keeps every host within the per-host bound across all workers, and honours robots.txt", () => {
    for (const [h, max] of plain.maxActive.entries()) expect(max, `host ${h}`).toBeLessThanOrEqual(PER_HOST);
    for (const [h, max] of killed.maxActive.entries()) expect(max, `host ${h} (kill run)`).toBeLessThanOrEqual(PER_HOST);
    // Three workers with eight jobs each did press against the bound.
    expect(Math.max(...plain.maxActive)).toBe(PER_HOST);
    for (const [url, n] of site.requestCounts()) if (url.includes("/private/")) expect.fail(`${url} was fetched ${n} times despite robots.txt`);
  });

  it("a worker SIGKILLed mid-run: the others finish it with identical results, nothing lost", () => {
    expect(killed.killedAt).toBeGreaterThan(0);
    expect(killed.killedAt).toBeLessThan(HOSTS * PAGES_PER_HOST);
    expect(killed.workerExits).toEqual([null, 0, 0]);
    expect(killed.pages).toEqual(plain.pages);
    expect(killed.secrets).toEqual(plain.secrets);
    expect(killed.occurrences).toEqual(plain.occurrences);
    expect(killed.status.jobs.waiting + killed.status.jobs.active + killed.status.jobs.delayed).toBe(0);
    expect(killed.status.jobs.done + killed.status.jobs.failed).toBe(plain.status.jobs.done + plain.status.jobs.failed);
  });
});
