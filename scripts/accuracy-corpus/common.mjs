// The context a theme builds its post with: labelled values, prose in the post's language,
// and the decoys every tutorial carries (placeholders, env references, templates, hashes...).
import { ALPHA, b64 } from "./rng.mjs";
import { V, pem, rsaPublicDer, ecPublicDer, sshPublicLine, sshRsaPublicLine, ed25519Pair, pgpPublicBlock } from "./formats.mjs";

export function context(r, L, lang) {
  const c = {
    r,
    L,
    lang,
    z: (zh, en) => (lang === "zh" ? zh : en),
    S: (type, value, ctx) => L.secret(type, value, ctx),
    D: (type, value, ctx) => L.decoy(type, value, ctx),
    E: (type, value, ctx) => L.either(type, value, ctx),
    v: new Proxy({}, { get: (_, k) => (...a) => V[k](r, ...a) }),
  };

  /** Placeholder in one of the conventions tutorials use; `hint` names the thing (API_KEY...). */
  c.ph = (hint = "API_KEY", style) => {
    const lower = hint.toLowerCase();
    const kebab = lower.replace(/_/g, "-");
    const styles = {
      angle: `<YOUR_${hint}>`,
      angleLower: `<your-${kebab}>`,
      your: `your_${lower}`,
      YOUR: `YOUR_${hint}`,
      yourHere: `your-${kebab}-here`,
      brackets: `[YOUR_${hint}]`,
      braces: `{your_${lower}}`,
      replace: `REPLACE_WITH_YOUR_${hint}`,
      dunder: `__${hint}__`,
      zhAngle: `<你的${hint}>`,
      zhFill: lang === "zh" ? `在这里填写你的${hint}` : `<${hint}>`,
      stars: "********",
      changeme: "changeme",
    };
    const pick = style ?? r.pick(Object.keys(styles).filter((k) => lang === "zh" || !k.startsWith("zh")));
    return c.D("placeholder", styles[pick]);
  };
  /** `prefix` followed by x's / stars / an ellipsis: `sk-xxxx`, `AKLT****`, `hf_...`. */
  c.phPrefix = (prefix, n = 24, style) => {
    const s = style ?? r.pick(["x", "X", "dots", "angle"]);
    const tail = s === "x" ? "x".repeat(n) : s === "X" ? "X".repeat(n) : s === "dots" ? "..." : "<token>";
    return c.D("placeholder", prefix + tail);
  };
  /** A real-looking value shown masked: first/last characters kept, the rest starred. */
  c.masked = (value, style) => {
    const s = style ?? r.pick(["stars", "mid", "bullets", "redacted"]);
    const keep = Math.min(6, Math.floor(value.length / 5));
    const out =
      s === "stars"
        ? value.slice(0, keep) + "*".repeat(Math.max(8, value.length - keep))
        : s === "mid"
          ? value.slice(0, 4) + "..." + value.slice(-4)
          : s === "bullets"
            ? value.slice(0, keep) + "••••••••••••"
            : "[REDACTED]";
    return c.D("masked-secret", out);
  };
  const envForms = {
    shell: (n) => `$${n}`,
    shellBrace: (n) => `\${${n}}`,
    node: (n) => `process.env.${n}`,
    py: (n) => `os.environ["${n}"]`,
    pyget: (n) => `os.getenv("${n}")`,
    java: (n) => `System.getenv("${n}")`,
    go: (n) => `os.Getenv("${n}")`,
    laravel: (n) => `env('${n}')`,
    ps: (n) => `$env:${n}`,
    cmd: (n) => `%${n}%`,
    vite: (n) => `import.meta.env.${n}`,
    ruby: (n) => `ENV["${n}"]`,
    csharp: (n) => `Environment.GetEnvironmentVariable("${n}")`,
  };
  c.env = (name, form) => c.D("env-reference", envForms[form](name));
  const tplForms = {
    gha: (n) => `\${{ secrets.${n} }}`,
    helm: (n) => `{{ .Values.${n} }}`,
    jinja: (n) => `{{ ${n} }}`,
    pyfmt: (n) => `%(${n})s`,
    erb: (n) => `<%= ENV["${n}"] %>`,
    spring: (n, d) => `\${${n}${d !== undefined ? ":" + d : ""}}`,
    tf: (n) => `var.${n}`,
    azdo: (n) => `$(${n})`,
    gitlab: (n) => `$${n}`,
  };
  c.tpl = (name, form, d) => c.D("template-variable", tplForms[form](name, d));

  // ---- look-alikes that are not secrets
  c.gitSha = (short) => c.D("git-commit-sha", r.hex(short ? 7 : 40));
  c.sha256 = () => c.D("sha256-hex", r.hex(64));
  c.sha1 = () => c.D("sha1-hex", r.hex(40));
  c.md5 = () => c.D("md5-hex", r.hex(32));
  c.digest = () => c.D("docker-digest", "sha256:" + r.hex(64));
  c.integrity = () => c.D("npm-integrity", "sha512-" + b64(r.bytes(64)));
  c.uuid = (type = "uuid") => c.D(type, r.uuid());
  c.requestId = () => c.D("request-id", r.pick([r.uuid(), r.uuid().toUpperCase(), r.hex(24), r.str(20, ALPHA.lowernum)]));
  c.traceId = () => c.D("trace-id", r.hex(32));
  c.bcrypt = () => c.D("bcrypt-hash", `$2${r.pick(["a", "b", "y"])}$${r.pick(["10", "12"])}$` + r.str(53, "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
  c.eth = () => c.D("ethereum-address", "0x" + r.hex(40));
  c.btc = () => c.D("crypto-address", "bc1q" + r.str(38, "qpzry9x8gf2tvdw0s3jn54khce6mua7l"));
  c.sol = () => c.D("crypto-address", r.str(44, ALPHA.base58));
  c.sshPub = (comment) => c.D("ssh-public-key", r.chance(0.6) ? sshPublicLine(ed25519Pair(r).pub, comment) : sshRsaPublicLine(r, comment));
  c.pemPub = () => c.D("pem-public-key", pem("PUBLIC KEY", r.chance(0.5) ? rsaPublicDer(r) : ecPublicDer(r)));
  c.pgpPub = (uid) => c.D("pgp-public-key", pgpPublicBlock(r, uid));
  c.awsExample = (which) => c.D("aws-example-key", which === "secret" ? "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" : "AKIAIOSFODNN7EXAMPLE");
  c.jwtIo = () =>
    c.D("jwt-io-sample", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
  c.badCrc = (prefix) => c.D(`${prefix.replace(/_$/, "")}-bad-checksum`, V[{ ghp_: "ghPat", gho_: "ghOauth", ghs_: "ghServer", npm_: "npmToken" }[prefix]](r, true));
  return c;
}

/** Prose shared by many posts, so each theme only writes what is specific to it. */
export const PROSE = {
  intro: (c, topic) =>
    c.r.pick(
      c.lang === "zh"
        ? [`最近在项目里接入了${topic}，踩了几个坑，顺手记录一下完整流程。`, `这篇笔记整理一下${topic}的配置过程，方便以后查阅。`, `之前一直没搞明白${topic}怎么配，今天终于跑通了，记录一下。`, `网上关于${topic}的资料比较零散，我把自己的步骤整理成了这篇文章。`]
        : [`I recently wired up ${topic} in a side project and hit a few snags, so here is the full walkthrough.`, `These are my notes on setting up ${topic}, mostly so I can find them again next time.`, `${topic} looked simple until it wasn't. Here's what finally worked for me.`, `A short, practical guide to ${topic}, with the exact config I ended up using.`],
    ),
  before: (c) => c.r.pick(c.lang === "zh" ? ["配置如下：", "代码如下：", "完整示例：", "核心代码就这么几行：", "我这里的写法是："] : ["Here's the config:", "The code looks like this:", "Full example:", "The relevant part:", "This is what I ended up with:"]),
  after: (c) =>
    c.r.pick(
      c.lang === "zh"
        ? ["跑一下，没有报错就说明配置成功了。", "注意缩进，YAML 对空格很敏感。", "执行完之后在控制台就能看到结果。", "如果返回 401，先检查一下密钥有没有复制完整。"]
        : ["Run it; if nothing blows up you're good.", "Watch the indentation, YAML is picky.", "You should see the result in the console right away.", "If you get a 401, double-check that you copied the whole key."],
    ),
  outro: (c) =>
    c.r.pick(
      c.lang === "zh"
        ? ["以上就是全部内容，有问题欢迎在评论区留言。", "就这些，希望对你有帮助。", "后续有新的坑再补充。"]
        : ["That's it. Questions welcome in the comments.", "Hope this saves someone an afternoon.", "I'll update this post if anything changes."],
    ),
};

/** Block constructors (the document model every skin renders). */
export const B = {
  h: (text, level = 2) => ({ t: "h", text, level }),
  p: (text) => ({ t: "p", text }),
  code: (lang, code, o = {}) => ({ t: "code", lang, code, ...o }),
  out: (text) => ({ t: "output", text }),
  note: (kind, title, blocks) => ({ t: "note", kind, title, blocks }),
  tabs: (items) => ({ t: "tabs", items }),
  list: (items, ordered = false) => ({ t: "list", items, ordered }),
  table: (head, rows) => ({ t: "table", head, rows }),
};
