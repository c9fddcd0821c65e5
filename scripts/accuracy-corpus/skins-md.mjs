// Markdown-family skins: plain README, VitePress, VuePress, MkDocs (Material), Docusaurus MDX,
// Astro Starlight MDX. Each writes blocks the way that generator's own docs show them.

const fence = (lang, code, info = "") => "```" + (lang ?? "") + (info ? " " + info : "") + "\n" + code + "\n```";
const indent = (s, n) => s.split("\n").map((l) => (l ? " ".repeat(n) + l : l)).join("\n");
const L = (post, zh, en) => (post.lang === "zh" ? zh : en);

function table(b) {
  const head = `| ${b.head.join(" | ")} |\n| ${b.head.map(() => "---").join(" | ")} |`;
  return head + "\n" + b.rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** Shared walk; `opts` overrides how notes, tabs and code are written. */
function renderBlocks(blocks, post, opts) {
  const out = [];
  for (const b of blocks) {
    switch (b.t) {
      case "h":
        out.push(`${"#".repeat(b.level ?? 2)} ${b.text}`);
        break;
      case "p":
        out.push(b.text);
        break;
      case "list":
        out.push(b.items.map((i, n) => (b.ordered ? `${n + 1}. ${i}` : `- ${i}`)).join("\n"));
        break;
      case "table":
        out.push(table(b));
        break;
      case "code":
        out.push(opts.code(b));
        break;
      case "output":
        out.push(opts.output ? opts.output(b) : fence("text", b.text));
        break;
      case "note":
        out.push(opts.note(b, renderBlocks(b.blocks, post, opts)));
        break;
      case "tabs":
        out.push(opts.tabs(b));
        break;
      case "raw":
        out.push(b.md ?? b.text);
        break;
      default:
        throw new Error(`unknown block ${b.t}`);
    }
  }
  return out.join("\n\n");
}

const frontYaml = (fields) =>
  "---\n" +
  Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${x}`).join("\n")}` : `${k}: ${v}`))
    .join("\n") +
  "\n---\n";

