/**
 * `postguard init`: detects the site generator, writes a commented config scoped to its
 * content folders, and that config then keeps build output out of the scan.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId } from "../fixtures/prepublish/helpers.js";

const post = `# Post\n\naws_access_key_id=${awsKeyId(7)}\n`;

const sites: Array<{ name: string; files: Record<string, string>; include: string[]; content: string; output: string }> = [
  { name: "Hugo", files: { "hugo.toml": 'baseURL = "https://example.org/"\n' }, include: ["content/**"], content: "content/posts/p.md", output: "public/posts/p/index.html" },
  { name: "Hugo", files: { "config.toml": 'baseURL = "https://example.org/"\ncontentDir = "posts"\n', "posts/.keep": "" }, include: ["posts/**"], content: "posts/p.md", output: "public/p/index.html" },
  { name: "Hexo", files: { "_config.yml": "title: Blog\n", "package.json": '{"dependencies":{"hexo":"^7.0.0"}}' }, include: ["source/**"], content: "source/_posts/p.md", output: "public/2024/p/index.html" },
  { name: "Jekyll", files: { "_config.yml": "title: Blog\n", "Gemfile": 'gem "jekyll", "~> 4.3"\n' }, include: ["**/*.md", "**/*.markdown", "**/*.html"], content: "_posts/2024-01-01-p.md", output: "_site/2024/01/01/p.html" },
  { name: "Docusaurus", files: { "docusaurus.config.js": "module.exports = {};\n", "docs/intro.md": "# Intro\n", "blog/.keep": "" }, include: ["docs/**", "blog/**"], content: "blog/p.md", output: "build/blog/p/index.html" },
  { name: "VitePress", files: { "docs/.vitepress/config.mts": "export default {}\n" }, include: ["docs/**"], content: "docs/guide/p.md", output: "docs/.vitepress/dist/guide/p.html" },
  { name: "Astro", files: { "astro.config.mjs": "export default {}\n", "src/content/.keep": "" }, include: ["src/content/**"], content: "src/content/blog/p.md", output: "dist/blog/p/index.html" },
  { name: "MkDocs", files: { "mkdocs.yml": "site_name: Docs\ndocs_dir: pages\n" }, include: ["pages/**"], content: "pages/p.md", output: "site/p/index.html" },
];

describe("postguard init", () => {
  it.each(sites)("detects $name and scopes the scan to $include", async (site) => {
    const root = tempTree({ ...site.files, [site.content]: post, [site.output]: `<p>aws_access_key_id=${awsKeyId(8)}</p>` });
    const r = await run(["init"], { cwd: root });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Wrote .postguard.yaml for a ${site.name} site`);
    const config = readFileSync(join(root, ".postguard.yaml"), "utf8");
    expect(config).toContain(`# Detected a ${site.name} site`);
    expect(config).toContain(`include:\n${site.include.map((g) => `  - ${g.startsWith("*") ? JSON.stringify(g) : g}\n`).join("")}`);
    // The written config is valid, and the built copy of the post is not scanned.
    const scan = await run(["scan", "--format", "json"], { cwd: root });
    expect(scan.stderr).toBe("");
    expect((JSON.parse(scan.stdout) as { findings: Array<{ path: string }> }).findings.map((f) => f.path)).toEqual([site.content]);
  });

  it("with no generator, writes a generic config that scans everything", async () => {
    const root = tempTree({ "notes/p.md": post });
    const r = await run(["init"], { cwd: root });
    expect(r.stdout).toContain("with no site generator detected");
    const config = readFileSync(join(root, ".postguard.yaml"), "utf8");
    expect(config).toContain("# No site generator detected");
    expect(config).toMatch(/^include:\n  # - content\/\*\*$/m);
    expect((await run(["scan", "-q"], { cwd: root })).exitCode).toBe(1);
  });

  it("every option is explained in the starter config", async () => {
    const root = tempTree({});
    await run(["init"], { cwd: root });
    const config = readFileSync(join(root, ".postguard.yaml"), "utf8");
    for (const key of ["include:", "exclude:", "rules:", "# custom_rules:", "allowlist:", "# paths:", "# secrets:", "# stopwords:", "# fingerprints:"]) expect(config).toContain(key);
    expect(await run(["rules", "check", "--config", ".postguard.yaml"], { cwd: root })).toMatchObject({ exitCode: 0 });
  });

  it("does not overwrite a configuration unless --force", async () => {
    const root = tempTree({ ".postguard.yaml": "# mine\n" });
    const r = await run(["init"], { cwd: root });
    expect(r).toEqual({ exitCode: 2, stdout: "", stderr: "postguard: error: .postguard.yaml already exists; nothing was written (--force overwrites .postguard.yaml)\n" });
    expect(readFileSync(join(root, ".postguard.yaml"), "utf8")).toBe("# mine\n");
    expect((await run(["init", "--force"], { cwd: root })).exitCode).toBe(0);
    expect(readFileSync(join(root, ".postguard.yaml"), "utf8")).toContain("postguard init");
  });

  it("writes into the folder it is given", async () => {
    const root = tempTree({ "site/hugo.toml": 'baseURL = "/"\n' });
    const r = await run(["init", "site"], { cwd: root });
    expect(r.stdout).toContain("Wrote site/.postguard.yaml for a Hugo site");
  });
});
