/**
 * What an element means for extraction, from its tag and classes: blog chrome to drop
 * (copy buttons, toolbars, line-number gutters), code containers, code line wrappers,
 * and the highlighter language. The class names are the ones the platforms emit:
 * highlight.js (+ hljs-line-numbers), Prism, Chroma (Hugo), Rouge (Jekyll), Hexo,
 * SyntaxHighlighter (WordPress), Pygments, GitHub gists, CSDN, cnblogs, Juejin, dev.to.
 */

/** Elements whose content is rendered as blocks: a boundary for prose, a line in code. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li",
  "listing", "main", "menu", "nav", "ol", "optgroup", "option", "p", "plaintext", "pre",
  "search", "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
  "thead", "title", "tr", "ul", "xmp",
]);

/** Elements whose text is code-like when they sit in prose (`password is <code>abc</code>`). */
export const INLINE_CODE_TAGS: ReadonlySet<string> = new Set(["code", "kbd", "samp", "tt"]);

/** Elements that hold a whole code block by themselves. */
export const CODE_BLOCK_TAGS: ReadonlySet<string> = new Set(["pre", "listing", "xmp", "plaintext", "textarea"]);

/** Children of these never render whitespace-only text (it sits between rows / items). */
export const STRUCTURE_TAGS: ReadonlySet<string> = new Set([
  "table", "thead", "tbody", "tfoot", "tr", "colgroup", "ul", "ol", "dl", "menu",
]);

/** Page furniture: interactive or decorative, never author text. */
const CHROME_TAGS: ReadonlySet<string> = new Set(["button", "svg"]);

const CHROME_CLASSES: ReadonlySet<string> = new Set([
  "toolbar", // Prism toolbar plugin, SyntaxHighlighter 3
  "hljs-button", // CSDN copy button
  "highlight__panel", // dev.to fullscreen / copy panel
  "code-block-extension-header", // Juejin language label + copy button
  "code-header", // Docusaurus-style headers with a copy button
]);

/** Copy / clipboard widgets: `cnblogs_code_copy`, `copy-code-button`, `hljs-copy`, `btn-copy`. */
const COPY_CLASS = /(?:^|[-_])(?:copy|clipboard)(?:$|[-_])|(?:^|[-_])toolbar$/;

/** Line-number gutters; only dropped inside code-like markup (a layout grid may say `gutter`). */
const GUTTER_CLASSES: ReadonlySet<string> = new Set([
  "gutter", // SyntaxHighlighter, Rouge (`gutter gl`), Hexo
  "rouge-gutter",
  "lineno", // Rouge `<pre class="lineno">`
  "linenos", // Pygments
  "linenodiv",
  "lnt", // Chroma table gutter
  "ln", // Chroma inline line numbers
  "line-numbers-rows", // Prism line-numbers plugin
  "line-numbers-wrapper", // VuePress
  "line-number",
  "pre-numbering", // CSDN
  "hljs-ln-numbers", // highlightjs-line-numbers.js
  "hljs-ln-n",
  "blob-num", // GitHub gist embed
  "code-snippet__line-index", // WeChat official-account articles
]);

/** Classes that make an element code-like, so that gutter classes inside it are trusted. */
const CODEISH_CLASS = /highlight|syntax|code|chroma|hljs|rouge|prism|language-|lang-|brush|gist|blob/i;

/** Cheap prefilter: only classes matching this can be chrome, gutter or line wrappers. */
const INTERESTING_CLASS = /gutter|line|lnt|ln\b|copy|clipboard|toolbar|button|numbering|panel|header|linenos|blob-num/i;

export function classTokens(cls: string): string[] {
  return cls.toLowerCase().split(/[\s]+/).filter(Boolean);
}

/** The element and everything in it is page furniture. `codeish` gates the gutter classes. */
export function isChrome(tag: string, cls: string | undefined, codeish: boolean): boolean {
  if (CHROME_TAGS.has(tag)) return true;
  if (!cls || !INTERESTING_CLASS.test(cls)) return false;
  for (const t of classTokens(cls)) {
    if (CHROME_CLASSES.has(t)) return true;
    // Prism wraps the whole block in `div.code-toolbar`; only its `.toolbar` child is chrome.
    if (t !== "code-toolbar" && COPY_CLASS.test(t)) return true;
    if (codeish && GUTTER_CLASSES.has(t)) return true;
  }
  return false;
}

/** Makes gutter classes trustworthy for this element and its descendants. */
export function isCodeish(tag: string, cls: string | undefined): boolean {
  return tag === "pre" || tag === "code" || tag === "table" || (cls !== undefined && CODEISH_CLASS.test(cls));
}

