/**
 * One audit at a time per state file: a second audit started on a state that a running
 * audit holds stops at once with exit code 2 and names the holder, without touching the
 * first audit's work; a lock left by a process that died (SIGKILL) is taken over, so
 * `--resume` after a crash needs nothing removed by hand.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { send, TestServer, wait } from "./test-server.js";

const PAGES = 12;
let site: TestServer;
let dir: string;
let urls: string;

beforeAll(async () => {
  site = await TestServer.start();
  site.route("/robots.txt", (_q, res) => send(res, 200, "text/plain", "User-agent: *\nAllow: /\n"));
  site.pattern(/^\/p\/\d+\.html$/, async (_q, res) => {
    await wait(40); // slow enough that the second audit starts while the first runs
    send(res, 200, "text/html; charset=utf-8", "<html><body><p>Nothing secret here.</p></body></html>");
  });
  dir = mkdtempSync(join(tmpdir(), "postguard-lock-"));
  urls = join(dir, "urls.txt");
  writeFileSync(urls, Array.from({ length: PAGES }, (_, i) => `${site.base}/p/${i}.html`).join("\n"));
});

afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const NETWORK = ["--per-host", "1", "--concurrency", "1", "--delay", "0", "--workers", "0"];

describe("the state file lock", () => {
  it("refuses a second audit on a state a running audit holds, and the first completes", async () => {
    const first = run(["audit", "--urls", urls, "--state", "busy.db", ...NETWORK], { cwd: dir });
    // Underway once the site sees its first page request.
    for (let t = 0; !site.seen.some((r) => r.path.startsWith("/p/")) && t < 600; t++) await wait(50);
    expect(existsSync(join(dir, "busy.db.lock"))).toBe(true);
    const second = await run(["audit", "--urls", urls, "--state", "busy.db", ...NETWORK], { cwd: dir });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain(`busy.db is in use by another audit (process ${process.pid} on ${hostname()}`);

    const done = await first;
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toContain(`scanned ${PAGES}, unchanged 0, skipped 0, failed 0`);
    // Released when the audit ends: the next audit on the same state runs.
    expect(existsSync(join(dir, "busy.db.lock"))).toBe(false);
    const again = await run(["audit", "--urls", urls, "--state", "busy.db", ...NETWORK], { cwd: dir });
    expect(again.exitCode).toBe(0);
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    // A real process that has ended: its pid is free (reuse within this test is unlikely).
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const pid = Number(gone.stdout);
    writeFileSync(join(dir, "crashed.db.lock"), JSON.stringify({ pid, host: hostname(), since: "2026-01-01T00:00:00.000Z" }));
    const r = await run(["audit", "--urls", urls, "--state", "crashed.db", ...NETWORK], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(dir, "crashed.db.lock"))).toBe(false);
  });

  it("takes over an empty lock file (a holder that died while writing it)", async () => {
    writeFileSync(join(dir, "empty.db.lock"), "");
    const r = await run(["audit", "--urls", urls, "--state", "empty.db", ...NETWORK], { cwd: dir });
    expect(r.exitCode).toBe(0);
  });

  it("does not take over a lock held from another host, and says how to clear it", async () => {
    const lock = join(dir, "shared.db.lock");
    writeFileSync(lock, JSON.stringify({ pid: 1, host: "some-other-host", since: "2026-01-01T00:00:00.000Z" }));
    const r = await run(["audit", "--urls", urls, "--state", "shared.db", ...NETWORK], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("process 1 on some-other-host");
    expect(r.stderr).toContain(`remove ${lock}`);
    expect(JSON.parse(readFileSync(lock, "utf8")).host).toBe("some-other-host");
  });
});
