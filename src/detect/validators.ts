/**
 * Checks beyond the regex. Each returns "valid", "invalid" (the value cannot be a live
 * credential of this kind: bad checksum, does not decode) or "example" (a vendor's
 * documented sample, or a value the vendor documents as public by design). A regex match that fails here is reported, if at all, at low
 * confidence — below the default threshold.
 */
import type { ValidatorName } from "../rules/spec.js";
import { base62, crc32 } from "./crc32.js";
import { isPlaceholder } from "./placeholder.js";

export type Verdict = "valid" | "invalid" | "example";

/**
 * GitHub (2021 token format) and npm tokens: `<prefix>_` + 30 base62 random characters +
 * 6 base62 characters of CRC32(random part).
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
function prefixedCrc32(secret: string): Verdict {
  const underscore = secret.indexOf("_");
  const rest = secret.slice(underscore + 1);
  if (rest.length !== 36) return "invalid";
  const body = rest.slice(0, 30);
  return base62(crc32(body), 6) === rest.slice(30) ? "valid" : "invalid";
}

function b64urlDecode(s: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(s)) return undefined;
  try {
    return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  } catch {
    return undefined;
  }
}

function jsonOf(part: string): Record<string, unknown> | undefined {
  const buf = b64urlDecode(part);
  if (!buf) return undefined;
  try {
    const v: unknown = JSON.parse(buf.toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** jwt.io's sample token payload: sub 1234567890, name John Doe, iat 1516239022. */
function isJwtIoSample(payload: Record<string, unknown>): boolean {
  return payload.sub === "1234567890" && payload.name === "John Doe";
}

/**
 * Supabase's `anon` key: a JWT with `role: "anon"` that Supabase documents as safe to ship to
 * browsers (row-level security guards the data). Its `service_role` sibling is a secret.
 * https://supabase.com/docs/guides/api/api-keys
 */
function isPublishableJwt(payload: Record<string, unknown>): boolean {
  return payload.role === "anon" && (payload.iss === "supabase" || typeof payload.ref === "string");
}

/** A JWT: three base64url parts, the header JSON with an `alg`, the payload JSON. */
function jwt(secret: string): Verdict {
  const parts = secret.split(".");
  if (parts.length !== 3 && parts.length !== 5) return "invalid";
  const header = jsonOf(parts[0]!);
  if (!header || typeof header.alg !== "string") return "invalid";
  if (parts.length === 5) return "valid"; // JWE: payload is encrypted
  const payload = jsonOf(parts[1]!);
  if (!payload) return "invalid";
  if (isJwtIoSample(payload) || isPublishableJwt(payload)) return "example";
  if (header.alg.toLowerCase() === "none" || parts[2]!.length < 16) return "invalid";
  return "valid";
}

/** Base64 body of a PEM block: decodes to DER (a SEQUENCE, 0x30) of plausible length. */
function pemBody(secret: string): Verdict {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END/.exec(secret.replace(/\\n/g, "\n"));
  if (!m) return "invalid";
  let body = m[2]!.replace(/\\[rn]/g, "\n").replace(/^[ \t]*[A-Za-z-]+:.*$/gm, ""); // Proc-Type / DEK-Info / Version lines
  if (/PGP/.test(m[1]!)) body = body.replace(/^[ \t]*=[A-Za-z0-9+/]{4}[ \t]*$/m, ""); // armour CRC24 line
  const b64 = body.replace(/[\s\\]/g, "");
  if (b64.length < 40 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) return "invalid";
  if (/PGP/.test(m[1]!)) return "valid"; // armored OpenPGP packets, not DER
  const der = Buffer.from(b64, "base64");
  if (/OPENSSH/.test(m[1]!)) return der.subarray(0, 15).toString("latin1") === "openssh-key-v1\0" ? "valid" : "invalid";
  return der[0] === 0x30 ? "valid" : "invalid";
}

