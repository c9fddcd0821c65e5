/**
 * Synthetic credentials for audit tests, built here from a seeded generator: GitHub
 * classic tokens with a valid CRC32 checksum (so the rule's validator passes) and AWS
 * access key ids. None is, or was, a live credential.
 */
import { base62, crc32 } from "../../src/detect/crc32.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chars(r: () => number, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** `ghp_` + 30 random base62 + their CRC32 in base62: what GitHub issues. */
export function githubToken(seed: number): string {
  const body = chars(rng(seed * 7919 + 1), BASE62, 30);
  return `ghp_${body}${base62(crc32(body), 6)}`;
}

/** AKIA + 16 base32 characters (the format of an AWS access key id). */
export function awsKeyId(seed: number): string {
  return `AKIA${chars(rng(seed * 104729 + 3), BASE32, 16)}`;
}

/** 40 base64-ish characters in the shape of an AWS secret access key. */
export function awsSecret(seed: number): string {
  return chars(rng(seed * 1299709 + 5), `${BASE62}/+`, 40);
}
