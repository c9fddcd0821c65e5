// Raw files in a docs/ops repository: .env, YAML, .properties, JSON, shell, HCL, INI. Each
// function returns [{path, lang, text}] for one repository, text carrying label markers.
import { ALPHA, b64, b64s } from "./rng.mjs";
import { jwt } from "./formats.mjs";

export function repoFiles(c, repo) {
  const { r } = c;
  const files = [];
  const add = (path, lang, text) => files.push({ path: `${repo}/${path}`, lang, text: text.endsWith("\n") ? text : text + "\n" });
  const host = r.pick(["acme.io", "lihua.me", "shopfront.dev", "kite-labs.com"]);

  add(
    ".env.example",
    "dotenv",
    `# Copy to .env and fill in real values. Never commit .env!\nAPP_ENV=local\nAPP_URL=http://localhost:3000\nDATABASE_URL=postgres://${c.D("placeholder", "user")}:${c.D("placeholder", "password")}@localhost:5432/app\nREDIS_URL=redis://localhost:6379/0\nSECRET_KEY=${c.D("placeholder", "changeme")}\nOPENAI_API_KEY=${c.phPrefix("sk-", 0, "dots")}\nSTRIPE_SECRET_KEY=${c.phPrefix("sk_test_", 0, "dots")}\nSENTRY_DSN=\nSLACK_WEBHOOK_URL=${c.D("placeholder", "https://hooks.slack.com/services/XXX/YYY/ZZZ")}\nAWS_ACCESS_KEY_ID=${c.awsExample("id")}\nAWS_SECRET_ACCESS_KEY=${c.awsExample("secret")}\nJWT_SECRET=${c.ph("JWT_SECRET", "your")}\n`,
  );

  add(
    "deploy/.env.production",
    "dotenv",
    `APP_ENV=production\nAPP_URL=https://app.${host}\nBUILD_SHA=${c.gitSha()}\nDATABASE_URL=postgresql://app:${c.S("postgres-uri", c.v.password())}@db.${host}:5432/app\nREDIS_URL=rediss://default:${c.S("redis-uri", r.str(32, ALPHA.alnum))}@cache.${host}:6380/0\nSECRET_KEY=${c.S("app-secret-key", r.hex(64))}\nANTHROPIC_API_KEY=${c.S("anthropic-api-key", c.v.anthropic())}\nSENTRY_AUTH_TOKEN=${c.S("sentry-auth-token", c.v.sentryUser())}\nDD_API_KEY=${c.S("datadog-api-key", c.v.ddApiKey())}\nNEW_RELIC_LICENSE_KEY=${c.S("newrelic-license-key", c.v.nrLicense())}\nLOG_LEVEL=info\n`,
  );

  add(
    "config/settings.yaml",
    "yaml",
    `server:\n  port: 8080\n  cors_origins:\n    - https://app.${host}\n\ndatabase:\n  host: pg.${host}\n  port: 5432\n  name: app\n  user: app\n  password: ${c.S("yaml-db-password", c.v.password())}\n\nstorage:\n  provider: qiniu\n  access_key: ${c.S("qiniu-access-key", c.v.qiniuKey())}\n  secret_key: ${c.S("qiniu-secret-key", c.v.qiniuKey())}\n  bucket: app-assets\n\nnotify:\n  feishu_webhook: ${c.D("placeholder", "https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx")}\n  wecom_webhook: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${c.S("wecom-webhook", r.uuid())}\n\nauth:\n  jwt_secret: ${c.tpl("JWT_SECRET", "spring", "")}\n  session_ttl: 86400\n`,
  );

  add(
    "backend/src/main/resources/application-prod.properties",
    "properties",
    `spring.application.name=order-service\nspring.datasource.url=jdbc:mysql://rm-${r.str(20, ALPHA.lowernum)}.mysql.rds.aliyuncs.com:3306/orders?useSSL=true\nspring.datasource.username=orders\nspring.datasource.password=${c.S("spring-datasource-password", c.v.password())}\nspring.rabbitmq.host=mq.${host}\nspring.rabbitmq.username=orders\nspring.rabbitmq.password=${c.S("rabbitmq-password", c.v.password())}\naliyun.oss.endpoint=oss-cn-hangzhou.aliyuncs.com\naliyun.oss.access-key-id=${c.S("alibaba-access-key-id", c.v.aliAkId())}\naliyun.oss.access-key-secret=${c.S("alibaba-access-key-secret", c.v.aliSecret())}\nmanagement.endpoints.web.exposure.include=health,info\nlogging.level.root=INFO\n`,
  );

  add(
    "api/appsettings.Production.json",
    "json",
    `{\n  "Logging": {\n    "LogLevel": {\n      "Default": "Information",\n      "Microsoft.AspNetCore": "Warning"\n    }\n  },\n  "AllowedHosts": "*",\n  "ConnectionStrings": {\n    "Default": "Server=tcp:${r.pick(["sql-prod", "acme-sql"])}.database.windows.net,1433;Initial Catalog=app;User ID=appadmin;Password=${c.S("adonet-password", c.v.password())};Encrypt=True;"\n  },\n  "AzureAd": {\n    "TenantId": "${c.uuid()}",\n    "ClientId": "${c.uuid()}",\n    "ClientSecret": "${c.S("azure-ad-client-secret", c.v.azureClientSecret())}"\n  },\n  "Storage": {\n    "SasUrl": "https://appassets${r.digits(3)}.blob.core.windows.net/uploads?sv=2022-11-02&ss=b&srt=co&sp=rwlac&se=2026-01-01T00:00:00Z&spr=https&sig=${c.S("azure-sas-token", c.v.sasSig())}"\n  },\n  "ApplicationInsights": {\n    "ConnectionString": "InstrumentationKey=${c.D("public-content-api-key", r.uuid())};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/"\n  }\n}\n`,
  );

  add(
    "scripts/deploy.sh",
    "shell",
    `#!/usr/bin/env bash\nset -euo pipefail\n\n# Deploy helper. Values come from CI variables; the fallbacks are for my laptop only.\nexport CLOUDFLARE_API_TOKEN="\${CLOUDFLARE_API_TOKEN:-${c.S("cloudflare-api-token", c.v.cfApiToken())}}"\nexport DIGITALOCEAN_ACCESS_TOKEN="${c.env("DO_TOKEN", "shellBrace")}"\nHF_TOKEN=${c.S("huggingface-token", c.v.hfToken())}\n\necho "Deploying ${"$"}{GITHUB_SHA:-$(git rev-parse HEAD)}"\ndocker build -t registry.${host}/app:${c.gitSha(true)} .\necho "${c.S("dockerhub-pat", c.v.dockerPat())}" | docker login -u acmebot --password-stdin\ncurl -fsS -X POST "https://api.linear.app/graphql" \\\n  -H "Authorization: ${c.S("linear-api-key", c.v.linear())}" \\\n  -H "Content-Type: application/json" \\\n  --data '{"query":"mutation { issueCreate(input: {teamId: \\"${r.uuid()}\\", title: \\"deployed\\"}) { success } }"}'\nsha256sum dist/app.tar.gz  # ${c.sha256()}\n`,
  );

  add(
    "k8s/app-secret.yaml",
    "yaml",
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\n  namespace: production\ntype: Opaque\nstringData:\n  DATABASE_URL: "postgres://app:${c.S("k8s-secret-data", c.v.password())}@pg-rw.production.svc:5432/app"\n  STRIPE_WEBHOOK_SECRET: "${c.S("stripe-webhook-secret", c.v.stripeWhsec())}"\n  SHOPIFY_ACCESS_TOKEN: "${c.S("shopify-access-token", c.v.shopifyToken())}"\ndata:\n  GITHUB_TOKEN: ${c.S("k8s-secret-data", b64s(c.v.ghServer()))}\n`,
  );

  add(
    "docker-compose.prod.yml",
    "yaml",
    `services:\n  db:\n    image: postgres:16@${c.digest()}\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${c.S("docker-postgres-password", c.v.password())}\n  mq:\n    image: rabbitmq:3.13-management\n    environment:\n      RABBITMQ_DEFAULT_USER: app\n      RABBITMQ_DEFAULT_PASS: ${c.S("rabbitmq-password", c.v.password())}\n  app:\n    image: registry.${host}/app:latest\n    env_file: deploy/.env.production\n    environment:\n      SECRET_KEY: ${c.env("SECRET_KEY", "shellBrace")}\n      GRAFANA_TOKEN: ${c.S("grafana-service-account-token", c.v.grafanaSa())}\n`,
  );

  add(
    "infra/terraform.tfvars",
    "hcl",
    `region             = "fra1"\ndo_token           = "${c.S("digitalocean-token", c.v.doToken())}"\ncloudflare_zone_id = "${c.D("app-id", r.hex(32))}"\nheroku_api_key     = "${c.S("heroku-api-key", c.v.herokuKey())}"\nssh_fingerprint    = "${c.D("ssh-key-fingerprint", Array.from({ length: 16 }, () => r.hex(2)).join(":"))}"\n`,
  );

  add(
    "bot/config.json",
    "json",
    `{\n  "prefix": "!",\n  "discordToken": "${c.S("discord-bot-token", c.v.discordBot())}",\n  "guildId": "${c.D("app-id", c.v.snowflake())}",\n  "openaiKey": "${c.D("placeholder", "sk-REPLACE_ME")}",\n  "notionToken": "${c.S("notion-token", c.v.notionNew())}",\n  "owner": "${c.D("app-id", c.v.snowflake())}"\n}\n`,
  );

  add(
    "ops/htpasswd",
    "text",
    `admin:${c.bcrypt()}\ngrafana:${c.D("password-hash", "$apr1$" + r.str(8, ALPHA.alnum) + "$" + r.str(22, "./" + ALPHA.alnum))}\nmetrics:{SHA}${c.D("password-hash", b64(r.bytes(20)))}\n`,
  );

  add(
    "ansible/group_vars/prod/vault.yml",
    "yaml",
    `${c.D("encrypted-value", "$ANSIBLE_VAULT;1.1;AES256\n" + Array.from({ length: 8 }, () => r.hex(80)).join("\n"))}\n`,
  );

  add(
    "ansible/group_vars/prod/vars.yml",
    "yaml",
    `db_user: app\ndb_password: "${c.tpl("vault_db_password", "jinja")}"\nsmtp_password: "${c.tpl("vault_smtp_password", "jinja")}"\nfeishu_app_id: ${c.D("app-id", c.v.feishuAppId())}\nfeishu_app_secret: ${c.S("feishu-app-secret", c.v.feishuAppSecret())}\n`,
  );

  add(
    "web/.npmrc",
    "ini",
    `registry=https://registry.npmjs.org/\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${c.env("GITHUB_TOKEN", "shellBrace")}\n//registry.npmjs.org/:_authToken=${c.S("npm-token", c.v.npmToken())}\n`,
  );

  add(
    ".github/workflows/release.yml",
    "yaml",
    `name: release\non:\n  push:\n    tags: ["v*"]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n      NODE_AUTH_TOKEN: ${c.tpl("NPM_TOKEN", "gha")}\n      SLACK_WEBHOOK: ${c.S("slack-webhook", `https://hooks.slack.com/services/T0${r.str(9, ALPHA.uppernum)}/B0${r.str(9, ALPHA.uppernum)}/${r.str(24, ALPHA.alnum)}`)}\n    steps:\n      - uses: actions/checkout@${c.gitSha()} # v4.1.1\n      - uses: actions/setup-node@${c.gitSha()} # v4\n      - run: npm ci && npm publish\n      - run: curl -X POST -H 'Content-type: application/json' --data '{"text":"released"}' "$SLACK_WEBHOOK"\n`,
  );

  add(
    "mobile/google-services.json",
    "json",
    `{\n  "project_info": {\n    "project_number": "${r.digits(12)}",\n    "project_id": "acme-mobile-${r.digits(5)}",\n    "storage_bucket": "acme-mobile.appspot.com"\n  },\n  "client": [\n    {\n      "client_info": {\n        "mobilesdk_app_id": "1:${r.digits(12)}:android:${r.hex(16)}",\n        "android_client_info": { "package_name": "io.acme.app" }\n      },\n      "api_key": [\n        { "current_key": "${c.E("firebase-web-api-key", c.v.googleApiKey())}" }\n      ]\n    }\n  ]\n}\n`,
  );

  add(
    "supabase/.env",
    "dotenv",
    `SUPABASE_URL=https://${r.str(20, ALPHA.lower)}.supabase.co\nSUPABASE_ANON_KEY=${c.D("public-content-api-key", jwt(r, { iss: "supabase", role: "anon", iat: 1712000000, exp: 2027000000 }))}\nSUPABASE_SERVICE_ROLE_KEY=${c.S("supabase-service-role-key", jwt(r, { iss: "supabase", role: "service_role", iat: 1712000000, exp: 2027000000 }))}\n`,
  );
  return files;
}