/**
 * A wrapper for one rendered code line: Chroma / Hexo `span.line`, SyntaxHighlighter
 * `div.line`, `hljs-ln-line`, prism-react-renderer `token-line`, Juejin `…-codeLine`.
 */
export function isLineWrapper(cls: string | undefined): boolean {
  if (!cls || !INTERESTING_CLASS.test(cls)) return false;
  for (const t of classTokens(cls)) {
    if (t === "line" || t.endsWith("-line") || t.endsWith("_line") || t.endsWith("codeline")) {
      if (!GUTTER_CLASSES.has(t)) return true;
    }
  }
  return false;
}

/** A highlighter that renders a code block without a `<pre>` around it. */
export function isCodeContainer(tag: string, cls: string | undefined): boolean {
  if (CODE_BLOCK_TAGS.has(tag)) return true;
  if (!cls) return false;
  const tokens = classTokens(cls);
  if (tag === "div") return tokens.includes("syntaxhighlighter"); // SyntaxHighlighter 3 table
  if (tag === "table") return tokens.includes("hljs-ln") || tokens.includes("js-file-line-container"); // gists
  return false;
}

/** cnblogs numbers lines with `<span style="color: #008080;"> 1</span>` inside the code. */
export function isCnblogsNumberStyle(style: string | undefined): boolean {
  return style !== undefined && /color:\s*#008080/i.test(style);
}

export interface LangHint {
  lang: string;
  /** Higher wins; ties keep the first seen. */
  score: number;
}

const LANG_SHAPE = /^[a-z0-9][a-z0-9_+#.-]{0,31}$/;

/** Class tokens that say "a highlighter made this" and are followed by a bare language name. */
const LANG_MARKERS: ReadonlySet<string> = new Set([
  "hljs", "highlight", "syntaxhighlighter", "sourcecode", "prettyprint", "chroma",
]);

const NOT_A_LANG: ReadonlySet<string> = new Set([
  ...LANG_MARKERS,
  "notranslate", "nogutter", "collapsed", "printing", "linenums", "prettyprinted", "line-numbers",
  "has-numbering", "codehilite", "tab-size", "highlighttable", "hljs-ln", "wrap", "nowrap", "ie",
  "show", "hide", "numbered", "numberlines", "code", "pre", "block", "scroll", "copyable",
  "highlighter-rouge", "highlighter-hljs", "js-code-highlight", "rouge-table", "lntable",
  "has-small-font-size", "line", "cl",
]);

const BARE_PREFIX_STOP = /^(?:js-|wp-|has-|is-|hljs-|graf|ng-|css-|sc-|mb-|mt-|p-|m-|text-|bg-)/;

function cleanLang(s: string): string | undefined {
  const l = s.toLowerCase().replace(/;$/, "");
  return LANG_SHAPE.test(l) ? l : undefined;
}

/**
 * The language a code element declares. `own` is true for the code element itself
 * (`pre`, its `code`, the container); ancestors (Hexo `figure.highlight yaml`, Rouge
 * `div.language-yaml`) score lower than the element's own classes.
 */
export function langHint(cls: string | undefined, dataLang: string | undefined, own: boolean): LangHint | undefined {
  const bonus = own ? 1 : 0;
  if (dataLang) {
    const l = cleanLang(dataLang.trim());
    if (l) return { lang: l, score: 5 + bonus };
  }
  if (!cls) return undefined;
  const tokens = classTokens(cls);
  let best: LangHint | undefined;
  const offer = (raw: string, score: number): void => {
    const l = cleanLang(raw);
    if (l && (!best || score > best.score)) best = { lang: l, score };
  };
  let marker = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const m = /^(?:language|lang)-(.+)$/.exec(t);
    if (m) offer(m[1]!, 5 + bonus);
    else if (t === "brush:" && tokens[i + 1]) offer(tokens[i + 1]!, 3 + bonus); // class="brush: js; gutter: false"
    else if (t.startsWith("brush:") && t.length > 6) offer(t.slice(6), 3 + bonus);
    else if (/^highlight-(?:source-)?[a-z]/.test(t)) offer(t.replace(/^highlight-(?:source-)?/, ""), 3 + bonus);
    if (LANG_MARKERS.has(t)) marker = true;
  }
  if (marker && !best) {
    for (const t of tokens) {
      if (NOT_A_LANG.has(t) || BARE_PREFIX_STOP.test(t) || t.includes(":") || t.includes("--")) continue;
      if (/^[a-z][a-z0-9+#]*$/.test(t)) {
        offer(t, 1 + bonus);
        break;
      }
    }
  }
  return best;
}
