// A second batch of themes, written after the first round of rule fixes and measured once
// before any further change (see docs/accuracy.md): more credential types and file forms.
import { B, PROSE } from "./common.mjs";
import { crcToken } from "./formats.mjs";
import { ALPHA, b64 } from "./rng.mjs";

const { h, p, code, out, note, list } = B;

export const probeThemes = [
  {
    id: "aws-sts-cli",
    langs: ["en", "zh"],
    title: (c) => c.z("AWS CLI 使用 AssumeRole 临时凭证（含 session token）", "Using temporary AWS credentials from AssumeRole in the CLI"),
    tags: ["aws", "sts", "iam"],
    build(c) {
      const { r } = c;
      const id = "ASIA" + r.str(16, ALPHA.base32);
      const secret = r.str(40, ALPHA.alnum + "+/");
      const token = "IQoJb3JpZ2luX2VjE" + b64(r.bytes(r.int(520, 640))).replace(/=+$/, "");
      return [
        p(PROSE.intro(c, "AWS STS")),
        code("shell", `aws sts assume-role --role-arn arn:aws:iam::${r.digits(12)}:role/deploy --role-session-name ci`),
        out(`{\n    "Credentials": {\n        "AccessKeyId": "${c.S("aws-access-key-id", id)}",\n        "SecretAccessKey": "${c.S("aws-secret-access-key", secret)}",\n        "SessionToken": "${c.S("aws-session-token", token)}",\n        "Expiration": "2024-09-1${r.int(0, 9)}T1${r.int(0, 9)}:22:51+00:00"\n    },\n    "AssumedRoleUser": {\n        "AssumedRoleId": "AROA${r.str(17, ALPHA.base32)}:ci",\n        "Arn": "arn:aws:sts::${r.digits(12)}:assumed-role/deploy/ci"\n    }\n}`),
        p(c.z("写进 ~/.aws/credentials 的 profile：", "Into a profile in ~/.aws/credentials:")),
        code("ini", `[deploy]\naws_access_key_id = ${c.S("aws-access-key-id", id)}\naws_secret_access_key = ${c.S("aws-secret-access-key", secret)}\naws_session_token = ${c.S("aws-session-token", token)}`),
        p(c.z(`AWS 文档里的示例是 \`${c.awsExample("id")}\` 和 \`${c.awsExample("secret")}\`。`, `AWS's docs use \`${c.awsExample("id")}\` / \`${c.awsExample("secret")}\` as examples.`)),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "okta-azure-devops",
    langs: ["en", "en"],
    title: (c) => c.r.pick(["Automating Okta user provisioning and Azure DevOps pipelines", "Two API tokens I rotated this week: Okta and Azure DevOps"]),
    tags: ["okta", "azure-devops"],
    build(c) {
      const { r } = c;
      const org = r.pick(["acme", "kite-labs", "lihua-dev"]);
      return [
        p(PROSE.intro(c, "the Okta and Azure DevOps APIs")),
        h("Okta"),
        code("shell", `curl -X GET "https://${org}.okta.com/api/v1/users?limit=25" \\\n  -H "Accept: application/json" \\\n  -H "Authorization: SSWS ${c.S("okta-api-token", "00" + r.str(40, ALPHA.b64url))}"`),
        p(`Okta's docs write \`Authorization: SSWS ${c.ph("API_TOKEN", "braces")}\`.`),
        h("Azure DevOps"),
        code("shell", `export AZURE_DEVOPS_EXT_PAT=${c.S("azure-devops-pat", r.str(52, "abcdefghijklmnopqrstuvwxyz234567"))}\naz devops configure --defaults organization=https://dev.azure.com/${org}\naz pipelines run --name nightly`),
        code("yaml", `steps:\n  - script: npm ci\n    env:\n      NPM_TOKEN: ${c.tpl("NPM_TOKEN", "azdo")}`),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "smtp-relays",
    langs: ["en", "zh"],
    title: (c) => c.z("Postfix 通过 SendGrid / Mailgun 中继发信", "Relaying Postfix mail through SendGrid or Mailgun"),
    tags: ["email", "smtp"],
    build(c) {
      const { r } = c;
      const sg = `SG.${r.str(22, ALPHA.b64url)}.${r.str(43, ALPHA.b64url)}`;
      return [
        p(PROSE.intro(c, "SMTP relays")),
        code("text", `[smtp.sendgrid.net]:587 apikey:${c.S("sendgrid-api-key", sg)}`, { title: "/etc/postfix/sasl_passwd" }),
        p(c.z("用户名固定是 `apikey`，密码就是 API key。", "The user name is literally `apikey`; the password is the API key.")),
        code("dotenv", `MAILGUN_DOMAIN=mg.${r.pick(["acme.io", "lihua.me"])}\nMAILGUN_API_KEY=${c.S("mailgun-api-key", `${r.hex(32)}-${r.hex(8)}-${r.hex(8)}`)}\nMAILGUN_WEBHOOK_SIGNING_KEY=${c.S("mailgun-webhook-signing-key", r.hex(32))}`),
        code("python", `requests.post(\n    "https://api.mailgun.net/v3/mg.example.com/messages",\n    auth=("api", os.environ["MAILGUN_API_KEY"]),\n    data={"from": "noreply@mg.example.com", "to": ["you@example.com"], "subject": "Hello", "text": "Testing"},\n)`),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "openai-azure",
    langs: ["en", "zh"],
    title: (c) => c.z("Spring AI 同时接入 OpenAI 和 Azure OpenAI", "Spring AI with OpenAI and Azure OpenAI side by side"),
    tags: ["openai", "azure", "java"],
    build(c) {
      const { r } = c;
      const proj = "sk-proj-" + r.str(74, ALPHA.b64url) + "T3BlbkFJ" + r.str(74, ALPHA.b64url);
      const res = r.pick(["acme-eastus", "oai-prod-weu", "lihua-gpt"]);
      return [
        p(PROSE.intro(c, "Spring AI")),
        code("yaml", `spring:\n  ai:\n    openai:\n      api-key: ${c.S("openai-api-key", proj)}\n      chat:\n        options:\n          model: gpt-4o-mini\n    azure:\n      openai:\n        api-key: ${c.S("azure-openai-key", r.hex(32))}\n        endpoint: https://${res}.openai.azure.com/`, { title: "application.yml" }),
        code("shell", `curl "https://${res}.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01" \\\n  -H "Content-Type: application/json" \\\n  -H "api-key: ${c.S("azure-openai-key", r.hex(32))}" \\\n  -d '{"messages":[{"role":"user","content":"ping"}]}'`),
        out(`{"id":"chatcmpl-${r.str(29, ALPHA.alnum)}","object":"chat.completion","model":"gpt-4o-2024-05-13","system_fingerprint":"fp_${r.hex(10)}","choices":[{"index":0,"message":{"role":"assistant","content":"pong"}}]}`),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "registry-credentials",
    langs: ["en", "en"],
    title: (c) => c.r.pick(["Where my package-manager credentials ended up (and how I cleaned them)", "Publishing from a laptop: git, Yarn and twine credential files"]),
    tags: ["git", "npm", "pypi"],
    build(c) {
      const { r } = c;
      const user = r.pick(["maria", "kenjiw", "lihua"]);
      const fg = `github_pat_11${r.str(20, ALPHA.uppernum)}_${r.str(59, ALPHA.alnum)}`;
      return [
        p(PROSE.intro(c, "credential files")),
        code("text", `https://${user}:${c.S("github-fine-grained-pat", fg)}@github.com`, { title: "~/.git-credentials" }),
        code("yaml", `npmRegistryServer: "https://registry.npmjs.org"\nnpmAuthToken: "${c.S("npm-token", crcToken(r, "npm_"))}"`, { title: ".yarnrc.yml" }),
        code("ini", `[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = ${c.S("pypi-token", "pypi-AgEIcHlwaS5vcmc" + r.str(r.int(120, 160), ALPHA.b64url))}`, { title: "~/.pypirc" }),
        p(`A bad-checksum token from an old draft, \`${c.badCrc("ghp_")}\`, and \`${c.badCrc("npm_")}\`, no longer validate.`),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "chat-bots",
    langs: ["zh", "en"],
    title: (c) => c.z("Telegram 和 Slack 机器人推送服务器告警", "Server alerts to Telegram and Slack"),
    tags: ["telegram", "slack", "alerts"],
    build(c) {
      const { r } = c;
      const tg = `${r.digits(10)}:AA${r.str(33, ALPHA.b64url)}`;
      return [
        p(PROSE.intro(c, c.z("告警机器人", "alert bots"))),
        code("shell", `curl -s "https://api.telegram.org/bot${c.S("telegram-bot-token", tg)}/sendMessage" \\\n  -d chat_id=${c.D("app-id", "-100" + r.digits(10))} -d text="disk usage 91% on web-01"`),
        code("python", `from slack_sdk import WebClient\n\nclient = WebClient(token="${c.S("slack-bot-token", `xoxb-${r.digits(12)}-${r.digits(13)}-${r.str(24, ALPHA.alnum)}`)}")\nclient.chat_postMessage(channel="#alerts", text="disk usage 91% on web-01")`),
        p(c.z(`BotFather 文档里的 token 示例是 \`${c.D("vendor-example-key", "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11")}\`。`, `Telegram's docs show \`${c.D("vendor-example-key", "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11")}\` as the token format.`)),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "huawei-obsutil",
    langs: ["zh", "zh"],
    title: (c) => c.r.pick(["用 obsutil 把备份同步到华为云 OBS", "华为云 OBS 命令行工具 obsutil 上手"]),
    tags: ["华为云", "OBS"],
    build(c) {
      const { r } = c;
      return [
        p(PROSE.intro(c, "obsutil")),
        code("shell", `./obsutil config -i=${c.S("huawei-access-key", r.str(20, ALPHA.uppernum))} -k=${c.S("huawei-secret-key", r.str(40, ALPHA.alnum))} -e=obs.cn-north-4.myhuaweicloud.com\n./obsutil sync /data/backup obs://db-backup/daily`),
        p(`官方文档的写法是 \`./obsutil config -i=${c.ph("AK", "angle")} -k=${c.ph("SK", "angle")} -e=xxx\`。`),
        out(`Config file url:\n  /root/.obsutilconfig\n\nUpdate config file successfully!`),
        p(PROSE.outro(c)),
      ];
    },
  },
];
