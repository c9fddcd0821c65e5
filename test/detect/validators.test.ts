import { describe, expect, it } from "vitest";
import { base62, crc32 } from "../../src/detect/crc32.js";
import { validate } from "../../src/detect/validators.js";
import { builtinRules } from "../../src/rules/load.js";
import { Engine, scanText } from "../../src/scan.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Deterministic pseudo-random base62 (a tiny LCG): synthetic by construction. */
function randomBody(seed: number, n: number): string {
  let x = seed;
  let s = "";
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += ALNUM[x % 62];
  }
  return s;
}
const withChecksum = (prefix: string, body: string) => `${prefix}_${body}${base62(crc32(body), 6)}`;

describe("CRC32 checksums of GitHub and npm tokens", () => {
  it("crc32 matches the zlib value", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });
  it.each([1, 2, 3, 4, 5])("a token with its checksum is valid, one with a changed character is not (seed %i)", (seed) => {
    const good = withChecksum("ghp", randomBody(seed, 30));
    expect(validate(["github-crc32"], good).verdict).toBe("valid");
    const bad = good.slice(0, 10) + (good[10] === "A" ? "B" : "A") + good.slice(11);
    expect(validate(["github-crc32"], bad).verdict).toBe("invalid");
    expect(validate(["npm-crc32"], withChecksum("npm", randomBody(seed + 10, 30))).verdict).toBe("valid");
  });
});

describe("structure checks", () => {
  const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  it("JWT: decodes with alg; jwt.io's sample is an example; garbage is invalid", () => {
    const jwt = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "svc-7", exp: 1900000000 })}.${randomBody(9, 43)}`;
    expect(validate(["jwt"], jwt).verdict).toBe("valid");
    const sample = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "1234567890", name: "John Doe", iat: 1516239022 })}.${randomBody(3, 43)}`;
    expect(validate(["jwt"], sample).verdict).toBe("example");
    expect(validate(["jwt"], `eyJub3Rqc29u.${b64url({ a: 1 })}.${randomBody(4, 30)}`).verdict).toBe("invalid");
  });
  it("JWT: Supabase's anon key is public by design, its service_role key is not", () => {
    const key = (role: string) => `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ iss: "supabase", ref: "qzkvtnrwhyebmopxlcda", role, iat: 1712000000, exp: 2027000000 })}.${randomBody(6, 43)}`;
    expect(validate(["jwt"], key("anon")).verdict).toBe("example");
    expect(validate(["jwt"], key("service_role")).verdict).toBe("valid");
  });
  it("AWS key ids use base32 after the prefix; EXAMPLE keys are examples", () => {
    expect(validate(["aws-key-id"], "AKIA2Z7QW4XK5RB3MN6P").verdict).toBe("valid");
    expect(validate(["aws-key-id"], "AKIA2Z7QW4XK5RB3MN1P").verdict).toBe("invalid"); // 1 is not base32
    expect(validate(["aws-key-id"], "AKIAIOSFODNN7EXAMPLE").verdict).toBe("example");
  });
  it("PEM bodies must decode to DER", () => {
    const der = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00]), Buffer.from(randomBody(5, 120))]).toString("base64");
    expect(validate(["pem-body"], `-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----`).verdict).toBe("valid");
    expect(validate(["pem-body"], "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----").verdict).toBe("invalid");
  });
});

describe("checksum failures end below the default threshold", () => {
  const engine = new Engine(builtinRules());
  it("a GitHub token with a bad checksum is low confidence, a good one is high", () => {
    const good = withChecksum("ghp", randomBody(11, 30));
    const bad = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");
    const [g] = scanText(`export GITHUB_TOKEN=${good}\n`, "post.md", engine);
    const [b] = scanText(`export GITHUB_TOKEN=${bad}\n`, "post.md", engine);
    expect(g?.confidence).toBe("high");
    expect(b?.confidence).toBe("low");
  });
});
