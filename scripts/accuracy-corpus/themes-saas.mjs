// Posts about SaaS APIs: chat, commerce, payments, AI, developer tooling, observability.
import { B, PROSE } from "./common.mjs";
import { jwt } from "./formats.mjs";
import { ALPHA, b64 } from "./rng.mjs";

const { h, p, code, out, note, tabs, list, table } = B;

export const saasThemes = [
  {
    id: "discord",
    langs: ["en", "en", "zh"],
    title: (c) => c.z("用 discord.py 写一个简单的群机器人", c.r.pick(["Building a tiny Discord bot with discord.py", "Posting GitHub releases to Discord with a webhook"])),
    tags: ["discord", "python", "bot"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, c.z("Discord 机器人", "a Discord bot")))];
      blocks.push(
        p(c.z(`在 Developer Portal 里建应用，Application ID 是 \`${c.D("app-id", c.v.snowflake())}\`，Public Key 是 \`${c.D("public-key-hex", r.hex(64))}\`（验签用的公钥，不敏感）。`, `Create an application in the Developer Portal. The Application ID (\`${c.D("app-id", c.v.snowflake())}\`) and the interactions Public Key (\`${c.D("public-key-hex", r.hex(64))}\`) are public.`)),
        code("python", `import discord\n\nintents = discord.Intents.default()\nintents.message_content = True\nclient = discord.Client(intents=intents)\n\n@client.event\nasync def on_message(message):\n    if message.content.startswith("!ping"):\n        await message.channel.send("pong")\n\nclient.run("${c.S("discord-bot-token", c.v.discordBot())}")`, { title: "bot.py" }),
      );
      if (r.chance(0.7))
        blocks.push(
          h("Webhook"),
          code("shell", `curl -H "Content-Type: application/json" \\\n  -d '{"username": "release-bot", "content": "v2.3.0 is out"}' \\\n  ${c.S("discord-webhook", c.v.discordWebhook())}`),
        );
      blocks.push(p(c.z(`README 里的示例是 \`client.run('${c.ph("TOKEN", "YOUR")}')\`。`, `Most READMEs show \`client.run('${c.ph("TOKEN", "YOUR")}')\`, and please keep it that way.`)), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "shopify",
    langs: ["en"],
    title: (c) => c.r.pick(["Syncing Shopify inventory from a Python script", "Shopify Admin GraphQL from a custom app"]),
    tags: ["shopify", "ecommerce"],
    build(c) {
      const { r } = c;
      const shop = r.pick(["cozy-candles", "urban-tea-co", "bike-parts-de"]);
      const blocks = [p(PROSE.intro(c, "the Shopify Admin API"))];
      blocks.push(
        p(`After installing the custom app you get an Admin API access token (shown once), plus the API key \`${c.D("app-id", r.hex(32))}\` and API secret key.`),
        code("shell", `curl -X POST https://${shop}.myshopify.com/admin/api/2024-04/graphql.json \\\n  -H 'Content-Type: application/json' \\\n  -H 'X-Shopify-Access-Token: ${c.S("shopify-access-token", c.v.shopifyToken())}' \\\n  -d '{"query": "{ shop { name } }"}'`),
        code("dotenv", `SHOPIFY_API_KEY=${c.E("shopify-api-key", r.hex(32))}\nSHOPIFY_API_SECRET=${c.S("shopify-shared-secret", c.v.shopifySecret())}\nSCOPES=read_products,write_inventory\nHOST=https://${r.str(8, ALPHA.lowernum)}.ngrok-free.app`),
        p(`The Storefront API token used in the theme (\`${c.D("public-content-api-key", r.hex(32))}\`) is meant to be public.`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "paypal",
    langs: ["en", "zh"],
    title: (c) => c.z("PayPal REST API 接入记录（沙箱到正式）", c.r.pick(["PayPal Checkout with the REST API: sandbox to live", "Migrating from Braintree SDK to PayPal REST"])),
    tags: ["paypal", "payments"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, "PayPal"))];
      const sid = c.v.paypalClientId();
      blocks.push(
        h(c.z("沙箱", "Sandbox")),
        code("shell", `curl -v -X POST "https://api-m.sandbox.paypal.com/v1/oauth2/token" \\\n  -u "${c.D("app-id", sid)}:${c.E("paypal-sandbox-secret", c.v.paypalSecret())}" \\\n  -H "Content-Type: application/x-www-form-urlencoded" \\\n  -d "grant_type=client_credentials"`),
        out(`{"scope":"https://uri.paypal.com/services/invoicing ...","access_token":"${c.E("paypal-access-token", "A21AA" + r.str(92, ALPHA.b64url))}","token_type":"Bearer","app_id":"APP-${r.str(17, ALPHA.uppernum)}","expires_in":32400,"nonce":"${c.D("request-id", "2024-05-0" + r.int(1, 9) + "T" + r.int(10, 23) + ":21:11Z" + r.str(43, ALPHA.b64url))}"}`),
        h(c.z("正式环境", "Going live")),
        code("dotenv", `PAYPAL_MODE=live\nPAYPAL_CLIENT_ID=${c.E("paypal-client-id", c.v.paypalClientId())}\nPAYPAL_CLIENT_SECRET=${c.S("paypal-client-secret", c.v.paypalSecret())}`),
        p(c.z(`前端 SDK 的 \`<script src="https://www.paypal.com/sdk/js?client-id=${c.D("public-content-api-key", c.v.paypalClientId())}&currency=USD"></script>\` 里的 client-id 本来就是公开的。`, `The client id in \`https://www.paypal.com/sdk/js?client-id=${c.D("public-content-api-key", c.v.paypalClientId())}\` is public by design.`)),
      );
      if (r.chance(0.6)) blocks.push(h("Braintree"), code("ruby", `gateway = Braintree::Gateway.new(\n  access_token: "${c.S("braintree-access-token", c.v.braintree())}",\n)\nresult = gateway.transaction.sale(amount: "10.00", payment_method_nonce: nonce_from_the_client)`));
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "anthropic",
    langs: ["en", "en", "zh"],
    title: (c) => c.z("Claude API 快速上手（Python / curl）", c.r.pick(["Getting started with the Claude API", "Streaming Claude responses in a FastAPI endpoint", "Tool use with the Anthropic Python SDK"])),
    tags: ["anthropic", "claude", "llm"],
    build(c) {
      const { r } = c;
      const key = c.v.anthropic();
      const blocks = [p(PROSE.intro(c, "the Claude API"))];
      const v = r.int(0, 2);
      if (v === 0) blocks.push(code("shell", `curl https://api.anthropic.com/v1/messages \\\n     --header "x-api-key: ${c.S("anthropic-api-key", key)}" \\\n     --header "anthropic-version: 2023-06-01" \\\n     --header "content-type: application/json" \\\n     --data '{"model": "claude-3-5-sonnet-20240620", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hello, world"}]}'`));
      else if (v === 1) blocks.push(code("python", `import anthropic\n\nclient = anthropic.Anthropic(\n    api_key="${c.S("anthropic-api-key", key)}",\n)\nmessage = client.messages.create(\n    model="claude-3-5-sonnet-20240620",\n    max_tokens=1024,\n    messages=[{"role": "user", "content": "Hello, Claude"}],\n)\nprint(message.content)`));
      else blocks.push(code("dotenv", `ANTHROPIC_API_KEY=${c.S("anthropic-api-key", key)}\nANTHROPIC_MODEL=claude-3-5-sonnet-20240620`, { title: ".env" }));
      blocks.push(
        out(`{"id":"${c.D("request-id", "msg_01" + r.str(22, ALPHA.alnum))}","type":"message","role":"assistant","model":"claude-3-5-sonnet-20240620","content":[{"type":"text","text":"Hello! How can I help you today?"}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":12}}`),
        p(c.z(`SDK 默认读环境变量：\`${c.env("ANTHROPIC_API_KEY", "pyget")}\`。文档里的 key 写作 \`${c.phPrefix("sk-ant-", 0, "dots")}\`。`, `By default the SDK reads \`${c.env("ANTHROPIC_API_KEY", "pyget")}\`. Docs write the key as \`${c.phPrefix("sk-ant-", 0, "dots")}\`; the console shows \`${c.masked(key, "stars")}\`.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "huggingface",
    langs: ["en", "zh"],
    title: (c) => c.z("Hugging Face 私有模型下载与推送", c.r.pick(["Pushing a fine-tuned model to the Hugging Face Hub", "Downloading gated models (Llama) from the Hub"])),
    tags: ["huggingface", "ml"],
    build(c) {
      const { r } = c;
      const tok = c.v.hfToken();
      const user = r.pick(["lihua", "mgarcia", "kenjiw", "acme-ml"]);
      const blocks = [p(PROSE.intro(c, "the Hugging Face Hub"))];
      const v = r.int(0, 2);
      if (v === 0) blocks.push(code("shell", `pip install -U "huggingface_hub[cli]"\nhuggingface-cli login --token ${c.S("huggingface-token", tok)} --add-to-git-credential`));
      else if (v === 1) blocks.push(code("python", `from huggingface_hub import login, snapshot_download\n\nlogin(token="${c.S("huggingface-token", tok)}")\nsnapshot_download(repo_id="meta-llama/Meta-Llama-3-8B-Instruct", local_dir="./llama3")`));
      else blocks.push(code("shell", `git clone https://${user}:${c.S("huggingface-token", tok)}@huggingface.co/${user}/bert-finetuned-ner`));
      blocks.push(
        out(`Fetching 16 files: 100%|██████████| 16/16 [02:31<00:00,  9.48s/it]\nmodel-00001-of-00004.safetensors: sha256=${c.sha256()}`),
        p(c.z(`模型仓库的 commit 是 \`${c.gitSha()}\`。`, `The revision I pinned is \`${c.gitSha()}\`.`)),
        p(c.z(`示例代码里通常写 \`token="${c.phPrefix("hf_", 0, "dots")}"\`，或者 \`${c.env("HF_TOKEN", "pyget")}\`。`, `Examples usually write \`token="${c.phPrefix("hf_", 30, "x")}"\` or read \`${c.env("HF_TOKEN", "pyget")}\`.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "atlassian",
    langs: ["en", "en"],
    title: (c) => c.r.pick(["Automating Jira issue creation from CI", "Exporting Confluence pages with the REST API"]),
    tags: ["jira", "atlassian", "automation"],
    build(c) {
      const { r } = c;
      const tok = c.v.atlassian();
      const site = r.pick(["acme", "lihua-dev", "bikeshop"]);
      const email = `${r.pick(["ops", "maria", "kenji"])}@${site}.io`;
      const blocks = [p(PROSE.intro(c, "the Jira Cloud REST API"))];
      if (r.chance(0.5))
        blocks.push(code("shell", `curl --request POST \\\n  --url 'https://${site}.atlassian.net/rest/api/3/issue' \\\n  --user '${email}:${c.S("atlassian-api-token", tok)}' \\\n  --header 'Accept: application/json' \\\n  --header 'Content-Type: application/json' \\\n  --data '{"fields": {"project": {"key": "OPS"}, "summary": "Nightly build failed", "issuetype": {"name": "Bug"}}}'`));
      else blocks.push(code("python", `from jira import JIRA\n\njira = JIRA(\n    server="https://${site}.atlassian.net",\n    basic_auth=("${email}", "${c.S("atlassian-api-token", tok)}"),\n)\nissue = jira.create_issue(project="OPS", summary="Nightly build failed", issuetype={"name": "Bug"})\nprint(issue.key)`));
      blocks.push(
        out(`{"id":"${r.digits(5)}","key":"OPS-${r.int(100, 999)}","self":"https://${site}.atlassian.net/rest/api/3/issue/${r.digits(5)}"}`),
        p(`Account ids look like \`${c.D("app-id", r.hex(24))}\` and the cloud id is \`${c.uuid()}\`. Atlassian's docs show \`--user email@example.com:${c.ph("API_TOKEN", "angle")}\`.`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "notion-linear-postman",
    langs: ["en", "en", "zh"],
    title: (c) => c.z("我的效率工具链：Notion / Linear / Postman 的 API 自动化", c.r.pick(["Gluing Notion, Linear and Postman together with a few scripts", "A weekly report bot: Linear issues into a Notion database"])),
    tags: ["notion", "linear", "automation"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, c.z("几个效率工具的 API", "a few productivity APIs")))];
      const dbId = r.hex(32);
      blocks.push(
        h("Notion"),
        code("js", `const { Client } = require("@notionhq/client");\n\nconst notion = new Client({ auth: "${c.S("notion-token", r.chance(0.5) ? c.v.notionNew() : c.v.notionOld())}" });\nconst databaseId = "${c.D("app-id", dbId)}";\n\nawait notion.pages.create({\n  parent: { database_id: databaseId },\n  properties: { Name: { title: [{ text: { content: "Weekly report" } }] } },\n});`),
        p(c.z(`数据库 ID 就是 URL 里那串 32 位十六进制 \`${c.D("app-id", dbId)}\`，不是密钥。`, `The database id is just the 32-hex part of the URL (\`${c.D("app-id", dbId)}\`), not a secret.`)),
        h("Linear"),
        code("shell", `curl -X POST https://api.linear.app/graphql \\\n  -H "Content-Type: application/json" \\\n  -H "Authorization: ${c.S("linear-api-key", c.v.linear())}" \\\n  --data '{ "query": "{ issues(first: 10) { nodes { identifier title } } }" }'`),
      );
      if (r.chance(0.7)) blocks.push(h("Postman"), code("shell", `newman run "https://api.getpostman.com/collections/${r.digits(8)}-${r.uuid()}?apikey=${c.S("postman-api-key", c.v.postman())}" -e staging.postman_environment.json`));
      blocks.push(p(c.z(`环境变量版本：\`NOTION_TOKEN=${c.phPrefix("secret_", 0, "dots")}\`、\`LINEAR_API_KEY=${c.phPrefix("lin_api_", 0, "angle")}\`。`, `The env-file version: \`NOTION_TOKEN=${c.phPrefix("ntn_", 0, "dots")}\`, \`LINEAR_API_KEY=${c.phPrefix("lin_api_", 0, "angle")}\`.`)), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "observability",
    langs: ["en", "en", "zh"],
    title: (c) => c.z("给 Node 服务接入 Sentry、Datadog 和 Grafana Cloud", c.r.pick(["Wiring Sentry, Datadog and Grafana Cloud into a Node service", "Observability for a side project on a budget"])),
    tags: ["sentry", "datadog", "grafana", "observability"],
    build(c) {
      const { r } = c;
      const org = r.pick(["acme", "lihua-labs", "bikeshop"]);
      const blocks = [p(PROSE.intro(c, c.z("可观测性", "observability")))];
      const dsn = c.v.sentryDsn();
      blocks.push(
        h("Sentry"),
        code("js", `Sentry.init({\n  dsn: "${c.D("public-content-api-key", dsn)}",\n  tracesSampleRate: 0.2,\n});`),
        p(c.z("DSN 本身是公开的，上传 sourcemap 用的 auth token 才是要保密的：", "The DSN is public; the auth token for source maps is not:")),
        code("ini", `[defaults]\norg=${org}\nproject=api\n\n[auth]\ntoken=${c.S("sentry-auth-token", r.chance(0.6) ? c.v.sentryOrg(org) : c.v.sentryUser())}`, { title: ".sentryclirc" }),
        h("Datadog"),
        code("yaml", `api_key: ${c.S("datadog-api-key", c.v.ddApiKey())}\nsite: datadoghq.eu\nlogs_enabled: true\napm_config:\n  enabled: true`, { title: "/etc/datadog-agent/datadog.yaml" }),
      );
      if (r.chance(0.6))
        blocks.push(code("shell", `curl -X GET "https://api.datadoghq.eu/api/v1/monitor" \\\n  -H "DD-API-KEY: ${c.env("DD_API_KEY", "shellBrace")}" \\\n  -H "DD-APPLICATION-KEY: ${c.S("datadog-app-key", c.v.ddAppKey())}"`));
      blocks.push(
        p(c.z(`trace id 类似 \`${c.traceId()}\`，span id \`${c.D("trace-id", r.hex(16))}\`。`, `Traces show ids like \`${c.traceId()}\` / \`${c.D("trace-id", r.hex(16))}\`.`)),
        h("Grafana Cloud"),
        r.chance(0.5)
          ? code("yaml", `prometheus.remote_write "cloud" {\n  endpoint {\n    url = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"\n    basic_auth {\n      username = "${r.digits(7)}"\n      password = "${c.S("grafana-cloud-token", c.v.grafanaCloud(org))}"\n    }\n  }\n}`, { title: "config.alloy" })
          : code("shell", `curl -H "Authorization: Bearer ${c.S("grafana-service-account-token", c.v.grafanaSa())}" https://grafana.${org}.io/api/dashboards/uid/${c.D("app-id", r.str(9, ALPHA.alnum))}`),
      );
      if (r.chance(0.5)) blocks.push(h("New Relic"), code("yaml", `common: &default_settings\n  license_key: '${c.S("newrelic-license-key", c.v.nrLicense())}'\n  app_name: api-production\n  distributed_tracing:\n    enabled: true`, { title: "newrelic.yml" }), p(c.z(`浏览器端的 \`${c.D("public-content-api-key", c.v.nrBrowser())}\` 是公开的。`, `The browser agent key \`${c.D("public-content-api-key", c.v.nrBrowser())}\` is public.`)));
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "github-app",
    langs: ["en", "zh", "en"],
    title: (c) => c.z("GitHub OAuth App 登录 + 调用 API 的完整流程", c.r.pick(["GitHub OAuth from scratch (and what the tokens look like)", "Debugging a GitHub App installation token"])),
    tags: ["github", "oauth"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, "GitHub OAuth"))];
      const cid = c.v.ghOauthClientId();
      blocks.push(
        code("dotenv", `GITHUB_CLIENT_ID=${c.D("app-id", cid)}\nGITHUB_CLIENT_SECRET=${c.S("github-oauth-client-secret", c.v.ghOauthClientSecret())}\nGITHUB_CALLBACK_URL=http://localhost:3000/auth/github/callback`),
        code("shell", `curl -X POST https://github.com/login/oauth/access_token \\\n  -H "Accept: application/json" \\\n  -d client_id=${cid} -d client_secret=${c.env("GITHUB_CLIENT_SECRET", "shell")} -d code=${c.D("request-id", r.hex(20))}`),
        out(`{"access_token":"${c.S("github-oauth-token", c.v.ghOauth())}","token_type":"bearer","scope":"read:user,repo"}`),
      );
      if (r.chance(0.6)) blocks.push(h(c.z("GitHub App 安装令牌", "Installation tokens")), code("shell", `curl -H "Authorization: Bearer ${c.S("github-app-token", c.v.ghServer())}" https://api.github.com/installation/repositories`));
      blocks.push(
        p(c.z(`注意：文章里贴的 \`${c.badCrc("gho_")}\` 是我手动改过的，校验和对不上。`, `Note that \`${c.badCrc("gho_")}\`, which I pasted in an earlier draft, was edited by hand and no longer passes GitHub's checksum.`)),
        p(c.z(`\`gh auth status\` 显示 token 为 \`${c.D("masked-secret", "gho_" + "*".repeat(36))}\`。`, `\`gh auth status\` prints the token as \`${c.D("masked-secret", "gho_" + "*".repeat(36))}\`.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "gitlab-ci",
    langs: ["en", "zh"],
    title: (c) => c.z("GitLab CI 触发下游流水线与 Deploy Token", c.r.pick(["Triggering GitLab pipelines from outside, and registering runners", "GitLab deploy tokens for pulling private images"])),
    tags: ["gitlab", "ci"],
    build(c) {
      const { r } = c;
      const pid = r.digits(8);
      const blocks = [p(PROSE.intro(c, "GitLab CI"))];
      blocks.push(
        code("shell", `curl -X POST \\\n     --fail \\\n     -F token=${c.S("gitlab-trigger-token", c.v.gitlabTrigger())} \\\n     -F ref=main \\\n     https://gitlab.com/api/v4/projects/${pid}/trigger/pipeline`),
        p(c.z(`流水线内部用 \`${c.tpl("CI_JOB_TOKEN", "gitlab")}\` 就够了，不需要额外的 token。`, `Inside a job you'd use \`${c.tpl("CI_JOB_TOKEN", "gitlab")}\` instead.`)),
        h("Deploy token"),
        code("shell", `docker login registry.gitlab.com -u gitlab+deploy-token-${r.digits(7)} -p ${c.S("gitlab-deploy-token", c.v.gitlabDeploy())}`),
      );
      if (r.chance(0.6))
        blocks.push(
          h("Runner"),
          code("toml", `concurrent = 4\n\n[[runners]]\n  name = "hetzner-docker"\n  url = "https://gitlab.com"\n  id = ${r.digits(8)}\n  token = "${c.S("gitlab-runner-token", c.v.gitlabRunner())}"\n  token_obtained_at = 2024-04-02T08:12:55Z\n  executor = "docker"\n  [runners.docker]\n    image = "alpine:3.19"`, { title: "/etc/gitlab-runner/config.toml" }),
        );
      blocks.push(p(c.z(`文档里注册命令写作 \`gitlab-runner register --token ${c.phPrefix("glrt-", 0, "angle")}\`。`, `The docs register with \`--token ${c.phPrefix("glrt-", 0, "angle")}\`.`)), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "twilio-mailchimp-square",
    langs: ["en"],
    title: (c) => c.r.pick(["A small-business notification stack: Twilio, Mailchimp, Square", "Order notifications with Square webhooks and Twilio SMS"]),
    tags: ["twilio", "square", "mailchimp"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, "Square, Twilio and Mailchimp"))];
      blocks.push(
        h("Twilio"),
        p("I use an API key instead of the account auth token:"),
        code("js", `const twilio = require("twilio");\nconst client = twilio("${c.E("twilio-api-key-sid", c.v.twilioKeySid())}", "${c.S("twilio-api-key-secret", c.v.twilioKeySecret())}", { accountSid: "${c.E("twilio-account-sid", "AC" + r.hex(32))}" });\n\nawait client.messages.create({ body: "Order #1042 is ready", from: "+15017122661", to: "+15558675310" });`),
        p(`Message SIDs like \`${c.D("request-id", "SM" + r.hex(32))}\` are safe to log; Twilio's docs use \`${c.D("placeholder", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")}\`.`),
        h("Square"),
        code("dotenv", `SQUARE_ENVIRONMENT=production\nSQUARE_ACCESS_TOKEN=${c.S("square-access-token", c.v.squareToken())}\nSQUARE_LOCATION_ID=${c.D("app-id", c.v.squareLocation())}`),
        h("Mailchimp"),
        code("python", `import mailchimp_marketing as MailchimpMarketing\n\nclient = MailchimpMarketing.Client()\nclient.set_config({\n    "api_key": "${c.S("mailchimp-api-key", c.v.mailchimp())}",\n    "server": "us${r.int(2, 21)}",\n})\nprint(client.ping.get())`),
      );
      if (r.chance(0.6)) blocks.push(h("Stripe webhooks"), code("dotenv", `STRIPE_SECRET_KEY=${c.E("stripe-test-key", c.v.stripeTest())}\nSTRIPE_WEBHOOK_SECRET=${c.S("stripe-webhook-secret", c.v.stripeWhsec())}\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${c.D("stripe-publishable-key", c.v.stripePk())}`));
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "slack-app",
    langs: ["en", "zh"],
    title: (c) => c.z("Slack Bolt Socket Mode 机器人", "A Slack Bolt app in Socket Mode"),
    tags: ["slack", "bot"],
    build(c) {
      const { r } = c;
      return [
        p(PROSE.intro(c, "Slack Socket Mode")),
        p(c.z("Socket Mode 需要一个 app-level token（xapp 开头）和签名密钥：", "Socket Mode needs an app-level token and the signing secret:")),
        code("dotenv", `SLACK_APP_TOKEN=${c.S("slack-app-token", c.v.slackApp())}\nSLACK_SIGNING_SECRET=${c.S("slack-signing-secret", c.v.slackSigning())}\nSLACK_BOT_TOKEN=${c.env("SLACK_BOT_TOKEN_FROM_VAULT", "shellBrace")}`),
        code("python", `from slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n\napp = App(token=os.environ["SLACK_BOT_TOKEN"])\n\n@app.message("hello")\ndef say_hello(message, say):\n    say(f"Hey there <@{message['user']}>!")\n\nSocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()`),
        p(c.z(`Slack 文档里的示例 token 是 \`${c.D("placeholder", "xoxb-your-token")}\`。团队 ID \`${c.D("app-id", "T0" + r.str(9, ALPHA.uppernum))}\` 和频道 ID \`${c.D("app-id", "C0" + r.str(9, ALPHA.uppernum))}\` 不敏感。`, `Slack's docs use \`${c.D("placeholder", "xoxb-your-token")}\`. Team ids (\`${c.D("app-id", "T0" + r.str(9, ALPHA.uppernum))}\`) and channel ids (\`${c.D("app-id", "C0" + r.str(9, ALPHA.uppernum))}\`) are not secrets.`)),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "ai-global",
    langs: ["en", "en"],
    title: (c) => c.r.pick(["Switching between OpenRouter, Groq and Gemini with one client", "Cheap LLM inference: OpenRouter vs Groq"]),
    tags: ["llm", "openrouter", "groq"],
    build(c) {
      const { r } = c;
      return [
        p(PROSE.intro(c, "OpenRouter and Groq")),
        tabs([
          { label: "OpenRouter", lang: "python", code: `client = OpenAI(\n    base_url="https://openrouter.ai/api/v1",\n    api_key="${c.S("openrouter-api-key", c.v.openrouter())}",\n)` },
          { label: "Groq", lang: "python", code: `from groq import Groq\n\nclient = Groq(api_key="${c.S("groq-api-key", c.v.groq())}")` },
          { label: "OpenAI", lang: "python", code: `client = OpenAI(api_key=${c.env("OPENAI_API_KEY", "py")})` },
        ]),
        code("shell", `curl https://api.groq.com/openai/v1/models -H "Authorization: Bearer $GROQ_API_KEY"`),
        p(`Placeholders in the official quickstarts: \`${c.phPrefix("sk-or-v1-", 0, "dots")}\`, \`${c.ph("GROQ_API_KEY", "angle")}\`. My OpenAI key in the dashboard shows as \`${c.D("masked-secret", "sk-proj-" + "*".repeat(10) + r.str(4, ALPHA.alnum))}\`.`),
        out(`{"object":"list","data":[{"id":"llama3-70b-8192","object":"model","created":1693721698,"owned_by":"Meta"},{"id":"mixtral-8x7b-32768","object":"model","created":1693721698,"owned_by":"Mistral AI"}]}`),
        p(PROSE.outro(c)),
      ];
    },
  },
  {
    id: "supabase-frontend",
    langs: ["en", "zh", "en"],
    title: (c) => c.z("前端项目里哪些 key 可以公开？Supabase / Mapbox / reCAPTCHA / Algolia", c.r.pick(["Which keys can ship to the browser? Supabase, Mapbox, reCAPTCHA, Algolia", "A Supabase + Next.js starter, and the one key you must not expose"])),
    tags: ["supabase", "frontend", "security"],
    build(c) {
      const { r } = c;
      const ref = r.str(20, ALPHA.lower);
      const anon = jwt(r, { iss: "supabase", ref, role: "anon", iat: 1700000000 + r.int(0, 9999999), exp: 2000000000 + r.int(0, 9999999) });
      const service = jwt(r, { iss: "supabase", ref, role: "service_role", iat: 1700000000 + r.int(0, 9999999), exp: 2000000000 + r.int(0, 9999999) });
      return [
        p(PROSE.intro(c, c.z("前端密钥", "front-end keys"))),
        code("dotenv", `NEXT_PUBLIC_SUPABASE_URL=https://${ref}.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=${c.D("public-content-api-key", anon)}\nSUPABASE_SERVICE_ROLE_KEY=${c.S("supabase-service-role-key", service)}`, { title: ".env.local" }),
        p(c.z("anon key 可以放前端（有 RLS 保护），service_role 绝对不行。", "The anon key is fine in the browser (RLS protects you); service_role is not.")),
        list([
          `Mapbox ${c.z("公开 token", "public token")}: \`${c.D("public-content-api-key", c.v.mapboxPublic())}\``,
          `Mapbox ${c.z("secret token（可写）", "secret token (write scopes)")}: \`${c.S("mapbox-secret-token", c.v.mapboxSecret())}\``,
          `reCAPTCHA site key: \`${c.D("public-content-api-key", c.v.recaptcha())}\``,
          `reCAPTCHA secret key: \`${c.S("recaptcha-secret-key", c.v.recaptcha())}\``,
          `Algolia search-only key: \`${c.D("public-content-api-key", c.v.algoliaKey())}\``,
          `Algolia Admin API key: \`${c.S("algolia-admin-key", c.v.algoliaKey())}\``,
        ]),
        p(c.z(`Algolia 的 Application ID 是 \`${c.D("app-id", c.v.algoliaAppId())}\`。`, `Algolia's Application ID is \`${c.D("app-id", c.v.algoliaAppId())}\`.`)),
        p(PROSE.outro(c)),
      ];
    },
  },
];
