/**
 * 100,000 findings: the report still opens at once and filters without freezing, makes
 * no request, and holds none of the values. The state is written with plain SQL into the
 * store's schema (state-fixture.ts says why); timings are printed for docs/report.md.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run.js";
import { launchChromium, type Browser } from "./browser.js";
import { writeBulkAuditState, type BulkState } from "./state-fixture.js";

/**
 * Values of `needles` found in `text`. Every needle is at least 16 characters of
 * [A-Za-z0-9_:/@.-]; a needle in the text is inside one run of those characters and
 * starts with one of that run's 16-character windows, so only needles whose first 16
 * characters are such a window need a full search (a scan per needle would take minutes).
 */
export function foundIn(text: string, needles: readonly string[]): string[] {
  const windows = new Set<string>();
  for (const run of text.match(/[A-Za-z0-9_:/@.-]{16,}/g) ?? []) for (let i = 0; i + 16 <= run.length; i++) windows.add(run.slice(i, i + 16));
  return needles.filter((v) => windows.has(v.slice(0, 16)) && text.includes(v));
}

describe("postguard report with 100,000 findings", () => {
  let dir: string;
  let state: BulkState;
  let html: string;
  let file: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "postguard-report-large-"));
    let t = performance.now();
    state = await writeBulkAuditState(join(dir, "audit.sqlite"), { occurrences: 100_000, sites: 10, perPage: 3, reuse: 0.5 });
    const writeMs = performance.now() - t;
    t = performance.now();
    const r = await run(["report", "--state", "audit.sqlite", "--output", "report.html", "--lang", "en"], { cwd: dir });
    const renderMs = performance.now() - t;
    expect(r.exitCode, r.stderr).toBe(0);
    file = join(dir, "report.html");
    html = readFileSync(file, "utf8");
    console.log(`[report-large] state written in ${writeMs.toFixed(0)} ms; postguard report in ${renderMs.toFixed(0)} ms; ${(html.length / 1e6).toFixed(1)} MB of HTML`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads in a few seconds, filters by site, and asks the network for nothing", async () => {
    expect(state.occurrences).toBe(100_000);
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    const t = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("html[data-ready='1']", { timeout: 30_000 });
    const wallMs = performance.now() - t;
    // From navigation start to the first page of rows drawn, as the page itself measured it.
    const readyMs = (await page.evaluate("performance.getEntriesByName('postguard-ready')[0].startTime")) as number;
    const domMs = (await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")) as number;
    console.log(`[report-large] in Chromium: table ready ${readyMs.toFixed(0)} ms after navigation start (DOMContentLoaded ${domMs.toFixed(0)} ms); goto to ready ${wallMs.toFixed(0)} ms`);
    expect(readyMs).toBeLessThan(5000);

    const distinct = new Set(Array.from(state.secretsOnSite.values(), (s) => [...s]).flat()).size;
    expect(await page.getAttribute("[data-card=secrets]", "data-value")).toBe(String(distinct));
    expect(await page.getAttribute("#status", "data-count")).toBe(String(distinct));
    expect(await page.locator("#rows tr.secret").count()).toBe(50);

    const site = state.sites[3]!;
    const f = performance.now();
    await page.selectOption("#f-site", { label: site });
    await expect.poll(() => page.getAttribute("#status", "data-count")).toBe(String(state.secretsOnSite.get(site)!.size));
    console.log(`[report-large] site filter applied in ${(performance.now() - f).toFixed(0)} ms`);
    const sites = await page.$$eval("#rows tr.secret", (els) => els.map((e) => e.getAttribute("data-sites")!.split(" ")));
    expect(sites.length).toBe(50);
    for (const s of sites) expect(s).toContain(site);

    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
  });

  it("holds none of the 100,000 findings' secret values", () => {
    expect(state.values.length).toBeGreaterThan(40_000);
    expect(foundIn(html, state.values)).toEqual([]);
    // The check itself finds a value that is there.
    expect(foundIn(`${html}<p>${state.values[7]}</p>`, state.values)).toEqual([state.values[7]]);
  });
});
