// Pieces shared by the HTML skins: inline markdown -> HTML, excerpts that keep label markers
// intact, and the page-chrome decoys (analytics ids, CSRF tokens, asset hashes, SRI).
import { ALPHA, b64 } from "./rng.mjs";
import { MARKER_RE } from "./labels.mjs";
import { ESC } from "./highlight.mjs";

/** Inline `code`, **bold** and [text](url) of a prose string, escaped with `esc`. */
export function inline(text, esc = ESC.min, { curly = false } = {}) {
  let s = esc(text);
  const codes = [];
  s = s.replace(/`([^`]+)`/g, (_, c) => {
    codes.push(`<code>${c}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
  if (curly) s = s.replace(/(^|[\s(])(?:&quot;|")/g, "$1\u201c").replace(/(?:&quot;|")/g, "\u201d").replace(/'/g, "\u2019");
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => codes[+i]);
}

/** Plain text of a prose string (inline markup removed). */
export const plainText = (text) => text.replace(/`([^`]+)`/g, "$1").replace(/\*\*([^*]+)\*\*/g, "$1").replace(/\[([^\]]+)\]\([^)]+\)/g, "$1");

/**
 * The first `n` characters of the post's first paragraph, the way themes fill <meta
 * description>. A label is kept whole or cut off entirely, never halved.
 */
export function excerpt(post, n = 120) {
  const first = post.blocks.find((b) => b.t === "p");
  if (!first) return post.title;
  const text = plainText(first.text);
  let count = 0;
  let out = "";
  let open = false;
  let cutAt = -1;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp >= 0xe000 && cp <= 0xf8ff) {
      open = (cp - 0xe000) % 2 === 0;
      if (open) cutAt = out.length;
      out += ch;
      continue;
    }
    if (count >= n) break;
    out += ch;
    count++;
  }
  if (open) out = out.slice(0, cutAt);
  return out.replace(MARKER_RE, (m) => m) + (count >= n ? "..." : "");
}

/** Page-chrome decoys; `L` is the post's LabelSet. Types follow corpus-dev's decoy names. */
export function chrome(L, r) {
  return {
    ga: () => L.decoy("analytics-id", "G-" + r.str(10, ALPHA.uppernum), "chrome"),
    ua: () => L.decoy("analytics-id", `UA-${r.digits(8)}-${r.int(1, 3)}`, "chrome"),
    baiduHm: () => L.decoy("analytics-id", r.hex(32), "chrome"),
    cfBeacon: () => L.decoy("analytics-id", r.hex(32), "chrome"),
    umami: () => L.decoy("analytics-id", r.uuid(), "chrome"),
    clarity: () => L.decoy("analytics-id", r.str(10, ALPHA.lowernum), "chrome"),
    webpack: () => L.decoy("cdn-url-hash", r.hex(8), "chrome"),
    longHash: () => L.decoy("cdn-url-hash", r.hex(20), "chrome"),
    aspnetV: () => L.decoy("cdn-url-hash", r.str(43, ALPHA.b64url), "chrome"),
    vite: () => L.decoy("cdn-url-hash", r.str(8, ALPHA.b64url), "chrome"),
    sri256: () => L.decoy("sri-hash", "sha256-" + b64(r.bytes(32)), "chrome"),
    sri384: () => L.decoy("sri-hash", "sha384-" + b64(r.bytes(48)), "chrome"),
    wpNonce: () => L.decoy("csrf-token", r.hex(10), "chrome"),
    aspnetCsrf: () => L.decoy("csrf-token", "CfDJ8" + r.str(150, ALPHA.b64url), "chrome"),
    djangoCsrf: () => L.decoy("csrf-token", r.str(64, ALPHA.alnum), "chrome"),
    railsCsrf: () => L.decoy("csrf-token", b64(r.bytes(64)), "chrome"),
    googleVerify: () => L.decoy("site-verification", r.str(43, ALPHA.b64url), "chrome"),
    baiduVerify: () => L.decoy("site-verification", "codeva-" + r.str(10, ALPHA.alnum), "chrome"),
    md5: () => L.decoy("md5-hex", r.hex(32), "chrome"),
  };
}
