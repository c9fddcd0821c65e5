// A small line tokenizer and the markup each highlighter wraps tokens in. Not a faithful
// grammar: enough that secrets land inside string spans, get split at `=`/`:`/`/` like real
// highlighters split unquoted values, and sit behind gutters and line wrappers.

const KEYWORDS = {
  python: "import from as def return if else elif for in while with class try except raise print None True False and or not lambda async await",
  js: "const let var function return if else for of in new await async import from export default class extends require try catch throw typeof null true false this",
  java: "public private protected static final class new return import package void String int long boolean if else try catch throw throws this null true false extends implements",
  go: "package import func return if else for range var const type struct nil err defer go map",
  csharp: "using var new public private static class string return await async namespace void",
  php: "use new return function require_once echo array if else true false null",
  shell: "export echo if then fi for do done in sudo cd cat curl",
  sql: "INSERT INTO VALUES SELECT FROM WHERE CREATE TABLE USER IDENTIFIED BY GRANT ALL ON TO",
};
const ALIAS = { ts: "js", typescript: "js", javascript: "js", jsx: "js", tsx: "js", node: "js", py: "python", ipython3: "python", bash: "shell", sh: "shell", zsh: "shell", console: "shell", kotlin: "java", cs: "csharp", "c#": "csharp", golang: "go" };
const HASH_COMMENT = new Set(["python", "shell", "yaml", "yml", "toml", "ini", "properties", "dotenv", "env", "dockerfile", "ruby", "conf", "hcl", "terraform", "nginx"]);
const SLASH_COMMENT = new Set(["js", "java", "go", "csharp", "php", "rust", "hcl", "terraform", "json5", "groovy", "swift"]);

const TOKEN = /([\ue000-\uf8ff])|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`)|(\d+(?:\.\d+)?(?![\w$]))|([A-Za-z_$][\w$]*|[\w$]+)|(\s+)|([\s\S])/gy;

/** Tokens of one line: {k: kw|str|com|num|id|attr|ws|p|m, t} (m = label marker, kept raw). */
export function tokenize(line, lang) {
  const l = ALIAS[lang] ?? lang;
  const kw = new Set((KEYWORDS[l] ?? "").split(" "));
  const out = [];
  let rest = line;
  let comment = "";
  // Comments: find a comment start outside strings (good enough: first # / // preceded by space or line start).
  const cm = HASH_COMMENT.has(l) ? rest.match(/(^|\s)#/) : SLASH_COMMENT.has(l) ? rest.match(/(^|\s)\/\//) : null;
  const odd = (pre, q) => (pre.split(q).length - 1) % 2 === 1;
  if (cm && !odd(rest.slice(0, cm.index), '"') && !odd(rest.slice(0, cm.index), "'")) {
    const at = cm.index + cm[1].length;
    comment = rest.slice(at);
    rest = rest.slice(0, at);
  }
  // YAML/properties/env keys become attributes.
  const keyRe = l === "yaml" || l === "yml" ? /^(\s*-?\s*)([\w.\-/]+)(?=\s*:(\s|$))/ : l === "properties" || l === "dotenv" || l === "env" || l === "ini" || l === "toml" ? /^(\s*)([\w.\-[\]]+)(?=\s*=)/ : null;
  if (keyRe) {
    const km = rest.match(keyRe);
    if (km) {
      if (km[1]) out.push({ k: "ws", t: km[1] });
      out.push({ k: "attr", t: km[2] });
      rest = rest.slice(km[0].length);
    }
  }
  if (l === "json") {
    const jm = rest.match(/^(\s*)("(?:[^"\\]|\\.)*")(?=\s*:)/);
    if (jm) {
      if (jm[1]) out.push({ k: "ws", t: jm[1] });
      out.push({ k: "attr", t: jm[2] });
      rest = rest.slice(jm[0].length);
    }
  }
  TOKEN.lastIndex = 0;
  let m;
  while ((m = TOKEN.exec(rest))) {
    if (m[1]) out.push({ k: "m", t: m[1] });
    else if (m[2]) out.push({ k: "str", t: m[2] });
    else if (m[3]) out.push({ k: "num", t: m[3] });
    else if (m[4]) out.push({ k: kw.has(m[4]) ? "kw" : "id", t: m[4] });
    else if (m[5]) out.push({ k: "ws", t: m[5] });
    else out.push({ k: "p", t: m[6] });
  }
  if (comment) out.push({ k: "com", t: comment });
  if (out.map((t) => t.t).join("") !== line) throw new Error(`tokenizer lost text in: ${line}`);
  return out;
}

export const ESC = {
  /** &, <, > only (most static generators inside <pre>). */
  min: (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  /** ...and " as &quot; (Hexo, Jekyll/Rouge, Jupyter). */
  quot: (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
  /** highlight.js escapeHTML: & < > " '. */
  hljs: (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;"),
  /** Go html/template (Hugo/Chroma): numeric " and '. */
  chroma: (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;"),
};

const CLASS = {
  pygments: { kw: "k", str: "s", com: "c1", num: "mi", attr: "na", id: "n", p: "p" },
  hljs: { kw: "hljs-keyword", str: "hljs-string", com: "hljs-comment", num: "hljs-number", attr: "hljs-attr" },
  hexo: { kw: "keyword", str: "string", com: "comment", num: "number", attr: "attr" },
};

/** One highlighted line as HTML, for class-based highlighters. */
export function spanLine(line, lang, scheme, esc) {
  const cls = CLASS[scheme];
  return tokenize(line, lang)
    .map((tok) => {
      if (tok.k === "m" || tok.k === "ws") return tok.t;
      const c = cls[tok.k];
      return c ? `<span class="${c}">${esc(tok.t)}</span>` : esc(tok.t);
    })
    .join("");
}

/** cnblogs' legacy editor: inline colour styles, line numbers inside the <pre>. */
export function cnblogsLine(line, lang) {
  const color = { kw: "#0000ff", str: "#800000", com: "#008000", num: "#800080" };
  return tokenize(line, lang)
    .map((tok) => (color[tok.k] ? `<span style="color: ${color[tok.k]};">${ESC.min(tok.t)}</span>` : ESC.min(tok.t)))
    .join("");
}

/** SyntaxHighlighter 3 (WordPress "SyntaxHighlighter Evolved"), one rendered line. */
export function shLine(line, brush) {
  const toks = tokenize(line, brush);
  let html = "";
  let i = 0;
  if (toks[0]?.k === "ws") {
    html += `<code class="${brush} spaces">${"&nbsp;".repeat(toks[0].t.length)}</code>`;
    i = 1;
  }
  const kind = { kw: "keyword", str: "string", com: "comments", num: "value", attr: "variable" };
  let plain = "";
  const flush = () => {
    if (plain) html += `<code class="${brush} plain">${plain}</code>`;
    plain = "";
  };
  for (; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.k === "m") {
      plain += tok.t;
      continue;
    }
    if (kind[tok.k]) {
      flush();
      html += `<code class="${brush} ${kind[tok.k]}">${ESC.min(tok.t)}</code>`;
    } else plain += ESC.min(tok.t);
  }
  flush();
  return html || "&nbsp;";
}
