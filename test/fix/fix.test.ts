/**
 * `postguard fix`: each reported secret becomes its rule's placeholder, in the form that
 * reads as `<NAME>` where it stands (code, HTML text, MDX prose), every other byte stays,
 * the file is refused if it changes meanwhile, and the user is told to revoke.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { fixFile } from "../../src/fix/fix-file.js";
import { builtinRules } from "../../src/rules/load.js";
import { Engine, scanText } from "../../src/scan.js";
import { tempTree } from "../cli/helpers.js";
import { awsKeyId, awsSecret, githubToken, renderMarkdown } from "../fixtures/prepublish/helpers.js";

const K = awsKeyId(61);
const S = awsSecret(62);
const K2 = awsKeyId(63);
const G = githubToken(64);
const fence = "```";

/** Text content of an HTML page as a browser shows it (entities decoded, tags gone). */
function htmlText(html: string): string {
  const tree = unified().use(rehypeParse).parse(html);
  const out: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === "text") out.push(n.value!);
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(tree as never);
  return out.join("");
}

async function fix(files: Record<string, string | Uint8Array>, args: string[] = []) {
  const root = tempTree(files);
  const r = await run(["fix", "--no-config", ...args], { cwd: root });
  const read = (p: string) => readFileSync(join(root, p), "utf8");
  return { root, r, read };
}

