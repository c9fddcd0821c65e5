import { describe, expect, it } from "vitest";
import { htmlSegments } from "../../src/document/html.js";
import { LineIndex } from "../../src/document/line-index.js";
import type { Segment, SegmentKind } from "../../src/types.js";
import { mappingProblems } from "./html-support.js";

const ofKind = (segs: Segment[], kind: SegmentKind): Segment[] => segs.filter((s) => s.kind === kind);
const texts = (segs: Segment[], kind: SegmentKind): string[] => ofKind(segs, kind).map((s) => s.text);
const codeOf = (html: string): string[] => texts(htmlSegments(html), "code");
const allText = (segs: Segment[]): string => segs.map((s) => s.text).join("\u0001");

/** Raw offsets of each character of `value` inside the only segment that contains it. */
function rawOffsets(segs: Segment[], value: string): number[] {
  const seg = segs.find((s) => s.text.includes(value));
  if (!seg) throw new Error(`${value} not found in ${JSON.stringify(segs.map((s) => s.text))}`);
  const at = seg.text.indexOf(value);
  return [...value].map((_, i) => seg.map.toRaw(at + i));
}

function expectExactMaps(raw: string, segs: Segment[]): void {
  expect(segs.flatMap((s) => mappingProblems(raw, s))).toEqual([]);
}

describe("character references", () => {
  const raw = `<p>a&amp;b &lt;x&gt; &#x27;q&#39; &quot;z&quot; n&nbsp;b &notit; &amp fin</p>`;
  const [seg] = htmlSegments(raw);

  it("decodes named, numeric and legacy references the way browsers do", () => {
    expect(seg?.text).toBe(`a&b <x> 'q' "z" n b ¬it; & fin`);
  });

  it("maps each decoded reference to its whole raw span", () => {
    const at = seg!.text.indexOf("&b");
    expect(seg!.map.rangeToRaw(at, at + 1)).toEqual([raw.indexOf("&amp;"), raw.indexOf("&amp;") + 5]);
    expect(seg!.map.toRaw(at + 1)).toBe(raw.indexOf("b &lt;"));
    const q = seg!.text.indexOf("'q'");
    expect(seg!.map.rangeToRaw(q, q + 3)).toEqual([raw.indexOf("&#x27;"), raw.indexOf("&#39;") + 5]);
    expectExactMaps(raw, [seg!]);
  });

  it("does not read attribute values like `?a=1&not=2` as references", () => {
    const [url] = htmlSegments(`<a href="https://x.example/?a=1&not=2&amp;t=FAKEtoken">x</a>`);
    expect(url).toMatchObject({ kind: "url", name: "href", text: "https://x.example/?a=1&not=2&t=FAKEtoken" });
  });
});

describe("line breaks in code", () => {
  it.each([
    ["<br> between lines", "<pre>line1<br>line2<br/>line3</pre>", "line1\nline2\nline3"],
    ["<br> after a newline-less line wrapper", '<pre><span class="line">a</span><br><span class="line"></span><br><span class="line">b</span><br></pre>', "a\n\nb\n"],
    ["div.line per line, no newlines", '<div class="syntaxhighlighter js"><div class="line">a</div><div class="line"></div><div class="line">b</div></div>', "a\n\nb"],
    ["span.line holding its own newline", '<pre><span class="line"><span class="cl">a\n</span></span><span class="line"><span class="cl">\n</span></span><span class="line"><span class="cl">b\n</span></span></pre>', "a\n\nb\n"],
    ["line spans separated by raw newlines", '<pre><code><span class="code-line">a</span>\n<span class="code-line"></span>\n<span class="code-line">b</span>\n</code></pre>', "a\n\nb\n"],
    ["li per line", '<pre><code><ol class="hljs-ln"><li>a</li><li>b</li></ol></code></pre>', "a\nb"],
    ["a <code> per line straight in <pre> (WeChat)", "<pre><code>a</code><code><br></code><code>b</code></pre>", "a\n\nb"],
    ["a <br> between block lines is an empty line", '<div class="syntaxhighlighter"><div class="line">a</div><br><div class="line">b</div></div>', "a\n\nb"],
    ["token-line spans ending in <br> (Docusaurus)", '<pre><code><span class="token-line">a<br></span><span class="token-line"><br></span><span class="token-line">b<br></span></code></pre>', "a\n\nb\n"],
    ["the newline right after <pre> is not content", "<pre>\nabc\n</pre>", "abc\n"],
  ])("%s", (_, html, code) => {
    const segs = htmlSegments(html);
    expect(texts(segs, "code")).toEqual([code]);
    expectExactMaps(html, segs);
  });

  it("puts a synthetic break at the <br> tag, a zero-width point", () => {
    const html = "<pre>AK=1<br>SK=2</pre>";
    const [seg] = htmlSegments(html);
    expect(seg!.map.toRaw(4)).toBe(html.indexOf("<br>"));
    expect(seg!.map.toRaw(5)).toBe(html.indexOf("SK"));
  });

  it("turns <br> in prose into a line break too", () => {
    expect(texts(htmlSegments("<p>id: AK<br>secret: SK</p>"), "prose")).toEqual(["id: AK\nsecret: SK"]);
  });
});

