/**
 * The bundled executable (dist/bundle/postguard.cjs, package.json's `bin`) as a real
 * process: it finds secrets with their line:col and masks them, reads the precompiled
 * catalogue, and its worker threads (file scan and audit) start from inside the bundle.
 * The bundle is built from the current sources into a private copy of the build.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateBuild, removeBuild, ROOT } from "../audit/build.js";
import { send, TestServer } from "../audit/test-server.js";
import { KEY_ID, locate, SECRET_KEY } from "./helpers.js";

let plainBin: string;
let root: string;
let bin: string;
let work: string;

beforeAll(async () => {
  plainBin = privateBuild();
  root = join(plainBin, "../../..");
  const { buildCli } = (await import(pathToFileURL(join(ROOT, "scripts/build-cli.mjs")).href)) as { buildCli(o: { outdir: string }): Promise<unknown> };
  await buildCli({ outdir: join(root, "dist/bundle") });
  bin = join(root, "dist/bundle/postguard.cjs");
  // The precompiled catalogue, as `npm run build` writes it, from this private build.
  const write = `const d = ${JSON.stringify(pathToFileURL(join(root, "dist/")).href)};
    const cache = await import(d + "rules/catalogue-cache.js"); const load = await import(d + "rules/load.js");
    const files = load.readRuleDir(load.builtinRulesDir()); const { rules, problems } = load.loadRuleTexts(files);
    if (problems.length) throw new Error("rules have problems");
    cache.writeCatalogue(cache.buildCatalogue(files.map((f) => ({ name: f.path.split("/").pop(), text: f.text })), rules));`;
  const w = spawnSync(process.execPath, ["--input-type=module", "-e", write], { encoding: "utf8" });
  if (w.status !== 0) throw new Error(w.stderr);
  work = mkdtempSync(join(tmpdir(), "postguard-bundle-"));
}, 180_000);

afterAll(() => {
  if (plainBin) removeBuild(plainBin);
  if (work) rmSync(work, { recursive: true, force: true });
});

function postguard(args: string[], opts: { cwd?: string; node?: string[]; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), bin, ...args], { cwd: opts.cwd ?? work, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...opts.env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As `postguard`, without blocking this process (the audit's test server runs in it). */
function postguardAsync(args: string[], opts: { node?: string[] } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...(opts.node ?? []), bin, ...args], { cwd: work, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

/** Did any thread run `script` (one CPU profile per thread; with workers, more than the main one)? */
function threadRan(profiles: string, script: string): boolean {
  return readdirSync(profiles).some((f) => readFileSync(join(profiles, f), "utf8").includes(`/dist/bundle/${script}`));
}

/** An invented AWS key id: AKIA + 16 base32 characters derived from `i`. */
function keyId(i: number): string {
  const b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let s = "";
  for (let n = i * 2654435761 + 12345, k = 0; k < 16; k++, n = Math.floor(n / 7) + k * 31) s += b32[n % 32];
  return `AKIA${s}`;
}

/**
 * `file` and its code cache (`file.cache`) made stale, corrupt or missing (and `more`
 * damages): `run` gives `expected` each time, and `verdict` says V8 rejects the stale one.
 * Both files are put back afterwards.
 */
function expectOnlySlower(file: string, run: () => unknown, expected: unknown, verdict: () => string, more: Record<string, () => void> = {}): void {
  const cache = `${file}.cache`;
  const original = { file: readFileSync(file), cache: readFileSync(cache) };
  const restore = () => {
    writeFileSync(file, original.file);
    writeFileSync(cache, original.cache);
  };
  const damages: Record<string, () => void> = {
    // A changed source: V8 rejects the cache made for the old one (checked below).
    stale: () => writeFileSync(file, Buffer.concat([original.file, Buffer.from("\n// rebuilt\n")])),
    corrupt: () => writeFileSync(cache, Buffer.from(original.cache.subarray(0, 4096).map((b, i) => (i % 7 === 3 ? b ^ 0xff : b)))),
    "cache missing": () => rmSync(cache),
    ...more,
  };
  try {
    for (const [name, damage] of Object.entries(damages)) {
      damage();
      expect({ name, out: run() }).toEqual({ name, out: expected });
      restore();
    }
    damages.stale!();
    expect(verdict()).toBe("rejected\n");
  } finally {
    restore();
  }
}

describe("bundled bin", () => {
  it("is what package.json runs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin.postguard).toBe("dist/bundle/postguard.cjs");
    expect(postguard(["--version"])).toMatchObject({ status: 0, stdout: `${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n` });
  });

  it("scans examples/: exit 1, findings with line:col, secrets masked", () => {
    cpSync(join(ROOT, "examples"), join(work, "examples"), { recursive: true });
    const r = postguard(["scan", "examples"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("examples/csdn-git-remote.html:19:107: Unexpected GitHub personal access token (classic)");
    expect(r.stdout).toContain("examples/hugo-oss-upload.md:30:54: Unexpected Alibaba Cloud AccessKey secret in `java` code block");
    expect(r.stdout).toMatch(/ghp_\*+/);
    expect(r.stdout).not.toMatch(/ghp_[A-Za-z0-9]{36}/);
  });

  it("finds a synthetic key in a post at its line:col, masked; a clean post exits 0", () => {
    const post = `# Deploy notes\n\nSome words.\n\n\`\`\`ini\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n\`\`\`\n`;
    writeFileSync(join(work, "leaky.md"), post);
    writeFileSync(join(work, "clean.md"), "---\ntitle: S3\n---\n\n```bash\naws configure set aws_access_key_id <YOUR_ACCESS_KEY_ID>\n```\n");
    const at = locate(post, SECRET_KEY);
    const r = postguard(["scan", "leaky.md"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`leaky.md:${at.line}:${at.column}: Unexpected AWS secret access key in \`ini\` code block`);
    expect(r.stdout).not.toContain(SECRET_KEY);
    expect(r.stdout).not.toContain(KEY_ID);
    expect(postguard(["scan", "clean.md"])).toEqual({ status: 0, stdout: "No credentials found. Scanned 1 file.\n", stderr: "" });
  });

  it("reads an .mdx post with remark-mdx; a markdown post never loads it (acorn)", () => {
    const post = `import Tabs from "@theme/Tabs"\n\nexport const config = { region: "us-east-1", accessKeyId: "${KEY_ID}" }\n\n# Deploy\n\n<Tabs>hello</Tabs>\n`;
    writeFileSync(join(work, "esm.mdx"), post);
    writeFileSync(join(work, "esm.md"), post);
    const at = locate(post, KEY_ID);
    const run = (file: string) => {
      // An interval this short samples every module's top-level code that runs.
      const profiles = mkdtempSync(join(work, "prof-"));
      const r = postguard(["scan", file], { node: ["--cpu-prof", `--cpu-prof-dir=${profiles}`, "--cpu-prof-interval", "50"] });
      return { ...r, loaded: (script: string) => threadRan(profiles, script) };
    };
    // The bundle files holding acorn (remark-mdx's JavaScript parser), by one of its option names.
    const dir = join(root, "dist/bundle");
    const acorn = readdirSync(dir).filter((f) => readFileSync(join(dir, f), "utf8").includes("allowAwaitOutsideFunction"));
    expect(acorn.length).toBeGreaterThan(0);
    const mdx = run("esm.mdx");
    expect(mdx.status).toBe(1);
    // "in script": the ESM line was read as MDX ESM, not as a markdown paragraph.
    expect(mdx.stdout).toContain(`esm.mdx:${at.line}:${at.column}: Unexpected AWS access key ID in script,`);
    expect(acorn.some((f) => mdx.loaded(f))).toBe(true);
    const md = run("esm.md");
    expect(md.status).toBe(1);
    expect(md.stdout).toContain(`esm.md:${at.line}:${at.column}: Unexpected AWS access key ID in prose,`);
    // The CommonJS copy with the code cache, not the ES module.
    expect(md.loaded("markdown.cjs")).toBe(true);
    expect(md.loaded("markdown.js")).toBe(false);
    expect(acorn.filter((f) => md.loaded(f))).toEqual([]);
  });

  it("markdown.cjs with the build's code cache: accepted by this Node, reads posts exactly as the ES module does", () => {
    const dist = join(root, "dist");
    const posts = [readFileSync(join(ROOT, "examples/hugo-oss-upload.md"), "utf8"), `---\ntitle: t\n---\n\n> - \`\`\`ini\n>   aws_access_key_id = ${KEY_ID}\n>   \`\`\`\n\n| a | <code>${SECRET_KEY}</code> |\n|---|---|\n`];
    const script = `import { createRequire } from "node:module";
      const { requireWithCodeCache } = await import(${JSON.stringify(pathToFileURL(join(dist, "document/code-cache.js")).href)});
      const loaded = requireWithCodeCache(${JSON.stringify(join(dist, "bundle/markdown.cjs"))});
      const esm = createRequire(import.meta.url)(${JSON.stringify(join(dist, "bundle/markdown.js"))});
      const posts = ${JSON.stringify(posts)};
      const read = (m) => JSON.stringify(posts.map((p) => m.markdownSegments(p, { mdx: false })));
      console.log(JSON.stringify({ cache: loaded.cache, same: read(loaded.exports) === read(esm), segments: JSON.parse(read(esm)).flat().length }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { cache: string; same: boolean; segments: number };
    expect(out).toEqual({ cache: "accepted", same: true, segments: expect.any(Number) });
    expect(out.segments).toBeGreaterThan(5);
  });

  it("a stale, corrupt or missing code cache, or no markdown.cjs at all, changes nothing but speed", () => {
    // The key in a list item's prose: this post needs the markdown parser (one in fences alone does not).
    const post = `# Deploy notes\n\n- step: the key id is \`${KEY_ID}\`\n\n\`\`\`ini\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n\`\`\`\n`;
    writeFileSync(join(work, "cached.md"), post);
    const expected = postguard(["scan", "cached.md"]);
    expect(expected.status).toBe(1);
    expect(expected.stdout).toContain("Unexpected AWS secret access key in `ini` code block");
    const cjs = join(root, "dist/bundle/markdown.cjs");
    const check = `const { requireWithCodeCache } = await import(${JSON.stringify(pathToFileURL(join(root, "dist/document/code-cache.js")).href)});
        console.log(requireWithCodeCache(${JSON.stringify(cjs)}).cache);`;
    const verdict = () => spawnSync(process.execPath, ["--input-type=module", "-e", check], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } }).stdout;
    expectOnlySlower(cjs, () => postguard(["scan", "cached.md"]), expected, verdict, { "markdown.cjs missing": () => rmSync(cjs) });
  });

  it("cli.cjs with the build's code cache: accepted by this Node; a stale, corrupt or missing cache changes nothing but speed", () => {
    const cli = join(root, "dist/bundle/cli.cjs");
    // Compiled as the launcher (src/cli/launcher.ts) compiles it, without running the CLI.
    const check = `const { compileWithCodeCache } = await import(${JSON.stringify(pathToFileURL(join(root, "dist/document/code-cache.js")).href)});
      console.log(compileWithCodeCache(${JSON.stringify(cli)}).cache);`;
    const verdict = () => spawnSync(process.execPath, ["--input-type=module", "-e", check], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } }).stdout;
    expect(verdict()).toBe("accepted\n");
    const post = `# Deploy notes\n\nThe key id is \`${KEY_ID}\`.\n\n\`\`\`ini\naws_secret_access_key = ${SECRET_KEY}\n\`\`\`\n`;
    writeFileSync(join(work, "launched.md"), post);
    const expected = postguard(["scan", "launched.md"]);
    expect(expected.status).toBe(1);
    expect(expected.stdout).toContain("Unexpected AWS secret access key in `ini` code block");
    expectOnlySlower(cli, () => postguard(["scan", "launched.md"]), expected, verdict);
  });

  it("what a one-post scan leaves unloaded works when asked for: other formats, folders with .gitignore, globs, a config", () => {
    const site = mkdtempSync(join(work, "lazy-"));
    const leak = (name: string) => `# ${name}\n\n\`\`\`ini\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n\`\`\`\n`;
    for (const name of ["a.md", "drafts/b.md", "c.html"]) {
      mkdirSync(join(site, name, ".."), { recursive: true });
      writeFileSync(join(site, name), name.endsWith(".html") ? `<pre><code class="language-ini">aws_access_key_id = ${KEY_ID}\n</code></pre>` : leak(name));
    }
    writeFileSync(join(site, ".gitignore"), "drafts/\n");
    const files = (out: string) => [...new Set((JSON.parse(out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path))].sort();
    // The HTML reporter, in the language of the environment.
    const html = postguard(["scan", "a.md", "--format", "html"], { cwd: site, env: { LANG: "zh_CN.UTF-8" } });
    expect(html.status).toBe(1);
    expect(html.stdout).toContain('<html lang="zh-CN">');
    expect(html.stdout).not.toContain(SECRET_KEY);
    expect(postguard(["scan", "a.md", "--format", "html"], { cwd: site }).stdout).toContain('<html lang="en">');
    expect(JSON.parse(postguard(["scan", "a.md", "--format", "sarif"], { cwd: site }).stdout).runs[0].results.length).toBeGreaterThan(0);
    // A folder: .gitignore leaves drafts/ out; the HTML page is read by the HTML extractor.
    expect(files(postguard(["scan", ".", "--format", "json"], { cwd: site }).stdout)).toEqual(["a.md", "c.html"]);
    // A glob.
    expect(files(postguard(["scan", "**/*.md", "--format", "json"], { cwd: site }).stdout)).toEqual(["a.md"]);
    // A config: excluded paths, an allowlisted file, a severity override.
    writeFileSync(join(site, ".postguard.yaml"), "exclude:\n  - c.html\nallowlist:\n  paths:\n    - a.md\nrules:\n  aws.*:\n    severity: low\n");
    const configured = postguard(["scan", ".", "--format", "json"], { cwd: site });
    expect(configured.stderr).toBe("");
    const report = JSON.parse(configured.stdout) as { findings: Array<{ path: string; severity: string; suppressed?: unknown }> };
    expect(report.findings.map((f) => f.path)).toEqual(expect.arrayContaining(["a.md"]));
    expect(report.findings.every((f) => f.path === "a.md" && f.suppressed && f.severity === "low")).toBe(true);
    expect(configured.status).toBe(0);
  });

  it("runs `rules check` (reads the YAML) and `init`", () => {
    expect(postguard(["rules", "check"])).toMatchObject({ status: 0, stdout: expect.stringMatching(/rules in \d+ rule files: no problems/) });
    const site = mkdtempSync(join(work, "site-"));
    expect(postguard(["init", site]).status).toBe(0);
    expect(existsSync(join(site, ".postguard.yaml"))).toBe(true);
  });

  it("uses the precompiled catalogue in dist/rules/", () => {
    const file = join(root, "dist/rules/catalogue.json");
    const original = readFileSync(file, "utf8");
    try {
      const catalogue = JSON.parse(original) as { rules: Array<{ spec: { id: string; title: string } }> };
      catalogue.rules.find((r) => r.spec.id === "aws.access-key-id")!.spec.title = "AWS access key ID (from the catalogue)";
      writeFileSync(file, JSON.stringify(catalogue));
      expect(postguard(["rules", "list"]).stdout).toMatch(/^aws\.access-key-id\s.*AWS access key ID \(from the catalogue\)$/m);
    } finally {
      writeFileSync(file, original);
    }
    expect(postguard(["rules", "list"]).stdout).toMatch(/^aws\.access-key-id\s.*AWS access key ID$/m);
  });

  it("a tree big enough for worker threads: same findings as --concurrency 1, found by the bundle's scan-worker.js", () => {
    const tree = mkdtempSync(join(work, "tree-"));
    const prose = "Object storage is the cheapest place to keep build artefacts, but the first upload is where people get stuck. ".repeat(30);
    // Keys in prose: each post needs a markdown parse, so scanning takes long enough (well over
    // the 250 ms after which workers start) for the workers to take part.
    for (let i = 0; i < 400; i++) writeFileSync(join(tree, `post-${i}.md`), `# Post ${i}\n\n${prose} The aws_access_key_id is \`${keyId(i)}\`. ${prose}\n`);
    const profiles = mkdtempSync(join(work, "prof-"));
    const threaded = postguard(["scan", tree, "--format", "json"], { node: ["--cpu-prof", `--cpu-prof-dir=${profiles}`] });
    const single = postguard(["scan", tree, "--format", "json", "--concurrency", "1"]);
    expect(threaded.status).toBe(1);
    expect(single.status).toBe(1);
    const found = (out: string) =>
      (JSON.parse(out) as { findings: Array<{ path: string; ruleId: string; start: { line: number; column: number }; secret: string }> }).findings
        .map((f) => `${f.path}:${f.start.line}:${f.start.column} ${f.ruleId} ${f.secret}`)
        .sort();
    expect(found(threaded.stdout)).toHaveLength(400);
    expect(found(threaded.stdout)).toEqual(found(single.stdout));
    expect(threadRan(profiles, "scan-worker.js")).toBe(true);
  }, 120_000);

  it("`audit` scans pages on the bundle's audit worker threads; `report` writes the HTML", async () => {
    const site = await TestServer.start();
    try {
      const page = (i: number) => `<!DOCTYPE html><html><body><article><pre><code class="language-ini">aws_access_key_id = ${keyId(i)}\n</code></pre></article></body></html>`;
      site.route("/robots.txt", (_q, res) => send(res, 200, "text/plain", "User-agent: *\nAllow: /\n"));
      for (let i = 0; i < 3; i++) site.route(`/p/${i}.html`, (_q, res) => send(res, 200, "text/html; charset=utf-8", page(i)));
      writeFileSync(join(work, "urls.txt"), [0, 1, 2].map((i) => `${site.base}/p/${i}.html`).join("\n"));
      const profiles = mkdtempSync(join(work, "prof-"));
      const r = await postguardAsync(["audit", "--urls", "urls.txt", "--state", "audit.db", "--workers", "1", "--delay", "0"], { node: ["--cpu-prof", `--cpu-prof-dir=${profiles}`] });
      expect(r.stderr).not.toContain("internal error");
      expect(r.status).toBe(1);
      expect(r.stdout.match(/Unexpected AWS access key ID/g)).toHaveLength(3);
      expect(r.stdout).not.toContain(keyId(0));
      expect(threadRan(profiles, "audit-scan-worker.js")).toBe(true);
      const report = postguard(["report", "--state", "audit.db", "--output", "report.html"]);
      expect(report.status).toBe(0);
      expect(readFileSync(join(work, "report.html"), "utf8")).toContain("aws.access-key-id");
    } finally {
      await site.close();
    }
  }, 120_000);
});
