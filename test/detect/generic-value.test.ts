import { describe, expect, it } from "vitest";
import { genericNonSecretReason } from "../../src/detect/generic-value.js";
import { validate } from "../../src/detect/validators.js";

// What a secret-sounding key is often assigned in docs that is not a secret.
const notSecrets = [
  "getPassword", "DB_PASSWORD", "config.token", "--insecure", "itself.", "SCRAM-SHA-512=", "Read-Host",
  "oauth2-proxy", "/etc/app/secret.key", "cakey.pem", "@gitee.com/org/repo.git", "correct horse battery staple",
  "12345", "1.2.3.4", "banner.png", "getHTTPResponse", "XMLHttpRequest", "$secretValue", "mySecretKeyName", "mainEntityOfPage", "parseHTMLResponse", "jwtSigningKey", "credentials.password", "kubeconfig", "getKey", "toJSON", "readFile",
  // Password hashes (crypt, bcrypt, apr1, argon2, Django pbkdf2, LDAP) and base64 of a placeholder.
  "$2b$12$Zk3qW8pLx2VmHk8vQ2xLm.7Zp4Wt9Rn3Yb6Hc1Jf5Gd0Ks2Qe9Ua4", "$6$Zk3qW8pL$Hk8vQ2xLm7Zp4Wt9Rn3Yb6Hc1Jf5Gd0",
  "$apr1$Zk3qW8pL$Hk8vQ2xLm7Zp4Wt9Rn3Yb6.", "$argon2id$v=19$m=65536,t=3,p=4$Zk3qW8pLx2Vm$Hk8vQ2xLm7Zp4Wt9Rn3Yb6Hc",
  "pbkdf2_sha256$720000$Zk3qW8pLx2Vm$Hk8vQ2xLm7Zp4Wt9Rn3Yb6Hc1Jf5Gd0Ks2Qe9Ua4Io=", "{SSHA}Hk8vQ2xLm7Zp4Wt9Rn3Yb6Hc1Jf5Gd0Ks",
  "cGFzc3dvcmQ=", "Y2hhbmdlbWU=",
];
// A lower-case UUID under a credential name is a key (Heroku, Postmark, Volcengine Ark), not a kebab-case name.
// Letters only, but not code: a `$` inside a word, one lower-case letter between capitals (base64 too).
const maybeSecrets = [
  "Tq8#kW2mZx", "mango_Dr4gon95", "x1EtRY2FwSxJIHMG0HPineE8", "harbor-Tiger68", "Maple!2025", "e190ecad-d811-48f6-918d-d9b4af8a2fe0",
  "Oixp$fDzgJOnZ", "iptOh_FbMHlqispw", "aFNVUyRNenRRMHNZQg==", "UhiF_vDBQGB", "mWIZ_VylxfV", "qqsvdzpulkmvzicl", "cSzM_KiJOJK", "NWVoNFElWEtDbnU=",
];

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
  it("basic-auth `user:placeholder` (docker config.json) is an example, a real password is not", () => {
    expect(validate(["base64"], b64("username:password")).verdict).toBe("example");
    expect(validate(["base64"], b64("deploybot:Vq9#xL2kWm4z")).verdict).toBe("valid");
  });
});
