// Seeded PRNG and string helpers for the held-out accuracy corpus. Deterministic: the same
// seed always renders byte-identical posts, so labels never drift from the files.

/** sfc32 seeded from a string via cyrb128 (both public-domain, well-mixed, 32-bit). */
function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

function sfc32(a, b, c, d) {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export const ALPHA = {
  lower: "abcdefghijklmnopqrstuvwxyz",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  hex: "0123456789abcdef",
  HEX: "0123456789ABCDEF",
  alnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  lowernum: "abcdefghijklmnopqrstuvwxyz0123456789",
  uppernum: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  b64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  b64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  base32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  base58: "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
  letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  base36: "0123456789abcdefghijklmnopqrstuvwxyz",
};

// A real key may contain anything, but a corpus label must be unambiguous: never let a random
// value look like a placeholder (runs, sequences) or contain a word tutorials use for fakes.
const SUSPECT = /(.)\1{4}|example|sample|test|dummy|fake|xxx|your|demo|secret|token|pass/i;
function sequential(s) {
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    run = d === 1 || d === -1 ? run + 1 : 1;
    if (run >= 5) return true;
  }
  return false;
}

export class Rng {
  constructor(seed) {
    this.next = sfc32(...cyrb128(String(seed)));
    for (let i = 0; i < 15; i++) this.next();
  }
  /** Integer in [a, b]. */
  int(a, b) {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  shuffle(arr) {
    const a = [...arr];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  /** `n` characters from `alphabet`, re-drawn until they look random (see SUSPECT). */
  str(n, alphabet = ALPHA.alnum) {
    for (;;) {
      let s = "";
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
      if (n < 6 || (!SUSPECT.test(s) && !sequential(s))) return s;
    }
  }
  hex(n) {
    return this.str(n, ALPHA.hex);
  }
  HEX(n) {
    return this.str(n, ALPHA.HEX);
  }
  digits(n) {
    let s = String(this.int(1, 9));
    while (s.length < n) s += this.int(0, 9);
    return s;
  }
  bytes(n) {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
  uuid() {
    const h = this.hex(32).split("");
    h[12] = "4";
    h[16] = "89ab"[this.int(0, 3)];
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  /** A date string between 2019 and 2025. */
  date() {
    const y = this.int(2019, 2025);
    const m = String(this.int(1, 12)).padStart(2, "0");
    const d = String(this.int(1, 28)).padStart(2, "0");
    return `${y}-${m}-${d}`;
  }
}

export const b64 = (bytes) => Buffer.from(bytes).toString("base64");
export const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
export const b64s = (s) => Buffer.from(s, "utf8").toString("base64");
export const b64urls = (s) => Buffer.from(s, "utf8").toString("base64url");
/** Wrap base64 text at `width` columns (PEM uses 64, OpenSSH 70). */
export const wrap = (s, width = 64) => s.match(new RegExp(`.{1,${width}}`, "g")).join("\n");
