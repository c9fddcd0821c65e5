/**
 * Just enough TOML to find every value in a Hugo `+++` front matter block and where it is
 * written. Not a validator: anything it does not understand makes it give up (the caller
 * then scans the block whole).
 */

export type TomlStyle = "basic" | "literal" | "ml-basic" | "ml-literal" | "bare";

/** A value's key path and the offsets of its content (inside the quotes for strings). */
export interface TomlScalar {
  name: string;
  style: TomlStyle;
  start: number;
  end: number;
}

/** TOML nests inline arrays and tables; front matter never goes this deep. */
const MAX_DEPTH = 64;

class TomlSyntaxError extends Error {}

/** Every scalar value in `text`, or undefined when it is not TOML this reader understands. */
export function tomlScalars(text: string): TomlScalar[] | undefined {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof TomlSyntaxError) return undefined;
    throw err;
  }
}

class Reader {
  private p = 0;
  private readonly out: TomlScalar[] = [];
  private readonly tableCounts = new Map<string, number>();

  constructor(private readonly s: string) {}

  private fail(): never {
    throw new TomlSyntaxError(`unexpected input at ${this.p}`);
  }

  /** Skips spaces and tabs, and with `lines` also line endings and comments. */
  private skip(lines: boolean): void {
    const s = this.s;
    while (this.p < s.length) {
      const c = s[this.p]!;
      if (c === " " || c === "\t") this.p++;
      else if (lines && (c === "\n" || c === "\r")) this.p++;
      else if (lines && c === "#") {
        while (this.p < s.length && s[this.p] !== "\n" && s[this.p] !== "\r") this.p++;
      } else break;
    }
  }

  document(): TomlScalar[] {
    let table = "";
    for (;;) {
      this.skip(true);
      if (this.p >= this.s.length) return this.out;
      if (this.s[this.p] === "[") {
        const array = this.s[this.p + 1] === "[";
        this.p += array ? 2 : 1;
        table = this.key();
        if (!this.s.startsWith(array ? "]]" : "]", this.p)) this.fail();
        this.p += array ? 2 : 1;
        if (array) {
          const n = this.tableCounts.get(table) ?? 0;
          this.tableCounts.set(table, n + 1);
          table = `${table}[${n}]`;
        }
      } else {
        const key = this.key();
        if (this.s[this.p] !== "=") this.fail();
        this.p++;
        this.skip(false);
        this.value(table ? `${table}.${key}` : key, 0);
      }
      this.skip(false);
      if (this.s[this.p] === "#") this.skip(true);
      const c = this.s[this.p];
      if (c !== undefined && c !== "\n" && c !== "\r") this.fail();
    }
  }

  /** A dotted key (`a."b.c".d`), returned with quotes removed. */
  private key(): string {
    const parts: string[] = [];
    for (;;) {
      this.skip(false);
      const s = this.s;
      const c = s[this.p];
      if (c === '"' || c === "'") {
        const close = s.indexOf(c, this.p + 1);
        if (close < 0) this.fail();
        parts.push(s.slice(this.p + 1, close));
        this.p = close + 1;
      } else {
        const m = /[A-Za-z0-9_-]+/y;
        m.lastIndex = this.p;
        const found = m.exec(s);
        if (!found) this.fail();
        parts.push(found[0]);
        this.p += found[0].length;
      }
      this.skip(false);
      if (this.s[this.p] !== ".") return parts.join(".");
      this.p++;
    }
  }

  private value(name: string, depth: number): void {
    if (depth > MAX_DEPTH) this.fail();
    const s = this.s;
    const p = this.p;
    if (s.startsWith('"""', p) || s.startsWith("'''", p)) {
      const q = s.slice(p, p + 3);
      let close = s.indexOf(q, p + 3);
      while (close > 0 && q === '"""' && isEscaped(s, close)) close = s.indexOf(q, close + 1);
      if (close < 0) this.fail();
      while (s[close + 3] === q[0]) close++; // up to two quotes may end the content
      let start = p + 3;
      if (s[start] === "\r" && s[start + 1] === "\n") start += 2;
      else if (s[start] === "\n") start++;
      this.out.push({ name, style: q === '"""' ? "ml-basic" : "ml-literal", start, end: close });
      this.p = close + 3;
    } else if (s[p] === '"' || s[p] === "'") {
      let close = p + 1;
      for (; close < s.length && s[close] !== s[p]; close++) {
        if (s[close] === "\n") this.fail();
        if (s[p] === '"' && s[close] === "\\") close++;
      }
      if (close >= s.length) this.fail();
      this.out.push({ name, style: s[p] === '"' ? "basic" : "literal", start: p + 1, end: close });
      this.p = close + 1;
    } else if (s[p] === "[") {
      this.p++;
      for (let i = 0; ; i++) {
        this.skip(true);
        if (s[this.p] === "]") break;
        this.value(`${name}[${i}]`, depth + 1);
        this.skip(true);
        if (s[this.p] === ",") this.p++;
        else if (s[this.p] !== "]") this.fail();
      }
      this.p++;
    } else if (s[p] === "{") {
      this.p++;
      for (;;) {
        this.skip(false);
        if (s[this.p] === "}") break;
        const key = this.key();
        if (s[this.p] !== "=") this.fail();
        this.p++;
        this.skip(false);
        this.value(`${name}.${key}`, depth + 1);
        this.skip(false);
        if (s[this.p] === ",") this.p++;
        else if (s[this.p] !== "}") this.fail();
      }
      this.p++;
    } else {
      let end = p;
      while (end < s.length && !",]}#\n\r".includes(s[end]!)) end++;
      let trimmed = end;
      while (trimmed > p && (s[trimmed - 1] === " " || s[trimmed - 1] === "\t")) trimmed--;
      if (trimmed === p) this.fail();
      this.out.push({ name, style: "bare", start: p, end: trimmed });
      this.p = trimmed;
    }
  }
}

/** True when the character at `at` is preceded by an odd number of backslashes. */
function isEscaped(s: string, at: number): boolean {
  let n = 0;
  while (at - 1 - n >= 0 && s[at - 1 - n] === "\\") n++;
  return n % 2 === 1;
}