describe("highlighter spans", () => {
  const html = '<pre><code class="language-js">key = <span class="s">"FAKE</span><span class="s">fake</span><span class="s">FAKE"</span>;</code></pre>';
  const segs = htmlSegments(html);

  it("joins a value split across three spans", () => {
    expect(texts(segs, "code")).toEqual(['key = "FAKEfakeFAKE";']);
  });

  it("maps each character of the joined value to where it physically is", () => {
    const first = html.indexOf('"FAKE<');
    const second = html.indexOf("fake<");
    const third = html.indexOf('FAKE"<');
    const expected = [
      ...[0, 1, 2, 3, 4].map((i) => first + i),
      ...[0, 1, 2, 3].map((i) => second + i),
      ...[0, 1, 2, 3, 4].map((i) => third + i),
    ];
    expect(rawOffsets(segs, '"FAKEfakeFAKE"')).toEqual(expected);
  });
});

describe("language of a code block", () => {
  it.each([
    ['<pre><code class="language-YAML">x</code></pre>', "yaml"],
    ['<pre><code class="hljs language-sql">x</code></pre>', "sql"],
    ['<pre><code class="hljs bash">x</code></pre>', "bash"],
    ['<pre class="brush: js; gutter: false">x</pre>', "js"],
    ['<pre class="prettyprint lang-java">x</pre>', "java"],
    ['<div class="highlight"><pre class="chroma"><code data-lang="go">x</code></pre></div>', "go"],
    ['<pre class="highlight bash"><code>x</code></pre>', "bash"],
    ['<pre class="wp-block-code"><code lang="json" class="language-json">x</code></pre>', "json"],
    ['<figure class="highlight yaml"><table><tr><td class="code"><pre>x</pre></td></tr></table></figure>', "yaml"],
    ['<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code>x</code></pre></div></div>', "ruby"],
    ['<div class="highlight-python notranslate"><div class="highlight"><pre>x</pre></div></div>', "python"],
    ['<div class="syntaxhighlighter nogutter  php"><div class="line">x</div></div>', "php"],
    ['<pre class="wp-block-code"><code>x</code></pre>', undefined],
    ['<html lang="zh-CN"><body><div class="post"><pre>x</pre></div></body></html>', undefined],
  ])("%s -> %s", (html, lang) => {
    expect(ofKind(htmlSegments(html), "code")[0]?.lang).toBe(lang);
  });
});

describe("page furniture stays out of code", () => {
  it.each([
    ["a copy button inside <pre>", '<pre><button class="copy">Copy</button><code>x = 1</code></pre>', "x = 1"],
    ["Prism toolbar around the block", '<div class="code-toolbar"><pre class="language-js"><code>x = 1</code></pre><div class="toolbar"><div class="toolbar-item"><button>Copy</button></div></div></div>', "x = 1"],
    ["Prism line-numbers rows", '<pre class="line-numbers"><code>a\nb<span aria-hidden="true" class="line-numbers-rows"><span></span><span></span></span></code></pre>', "a\nb"],
    ["Pygments linenos table", '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1\n2</pre></div></td><td class="code"><div class="highlight"><pre>a\nb</pre></div></td></tr></table>', "a\nb"],
    ["Chroma inline line numbers", '<pre class="chroma"><code><span class="line"><span class="ln">1</span><span class="cl">a\n</span></span><span class="line"><span class="ln">2</span><span class="cl">b\n</span></span></code></pre>', "a\nb\n"],
    ["cnblogs inline numbers", '<pre><span style="color: #008080;"> 9</span> a = 1\n<span style="color: #008080;">10</span> b = 2</pre>', "a = 1\nb = 2"],
    ["a digit-only span that is code, not a gutter", '<pre>port = <span style="color: #008080;">8080</span></pre>', "port = 8080"],
  ])("%s", (_, html, code) => {
    const segs = htmlSegments(html);
    expect(texts(segs, "code")).toEqual([code]);
    expect(allText(segs)).not.toContain("Copy");
    expectExactMaps(html, segs);
  });
});

