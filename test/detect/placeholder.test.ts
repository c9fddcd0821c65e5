import { describe, expect, it } from "vitest";
import { isPlaceholder } from "../../src/detect/placeholder.js";

// Every convention tutorials use where a secret would go (issue: placeholders and examples).
const placeholders = [
  "your_access_key", "<YOUR_TOKEN>", "xxxxxxxxxxxxxxxx", "********", "LTAI****", "sk-...", "${VAR}",
  "${{ secrets.NPM_TOKEN }}", "{{ .Values.password }}", "%(password)s", "process.env.API_KEY",
  'os.getenv("KEY")', "changeme", "aaaaaaaaaaaaaaaa", "1234567890abcdef", "abcdefghijklmnop",
  "AKIAXXXXXXXXXXXXXXXX", "[REDACTED]", "替换成你的AccountKey", "数据库密码", "password", "your-sk",
  "$DB_PASSWORD", "%DB_PASS%", "<token>", "REPLACE_ME", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "mmiE****xxxx", "xoxp-...c602", "password_here", "TODO", "secrets.GITHUB_TOKEN", "System.getenv(\"SECRET\")",
  // Ciphertext whose key lives elsewhere: jasypt's ENC(...), ansible-vault.
  "ENC(Xk9Lq2Wv7Zp4Rt8Nm3Yb6Hc1Jd5Gf0Ks+Tz8Qw==)", "$ANSIBLE_VAULT;1.1;AES256",
];
// Values that look random and must survive the filter.
const secrets = ["Tq8#kW2mZx", "x1EtRY2FwSxJIHMGOHPineE8", "ghp_w5MVukHxAWTPEaF4QoKSokZMH2Dz", "LTAI5tRk9Vq2mZx7Lp4Wt9Rn", "Maple!2025", "Shadow<3tiger79"];

describe("placeholders", () => {
  it.each(placeholders)("%s is a placeholder", (v) => expect(isPlaceholder(v)).toBe(true));
  it.each(secrets)("%s is not", (v) => expect(isPlaceholder(v)).toBe(false));
});