export const mdSkins = {
  readme: {
    ext: "md",
    format: "md",
    render(post) {
      const opts = {
        code: (b) => fence(b.lang, b.code),
        output: (b) => indent(b.text, 4),
        note: (b, inner) => `<details>\n<summary>${b.title ?? L(post, "说明", "Note")}</summary>\n\n${inner}\n\n</details>`,
        tabs: (b) => b.items.map((i) => `**${i.label}**\n\n${fence(i.lang, i.code)}`).join("\n\n"),
      };
      const badges = post.badges ? post.badges + "\n\n" : "";
      return `# ${post.title}\n\n${badges}${renderBlocks(post.blocks, post, opts)}\n`;
    },
  },
  vitepress: {
    ext: "md",
    format: "md",
    render(post) {
      const opts = {
        code: (b) => fence(b.lang, b.code, [b.hl ? `{${b.hl}}` : "", b.title ? `[${b.title}]` : ""].filter(Boolean).join(" ")),
        note: (b, inner) => `::: ${b.kind === "warning" ? "warning" : b.kind === "details" ? "details" : "tip"} ${b.title ?? ""}`.trimEnd() + `\n${inner}\n:::`,
        tabs: (b) => "::: code-group\n\n" + b.items.map((i) => fence(i.lang, i.code, `[${i.label}]`)).join("\n\n") + "\n\n:::",
      };
      return frontYaml({ title: post.title, outline: "deep", lastUpdated: "true" }) + `\n# ${post.title}\n\n${renderBlocks(post.blocks, post, opts)}\n`;
    },
  },
  vuepress: {
    ext: "md",
    format: "md",
    render(post) {
      const opts = {
        code: (b) => fence(b.lang, b.code, b.hl ? `{${b.hl}}` : ""),
        note: (b, inner) => `::: ${b.kind === "warning" ? "warning" : "tip"} ${b.title ?? ""}`.trimEnd() + `\n${inner}\n:::`,
        tabs: (b) =>
          "<CodeGroup>\n" +
          b.items.map((i, n) => `  <CodeGroupItem title="${i.label}"${n === 0 ? " active" : ""}>\n\n${fence(i.lang, i.code)}\n\n  </CodeGroupItem>`).join("\n\n") +
          "\n</CodeGroup>",
      };
      return frontYaml({ title: post.title, date: post.date, tags: post.tags, categories: [post.category ?? L(post, "后端", "Backend")] }) + `\n${renderBlocks(post.blocks, post, opts)}\n`;
    },
  },
  mkdocs: {
    ext: "md",
    format: "md",
    render(post) {
      const opts = {
        code: (b) => fence(b.lang, b.code, [b.title ? `title="${b.title}"` : "", b.linenums ? 'linenums="1"' : "", b.hl ? `hl_lines="${b.hl}"` : ""].filter(Boolean).join(" ")),
        note: (b, inner) => `${b.kind === "details" ? "???" : "!!!"} ${b.kind === "warning" ? "warning" : b.kind === "danger" ? "danger" : "note"}${b.title ? ` "${b.title}"` : ""}\n\n${indent(inner, 4)}`,
        tabs: (b) => b.items.map((i) => `=== "${i.label}"\n\n${indent(fence(i.lang, i.code), 4)}`).join("\n\n"),
      };
      return `---\ntitle: ${post.title}\n---\n\n# ${post.title}\n\n${renderBlocks(post.blocks, post, opts)}\n`;
    },
  },
  docusaurus: {
    ext: "mdx",
    format: "mdx",
    render(post) {
      const opts = {
        code: (b) => fence(b.lang, b.code, [b.title ? `title="${b.title}"` : "", b.linenums ? "showLineNumbers" : "", b.hl ? `{${b.hl}}` : ""].filter(Boolean).join(" ")),
        note: (b, inner) => `:::${b.kind === "warning" ? "warning" : b.kind === "danger" ? "danger" : "tip"}${b.title ? `[${b.title}]` : ""}\n\n${inner}\n\n:::`,
        tabs: (b) =>
          "<Tabs>\n" +
          b.items.map((i) => `  <TabItem value="${i.label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}" label="${i.label}">\n\n${fence(i.lang, i.code)}\n\n  </TabItem>`).join("\n") +
          "\n</Tabs>",
      };
      const body = renderBlocks(post.blocks, post, opts);
      const imports = body.includes("<Tabs>") ? "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n" : "";
      const [first, ...rest] = body.split("\n\n");
      return (
        frontYaml({ slug: post.slug, title: post.title, authors: post.author, tags: `[${post.tags.join(", ")}]` }) +
        `\n${imports}${first}\n\n<!-- truncate -->\n\n${rest.join("\n\n")}\n`
      );
    },
  },
  astro: {
    ext: "mdx",
    format: "mdx",
    render(post) {
      let usesCode = false;
      const opts = {
        code: (b) => {
          if (b.component) {
            usesCode = true;
            const body = b.code.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
            return `<Code code={\`${body}\`} lang="${b.lang}"${b.title ? ` title="${b.title}"` : ""} />`;
          }
          return fence(b.lang, b.code, b.title ? `title="${b.title}"` : "");
        },
        note: (b, inner) => `<Aside type="${b.kind === "warning" ? "caution" : b.kind === "danger" ? "danger" : "tip"}"${b.title ? ` title="${b.title}"` : ""}>\n\n${inner}\n\n</Aside>`,
        tabs: (b) => "<Tabs>\n" + b.items.map((i) => `  <TabItem label="${i.label}">\n\n${fence(i.lang, i.code)}\n\n  </TabItem>`).join("\n") + "\n</Tabs>",
      };
      const body = renderBlocks(post.blocks, post, opts);
      const comps = ["Aside", "Tabs", "TabItem", "Code"].filter((c) => body.includes(`<${c}`) || (c === "Code" && usesCode));
      const imports = comps.length ? `import { ${comps.join(", ")} } from '@astrojs/starlight/components';\n\n` : "";
      return frontYaml({ title: post.title, description: post.description, pubDate: post.date }) + `\n${imports}${body}\n`;
    },
  },
};

/** The post body as plain GFM (what Juejin keeps in `mark_content`). */
export function toMarkdown(post) {
  return renderBlocks(post.blocks, post, {
    code: (b) => fence(b.lang, b.code),
    note: (b, inner) => `> **${b.title ?? L(post, "注意", "Note")}**\n>\n${inner.split("\n").map((l) => `> ${l}`.trimEnd()).join("\n")}`,
    tabs: (b) => b.items.map((i) => `**${i.label}**\n\n${fence(i.lang, i.code)}`).join("\n\n"),
  });
}