describe("prose", () => {
  it("keeps inline code inside its sentence and records the range", () => {
    const [seg] = htmlSegments("<p>the password is <code>FakePass123</code> for now</p>");
    expect(seg).toMatchObject({ kind: "prose", text: "the password is FakePass123 for now", inlineCode: [[16, 27]] });
  });

  it("does not glue words of adjacent blocks together", () => {
    const segs = htmlSegments("<div>intro<p>first</p>middle<ul><li>one<li>two</ul>outro</div><h2>end</h2>");
    expect(texts(segs, "prose")).toEqual(["intro", "first", "middle", "one", "two", "outro", "end"]);
  });

  it("keeps raw whitespace and newlines", () => {
    expect(texts(htmlSegments("<p>token:\n  FAKE</p>"), "prose")).toEqual(["token:\n  FAKE"]);
  });

  it("skips <style> entirely", () => {
    const segs = htmlSegments("<style>.x{background:url(https://fake.example/?k=STYLESECRET)}</style><p>hi</p>");
    expect(allText(segs)).not.toContain("STYLESECRET");
  });

  it("ignores a stray end tag inside <pre> instead of ending the block", () => {
    expect(codeOf("<pre>FAKE</span>KEY</b>123</pre>")).toEqual(["FAKEKEY123"]);
  });
});

describe("attributes", () => {
  const html = [
    '<a href="https://api.example/?access_token=FAKEtokenFAKE&amp;x=1" class="very-long-class-name-here" title="Download the archive">x</a>',
    '<img data-src="https://cdn.example/img.png" alt="short" src="/i.png">',
    '<input type="hidden" value="FakeHiddenValue2024" id="a-very-long-element-id">',
    '<meta name="csrf-token" content="FAKEcsrfFAKEcsrf==">',
    '<div data-config=\'{"key":"FAKEkeyFAKE"}\' style="color: red; background: blue">',
  ].join("\n");
  const segs = htmlSegments(html);
  const attrs = segs.filter((s) => s.kind === "url" || s.kind === "attribute").map((s) => [s.kind, s.name, s.text]);

  it("reports URL-valued and other attribute values with their names", () => {
    expect(attrs).toEqual([
      ["url", "href", "https://api.example/?access_token=FAKEtokenFAKE&x=1"],
      ["attribute", "title", "Download the archive"],
      ["url", "data-src", "https://cdn.example/img.png"],
      ["attribute", "value", "FakeHiddenValue2024"],
      ["attribute", "content", "FAKEcsrfFAKEcsrf=="],
      ["attribute", "data-config", '{"key":"FAKEkeyFAKE"}'],
    ]);
  });

  it("maps attribute values to their line and column", () => {
    const seg = segs.find((s) => s.name === "value")!;
    expect(new LineIndex(html).position(seg.map.toRaw(0))).toMatchObject({ line: 3, column: 29 });
    expectExactMaps(html, segs);
  });
});

describe("scripts and comments", () => {
  const html = [
    "<script>var cfg = { key: 'FAKEscriptKEY' };</script>",
    '<script type="application/ld+json">{"@type":"Article","token":"FAKEldJSON"}</script>',
    '<script src="https://cdn.example/app.js"></script>',
    "<!-- TODO remove FAKEcommentKEY -->",
    "<p>after</p>",
  ].join("\n");
  const segs = htmlSegments(html);

  it("reports inline script bodies, with json for JSON-LD", () => {
    expect(ofKind(segs, "script").map((s) => [s.lang, s.text])).toEqual([
      ["javascript", "var cfg = { key: 'FAKEscriptKEY' };"],
      ["json", '{"@type":"Article","token":"FAKEldJSON"}'],
    ]);
  });

  it("reports comments", () => {
    expect(texts(segs, "comment")).toEqual([" TODO remove FAKEcommentKEY "]);
    expect(new LineIndex(html).position(ofKind(segs, "comment")[0]!.map.toRaw(13))).toMatchObject({ line: 4, column: 18 });
  });

  it("does not parse markup inside a script", () => {
    const s = htmlSegments('<script>document.write("<p>not prose</p>")</script>');
    expect(texts(s, "script")).toEqual(['document.write("<p>not prose</p>")']);
    expect(texts(s, "prose")).toEqual([]);
  });
});

