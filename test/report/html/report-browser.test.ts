/**
 * The HTML report as a reader gets it: rendered by `postguard report` from a generated
 * audit state (a real SQLite file written through the audit store), opened from disk in
 * headless Chromium. Expected numbers come from what the fixture planted, not from the
 * report code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run.js";
import { launchChromium, type Browser } from "./browser.js";
import { writeAuditState, type PlantedState } from "./state-fixture.js";

const ARTIFACTS = resolve("test-artifacts");

interface Expected {
  secrets: number;
  critical: number;
  high: number;
  sitesAffected: number;
  byProvider: Record<string, number>;
  bySite: Record<string, number>;
  bySeverity: Record<string, number>;
  byMonth: Record<string, number>;
  undated: number;
  /** site -> distinct secrets seen on it */
  secretsOnSite: Map<string, Set<string>>;
}

/** The numbers the report should show, counted straight from the planted data. */
function expectedOf(state: PlantedState): Expected {
  const seen = new Map<string, { sites: Set<string>; first?: string; provider: string; severity: string }>();
  for (const o of state.occurrences) {
    let e = seen.get(o.secret.hash);
    if (!e) seen.set(o.secret.hash, (e = { sites: new Set(), provider: o.secret.provider, severity: o.secret.severity }));
    e.sites.add(o.site);
    if (o.published && (!e.first || o.published < e.first)) e.first = o.published;
  }
  const inc = (r: Record<string, number>, k: string) => (r[k] = (r[k] ?? 0) + 1);
  const x: Expected = { secrets: seen.size, critical: 0, high: 0, sitesAffected: 0, byProvider: {}, bySite: {}, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, byMonth: {}, undated: 0, secretsOnSite: new Map() };
  for (const [hash, e] of seen) {
    inc(x.byProvider, e.provider);
    inc(x.bySeverity, e.severity);
    for (const s of e.sites) {
      inc(x.bySite, s);
      if (!x.secretsOnSite.has(s)) x.secretsOnSite.set(s, new Set());
      x.secretsOnSite.get(s)!.add(hash.slice(0, 16));
    }
    if (e.first) inc(x.byMonth, e.first.slice(0, 7));
    else x.undated++;
  }
  // Every month from the first to the last is a bar, empty ones too.
  const months = Object.keys(x.byMonth).sort();
  for (let d = new Date(`${months[0]}-01T00:00:00Z`); d.toISOString().slice(0, 7) <= months[months.length - 1]!; d.setUTCMonth(d.getUTCMonth() + 1)) {
    x.byMonth[d.toISOString().slice(0, 7)] ??= 0;
  }
  x.critical = x.bySeverity.critical!;
  x.high = x.bySeverity.high!;
  x.sitesAffected = Object.keys(x.bySite).length;
  return x;
}

async function marks(page: Page, chart: string): Promise<Record<string, number>> {
  const list = await page.$$eval(`svg[data-chart="${chart}"] .mark`, (els) => els.map((e) => [e.getAttribute("data-category")!, Number(e.getAttribute("data-value"))] as const));
  const out: Record<string, number> = {};
  for (const [k, v] of list) {
    expect(out[k], `two marks for ${k} in the ${chart} chart`).toBeUndefined();
    out[k] = v;
  }
  return out;
}

/** Open a file, recording every request the page makes; resolves once the table is drawn. */
async function open(browser: Browser, file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  // What the page tried to load and its Content-Security-Policy refused (the browser never asks for those).
  await page.addInitScript("window.__blocked = []; document.addEventListener('securitypolicyviolation', (e) => window.__blocked.push(e.blockedURI));");
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("html[data-ready='1']", { timeout: 20_000 });
  return { page, requests, errors };
}

