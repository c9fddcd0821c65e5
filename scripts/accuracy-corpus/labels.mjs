// Labels travel with the text: every labeled value is wrapped in a pair of private-use
// characters (one code point per label id, start and end) while a post is rendered. Skins may
// escape, highlight, split into table rows or duplicate the text (excerpts, JSON state); the
// markers ride along. `finalize` strips them and reads each occurrence's raw line off the file.

const BASE = 0xe000;
const MAX = (0xf8ff - BASE + 1) >> 1;
export const MARKER_RE = /[\ue000-\uf8ff]/g;

export class LabelSet {
  constructor() {
    this.items = [];
  }
  /** Wrap `value` as a labeled occurrence. label: secret | decoy | either. */
  mark(label, type, value, ctx) {
    if (!["secret", "decoy", "either"].includes(label)) throw new Error(`bad label ${label}`);
    const id = this.items.length;
    if (id >= MAX) throw new Error("too many labels in one post");
    if (MARKER_RE.test(value)) throw new Error(`nested label in ${type}`);
    MARKER_RE.lastIndex = 0;
    this.items.push({ label, type, plain: value, ctx });
    return String.fromCharCode(BASE + 2 * id) + value + String.fromCharCode(BASE + 2 * id + 1);
  }
  secret(type, value, ctx) {
    return this.mark("secret", type, value, ctx);
  }
  decoy(type, value, ctx) {
    return this.mark("decoy", type, value, ctx);
  }
  either(type, value, ctx) {
    return this.mark("either", type, value, ctx);
  }
}

/** Remove markers from `text` (for derived text such as titles that must not carry labels). */
export const unmark = (text) => text.replace(MARKER_RE, "");

/**
 * Strip the markers of a rendered file and return {text, labels}. Each occurrence of a label
 * becomes one row; `line`/`endLine` are 1-based raw lines of its first and last character.
 */
export function finalize(rendered, set, file) {
  let out = "";
  const open = new Map();
  const rows = [];
  let line = 1;
  for (const ch of rendered) {
    const cp = ch.codePointAt(0);
    if (cp >= BASE && cp <= 0xf8ff) {
      const id = (cp - BASE) >> 1;
      if ((cp - BASE) % 2 === 0) {
        if (open.has(id)) throw new Error(`${file}: label ${id} opened twice without closing`);
        open.set(id, { start: out.length, line });
      } else {
        const o = open.get(id);
        if (!o) throw new Error(`${file}: label ${id} closed but never opened`);
        open.delete(id);
        const raw = out.slice(o.start);
        const lastLine = line - (raw.endsWith("\n") ? 1 : 0);
        const item = set.items[id];
        if (!raw.length) throw new Error(`${file}: empty label ${item.type}`);
        rows.push({ file, line: o.line, endLine: lastLine, label: item.label, type: item.type, value: raw, plain: item.plain, ...(item.ctx ? { ctx: item.ctx } : {}) });
      }
      continue;
    }
    out += ch;
    if (ch === "\n") line++;
  }
  if (open.size) throw new Error(`${file}: ${open.size} labels left open`);
  // Labels created but never written (prose for the other language, a skin that drops a
  // widget) simply do not exist in this file.
  rows.sort((a, b) => a.line - b.line);
  return { text: out, labels: rows };
}
