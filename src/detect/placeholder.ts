/**
 * Placeholders and references: the values tutorials put where a secret would go.
 * A scanner for posts lives or dies here — docs are full of `<YOUR_TOKEN>`, `xxxx`,
 * `${API_KEY}` and `LTAI****`, and flagging them buries the one real key.
 */

/** Ways of pointing at a secret kept elsewhere: env vars, templates, secret stores. */
const REFERENCE = new RegExp(
  [
    String.raw`\$\{`, // ${VAR}, ${{ secrets.X }}
    String.raw`\{\{`, // {{ .Values.x }}, jinja, mustache
    String.raw`\}\}`,
    String.raw`\{%`,
    String.raw`<%`,
    String.raw`%\([\w.-]+\)[sd]`, // python %(password)s
    String.raw`\$\(`, // $(cat file)
    String.raw`#\{`, // ruby / spring #{...}
    String.raw`^\$[A-Za-z_{]`, // $DB_PASSWORD, $base_dir/key.pem
    String.raw`^\$env:`, // PowerShell
    String.raw`^%[A-Za-z_]\w*%$`, // Windows %PASSWORD%
    String.raw`process\.env`,
    String.raw`import\.meta\.env`,
    String.raw`os\.(?:environ|getenv|Getenv)`,
    String.raw`System\.getenv`,
    String.raw`Environment\.GetEnvironmentVariable`,
    String.raw`\bgetenv\(`,
    String.raw`\bENV\[`,
    String.raw`\benv\(`,
    String.raw`^env\.`,
    String.raw`^secrets\.`,
    String.raw`^vault:`,
    String.raw`^ref\+`,
    String.raw`^arn:aws:secretsmanager`,
    String.raw`^ENC\(.*\)$`, // jasypt-spring-boot: the value is ciphertext, the key lives elsewhere
    String.raw`^\$ANSIBLE_VAULT;`, // ansible-vault ciphertext
    String.raw`^!vault\b`,
  ].join("|"),
);

/** Words that mark an example value, matched case-insensitively anywhere in the value. */
const MARKER = new RegExp(
  [
    "your", "yours", "example", "sample", "placeholder", "dummy", "changeme", "change[_-]me", "change[_-]?it",
    "redacted", "replace", "insert[_-]?", "enter[_-]?your", "put[_-]?your", "fill[_-]?in", "my[_-]?(?:api[_-]?)?(?:key|token|secret|password)",
    "todo", "fixme", "notreal", "not[_-]real", "fake[_-]", "[_-]fake", "^fake", "fake$", "xxxx", "\\*{3}", "•", "…", "\\.{3}",
    "#{4}", "_{5}", "<[A-Za-z][\\w .-]{1,60}>", "<>", "^\\[.*\\]$", "^\\{.*\\}$", "^\\(.*\\)$",
    // Chinese tutorials: 你的 / 您的 / 自己的 / 替换 / 填写 / 此处 / 密钥 / 示例
    "(?:^|[_-])here(?:$|[_-])", "(?:^|[_-])goes[_-]?here",
    // Descriptive CJK text standing in for a value: 数据库密码, 你的密钥.
    "[\\u4e00-\\u9fff]",
    "你的", "您的", "自己的", "替换", "填写", "填入", "此处", "这里", "示例", "更换", "修改为", "改成",
  ].join("|"),
  "i",
);

