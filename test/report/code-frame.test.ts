/** Code frames: masked everywhere, caret under the column, readable width on huge lines. */
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/document/line-index.js";
import { maskSecret } from "../../src/detect/mask.js";
import { codeFrame, type HiddenRange } from "../../src/report/code-frame.js";
import { formatFrame } from "../../src/report/text.js";
import { palette } from "../../src/report/ansi.js";

const ID = ["AKIA", "Q4ZT7WX2NR5KM3BV"].join("");
const OTHER = ["AKIA", "W5NR2XQ7MT4KZ3BV"].join("");

/** Frame the first occurrence of `secret` in `raw`, hiding every listed secret. */
function frame(raw: string, secret: string, hide: string[] = [secret], opts = {}) {
  const lines = new LineIndex(raw);
  const at = raw.indexOf(secret);
  const target = { start: lines.position(at), end: lines.position(at + secret.length) };
  const hidden: HiddenRange[] = [];
  for (const s of hide) for (let i = raw.indexOf(s); i >= 0; i = raw.indexOf(s, i + 1)) hidden.push({ start: i, end: i + s.length, text: maskSecret(s) });
  return codeFrame(raw, lines, target, hidden, opts);
}

const render = (f: ReturnType<typeof codeFrame>) => formatFrame(f, palette(false)).join("\n");

describe("codeFrame", () => {
  it("shows a line either side, the secret masked, a caret under its column", () => {
    const raw = `a\nb = 1\nkey = ${ID}\nc = 2\nd\n`;
    expect(render(frame(raw, ID))).toBe(["  2 | b = 1", "> 3 | key = AKIA************", "    |       ^^^^^^^^^^^^^^^^", "  4 | c = 2"].join("\n"));
  });

  it("masks other secrets that fall inside the frame", () => {
    const raw = `one = ${OTHER}\ntwo = ${ID}\nthree = ${OTHER}\n`;
    const out = render(frame(raw, ID, [ID, OTHER]));
    expect(out).not.toContain(OTHER);
    expect(out).not.toContain(ID);
    expect(out).toContain("  1 | one = AKIA************");
  });

  it("keeps tabs in the caret line so it lines up in a terminal", () => {
    const raw = `\t\tkey: ${ID}\n`;
    const f = frame(raw, ID);
    expect(f.caretColumn).toBe(7);
    expect(render(f)).toContain("    | \t\t     ^");
  });

  it("folds a multi-line secret into one row numbered by its first line", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
    const raw = `intro\nkey: |\n${pem}\nafter\n`;
    const f = frame(raw, pem);
    expect(f.rows.map((r) => r.line)).toEqual([2, 3, 7]);
    expect(f.rows[1]!.text).toBe(maskSecret(pem));
    expect(render(f)).not.toContain("MIIE");
  });

  it("cuts a huge single line to the frame width around the secret", () => {
    const raw = `${"<div>x</div>".repeat(100_000)}<code>${ID}</code>${"<p>y</p>".repeat(1000)}`;
    const f = frame(raw, ID);
    expect(f.rows).toHaveLength(1);
    expect(f.rows[0]!.text.length).toBeLessThanOrEqual(122);
    expect(f.rows[0]!.text.startsWith("…")).toBe(true);
    expect(f.rows[0]!.text.endsWith("…")).toBe(true);
    expect(f.rows[0]!.text.slice(f.caretColumn, f.caretColumn + 16)).toBe("AKIA************");
  });

  it("shows control characters and bidi overrides as U+FFFD, one for one", () => {
    const raw = `\u001b[31m\u202e key = ${ID}\n`;
    const f = frame(raw, ID);
    expect(f.rows[0]!.text).toBe("\uFFFD[31m\uFFFD key = AKIA************");
    expect(f.caretColumn).toBe(raw.indexOf(ID));
  });

  it("with nothing hidden (--show-secrets) the secret is shown and underlined", () => {
    const raw = `x\nkey = ${ID}\n`;
    const f = frame(raw, ID, []);
    expect(f.rows[1]!.text).toBe(`key = ${ID}`);
    expect(f.caretColumn).toBe(6);
    expect(f.caretWidth).toBe(20);
  });

  it("CRLF line ends do not leak into rows", () => {
    const raw = `a\r\nkey = ${ID}\r\nb\r\n`;
    expect(frame(raw, ID).rows.map((r) => r.text)).toEqual(["a", "key = AKIA************", "b"]);
  });
});
