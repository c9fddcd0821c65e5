/**
 * `postguard init`: a commented starter `.postguard.yaml`, scoped to the content folders
 * of the site generator found in the folder (Hugo, Hexo, Jekyll, Docusaurus, VitePress,
 * Astro, MkDocs), so a first scan reads posts, not build output.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

export interface SiteGuess {
  /** Display name: "Hugo". */
  name: string;
  /** The file that gave it away: "hugo.toml". */
  evidence: string;
  include: string[];
  exclude: string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function firstExisting(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names) if (await exists(join(dir, n))) return n;
  return undefined;
}

async function text(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return "";
  }
}

/** Folders among `names` that exist, or all of `fallback` when none does. */
async function existingDirs(dir: string, names: readonly string[], fallback: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const n of names) if (await exists(join(dir, n))) found.push(n);
  return found.length ? found : [...fallback];
}

const globs = (dirs: readonly string[]) => dirs.map((d) => `${d}/**`);

async function dependsOn(dir: string, pkg: string): Promise<boolean> {
  const json = await text(join(dir, "package.json"));
  if (!json) return false;
  try {
    const p = JSON.parse(json) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return Boolean(p.dependencies?.[pkg] ?? p.devDependencies?.[pkg]);
  } catch {
    return false;
  }
}

/** A `key: value` / `key = "value"` setting read from a config file's text. */
function setting(src: string, key: string): string | undefined {
  const m = new RegExp(`^\\s*${key}\\s*[:=]\\s*["']?([^"'\\s#]+)`, "im").exec(src);
  return m?.[1]?.replace(/^\.\//, "").replace(/\/+$/, "");
}

type Detector = (dir: string) => Promise<SiteGuess | undefined>;

const DETECTORS: Detector[] = [
  async (dir) => {
    const cfg = await firstExisting(dir, ["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts"]);
    if (!cfg) return undefined;
    const dirs = await existingDirs(dir, ["docs", "blog", "src/pages", "versioned_docs", "i18n"], ["docs", "blog", "src/pages"]);
    return { name: "Docusaurus", evidence: cfg, include: globs(dirs), exclude: ["build/**", ".docusaurus/**"] };
  },
  async (dir) => {
    for (const src of [".", "docs", "src"]) {
      const base = src === "." ? "" : `${src}/`;
      const cfg = await firstExisting(dir, ["config.js", "config.ts", "config.mjs", "config.mts", "config.cjs"].map((f) => `${base}.vitepress/${f}`));
      if (cfg) {
        return {
          name: "VitePress",
          evidence: cfg,
          include: src === "." ? ["**/*.md"] : [`${src}/**`],
          exclude: [`${base}.vitepress/cache/**`, `${base}.vitepress/dist/**`],
        };
      }
    }
    return undefined;
  },
  async (dir) => {
    const cfg = await firstExisting(dir, ["astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"]);
    if (!cfg) return undefined;
    const dirs = await existingDirs(dir, ["src/content", "src/pages", "src/data"], ["src/content", "src/pages"]);
    return { name: "Astro", evidence: cfg, include: globs(dirs), exclude: ["dist/**", ".astro/**"] };
  },
  async (dir) => {
    const cfg = await firstExisting(dir, ["mkdocs.yml", "mkdocs.yaml"]);
    if (!cfg) return undefined;
    const docs = setting(await text(join(dir, cfg)), "docs_dir") ?? "docs";
    return { name: "MkDocs", evidence: cfg, include: [`${docs}/**`], exclude: ["site/**"] };
  },
  async (dir) => {
    let cfg = await firstExisting(dir, ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"]);
    if (!cfg) {
      // Older sites use config.*; it must look like Hugo's (baseURL) to count.
      const old = await firstExisting(dir, ["config.toml", "config.yaml", "config.yml"]);
      const src = old ? await text(join(dir, old)) : "";
      if (old && /baseurl/i.test(src) && (await exists(join(dir, setting(src, "contentDir") ?? "content")))) cfg = old;
    }
    if (!cfg) return undefined;
    const content = setting(await text(join(dir, cfg)), "contentDir") ?? "content";
    return { name: "Hugo", evidence: cfg, include: [`${content}/**`], exclude: ["public/**", "resources/**"] };
  },
  async (dir) => {
    if (!(await exists(join(dir, "_config.yml")))) return undefined;
    if (!(await dependsOn(dir, "hexo")) && !(await exists(join(dir, "source", "_posts")))) return undefined;
    const source = setting(await text(join(dir, "_config.yml")), "source_dir") ?? "source";
    return { name: "Hexo", evidence: (await dependsOn(dir, "hexo")) ? "package.json (hexo)" : "_config.yml", include: [`${source}/**`], exclude: ["public/**"] };
  },
  async (dir) => {
    const gem = /\bjekyll\b/.test(await text(join(dir, "Gemfile")));
    const cfg = await exists(join(dir, "_config.yml"));
    if (!gem && !(cfg && (await exists(join(dir, "_posts"))))) return undefined;
    return {
      name: "Jekyll",
      evidence: gem ? "Gemfile (jekyll)" : "_config.yml",
      // Jekyll renders pages from anywhere in the site; posts live in _posts/ and _drafts/.
      include: ["**/*.md", "**/*.markdown", "**/*.html"],
      exclude: ["_site/**", ".jekyll-cache/**", "vendor/**"],
    };
  },
];

/** The site generator used in `dir`, if one is recognised. */
export async function detectSite(dir: string): Promise<SiteGuess | undefined> {
  for (const d of DETECTORS) {
    const g = await d(dir);
    if (g) return g;
  }
  return undefined;
}

/** YAML list items; globs starting with `*` (an alias in YAML) or other punctuation are quoted. */
const list = (items: readonly string[], indent = "  ") => items.map((i) => `${indent}- ${/^[\w][\w./*-]*$/.test(i) ? i : JSON.stringify(i)}`).join("\n");

/** The starter configuration for `site` (or a generic one). */
export function starterConfig(site: SiteGuess | undefined): string {
  const detected = site
    ? `# Detected a ${site.name} site (${site.evidence}); the scan is limited to its content.\n`
    : "# No site generator detected (Hugo, Hexo, Jekyll, Docusaurus, VitePress, Astro, MkDocs);\n# every file under this folder is scanned, except what .gitignore ignores.\n";
  const include = site ? `include:\n${list(site.include)}\n` : "include:\n  # - content/**\n";
  const exclude = site ? `exclude:\n${list(site.exclude)}\n  # - content/drafts/**\n` : "exclude:\n  # - public/**\n";
  return `# postguard configuration (written by \`postguard init\`; see the README, "Configuration").
${detected}#
# Globs are relative to this file's folder; a folder name means everything under it.
${include}${exclude}
# Switch rules off or change the severity of their findings (\`postguard rules list\`
# shows every id; \`aws.*\` names all of a provider's rules).
rules:
  # generic.password: off
  # jwt.token: { severity: low }

# Your own rules, in the schema of postguard's rules/*.yaml, written here or as paths to
# rule files. \`postguard rules check --config .postguard.yaml\` tests them on their examples.
# custom_rules:
#   - ./postguard-rules/

# Findings you have judged harmless. They are still listed, as suppressed, in JSON and
# SARIF output. Inline markers (<!-- postguard-ignore-next-line -->) and baselines
# (\`postguard baseline\`) are the other ways to accept a finding.
allowlist:
  # paths: [content/examples/**]
  # secrets: ["^sk_test_"]     # regular expressions matched against the secret
  # stopwords: [example]       # a secret containing one of these words (any case)
  # fingerprints: []           # from --format json output or a baseline
`;
}
