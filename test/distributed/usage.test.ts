/**
 * Bad input to the distributed commands: each is refused with exit code 2 and a message
 * naming the culprit; nothing here needs Redis or PostgreSQL (unreachable ones are the
 * point of the last cases).
 */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const NOWHERE = "redis://127.0.0.1:1";

describe("distributed commands refuse bad input, naming it", () => {
  it.each([
    [["worker", "--store", "postgres://u@h/db"], /`worker` needs --queue redis:\/\/HOST:PORT/],
    [["worker", "--queue", "http://127.0.0.1:6379", "--store", "postgres://u@h/db"], /--queue must be a Redis URL such as redis:\/\/127\.0\.0\.1:6379; got `http:\/\/127\.0\.0\.1:6379`/],
    [["worker", "--queue", NOWHERE], /`worker` needs --store postgres:\/\//],
    [["worker", "--queue", NOWHERE, "--store", "x.db", "--concurrency", "0"], /--concurrency must be a whole number from 1 to 1024; got `0`/],
    [["worker", "--queue", NOWHERE, "--store", "x.db", "--stall-timeout", "soon"], /--stall-timeout must be a number of seconds/],
    [["worker", "--queue", NOWHERE, "--store", "x.db", "extra"], /`worker` takes no arguments; got `extra`/],
    [["status"], /`status` needs --queue redis:\/\/HOST:PORT/],
    [["status", "--queue", NOWHERE, "--format", "xml"], /--format must be one of text, json; got `xml`/],
    [["status", "--queue", NOWHERE, "--queue-name", "a:b"], /--queue-name must be letters, digits/],
    [["audit", "--sitemap", "https://blog.example/sitemap.xml", "--queue", NOWHERE, "--state", "a.db", "--sarif", "a.sarif"], /--state, --sarif belong to an audit run on this machine; with --queue the workers run it/],
    [["audit", "--sitemap", "https://blog.example/sitemap.xml", "--queue-name", "q"], /--queue-name names the queue of --queue redis:\/\/HOST:PORT; give --queue too/],
    [["audit", "--sitemap", "https://blog.example/sitemap.xml", "--queue", "redis:nope"], /--queue must be a Redis URL/],
    [["report", "--state", "a.db", "--store", "postgres://u@h/db", "--output", "r.html"], /--state and --store both name the audit to report on; give one/],
  ])("postguard %j", async (argv, message) => {
    const r = await run(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("says a WARC file cannot be distributed, before touching Redis", async () => {
    const r = await run(["audit", "--warc", "segment.warc.gz", "--queue", NOWHERE]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--warc .*segment\.warc\.gz: a WARC file is read where it is stored; audit it without --queue/);
  });

  it.each([
    [["audit", "--sitemap", "https://blog.example/sitemap.xml", "--queue", "redis://:hunter2@127.0.0.1:1"]],
    [["status", "--queue", "redis://:hunter2@127.0.0.1:1"]],
    [["worker", "--queue", "redis://:hunter2@127.0.0.1:1", "--store", "postgres://u@127.0.0.1:1/db"]],
  ])("an unreachable queue is named, its password hidden: postguard %j", async (argv) => {
    const r = await run(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^postguard: error: cannot reach the queue redis:\/\/:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("an unreachable store is named, its password hidden", async () => {
    const r = await run(["report", "--store", "postgres://someone:hunter2@127.0.0.1:1/audit", "--output", "-"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/cannot open the audit store postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/audit: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain("hunter2");
  });
});
