import { describe, expect, it } from "vitest";
import { genericNonSecretReason } from "../../src/detect/generic-value.js";
import { validate } from "../../src/detect/validators.js";

// What a secret-sounding key is often assigned in docs that is not a secret.
const notSecrets = [
  "getPassword", "DB_PASSWORD", "config.token", "--insecure", "itself.", "SCRAM-SHA-512=", "Read-Host",
  "oauth2-proxy", "/etc/app/secret.key", "cakey.pem", "@gitee.com/org/repo.git", "correct horse battery staple",
  "12345", "1.2.3.4", "banner.png",
];
const maybeSecrets = ["Tq8#kW2mZx", "mango_Dr4gon95", "x1EtRY2FwSxJIHMG0HPineE8", "harbor-Tiger68", "Maple!2025"];

describe("generic values", () => {
  it.each(notSecrets)("%s is not a secret", (v) => expect(genericNonSecretReason(v)).toBeTypeOf("string"));
  it.each(maybeSecrets)("%s may be one", (v) => expect(genericNonSecretReason(v)).toBeUndefined());
});

describe("Kubernetes base64 values are judged by what they decode to", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  it("a real-looking value is valid", () => expect(validate(["base64"], b64("Vq9#xL2kWm")).verdict).toBe("valid"));
  it("base64 of a placeholder is an example", () => expect(validate(["base64"], b64("changeme")).verdict).toBe("example"));
  it("an htpasswd hash is not a password", () => expect(validate(["base64"], b64("admin:$apr1$abcd1234$Zq8vK2mZxW4pL9rN3bY7c.")).verdict).toBe("example"));
  it("a value that does not decode is invalid", () => expect(validate(["base64"], "abc$%^").verdict).toBe("invalid"));
});