describe("postguard report: a generated audit state in headless Chromium", () => {
  let dir: string;
  let state: PlantedState;
  let expected: Expected;
  let html: string;
  let htmlFile: string;
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let errors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "postguard-report-"));
    state = await writeAuditState(join(dir, "audit.sqlite"), { sites: 6, pagesPerSite: 70, maxFindingsPerPage: 3, seed: 7 });
    expected = expectedOf(state);
    htmlFile = join(dir, "out", "report.html");
    const r = await run(["report", "--state", "audit.sqlite", "--output", "out/report.html", "--lang", "en"], { cwd: dir });
    expect(r.stderr).toMatch(/^postguard: wrote the report to out\/report.html: \d+ distinct secrets/);
    expect(r.exitCode).toBe(0);
    html = readFileSync(htmlFile, "utf8");
    browser = await launchChromium();
    ({ page, requests, errors } = await open(browser, htmlFile));
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("plants hundreds of findings over several sites (the fixture is what the test claims)", () => {
    expect(state.occurrences.length).toBeGreaterThan(300);
    expect(expected.secrets).toBeGreaterThan(200);
    expect(expected.sitesAffected).toBe(6);
    expect(state.pages.failed + state.pages.skipped).toBeGreaterThan(0);
  });

  it("shows cards whose numbers match the state", async () => {
    const cards = Object.fromEntries(await page.$$eval("[data-card]", (els) => els.map((e) => [e.getAttribute("data-card"), [e.getAttribute("data-value"), e.querySelector(".v")!.textContent]])));
    const db = new Database(state.file, { readonly: true });
    const finished = (db.prepare("SELECT finished_at FROM audit_runs").get() as { finished_at: string }).finished_at;
    db.close();
    const want: Record<string, number | string> = {
      pages: state.pages.scanned,
      secrets: expected.secrets,
      critical: expected.critical,
      high: expected.high,
      sites: expected.sitesAffected,
      date: finished.slice(0, 10),
    };
    for (const [key, value] of Object.entries(want)) {
      expect(cards[key]?.[0], `card ${key}`).toBe(String(value));
      // What is read on screen is the same number, grouped as the language writes it.
      expect(cards[key]?.[1], `card ${key} text`).toBe(typeof value === "number" ? value.toLocaleString("en-US") : value);
    }
    expect(await page.textContent("[data-card=pages] .n")).toBe(`${state.pages.failed} failed · ${state.pages.skipped} skipped`);
  });

  it("draws one mark per category in each chart, with the right values", async () => {
    expect(await marks(page, "provider")).toEqual(expected.byProvider);
    expect(await marks(page, "site")).toEqual(expected.bySite);
    expect(await marks(page, "severity")).toEqual(expected.bySeverity);
    expect(await marks(page, "time")).toEqual(expected.byMonth);
    expect(await page.getAttribute("[data-unknown]", "data-unknown")).toBe(String(expected.undated));
    // Bars are drawn to scale: the widest provider bar belongs to the largest count.
    const widths = await page.$$eval('svg[data-chart="provider"] .mark', (els) => els.map((e) => [e.getAttribute("data-category"), Number(e.getAttribute("width"))] as const));
    const widest = widths.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(expected.byProvider[widest[0]!]).toBe(Math.max(...Object.values(expected.byProvider)));
  });

  it("filters the table by site: only that site's secrets, only that site's pages", async () => {
    const site = state.sites[2]!;
    const want = expected.secretsOnSite.get(site)!;
    await page.selectOption("#f-site", { label: site });
    await page.selectOption("#size", "500");
    await expect.poll(() => page.getAttribute("#status", "data-count")).toBe(String(want.size));
    const rows = await page.$$eval("#rows tr.secret", (els) => els.map((e) => ({ id: e.getAttribute("data-id")!, sites: e.getAttribute("data-sites")!.split(" "), shown: e.querySelector("td.site")!.textContent! })));
    expect(new Set(rows.map((r) => r.id))).toEqual(want);
    for (const r of rows) {
      expect(r.sites).toContain(site);
      expect(r.shown.startsWith(site)).toBe(true);
    }
    // Expanded, a secret lists only its occurrences on the chosen site.
    const multi = rows.findIndex((r) => r.sites.length > 1);
    expect(multi).toBeGreaterThanOrEqual(0);
    await page.locator("#rows tr.secret").nth(multi).locator("button.toggle").click();
    const links = await page.$$eval("#rows tr.occ a", (els) => els.map((e) => e.getAttribute("href")!));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(new URL(href).host).toBe(site);
    await page.click("#reset");
    await expect.poll(() => page.getAttribute("#status", "data-count")).toBe(String(expected.secrets));
  });

  it("clicking a provider bar filters by that provider", async () => {
    await page.click('svg[data-chart="provider"] .mark[data-category="aws"]');
    await expect.poll(() => page.getAttribute("#status", "data-count")).toBe(String(expected.byProvider.aws));
    const providers = await page.$$eval("#rows tr.secret", (els) => [...new Set(els.map((e) => e.getAttribute("data-provider")))]);
    expect(providers).toEqual(["aws"]);
    await page.click("#reset");
  });

  it("searches and sorts", async () => {
    // A page's URL finds exactly the secrets on that page.
    const o = state.occurrences[5]!;
    const onPage = new Set(state.occurrences.filter((x) => x.url === o.url).map((x) => x.secret.hash.slice(0, 16)));
    await page.fill("#q", o.url);
    await expect.poll(() => page.getAttribute("#status", "data-count")).toBe(String(onPage.size));
    expect(new Set(await page.$$eval("#rows tr.secret", (els) => els.map((e) => e.getAttribute("data-id"))))).toEqual(onPage);
    await page.click("#reset");
    // Pages column, descending then ascending.
    await page.click('th[data-sort="pages"]');
    const pagesCol = () => page.$$eval("#rows tr.secret td.num", (els) => els.map((e) => Number(e.textContent!.replace(/,/g, ""))));
    const desc = await pagesCol();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.click('th[data-sort="pages"]');
    const asc = await pagesCol();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await page.getAttribute('th[data-sort="pages"]', "aria-sort")).toBe("ascending");
  });

  it("makes no request but for the file itself, tries none, and runs without script errors", async () => {
    expect(requests).toEqual([pathToFileURL(htmlFile).href]);
    expect(await page.evaluate("window.__blocked")).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("holds no secret value anywhere in the file, and no full hash either", () => {
    expect(state.secrets.length).toBeGreaterThan(200);
    const leaked = state.secrets.filter((s) => html.includes(s.value));
    expect(leaked.map((s) => s.ruleId)).toEqual([]);
    expect(state.secrets.filter((s) => html.includes(s.hash))).toEqual([]);
    // The masked form is what is shown.
    expect(html).toMatch(/AKIA\*{4,}/);
  });

  it("saves a screenshot (test-artifacts/report.png), light and dark", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A fresh page: the report as it first opens, not as the tests above left it.
    ({ page } = await open(browser, htmlFile));
    await page.selectOption("#size", "25");
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    await page.click("#theme"); // auto -> light
    await page.click("#theme"); // light -> dark
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    const bg = await page.evaluate("getComputedStyle(document.body).backgroundColor");
    expect(bg).toBe("rgb(15, 18, 23)");
    await page.screenshot({ path: join(ARTIFACTS, "report-dark.png"), fullPage: false });
    await page.click("#theme"); // back to auto
  });
});