describe("line endings", () => {
  const html = "<!DOCTYPE html>\r\n<html>\r\n<body>\r\n<p>one\r\ntwo</p>\r\n<pre>\r\nexport A=1\r\nexport KEY=FAKEcrlfKEY\r\n</pre>\r\n</body>\r\n</html>\r\n";
  const segs = htmlSegments(html);

  it("reads CRLF as LF and keeps positions on the right line", () => {
    expect(texts(segs, "prose")).toEqual(["one\ntwo"]);
    expect(texts(segs, "code")).toEqual(["export A=1\nexport KEY=FAKEcrlfKEY\n"]);
    const code = ofKind(segs, "code")[0]!;
    const at = code.text.indexOf("FAKEcrlfKEY");
    expect(new LineIndex(html).position(code.map.toRaw(at))).toMatchObject({ line: 8, column: 12 });
    expectExactMaps(html, segs);
  });

  it("reads a lone CR as a line break", () => {
    const raw = "<pre>a\rb</pre>";
    expect(codeOf(raw)).toEqual(["a\nb"]);
    expectExactMaps(raw, htmlSegments(raw));
  });
});

describe("robustness", () => {
  it("survives 10,000-deep nesting", () => {
    const html = "<div>".repeat(10_000) + '<pre><code class="language-ini">' + "<span>".repeat(10_000) + "KEY=FAKEdeep" + "</span>".repeat(10_000) + "</code></pre>" + "</div>".repeat(10_000);
    expect(codeOf(html)).toEqual(["KEY=FAKEdeep"]);
  });

  it("survives 10,000 unclosed inline tags and unmatched end tags", () => {
    const html = "<b><i>".repeat(10_000) + "<p>FAKEinner</p>" + "</u>".repeat(10_000);
    expect(texts(htmlSegments(html), "prose")).toEqual(["FAKEinner"]);
  });

  it("reads a 5 MB single-line page quickly and maps its last value", () => {
    const unit = '<div class="post"><p>Hello <b>world</b> &amp; <a href="https://x.example/a?b=1&amp;c=2">link</a> <code>inline</code></p><div class="highlight"><pre class="chroma"><code class="language-js" data-lang="js"><span class="line"><span class="cl"><span class="k">const</span> x = <span class="s">&#34;abc&#34;</span>;</span></span></code></pre></div></div>';
    const head = "<!DOCTYPE html><html><head><title>big</title></head><body>" + unit.repeat(Math.ceil(5e6 / unit.length));
    const html = head + "<p>token ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0001</p></body></html>";
    const t0 = performance.now();
    const segs = htmlSegments(html);
    const ms = performance.now() - t0;
    const last = segs.findLast((s) => s.kind === "prose")!;
    expect(new LineIndex(html).position(last.map.toRaw(6))).toEqual({ line: 1, column: head.length + 10, offset: head.length + 9 });
    expect(ms).toBeLessThan(10_000); // ~1 s on a laptop; generous for loaded CI machines
  });

  it.each([
    ["NUL bytes", "<p>a\0b</p><pre>\0KEY</pre>\0"],
    ["a tag cut off by the end of the file", '<p>FAKE text <a href="https://x.example/'],
    ["an unterminated comment", "<p>x</p><!-- FAKE"],
    ["an unterminated script", "<script>var k = 'FAKE"],
    ["an unterminated <pre>", "<pre><code>FAKE"],
    ["a lone <", "<p>a < b</p><"],
    ["end tags with no start", "</pre></code></td></tr></table></li></p></br>FAKE"],
  ])("survives %s", (_, html) => {
    const segs = htmlSegments(html);
    expect(allText(segs)).toContain(html.includes("FAKE") ? "FAKE" : "a");
    expectExactMaps(html, segs);
  });
});
