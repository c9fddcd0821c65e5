/**
 * The prefilter's tag-free text must read a highlighted line the way the parser will, or the
 * page is never parsed: SyntaxHighlighter (WordPress) puts each token in its own <code>.
 */
import { describe, expect, it } from "vitest";
import { quickText, quickTextByRegex } from "../../src/document/quick-text.js";
import { builtinRules } from "../../src/rules/load.js";
import { Engine, scanText } from "../../src/scan.js";

// A synthetic Entra ID client secret (invented: 3 chars, a digit, "Q~", 34 chars).
const SECRET = ["kP2", "7Q~", "vX9mZq4Lw8Rt2Nb6", "Yc1Hd5Jf0Gs3Ua7Ek9"].join("");
const line = (tokens: string) => `<div class="line number6 index5 alt1">${tokens}</div>`;
const page = [
  '<div id="highlighter_737834" class="syntaxhighlighter  jscript"><table><tbody><tr><td class="gutter"><div class="line number1 index0 alt2">1</div></td><td class="code"><div class="container">',
  line('<code class="jscript string">"ClientId"</code><code class="jscript plain">: </code><code class="jscript string">"app"</code><code class="jscript plain">,</code>'),
  line(`<code class="jscript spaces">&nbsp;&nbsp;</code><code class="jscript string">"ClientSecret"</code><code class="jscript plain">: </code><code class="jscript string">"${SECRET}"</code>`),
  "</div></td></tr></tbody></table></div>",
].join("");

describe("prefilter text of highlighted HTML", () => {
  it("keeps the tokens of one SyntaxHighlighter line together", () => {
    expect(quickText(page)).toContain(`"ClientSecret": "${SECRET}"`);
  });
  it("so the page is parsed and the secret found", () => {
    const findings = scanText(`<html><body>${page}</body></html>`, "post.html", new Engine(builtinRules()));
    expect(findings.map((f) => f.secret)).toContain(SECRET);
  });
});

describe("quickText is exactly the three regex passes it replaces", () => {
  const cases = [
    "<p>a</p><BR/>b<br >c<br / >d</DIV >e</h7>f</blockquotes>g",
    "<a title='x <br> y'>inside</a>", // a block end inside a tag reads as one character
    "<a x <p> y>", // `<p>` is no block end and stops the tag
    "< a></ b><1><a\n\nb>text<",
    // Limits are counted after block ends became one character each.
    `<!--${"</p>".repeat(4000)}${"x".repeat(16000)}-->gone<!--${"</p>".repeat(4000)}${"x".repeat(16001)}-->kept`,
    `<!--${"x".repeat(20000)}-->gone<!--${"x".repeat(20001)}-->kept`,
    `<a${"x".repeat(2000)}>gone</a><a${"x".repeat(2001)}>kept`,
    `<b${"x".repeat(1990)}${"<br>".repeat(10)}>gone<b${"x".repeat(1990)}${"<br>".repeat(11)}>kept`,
    "&amp;&lt;&gt;&quot;&apos;&nbsp;&#39;&#39&#x41;&#X41;&#x;&#;&#0;&#1114112;&#x110000;&#0000065;&#65536;&ampx &AMP; &am<b>p;",
    "&#12345678;&#xfffffff;&amp&lt<i>&</i>gt;",
  ];
  it.each(cases.map((c) => [c.slice(0, 40), c]))("%s", (_, html) => {
    expect(quickText(html)).toBe(quickTextByRegex(html));
  });

  it("at the limits, the first tag or comment goes and the second stays", () => {
    for (const html of cases.slice(4, 8)) {
      const text = quickText(html);
      expect(text.startsWith("gone"), text.slice(0, 20)).toBe(true);
      expect(text.endsWith("kept")).toBe(true);
    }
  });

  it("on random markup", () => {
    let seed = 3;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pieces = ["<", ">", "/", "!--", "--", "-->", "br", "BR", "p", "Pre", "h3", "div", " ", "\n", "a", "x", "&", "#", "x4", "1", ";", "amp", "lt", "quot", "<br>", "</p>", "<!--", "&#", "\u00a0", "\ufeff"];
    for (let round = 0; round < 2000; round++) {
      const html = Array.from({ length: 5 + rnd(60) }, () => pieces[rnd(pieces.length)]).join("");
      expect(quickText(html), JSON.stringify(html)).toBe(quickTextByRegex(html));
    }
  });
});
