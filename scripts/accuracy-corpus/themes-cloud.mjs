// Posts about global clouds and infrastructure tooling.
import { B, PROSE } from "./common.mjs";
import { pem, rsaPkcs1Der, ecSec1Der, jwt } from "./formats.mjs";
import { ALPHA, b64, b64s } from "./rng.mjs";

const { h, p, code, out, note, tabs, list, table } = B;

const sasQuery = (c, sig, { ss = "b", srt = "sco", sp = "rwdlacupiytfx" } = {}) => {
  const { r } = c;
  const y = r.int(2024, 2025);
  return `sv=2022-11-02&ss=${ss}&srt=${srt}&sp=${sp}&se=${y + 1}-0${r.int(1, 9)}-${r.int(10, 28)}T${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)}Z&st=${y}-0${r.int(1, 9)}-${r.int(10, 28)}T0${r.int(1, 9)}:${r.int(10, 59)}:${r.int(10, 59)}Z&spr=https&sig=${sig}`;
};

export const cloudThemes = [
  {
    id: "cloudflare",
    langs: ["en", "en", "zh"],
    title: (c) => c.z(c.r.pick(["用 GitHub Actions 自动部署 Cloudflare Workers", "Cloudflare Tunnel 内网穿透：把家里的 NAS 暴露到公网"]), c.r.pick(["Deploying Cloudflare Workers from GitHub Actions", "Exposing a home server with Cloudflare Tunnel", "Syncing backups to Cloudflare R2 with rclone"])),
    tags: ["cloudflare", "workers", "devops"],
    build(c) {
      const { r } = c;
      const acct = r.hex(32);
      const blocks = [p(PROSE.intro(c, "Cloudflare"))];
      const parts = r.shuffle(["ci", "tunnel", "global", "r2"]).slice(0, 3);
      for (const part of parts) {
        if (part === "ci") {
          const tok = c.v.cfApiToken();
          blocks.push(
            h(c.z("部署 Workers", "Deploying the Worker")),
            code("yaml", `name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: cloudflare/wrangler-action@v3\n        with:\n          apiToken: ${c.tpl("CLOUDFLARE_API_TOKEN", "gha")}\n          accountId: ${c.tpl("CLOUDFLARE_ACCOUNT_ID", "gha")}`, { title: ".github/workflows/deploy.yml" }),
            p(c.z("本地测试时先在 `.dev.vars` / shell 里设好：", "Locally I keep the same values in my shell:")),
            code("shell", `export CLOUDFLARE_ACCOUNT_ID=${c.D("app-id", acct)}\nexport CLOUDFLARE_API_TOKEN=${c.S("cloudflare-api-token", tok)}\nnpx wrangler deploy`),
            p(c.z("验证 token 是否有效：", "Check the token is valid:")),
            code("shell", `curl "https://api.cloudflare.com/client/v4/user/tokens/verify" \\\n     -H "Authorization: Bearer ${c.S("cloudflare-api-token", tok)}"`),
            out(`{"result":{"id":"${c.D("request-id", r.hex(32))}","status":"active"},"success":true,"errors":[],"messages":[{"code":10000,"message":"This API Token is valid and active","type":null}]}`),
            code("toml", `name = "edge-cache"\nmain = "src/index.ts"\ncompatibility_date = "2024-09-23"\naccount_id = "${c.D("app-id", acct)}"\n\n[[kv_namespaces]]\nbinding = "CACHE"\nid = "${c.D("app-id", r.hex(32))}"`, { title: "wrangler.toml" }),
          );
        } else if (part === "tunnel") {
          blocks.push(
            h(c.z("Tunnel", "Running the tunnel")),
            p(c.z("在 Zero Trust 面板里创建 tunnel 后，会给出一条带 token 的安装命令：", "The Zero Trust dashboard gives you an install command with the connector token:")),
            r.chance(0.5)
              ? code("shell", `sudo cloudflared service install ${c.S("cloudflare-tunnel-token", c.v.cfTunnelToken())}`)
              : code("yaml", `services:\n  cloudflared:\n    image: cloudflare/cloudflared:latest\n    restart: unless-stopped\n    command: tunnel --no-autoupdate run --token ${c.S("cloudflare-tunnel-token", c.v.cfTunnelToken())}`, { title: "docker-compose.yml" }),
            p(c.z(`tunnel 的 ID 是 \`${c.D("uuid", r.uuid())}\`，这个不敏感。`, `The tunnel id (\`${c.D("uuid", r.uuid())}\`) is not sensitive.`)),
          );
        } else if (part === "global") {
          blocks.push(
            h(c.z("用 Global API Key 调接口", "The old way: Global API Key")),
            p(c.z("有些老脚本还在用 Global API Key（不推荐）：", "Some old scripts still use the Global API Key (don't):")),
            code("shell", `curl -X GET "https://api.cloudflare.com/client/v4/zones?name=example.org" \\\n     -H "X-Auth-Email: ${r.pick(["ops", "admin", "me"])}@${r.pick(["mysite.dev", "lihua.me", "acme.io"])}" \\\n     -H "X-Auth-Key: ${c.S("cloudflare-global-api-key", c.v.cfGlobalKey())}" \\\n     -H "Content-Type: application/json"`),
            p(c.z(`文档里的写法是 \`X-Auth-Key: ${c.ph("API_KEY", "angle")}\`。`, `The docs write \`X-Auth-Key: ${c.ph("API_KEY", "angle")}\`.`)),
          );
        } else {
          blocks.push(
            h("R2 + rclone"),
            code("ini", `[r2]\ntype = s3\nprovider = Cloudflare\naccess_key_id = ${c.E("cloudflare-r2-access-key-id", r.hex(32))}\nsecret_access_key = ${c.S("cloudflare-r2-secret-key", r.hex(64))}\nendpoint = https://${acct}.r2.cloudflarestorage.com\nacl = private`, { title: "~/.config/rclone/rclone.conf" }),
            code("shell", `rclone sync /srv/backups r2:nas-backup --progress`),
          );
        }
      }
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "azure-sas",
    langs: ["en", "zh", "en"],
    title: (c) => c.z("用 SAS 令牌把静态网站发布到 Azure Blob", c.r.pick(["Uploading build artifacts to Azure Blob Storage with a SAS token", "azcopy + SAS: shipping a static site to Azure Storage"])),
    tags: ["azure", "storage"],
    build(c) {
      const { r } = c;
      const acct = r.pick(["webassets", "stblogprod", "cdnstatic", "mybackups"]) + r.digits(3);
      const sig = c.v.sasSig();
      const blocks = [p(PROSE.intro(c, c.z("Azure Blob 的 SAS 令牌", "SAS tokens for Azure Blob Storage")))];
      blocks.push(
        p(c.z(`先用本地的 Azurite 调试，连接串是官方公开的开发账号：`, `I started against Azurite; its connection string is the well-known development account:`)),
        code("dotenv", `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${c.D("vendor-example-key", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"`),
        h(c.z("生成 SAS", "Generating the SAS")),
        code("shell", `az storage container generate-sas \\\n  --account-name ${acct} --name '$web' \\\n  --permissions acdlrw --expiry 2025-12-31T23:59Z --https-only --output tsv`),
      );
      const v = r.int(0, 2);
      if (v === 0) blocks.push(code("shell", `azcopy copy './dist/*' 'https://${acct}.blob.core.windows.net/$web?${sasQuery(c, c.S("azure-sas-token", sig))}' --recursive`));
      else if (v === 1)
        blocks.push(code("python", `from azure.storage.blob import BlobServiceClient\n\nsas_token = "${sasQuery(c, c.S("azure-sas-token", sig))}"\nservice = BlobServiceClient(account_url="https://${acct}.blob.core.windows.net", credential=sas_token)\ncontainer = service.get_container_client("backups")\nwith open("db.tar.gz", "rb") as f:\n    container.upload_blob(name="db.tar.gz", data=f, overwrite=True)`));
      else blocks.push(code("shell", `curl -X PUT -H "x-ms-blob-type: BlockBlob" --data-binary @site.zip \\\n  "https://${acct}.blob.core.windows.net/releases/site.zip?${sasQuery(c, c.S("azure-sas-token", sig), { srt: "o", sp: "cw" })}"`));
      blocks.push(
        p(c.z(`Microsoft 文档里的示例 URL 结尾是 \`sig=${c.D("vendor-example-key", "F%6GRVAZ5Cdj2Pw4tgU7IlSTkWgn7bUkkAg8P6HESXwmf%4B")}\`，那个不是真的签名。`, `Microsoft's docs example ends in \`sig=${c.D("vendor-example-key", "F%6GRVAZ5Cdj2Pw4tgU7IlSTkWgn7bUkkAg8P6HESXwmf%4B")}\`, which is not a real signature.`)),
        note("warning", c.z("注意", "Heads up"), [p(c.z(`分享链接时把签名打码，比如 \`sig=${c.masked(sig, "stars")}\`。`, `Mask the signature when you share links, e.g. \`sig=${c.masked(sig, "stars")}\`.`))]),
      );
      if (r.chance(0.5)) blocks.push(p(c.z("用户委托 SAS 会多出 skoid/sktid：", "A user-delegation SAS adds skoid/sktid:")), code("text", `skoid=${c.uuid()}&sktid=${c.uuid()}&skt=2024-05-01T00:00:00Z&ske=2024-05-02T00:00:00Z&sks=b&skv=2022-11-02&sig=${c.D("placeholder", "<signature>")}`));
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "azure-ad",
    langs: ["en", "en", "zh"],
    title: (c) => c.z("GitHub Actions 用服务主体登录 Azure", c.r.pick(["Logging in to Azure from GitHub Actions with a service principal", "Calling Microsoft Graph with client credentials in .NET", "Azure AD app registration for a Python daemon"])),
    tags: ["azure", "entra-id", "oauth"],
    build(c) {
      const { r } = c;
      const tenant = r.uuid();
      const app = r.uuid();
      const sub = r.uuid();
      const secret = c.v.azureClientSecret();
      const blocks = [p(PROSE.intro(c, c.z("Entra ID 服务主体", "an Entra ID service principal")))];
      const v = r.int(0, 2);
      if (v === 0)
        blocks.push(
          code("shell", `az ad sp create-for-rbac --name "gh-deployer" --role contributor \\\n  --scopes /subscriptions/${c.D("uuid", sub)}/resourceGroups/rg-web --json-auth`),
          out(`{\n  "clientId": "${c.D("uuid", app)}",\n  "clientSecret": "${c.S("azure-ad-client-secret", secret)}",\n  "subscriptionId": "${c.D("uuid", sub)}",\n  "tenantId": "${c.D("uuid", tenant)}",\n  "activeDirectoryEndpointUrl": "https://login.microsoftonline.com",\n  "resourceManagerEndpointUrl": "https://management.azure.com/"\n}`),
          p(c.z(`把整段 JSON 存成仓库 secret \`AZURE_CREDENTIALS\`，workflow 里用 \`${c.tpl("AZURE_CREDENTIALS", "gha")}\`。`, `Store the whole JSON as the \`AZURE_CREDENTIALS\` secret and reference it as \`${c.tpl("AZURE_CREDENTIALS", "gha")}\`.`)),
        );
      else if (v === 1)
        blocks.push(
          code("json", `{\n  "AzureAd": {\n    "Instance": "https://login.microsoftonline.com/",\n    "TenantId": "${c.D("uuid", tenant)}",\n    "ClientId": "${c.D("uuid", app)}",\n    "ClientSecret": "${c.S("azure-ad-client-secret", secret)}"\n  },\n  "DownstreamApi": {\n    "BaseUrl": "https://graph.microsoft.com/v1.0",\n    "Scopes": "https://graph.microsoft.com/.default"\n  }\n}`, { title: "appsettings.Development.json" }),
          code("csharp", `var credential = new ClientSecretCredential(\n    config["AzureAd:TenantId"], config["AzureAd:ClientId"], config["AzureAd:ClientSecret"]);\nvar graph = new GraphServiceClient(credential, new[] { "https://graph.microsoft.com/.default" });`),
        );
      else
        blocks.push(
          code("python", `from azure.identity import ClientSecretCredential\nfrom azure.mgmt.resource import ResourceManagementClient\n\ncredential = ClientSecretCredential(\n    tenant_id="${c.D("uuid", tenant)}",\n    client_id="${c.D("uuid", app)}",\n    client_secret="${c.S("azure-ad-client-secret", secret)}",\n)\nclient = ResourceManagementClient(credential, "${c.D("uuid", sub)}")\nfor rg in client.resource_groups.list():\n    print(rg.name)`),
        );
      blocks.push(
        p(c.z(`Microsoft 文档里登录命令写作 \`az login --service-principal -u ${c.D("placeholder", "<app-id>")} -p ${c.D("placeholder", "<password-or-cert>")} --tenant ${c.D("placeholder", "<tenant>")}\`。`, `The docs show \`az login --service-principal -u ${c.D("placeholder", "<app-id>")} -p ${c.D("placeholder", "<password-or-cert>")} --tenant ${c.D("placeholder", "<tenant>")}\`.`)),
        p(c.z(`如果改用证书认证，只需要证书指纹 \`${c.D("sha1-hex", r.HEX(40))}\`。`, `With a certificate instead you only reference its thumbprint, \`${c.D("sha1-hex", r.HEX(40))}\`.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "gcp-oauth",
    langs: ["en", "en", "zh"],
    title: (c) => c.z("Next.js 接入 Google 登录（NextAuth）", c.r.pick(["Google sign-in for a Next.js app with Auth.js", "Reading Gmail from a Python script with OAuth", "Calling Gemini from a Flask app"])),
    tags: ["google", "oauth", "nextjs"],
    build(c) {
      const { r } = c;
      const cid = c.v.gcpClientId();
      const blocks = [p(PROSE.intro(c, c.z("Google OAuth", "Google OAuth")))];
      const v = r.int(0, 1);
      if (v === 0)
        blocks.push(
          code("dotenv", `GOOGLE_CLIENT_ID=${c.D("app-id", cid)}\nGOOGLE_CLIENT_SECRET=${c.S("gcp-oauth-client-secret", c.v.gcpOauthSecret())}\nNEXTAUTH_URL=http://localhost:3000\nNEXTAUTH_SECRET=${c.S("nextauth-secret", b64(r.bytes(32)))}`, { title: ".env.local" }),
          code("ts", `import NextAuth from "next-auth";\nimport GoogleProvider from "next-auth/providers/google";\n\nexport const authOptions = {\n  providers: [\n    GoogleProvider({\n      clientId: ${c.env("GOOGLE_CLIENT_ID", "node")}!,\n      clientSecret: ${c.env("GOOGLE_CLIENT_SECRET", "node")}!,\n    }),\n  ],\n};\nexport default NextAuth(authOptions);`),
        );
      else
        blocks.push(
          p(c.z("下载的 client_secret.json 长这样：", "The downloaded client_secret.json:")),
          code("json", `{"installed":{"client_id":"${c.D("app-id", cid)}","project_id":"gmail-digest-${r.digits(6)}","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token","auth_provider_x509_cert_url":"https://www.googleapis.com/oauth2/v1/certs","client_secret":"${c.S("gcp-oauth-client-secret", c.v.gcpOauthSecret())}","redirect_uris":["http://localhost"]}}`),
          p(c.z("第一次授权后会生成 token.json：", "After the first consent the script writes token.json:")),
          code("json", `{"token": "${c.E("google-oauth-access-token", "ya29.a0" + r.str(150, ALPHA.b64url))}", "refresh_token": "${c.S("google-oauth-refresh-token", "1//0" + r.str(99, ALPHA.b64url))}", "token_uri": "https://oauth2.googleapis.com/token", "client_id": "${cid}", "scopes": ["https://www.googleapis.com/auth/gmail.readonly"], "expiry": "2024-0${r.int(1, 9)}-1${r.int(0, 9)}T0${r.int(1, 9)}:12:44.129Z"}`),
        );
      if (r.chance(0.6)) blocks.push(h("Gemini"), code("python", `import google.generativeai as genai\n\ngenai.configure(api_key="${c.S("google-api-key", c.v.googleApiKey())}")\nmodel = genai.GenerativeModel("gemini-1.5-flash")\nprint(model.generate_content("Write a haiku about OAuth").text)`));
      blocks.push(
        p(c.z(`前端的 Firebase 配置 \`apiKey: "${c.E("firebase-web-api-key", c.v.googleApiKey())}"\` 本来就是公开的，measurementId 是 \`${c.D("analytics-id", "G-" + r.str(10, ALPHA.uppernum))}\`。`, `The Firebase web config (\`apiKey: "${c.E("firebase-web-api-key", c.v.googleApiKey())}"\`, measurementId \`${c.D("analytics-id", "G-" + r.str(10, ALPHA.uppernum))}\`) ships to every browser anyway.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "digitalocean",
    langs: ["en", "en"],
    title: (c) => c.r.pick(["Provisioning a DigitalOcean droplet with Terraform", "Backing up to DigitalOcean Spaces with s3cmd", "doctl cheatsheet"]),
    tags: ["digitalocean", "terraform"],
    build(c) {
      const { r } = c;
      const tok = c.v.doToken();
      const blocks = [p(PROSE.intro(c, "DigitalOcean"))];
      if (r.chance(0.5)) blocks.push(code("shell", `doctl auth init --context personal --access-token ${c.S("digitalocean-token", tok)}\ndoctl compute droplet list --format ID,Name,PublicIPv4`), out(`ID           Name        Public IPv4\n${r.digits(9)}    web-01      164.90.${r.int(1, 254)}.${r.int(1, 254)}\n${r.digits(9)}    db-01       164.90.${r.int(1, 254)}.${r.int(1, 254)}`));
      else blocks.push(code("hcl", `terraform {\n  required_providers {\n    digitalocean = {\n      source  = "digitalocean/digitalocean"\n      version = "~> 2.0"\n    }\n  }\n}\n\nprovider "digitalocean" {\n  token = "${c.S("digitalocean-token", tok)}"\n}\n\nresource "digitalocean_droplet" "web" {\n  image    = "ubuntu-22-04-x64"\n  name     = "web-1"\n  region   = "fra1"\n  size     = "s-1vcpu-1gb"\n  ssh_keys = ["${c.D("ssh-key-fingerprint", Array.from({ length: 16 }, () => r.hex(2)).join(":"))}"]\n}`, { title: "main.tf" }));
      blocks.push(
        p(`In CI the token comes from \`${c.tpl("DIGITALOCEAN_ACCESS_TOKEN", "gha")}\`, and Terraform reads \`${c.tpl("do_token", "tf")}\`.`),
        h("Spaces"),
        code("ini", `[default]\naccess_key = ${c.S("digitalocean-spaces-key", c.v.doSpacesKey())}\nsecret_key = ${c.S("digitalocean-spaces-secret", c.v.doSpacesSecret())}\nhost_base = fra1.digitaloceanspaces.com\nhost_bucket = %(bucket)s.fra1.digitaloceanspaces.com\nuse_https = True`, { title: "~/.s3cfg" }),
        code("shell", `s3cmd sync ./backups s3://nightly-db/ --delete-removed`),
        p(`Terraform's lock file pins provider hashes such as \`${c.D("sha256-hex", "zh:" + r.hex(64))}\`; those are checksums, not credentials.`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "heroku",
    langs: ["en"],
    title: (c) => c.r.pick(["Deploying to Heroku from GitHub Actions without the CLI login dance", "Scripting the Heroku Platform API"]),
    tags: ["heroku", "ci"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, "the Heroku Platform API"))];
      blocks.push(
        p(`The Dev Center quickstart shows a token like \`${c.D("vendor-example-key", "cf0e05d9-4eca-4948-a012-b91fe9704bab")}\` from \`heroku authorizations:create\`. Mine, from this year:`),
        code("shell", `heroku authorizations:create -d "github deploy"`),
        out(`Creating OAuth Authorization... done\nClient:      <none>\nID:          ${c.uuid()}\nDescription: github deploy\nScope:       global\nToken:       ${c.S("heroku-api-key", c.v.herokuKey())}\nUpdated at:  Mon Apr 08 2024 10:14:02 GMT+0200 (less than a minute ago)`),
        code("yaml", `- uses: akhileshns/heroku-deploy@v3.13.15\n  with:\n    heroku_api_key: ${c.tpl("HEROKU_API_KEY", "gha")}\n    heroku_app_name: "my-rails-app"\n    heroku_email: "me@example.com"`),
      );
      if (r.chance(0.6)) blocks.push(p("On my laptop the CLI keeps the older UUID-style key in `~/.netrc`:"), code("text", `machine api.heroku.com\n  login ${r.pick(["maria", "dev", "kenji"])}@${r.pick(["fastmail.com", "gmail.com"])}\n  password ${c.S("heroku-api-key", r.uuid())}\nmachine git.heroku.com\n  login same@example.com\n  password ${c.D("placeholder", "<same token>")}`));
      blocks.push(
        h("Database URL"),
        code("shell", `heroku config:get DATABASE_URL -a my-rails-app`),
        out(`postgres://${r.str(14, ALPHA.lower)}:${c.S("postgres-uri", r.hex(64))}@ec2-${r.int(3, 54)}-${r.int(1, 254)}-${r.int(1, 254)}-${r.int(1, 254)}.compute-1.amazonaws.com:5432/${r.str(14, ALPHA.lowernum)}`),
        p(`Release ids such as \`${c.uuid()}\` show up in \`heroku releases\`; they're harmless.`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "dockerhub",
    langs: ["en", "zh"],
    title: (c) => c.z("Docker Hub 访问令牌与私有镜像推送", c.r.pick(["Pushing images to Docker Hub from CI with an access token", "Why `docker login` warns about your password"])),
    tags: ["docker", "ci"],
    build(c) {
      const { r } = c;
      const user = r.pick(["lihua", "mgarcia", "acmebot", "kenjiw"]);
      const pat = c.v.dockerPat();
      const blocks = [p(PROSE.intro(c, "Docker Hub"))];
      blocks.push(
        code("shell", r.chance(0.5) ? `echo "${c.S("dockerhub-pat", pat)}" | docker login -u ${user} --password-stdin` : `docker login -u ${user} -p ${c.S("dockerhub-pat", pat)}`),
        out(`WARNING! Your password will be stored unencrypted in /home/${user}/.docker/config.json.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/engine/reference/commandline/login/#credential-stores\n\nLogin Succeeded`),
        p(c.z("看一下 config.json，auth 字段只是 base64 编码：", "And indeed, config.json just base64-encodes it:")),
        code("json", `{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "${c.S("docker-config-auth", b64s(`${user}:${pat}`))}"\n\t\t}\n\t}\n}`),
        code("yaml", `- name: Login to Docker Hub\n  uses: docker/login-action@v3\n  with:\n    username: ${c.tpl("DOCKERHUB_USERNAME", "gha").replace("secrets", "vars")}\n    password: ${c.tpl("DOCKERHUB_TOKEN", "gha")}`),
        code("shell", `docker pull nginx:1.25-alpine`),
        out(`1.25-alpine: Pulling from library/nginx\nDigest: ${c.digest()}\nStatus: Downloaded newer image for nginx:1.25-alpine`),
        code("shell", `docker images`),
        out(`REPOSITORY      TAG           IMAGE ID       CREATED        SIZE\nnginx           1.25-alpine   ${c.D("docker-digest", r.hex(12))}   2 weeks ago    43.3MB\n${user}/api      latest        ${c.D("docker-digest", r.hex(12))}   3 minutes ago  182MB`),
        p(c.z(`令牌列表里只显示 \`${c.D("masked-secret", "dckr_pat_" + "*".repeat(8) + pat.slice(-4))}\`。`, `The token list only shows \`${c.D("masked-secret", "dckr_pat_" + "*".repeat(8) + pat.slice(-4))}\`.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "terraform-vault",
    langs: ["en", "en"],
    title: (c) => c.r.pick(["Terraform Cloud remote state, and Vault for the rest", "Bootstrapping HashiCorp Vault on a single VM"]),
    tags: ["terraform", "vault", "hashicorp"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, "Terraform Cloud and Vault"))];
      blocks.push(code("hcl", `credentials "app.terraform.io" {\n  token = "${c.S("terraform-cloud-token", c.v.tfcToken())}"\n}`, { title: "~/.terraformrc" }));
      blocks.push(
        code("hcl", `provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.46.0"\n  constraints = "~> 5.0"\n  hashes = [\n    "${c.D("sha256-hex", "h1:" + b64(r.bytes(32)))}",\n    "${c.D("sha256-hex", "zh:" + r.hex(64))}",\n    "${c.D("sha256-hex", "zh:" + r.hex(64))}",\n  ]\n}`, { title: ".terraform.lock.hcl" }),
        h("Vault"),
        code("shell", `vault operator init -key-shares=1 -key-threshold=1`),
        out(`Unseal Key 1: ${c.S("vault-unseal-key", b64(r.bytes(32)))}\n\nInitial Root Token: ${c.S("vault-token", c.v.vaultToken())}\n\nVault initialized with 1 key shares and a key threshold of 1.`),
        code("shell", `export VAULT_ADDR='https://vault.internal:8200'\nexport VAULT_TOKEN="${c.S("vault-token", c.v.vaultToken())}"\nvault kv put secret/app db_password=${c.tpl("DB_PASSWORD", "gitlab")}`),
        p(`Token accessors like \`${c.D("app-id", r.str(24, ALPHA.alnum))}\` can be logged safely. In dev mode the root token is literally \`${c.D("placeholder", "root")}\`.`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "k8s-secrets",
    langs: ["en", "zh", "en"],
    title: (c) => c.z(c.r.pick(["Kubernetes Secret 的几种创建方式", "K8s 部署 Spring Boot：ConfigMap 与 Secret"]), c.r.pick(["Kubernetes Secrets are not encrypted: a tour", "Moving app config into Kubernetes Secrets"])),
    tags: ["kubernetes", "devops"],
    build(c) {
      const { r } = c;
      const pwd = c.v.password();
      const blocks = [p(PROSE.intro(c, "Kubernetes Secrets"))];
      blocks.push(
        code("yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-db\n  namespace: prod\ntype: Opaque\ndata:\n  username: YXBwX3J3\n  password: ${c.S("k8s-secret-data", b64s(pwd))}\n  redis-password: ${c.S("k8s-secret-data", b64s(c.v.password()))}`, { title: "secret.yaml" }),
        p(c.z("base64 只是编码，`echo ... | base64 -d` 就能还原。模板仓库里的占位是这样的：", "base64 is an encoding, not encryption. The template repo uses placeholders:")),
        code("yaml", `data:\n  username: ${c.D("placeholder", "YWRtaW4=")}\n  password: ${c.D("placeholder", "cGFzc3dvcmQ=")}\n  api-key: ${c.D("placeholder", "Y2hhbmdlbWU=")}`),
        code("shell", `kubectl create secret generic api-keys -n prod \\\n  --from-literal=STRIPE_KEY=${c.tpl("STRIPE_KEY", "gitlab")} \\\n  --from-literal=SESSION_SECRET='${c.S("k8s-secret-literal", r.str(32, ALPHA.alnum))}'`),
      );
      if (r.chance(0.6)) blocks.push(code("shell", `kubectl create secret docker-registry regcred \\\n  --docker-server=registry.cn-hangzhou.aliyuncs.com \\\n  --docker-username=deploy@${r.digits(16)} \\\n  --docker-password='${c.S("registry-password", c.v.password())}'`));
      blocks.push(
        code("yaml", `env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-db\n        key: password`),
        p(c.z("用 Sealed Secrets 之后，仓库里只剩密文：", "With Sealed Secrets the repo only holds ciphertext:")),
        code("yaml", `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: app-db\nspec:\n  encryptedData:\n    password: ${c.D("encrypted-value", "AgB" + r.str(r.int(600, 700), ALPHA.b64) + "=")}`),
      );
      if (r.chance(0.6)) {
        const sa = jwt(r, { iss: "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci", "kubernetes.io/serviceaccount/secret.name": "deployer-token-" + r.str(5, ALPHA.lowernum), "kubernetes.io/serviceaccount/service-account.name": "deployer", "kubernetes.io/serviceaccount/service-account.uid": r.uuid(), sub: "system:serviceaccount:ci:deployer" }, "RS256");
        blocks.push(
          p(c.z("CI 用的 kubeconfig：", "The kubeconfig the CI job uses:")),
          code("yaml", `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: ${c.D("pem-certificate", b64s(pem("CERTIFICATE", r.bytes(700))))}\n    server: https://${r.int(10, 200)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}:6443\n  name: prod\nusers:\n- name: deployer\n  user:\n    token: ${c.S("k8s-service-account-token", sa)}\ncontexts:\n- context:\n    cluster: prod\n    user: deployer\n  name: prod`),
        );
      } else {
        blocks.push(code("yaml", `users:\n- name: admin\n  user:\n    client-certificate-data: ${c.D("pem-certificate", b64s(pem("CERTIFICATE", r.bytes(600))))}\n    client-key-data: ${c.S("kubeconfig-client-key", b64s(pem("EC PRIVATE KEY", ecSec1Der(r))))}`));
      }
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "minio",
    langs: ["zh", "en"],
    title: (c) => c.z("Docker Compose 部署 MinIO 并用 mc 管理", "Self-hosting MinIO with Docker Compose"),
    tags: ["minio", "docker"],
    build(c) {
      const { r } = c;
      const access = c.v.minioAccess();
      const secret = c.v.minioSecret();
      return [
        p(PROSE.intro(c, "MinIO")),
        code("yaml", `services:\n  minio:\n    image: minio/minio:RELEASE.2024-05-10T01-41-38Z\n    command: server /data --console-address ":9001"\n    ports: ["9000:9000", "9001:9001"]\n    environment:\n      MINIO_ROOT_USER: admin\n      MINIO_ROOT_PASSWORD: ${c.S("minio-root-password", c.v.password() + r.str(4, ALPHA.alnum))}\n    volumes:\n      - /data/minio:/data`, { title: "docker-compose.yml" }),
        p(c.z(`不设置的话默认账号密码都是 \`${c.D("vendor-example-key", "minioadmin")}\`。`, `Left unset, both default to \`${c.D("vendor-example-key", "minioadmin")}\`.`)),
        p(c.z("在控制台里给应用建一个 access key：", "Then create an access key for the app:")),
        code("shell", `mc alias set prod https://oss.${r.pick(["lihua.me", "acme.dev", "homelab.cc"])}:9000 ${c.S("minio-access-key", access)} ${c.S("minio-secret-key", secret)}\nmc mb prod/uploads\nmc anonymous set download prod/uploads`),
        code("python", `from minio import Minio\n\nclient = Minio("oss.example.com:9000", access_key=${c.env("MINIO_ACCESS_KEY", "pyget")}, secret_key=${c.env("MINIO_SECRET_KEY", "pyget")})`),
        p(c.z(`本地测试的 \`mc alias set local http://127.0.0.1:9000 minioadmin ${c.E("local-db-password", "minioadmin")}\` 无所谓。`, `Locally I just use \`mc alias set local http://127.0.0.1:9000 minioadmin ${c.E("local-db-password", "minioadmin")}\`.`)),
        p(PROSE.outro(c)),
      ];
    },
  },
];
