/** CRC-32 (IEEE 802.3, the zlib one), table-driven. */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = TABLE[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Base62 with GitHub's alphabet (digits, upper, lower), left-padded with "0". */
export function base62(n: number, width: number): string {
  let s = "";
  while (n > 0) {
    s = BASE62[n % 62]! + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, "0");
}