/** Whole values that are names for a secret rather than a secret. */
const WEAK_WORDS = new Set(
  [
    "password", "passwd", "pass", "pwd", "secret", "secrets", "token", "apikey", "api_key", "api-key", "key",
    "accesskey", "access_key", "secretkey", "secret_key", "admin", "root", "user", "username", "test", "testing",
    "demo", "guest", "default", "none", "null", "nil", "undefined", "true", "false", "string", "str", "value",
    "123456", "1234567", "12345678", "123456789", "1234567890", "654321", "111111", "000000", "qwerty", "abc123",
    "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "secret123", "admin123", "root123",
    "letmein", "welcome", "foobar", "foo", "bar", "baz", "hunter2", "mysecret", "mypassword", "mytoken",
    "supersecret", "s3cr3t", "secretkey123", "sk", "ak", "xxx", "abcdef", "abcdefg", "abcdefgh", "abcd1234",
    "mysql", "postgres", "postgresql", "redis", "mongo", "mongodb", "oracle", "sa", "elastic", "kibana",
    "guest123", "test123", "test1234", "demo123", "pass123", "pass1234", "qwerty123", "1qaz2wsx",
    "rabbitmq", "minioadmin", "tiger", "scott", "dev", "changeit", "secret1", "pass@word1", "yourstrong(!)password", "nacos", "jenkins", "docker", "ubuntu", "centos", "vagrant", "postgres123",
  ],
);

const SEQUENCES = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "9876543210", "zyxwvutsrqponmlkjihgfedcba", "qwertyuiop", "asdfghjkl"];

/** True when a run of 8+ characters of `s` is a straight sequence (abcdefgh, 12345678). */
function hasLongSequence(s: string): boolean {
  const lower = s.toLowerCase();
  for (const seq of SEQUENCES) {
    for (let i = 0; i + 8 <= seq.length; i++) if (lower.includes(seq.slice(i, i + 8))) return true;
  }
  return false;
}

/** Few distinct characters for the length: `aaaaaaaa`, `abababab`, `0000000000000000`. */
function lowVariety(s: string): boolean {
  if (s.length < 6) return false;
  const distinct = new Set(s).size;
  if (distinct <= 2) return true;
  return s.length >= 16 && distinct <= 4;
}

/** Long run of one character: `AKIA00000000000`, `sk-aaaaaaaaaa`. */
function longRun(s: string): boolean {
  return /(.)\1{5,}/.test(s);
}

const LEET: Record<string, string> = { "@": "a", "4": "a", "$": "s", "5": "s", "0": "o", "1": "i", "!": "i", "3": "e", "7": "t", "|": "l" };
const WEAK_STEMS = /^(?:password|passwort|passwd|secret|admin|root|changeme|letmein|welcome|qwerty|default|master|test|guest|user|login|hello|iloveyou|dragon|monkey|sunshine)(?:\d{0,4}|i{0,3})$/;

/** `P@S$w0rd!`, `Passw0rd123`, `s3cr3t`: a dictionary password behind leetspeak. */
function leetWord(v: string): boolean {
  const plain = v.toLowerCase().replace(/[@4$501!37|]/g, (c) => LEET[c] ?? c).replace(/[^a-z0-9]/g, "");
  const letters = plain.replace(/\d+$/, "");
  return WEAK_STEMS.test(plain) || WEAK_STEMS.test(letters) || WEAK_WORDS.has(letters);
}

export interface PlaceholderVerdict {
  placeholder: boolean;
  reason?: string;
}

/** Is `value` a reference to a secret stored elsewhere (env var, template, secret store)? */
export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/**
 * Is `value` a placeholder, a masked value or a reference rather than a secret?
 * `body` is the random part of a prefixed token (without `ghp_`), when the rule knows it.
 */
export function placeholderVerdict(value: string, body = value): PlaceholderVerdict {
  const v = value.trim();
  if (!v) return { placeholder: true, reason: "empty" };
  if (isReference(v)) return { placeholder: true, reason: "reference to a variable or secret store" };
  if (MARKER.test(v)) return { placeholder: true, reason: "placeholder wording" };
  if (WEAK_WORDS.has(v.toLowerCase())) return { placeholder: true, reason: "a name or default, not a secret" };
  if (v.length <= 16 && leetWord(v)) return { placeholder: true, reason: "a dictionary password" };
  if (lowVariety(body) || longRun(body)) return { placeholder: true, reason: "repeated characters" };
  if (body.length >= 8 && hasLongSequence(body)) return { placeholder: true, reason: "sequential characters" };
  return { placeholder: false };
}

export function isPlaceholder(value: string, body = value): boolean {
  return placeholderVerdict(value, body).placeholder;
}