describe("postguard fix replaces secrets and nothing else", () => {
  it("markdown: code block, prose and a paired id + secret; every other byte unchanged", async () => {
    const post = `---\ntitle: "Setup 🚀 中文"\n---\r\n\r\n# Setup\r\n\r\n${fence}ini\r\naws_access_key_id = ${K}\r\naws_secret_access_key = ${S}\r\n${fence}\r\n\r\nOr in prose: ${K2}, then \`GITHUB_TOKEN=${G}\`.\r\n`;
    const { r, read, root } = await fix({ "post.md": post });
    expect(r.exitCode).toBe(0);
    const expected = post
      .replace(K, "<AWS_ACCESS_KEY_ID>")
      .replace(S, "<AWS_SECRET_ACCESS_KEY>")
      .replace(K2, "<AWS_ACCESS_KEY_ID>")
      .replace(G, `<${builtinRules().find((x) => x.id === "github.personal-access-token")!.placeholder}>`);
    expect(read("post.md")).toBe(expected);
    expect(r.stdout).toBe("post.md: replaced 4 secrets (aws.secret-access-key, aws.access-key-id, github.personal-access-token)\n");
    // The placeholder reads as <NAME> on the rendered page, and the post now passes.
    expect(renderMarkdown(expected)).toContain("Or in prose: &#x3C;AWS_ACCESS_KEY_ID>, then");
    expect(await run(["scan", "--no-config", "-q"], { cwd: root })).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("tells the user to revoke the key, naming where", async () => {
    const { r } = await fix({ "post.md": `aws_access_key_id=${K}\n` });
    expect(r.stderr).toContain("postguard: replaced 1 secret in 1 file with placeholders.\n");
    expect(r.stderr).toContain("replacing a secret in the post does not make it safe. If it was ever published");
    expect(r.stderr).toContain(`  - Amazon Web Services: ${builtinRules().find((x) => x.id === "aws.access-key-id")!.revoke}`);
  });

  it("HTML: entities in text, highlighter spans kept, literal in <script>", async () => {
    const secretWithEntity = S.replace(/[+/]/g, (c) => (c === "+" ? "&#43;" : "&#x2F;"));
    const page = `<!doctype html>\n<meta charset="utf-8">\n<pre><code><span class="k">aws_access_key_id</span> = <span class="s">${K.slice(0, 8)}</span><span class="s">${K.slice(8)}</span>\naws_secret_access_key = ${secretWithEntity}</code></pre>\n<p>Key: ${K2} — café</p>\n<script>const token = "${G}";</script>\n`;
    const { r, read } = await fix({ "page.html": page });
    expect(r.exitCode).toBe(0);
    const out = read("page.html");
    expect(out).toBe(
      page
        .replace(`${K.slice(0, 8)}</span><span class="s">${K.slice(8)}`, '&lt;AWS_ACCESS_KEY_ID&gt;</span><span class="s">')
        .replace(secretWithEntity, "&lt;AWS_SECRET_ACCESS_KEY&gt;")
        .replace(K2, "&lt;AWS_ACCESS_KEY_ID&gt;")
        .replace(G, "<GITHUB_TOKEN>".replace("GITHUB_TOKEN", builtinRules().find((x) => x.id === "github.personal-access-token")!.placeholder)),
    );
    const text = htmlText(out);
    expect(text).toContain("aws_access_key_id = <AWS_ACCESS_KEY_ID>\naws_secret_access_key = <AWS_SECRET_ACCESS_KEY>");
    expect(text).toContain("Key: <AWS_ACCESS_KEY_ID> — café");
  });

  it("MDX: escaped in prose (a bare <NAME> would be JSX), literal in code", async () => {
    const post = `import Note from "./note";\n\nThe key ${K} goes here.\n\n${fence}js\nconst key = "${K2}";\n${fence}\n`;
    const { read } = await fix({ "post.mdx": post });
    expect(read("post.mdx")).toBe(post.replace(K, "\\<AWS_ACCESS_KEY_ID>").replace(K2, "<AWS_ACCESS_KEY_ID>"));
  });

  it("markdown: raw HTML inside a post gets entities; a private key in a blockquote goes with its lines", async () => {
    const pem = ["-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEAx5Yx2hRk3Zq8Vx3Lm7Tp0Wb2Nk5Hs9Yd4Gf6Jc1UaEeQi0Rz", "Qm7Tp0Wb2Nk5Hs9Yd4Gf6Jc1UaEeQi0RzQ8Vx3Lm7Tp0Wb2Nk5Hs9Yd4Gf6Jc1U", "-----END RSA PRIVATE KEY-----"];
    const post = `<div class="note">\n<p>Key: ${K}</p>\n</div>\n\n> ${fence}\n${pem.map((l) => `> ${l}`).join("\n")}\n> ${fence}\n`;
    const { read } = await fix({ "post.md": post });
    const placeholder = builtinRules().find((x) => x.id === "private-key.pem")!.placeholder;
    expect(read("post.md")).toBe(`<div class="note">\n<p>Key: &lt;AWS_ACCESS_KEY_ID&gt;</p>\n</div>\n\n> ${fence}\n> <${placeholder}>\n> ${fence}\n`);
  });

  it("a legacy charset (GBK) stays GBK, byte for byte", async () => {
    // "中文" in GBK is D6 D0 CE C4.
    const head = Buffer.from('<html><head><meta charset="gbk"></head><body><p>', "latin1");
    const chinese = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]);
    const page = Buffer.concat([head, chinese, Buffer.from(` aws_access_key_id=${K} `, "latin1"), chinese, Buffer.from("</p></body></html>\n", "latin1")]);
    const { root } = await fix({ "page.html": page });
    const want = Buffer.concat([head, chinese, Buffer.from(" aws_access_key_id=&lt;AWS_ACCESS_KEY_ID&gt; ", "latin1"), chinese, Buffer.from("</p></body></html>\n", "latin1")]);
    expect(readFileSync(join(root, "page.html")).equals(want)).toBe(true);
  });

  it("a UTF-8 BOM is kept", async () => {
    const post = `\uFEFF# Hi\n\naws_access_key_id=${K}\n`;
    const { root } = await fix({ "post.md": post });
    expect(readFileSync(join(root, "post.md")).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(readFileSync(join(root, "post.md"), "utf8")).toBe(post.replace(K, "<AWS_ACCESS_KEY_ID>"));
  });

  it("suppressed findings and findings below --min-confidence are left alone", async () => {
    const post = `<!-- postguard-ignore-next-line -->\naws_access_key_id=${K}\n\naws_access_key_id=${K2}\n`;
    const { read } = await fix({ "post.md": post });
    expect(read("post.md")).toBe(post.replace(K2, "<AWS_ACCESS_KEY_ID>"));
  });

  it("a clean folder: nothing to replace, exit 0", async () => {
    const { r } = await fix({ "post.md": "# Nothing\n" });
    expect(r).toEqual({ exitCode: 0, stdout: "", stderr: "postguard: nothing to replace.\n" });
  });
});

describe("postguard fix --dry-run", () => {
  it("prints a unified diff with the secret masked, writes nothing, exits 1", async () => {
    const post = `# Setup\n\n${fence}ini\naws_access_key_id = ${K}\n${fence}\n`;
    const { r, read } = await fix({ "post.md": post }, ["--dry-run"]);
    expect(r.exitCode).toBe(1);
    expect(read("post.md")).toBe(post);
    expect(r.stdout).toBe(["--- a/post.md", "+++ b/post.md", "@@ -1,5 +1,5 @@", " # Setup", " ", " ```ini", "-aws_access_key_id = AKIA************", "+aws_access_key_id = <AWS_ACCESS_KEY_ID>", " ```", ""].join("\n"));
    expect(r.stdout).not.toContain(K);
    expect(r.stderr).toContain("postguard: --dry-run: would replace 1 secret in 1 file; nothing was written.");
    expect(r.stderr).toContain("revoke or rotate it now");
  });

  it("--show-secrets shows them in the diff", async () => {
    const { r } = await fix({ "post.md": `aws_access_key_id=${K}\n` }, ["-n", "--show-secrets"]);
    expect(r.stdout).toContain(`-aws_access_key_id=${K}\n+aws_access_key_id=<AWS_ACCESS_KEY_ID>\n`);
  });
});

describe("a file that changes while fix works on it", () => {
  it("is refused and left as the other writer left it", async () => {
    const root = tempTree({ "post.md": `aws_access_key_id=${K}\n` });
    const path = join(root, "post.md");
    const engine = new Engine(builtinRules());
    const edited = `aws_access_key_id=${K}\n\nA paragraph the author just saved.\n`;
    const outcome = await fixFile(path, "post.md", {
      findingsOf: (text, p, format) => scanText(text, p, engine, { format }),
      placeholderOf: (id) => builtinRules().find((r) => r.id === id)!.placeholder,
      dryRun: false,
      maxFileSize: 1 << 20,
      beforeWrite: async () => writeFileSync(path, edited),
    });
    expect(outcome).toMatchObject({ status: "refused", message: "it changed while postguard was fixing it; nothing was written, run `postguard fix` again" });
    expect(readFileSync(path, "utf8")).toBe(edited);
  });

  it("the CLI reports a refused file and exits 2", async () => {
    const root = tempTree({ "post.md": `aws_access_key_id=${K}\n`, "bad.md": Buffer.from([0x61, 0x77, 0x73, 0x5f, 0xff, 0x0a]) });
    // bad.md is not valid UTF-8: fix refuses to rewrite what it cannot decode exactly.
    writeFileSync(join(root, "bad.md"), Buffer.concat([Buffer.from(`aws_access_key_id=${K2} `), Buffer.from([0xff, 0x0a])]));
    const r = await run(["fix", "--no-config"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("postguard: error: bad.md: not fixed: not valid utf-8; postguard does not rewrite files it cannot decode exactly");
    expect(readFileSync(join(root, "post.md"), "utf8")).toBe("aws_access_key_id=<AWS_ACCESS_KEY_ID>\n");
  });
});