/**
 * AWS access key ids: 4-letter prefix + 16 characters of base32 (A-Z, 2-7).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
 */
function awsKeyId(secret: string): Verdict {
  if (/EXAMPLE$/.test(secret)) return "example";
  return /^[A-Z0-9]{4}[A-Z2-7]{16}$/.test(secret) ? "valid" : "invalid";
}

/** Password hashes (htpasswd, crypt, bcrypt, argon2): published as often as passwords, but not usable as one. */
const HASHED = /^(?:[\w.-]{1,64}:)?\$(?:apr1|2[abxy]?|1|5|6|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*)\$/;

/**
 * Base64 of a value (Kubernetes Secret data, docker config.json `auth`): must decode; when it
 * decodes to text, that text is judged too — `cGFzc3dvcmQ=` is just "password", an htpasswd
 * line is a hash, `dXNlcm5hbWU6cGFzc3dvcmQ=` is "username:password".
 */
function base64(secret: string): Verdict {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.replace(/=+$/, "").length % 4 === 1) return "invalid";
  const text = Buffer.from(secret, "base64").toString("utf8").trim();
  if (/^[\x20-\x7e]+$/.test(text)) {
    if (HASHED.test(text)) return "example";
    if (isPlaceholder(text)) return "example";
    // Basic-auth style `user:password` (docker config.json `auth`): judge the password part.
    const colon = text.indexOf(":");
    if (colon > 0 && /^[\w.@+-]+$/.test(text.slice(0, colon)) && isPlaceholder(text.slice(colon + 1))) return "example";
  }
  return "valid";
}

/** Slack tokens: `xox?-` then dash-separated numeric team/user ids before the random part. */
function slackToken(secret: string): Verdict {
  const parts = secret.split("-");
  if (parts.length < 3) return "invalid";
  if (/^xox[baprs]$/.test(parts[0]!) || parts[0] === "xoxe.xoxp" || parts[0] === "xoxe.xoxb") {
    // Team and user ids are numeric; newer tokens start with a one-digit version part (`xoxe.xoxp-1-`).
    return parts.slice(1, -1).every((p) => /^\d+$/.test(p)) ? "valid" : "invalid";
  }
  return "valid";
}

/** Telegram bot tokens: numeric bot id, colon, 35 characters. https://core.telegram.org/bots/api#authorizing-your-bot */
function telegramToken(secret: string): Verdict {
  return /^\d{6,12}:[A-Za-z0-9_-]{35}$/.test(secret) ? "valid" : "invalid";
}

/** Discord bot tokens: base64(user id) . timestamp . HMAC; the first part decodes to digits. */
function discordToken(secret: string): Verdict {
  const first = secret.split(".")[0] ?? "";
  const buf = b64urlDecode(first);
  return buf && /^\d{15,20}$/.test(buf.toString("latin1")) ? "valid" : "invalid";
}

/** A service-account JSON `private_key` value: PEM with `\n` escapes. */
function jsonPrivateKey(secret: string): Verdict {
  return pemBody(secret.replace(/\\\\n/g, "\n"));
}

const CHECKS: Record<ValidatorName, (secret: string) => Verdict> = {
  "github-crc32": prefixedCrc32,
  "npm-crc32": prefixedCrc32,
  jwt,
  "pem-body": pemBody,
  "openssh-body": pemBody,
  "aws-key-id": awsKeyId,
  base64,
  "slack-token": slackToken,
  "telegram-token": telegramToken,
  "discord-token": discordToken,
  "json-private-key": jsonPrivateKey,
};

/** Run a rule's validators; the first non-valid verdict wins. */
export function validate(names: readonly ValidatorName[], secret: string): { verdict: Verdict; failed?: ValidatorName } {
  for (const name of names) {
    const v = CHECKS[name](secret);
    if (v !== "valid") return { verdict: v, failed: name };
  }
  return { verdict: "valid" };
}
