/**
 * The prefilter's tag-free text must read a highlighted line the way the parser will, or the
 * page is never parsed: SyntaxHighlighter (WordPress) puts each token in its own <code>.
 */
import { describe, expect, it } from "vitest";
import { quickText } from "../../src/document/quick-text.js";
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
