import { createHash } from "node:crypto";

/** sha256 of the secret, hex; what baselines and the audit store keep instead of the value. */
export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * A finding's stable identity: rule + hash of the secret + path. No line numbers, so
 * moving text around in a post does not make an old finding new.
 */
export function fingerprint(ruleId: string, secret: string, path: string): string {
  return createHash("sha256").update(`${ruleId}\0${secretHash(secret)}\0${path}`).digest("hex").slice(0, 32);
}
