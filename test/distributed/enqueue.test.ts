/**
 * Enqueuing: one job per page, its id from the normalized URL, so the same page given
 * twice — in one list, spelled differently, or by a second producer — is one job.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, dropQueue, finished, REDIS_URL, servicesProblem } from "./services.js";

const skip = await servicesProblem();

describe.skipIf(skip)("audit --queue", () => {
  const queueName = `pgtest-enq-${Math.random().toString(36).slice(2, 10)}`;
  let runId: string | undefined;
  afterAll(async () => {
    await dropQueue(queueName, runId).catch(() => undefined);
  });

  const status = async () => {
    const s = cli(["status", "--queue", REDIS_URL!, "--queue-name", queueName, "--format", "json"]);
    expect(await finished(s, 30_000, "status"), s.stderr).toBe(0);
    return JSON.parse(s.stdout) as { runId: string; jobs: { waiting: number } };
  };

  it("adds a page once however often and however it is spelled, and a second producer joins the sweep", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pg-enq-"));
    const list = join(dir, "urls.txt");
    writeFileSync(
      list,
      [
        "https://blog.example/posts/a",
        "HTTPS://Blog.Example:443/posts/a#comments", // the same page
        "https://blog.example/posts/b",
        "# a comment",
        "https://blog.example/posts/c",
        "not a url",
      ].join("\n"),
    );
    const first = cli(["audit", "--urls", list, "--queue", REDIS_URL!, "--queue-name", queueName]);
    expect(await finished(first, 30_000, "the producer")).toBe(2); // the bad line
    expect(first.stderr).toMatch(/urls\.txt:6: not an http\(s\) URL: "not a url"/);
    expect(first.stderr).toMatch(/started the sweep/);
    const after1 = await status();
    runId = after1.runId;
    expect(after1.jobs.waiting).toBe(3);

    writeFileSync(list, ["https://blog.example/posts/c", "https://blog.example/posts/d"].join("\n"));
    const second = cli(["audit", "--urls", list, "--queue", REDIS_URL!, "--queue-name", queueName, "--per-host", "7"]);
    expect(await finished(second, 30_000, "the second producer"), second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`added to the sweep ${runId} already on queue ${queueName} .*its settings apply: --per-host 2`));
    const after2 = await status();
    expect(after2.runId).toBe(runId);
    expect(after2.jobs.waiting).toBe(4);
  });
});
