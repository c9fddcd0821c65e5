// Databases, frameworks and keys: connection strings in their many dialects, framework secret
// settings, and private keys in formats other than PEM (PuTTY, PGP, WireGuard, age).
import { B, PROSE } from "./common.mjs";
import { pem, rsaPkcs8Der, puttyPpkV3, puttyPpkV2Rsa, pgpPrivateBlock, wgKey, ageSecretKey, agePublicKey, opensshPrivate } from "./formats.mjs";
import { ALPHA, b64 } from "./rng.mjs";

const { h, p, code, out, note, tabs, list, table } = B;

export const infraThemes = [
  {
    id: "db-urls",
    langs: ["en", "zh", "en", "zh"],
    title: (c) => c.z(c.r.pick(["Python 连接各种数据库的连接串写法汇总", "Celery + RabbitMQ + PostgreSQL 部署笔记"]), c.r.pick(["Connection strings for every database I've used this year", "Celery with RabbitMQ and Postgres on a single VM", "Moving analytics to ClickHouse Cloud"])),
    tags: ["database", "python"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, c.z("各种数据库连接", "database connections")))];
      const parts = r.shuffle(["pg", "amqp", "oracle", "clickhouse", "adonet", "es"]).slice(0, 4);
      for (const part of parts) {
        const pw = c.v.password();
        if (part === "pg")
          blocks.push(h("PostgreSQL"), code("python", `from sqlalchemy import create_engine\n\nengine = create_engine(\n    "postgresql+psycopg2://analytics:${c.S("postgres-uri", pw)}@pg-${r.str(6, ALPHA.lowernum)}.${r.pick(["db.ondigitalocean.com:25060", "postgres.database.azure.com:5432", "c7.us-east-1.rds.amazonaws.com:5432"])}/warehouse?sslmode=require"\n)`), p(c.z(`本地的是 \`postgresql://postgres:${c.E("local-db-password", "postgres")}@localhost:5432/dev\`。`, `Locally it's just \`postgresql://postgres:${c.E("local-db-password", "postgres")}@localhost:5432/dev\`.`)));
        else if (part === "amqp")
          blocks.push(h("RabbitMQ"), code("python", `# celeryconfig.py\nbroker_url = "amqp://celery:${c.S("amqp-uri", pw)}@mq.${r.pick(["internal.acme.io", "lihua.me", "prod.example.net"])}:5672/prod"\nresult_backend = "redis://:${c.S("redis-uri", c.v.password())}@cache.${r.pick(["internal.acme.io", "lihua.me"])}:6379/1"\ntask_serializer = "json"`), p(c.z(`文档里的默认值是 \`amqp://guest:${c.D("vendor-example-key", "guest")}@localhost:5672//\`。`, `The default from the docs is \`amqp://guest:${c.D("vendor-example-key", "guest")}@localhost:5672//\`.`)));
        else if (part === "oracle")
          blocks.push(h("Oracle"), code("properties", `spring.datasource.url=jdbc:oracle:thin:erp_app/${c.S("jdbc-oracle", pw)}@//10.20.${r.int(1, 254)}.${r.int(1, 254)}:1521/ORCLPDB1\nspring.datasource.driver-class-name=oracle.jdbc.OracleDriver`));
        else if (part === "clickhouse")
          blocks.push(
            h("ClickHouse"),
            r.chance(0.5)
              ? code("shell", `clickhouse client --host ${r.str(10, ALPHA.lowernum)}.eu-central-1.aws.clickhouse.cloud --secure --port 9440 --user default --password '${c.S("clickhouse-password", pw)}'`)
              : code("python", `import clickhouse_connect\n\nclient = clickhouse_connect.get_client(\n    host="${r.str(10, ALPHA.lowernum)}.us-east-2.aws.clickhouse.cloud",\n    port=8443,\n    username="default",\n    password="${c.S("clickhouse-password", pw)}",\n    secure=True,\n)\nprint(client.query("SELECT version()").result_rows)`),
          );
        else if (part === "adonet")
          blocks.push(
            h("SQL Server (ADO.NET)"),
            code("json", `{\n  "ConnectionStrings": {\n    "Default": "Server=tcp:${r.pick(["sql-prod-weu", "acme-sql", "shopdb"])}.database.windows.net,1433;Initial Catalog=shop;Persist Security Info=False;User ID=shopadmin;Password=${c.S("adonet-password", pw)};MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;"\n  }\n}`, { title: "appsettings.json" }),
            p(c.z(`Azure 门户复制出来的模板是 \`Password={your_password}\`，注意替换。`, `The portal's template says \`Password=${c.D("placeholder", "{your_password}")}\`.`)),
          );
        else
          blocks.push(
            h("Elasticsearch / Kibana"),
            code("python", `from elasticsearch import Elasticsearch\n\nes = Elasticsearch("https://elastic:${c.S("elasticsearch-url-auth", pw)}@es-${r.str(6, ALPHA.lowernum)}.${r.pick(["es.us-central1.gcp.cloud.es.io", "search.acme.io"])}:443")\nprint(es.info())`),
            code("yaml", `server.host: "0.0.0.0"\nelasticsearch.hosts: ["https://10.0.3.21:9200"]\nelasticsearch.username: "kibana_system"\nelasticsearch.password: "${c.S("kibana-password", c.v.password())}"`, { title: "kibana.yml" }),
          );
      }
      blocks.push(p(c.z(`连接串里的密码最好都从环境变量取，比如 \`${c.env("DATABASE_URL", "pyget")}\`。`, `Better: read them from the environment, e.g. \`${c.env("DATABASE_URL", "pyget")}\`.`)), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "django-flask",
    langs: ["en", "zh", "en"],
    title: (c) => c.z(c.r.pick(["Django 项目上线前的 settings.py 检查清单", "Flask 部署到云服务器"]), c.r.pick(["A Django production settings checklist", "Deploying a Flask app behind gunicorn and nginx"])),
    tags: ["django", "python"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, c.z("Django 生产配置", "Django in production")))];
      blocks.push(
        p(c.z("`startproject` 生成的 settings.py 里有一个开发用的密钥：", "The settings.py that `startproject` generates starts with a development key:")),
        code("python", `# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = '${c.E("django-insecure-key", "django-insecure-" + c.v.djangoKey())}'\n\n# SECURITY WARNING: don't run with debug turned on in production!\nDEBUG = True`),
        p(c.z("上线用的 settings/prod.py：", "My settings/prod.py for the real server:")),
        code("python", `from .base import *\n\nDEBUG = False\nALLOWED_HOSTS = ["shop.${r.pick(["lihua.me", "acme.io", "example-store.com"])}"]\nSECRET_KEY = "${c.S("django-secret-key", c.v.djangoKey())}"\n\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "shop",\n        "USER": "shop",\n        "PASSWORD": "${c.S("django-db-password", c.v.password())}",\n        "HOST": "10.0.1.20",\n        "PORT": "5432",\n    }\n}\n\nEMAIL_HOST = "smtp.gmail.com"\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\nEMAIL_HOST_USER = "noreply.shop.${r.str(4, ALPHA.lower)}@gmail.com"\nEMAIL_HOST_PASSWORD = "${c.S("gmail-app-password", c.v.gmailAppPassword())}"`),
        p(c.z(`更好的写法是 \`SECRET_KEY = ${c.env("DJANGO_SECRET_KEY", "py")}\`，或者用 django-environ：\`SECRET_KEY = ${c.D("env-reference", "env('SECRET_KEY')")}\`。生成新密钥：`, `Better: \`SECRET_KEY = ${c.env("DJANGO_SECRET_KEY", "py")}\` or django-environ's \`${c.D("env-reference", "env('SECRET_KEY')")}\`. To make a new key:`)),
        code("shell", `python -c "from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())"`),
        p(c.z("fixtures 里导出的用户密码是哈希：", "User fixtures contain hashes, not passwords:")),
        code("json", `[{"model": "auth.user", "pk": 1, "fields": {"password": "${c.D("password-hash", `pbkdf2_sha256$720000$${r.str(22, ALPHA.alnum)}$${b64(r.bytes(32))}`)}", "username": "admin", "is_superuser": true}}]`),
      );
      if (r.chance(0.6)) blocks.push(h("Flask"), code("python", `app = Flask(__name__)\napp.config["SECRET_KEY"] = "${c.S("flask-secret-key", r.hex(48))}"\napp.config["SQLALCHEMY_DATABASE_URI"] = ${c.env("DATABASE_URL", "pyget")}`));
      blocks.push(p(c.z(`CSRF 表单里的 \`csrfmiddlewaretoken\` 值（比如 \`${c.D("csrf-token", r.str(64, ALPHA.alnum))}\`）每次请求都会变。`, `The \`csrfmiddlewaretoken\` in forms (e.g. \`${c.D("csrf-token", r.str(64, ALPHA.alnum))}\`) changes per request.`)), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "keys-misc",
    langs: ["en", "zh", "en"],
    title: (c) => c.z(c.r.pick(["Windows 下用 PuTTY 密钥登录服务器", "WireGuard 组网配置记录", "GPG 签名 Git 提交"]), c.r.pick(["PuTTY, OpenSSH and the key formats in between", "My WireGuard and age setup for a homelab", "Signing git commits with GPG, start to finish"])),
    tags: ["ssh", "gpg", "wireguard"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, c.z("各种密钥格式", "key formats")))];
      const parts = r.shuffle(["putty", "pgp", "wg", "age", "openssh"]).slice(0, 3);
      for (const part of parts) {
        if (part === "putty") {
          blocks.push(
            h("PuTTY"),
            p(c.z("PuTTYgen 保存出来的 .ppk 文件：", "The .ppk file PuTTYgen saved:")),
            code("text", c.S("putty-private-key", r.chance(0.5) ? puttyPpkV3(r, `ed25519-key-${r.int(20190101, 20241231)}`) : puttyPpkV2Rsa(r, `rsa-key-${r.int(20190101, 20241231)}`)), { title: "server.ppk" }),
            p(c.z("对应的公钥放到 authorized_keys：", "The matching public key goes into authorized_keys:")),
            code("text", c.sshPub(`${r.pick(["lihua", "maria", "deploy"])}@${r.pick(["laptop", "DESKTOP-7QK2M1", "build"])}`)),
          );
        } else if (part === "pgp") {
          const uid = `${r.pick(["Li Hua", "Maria Garcia", "Kenji Watanabe"])} <${r.pick(["lihua", "maria", "kenji"])}@${r.pick(["fastmail.com", "proton.me", "outlook.com"])}>`;
          blocks.push(
            h("GPG"),
            code("shell", `gpg --list-secret-keys --keyid-format=long`),
            out(`/home/me/.gnupg/pubring.kbx\n------------------------------\nsec   ed25519/${c.D("key-id", r.HEX(16))} 2024-02-11 [SC]\n      ${c.D("sha1-hex", r.HEX(40))}\nuid                 [ultimate] ${uid}\nssb   cv25519/${r.HEX(16)} 2024-02-11 [E]`),
            p(c.z("迁移到新电脑时我导出过私钥（这是旧的那把）：", "When moving laptops I exported the secret key (this is the old one):")),
            code("text", c.S("pgp-private-key", pgpPrivateBlock(r, uid))),
            p(c.z("公钥可以随便贴：", "The public key is fine to share:")),
            code("text", c.pgpPub(uid)),
          );
        } else if (part === "wg") {
          blocks.push(
            h("WireGuard"),
            code("ini", `[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = ${c.S("wireguard-private-key", wgKey(r))}\nDNS = 1.1.1.1\n\n[Peer]\nPublicKey = ${c.D("public-key-base64", wgKey(r))}\nPresharedKey = ${c.S("wireguard-preshared-key", wgKey(r))}\nEndpoint = vpn.${r.pick(["lihua.me", "homelab.cc", "acme.io"])}:51820\nAllowedIPs = 10.8.0.0/24\nPersistentKeepalive = 25`, { title: "/etc/wireguard/wg0.conf" }),
            p(c.z(`生成命令：\`wg genkey | tee privatekey | wg pubkey > publickey\`。模板里的 \`PrivateKey = ${c.D("placeholder", "<client-private-key>")}\` 要换掉。`, `Keys come from \`wg genkey | tee privatekey | wg pubkey\`. The template's \`PrivateKey = ${c.D("placeholder", "<client-private-key>")}\` must be replaced.`)),
          );
        } else if (part === "age") {
          blocks.push(h("age / sops"), code("text", `# created: 2024-03-02T11:20:41+01:00\n# public key: ${c.D("public-key-base64", agePublicKey(r))}\n${c.S("age-secret-key", ageSecretKey(r))}`, { title: "~/.config/sops/age/keys.txt" }), code("yaml", `creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: ${c.D("public-key-base64", agePublicKey(r))}`, { title: ".sops.yaml" }));
        } else {
          blocks.push(h("OpenSSH"), p(c.z("CI 部署用的 key（已轮换）：", "The deploy key CI used (since rotated):")), code("text", c.S("private-key-openssh", opensshPrivate(r, "deploy@ci"))), p(c.z(`指纹：\`${c.D("ssh-key-fingerprint", "SHA256:" + b64(r.bytes(32)).replace(/=+$/, ""))}\`。`, `Fingerprint: \`${c.D("ssh-key-fingerprint", "SHA256:" + b64(r.bytes(32)).replace(/=+$/, ""))}\`.`)));
        }
      }
      blocks.push(
        p(c.z(`如果私钥有密码保护，文件头是 \`-----BEGIN ENCRYPTED PRIVATE KEY-----\`：`, `A passphrase-protected key looks like this:`)),
        code("text", c.E("encrypted-private-key", pem("ENCRYPTED PRIVATE KEY", rsaPkcs8Der(r)))),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "crypto-web3",
    langs: ["en", "zh"],
    title: (c) => c.z("用 ethers.js 查询钱包余额与交易", "Reading balances with ethers.js (and a note on RPC keys)"),
    tags: ["web3", "ethereum"],
    build(c) {
      const { r } = c;
      return [
        p(PROSE.intro(c, "ethers.js")),
        code("js", `import { ethers } from "ethers";\n\nconst provider = new ethers.JsonRpcProvider("https://eth-mainnet.g.alchemy.com/v2/${c.S("alchemy-api-key", r.str(32, ALPHA.b64url))}");\nconst balance = await provider.getBalance("${c.eth()}");\nconsole.log(ethers.formatEther(balance));\n\nconst wallet = new ethers.Wallet("${c.S("ethereum-private-key", "0x" + r.hex(64))}", provider);`),
        p(c.z(`交易哈希 \`${c.D("tx-hash", "0x" + r.hex(64))}\`，合约地址 \`${c.eth()}\`。`, `Tx hash \`${c.D("tx-hash", "0x" + r.hex(64))}\`, contract \`${c.eth()}\`.`)),
        p(c.z(`BTC 地址 \`${c.btc()}\`，Solana 地址 \`${c.sol()}\`，都是公开的。`, `Donations: BTC \`${c.btc()}\`, SOL \`${c.sol()}\`.`)),
        code("shell", `npm ls ethers`),
        out(`my-dapp@0.1.0\n└── ethers@6.12.1`),
        code("json", `"node_modules/ethers": {\n  "version": "6.12.1",\n  "resolved": "https://registry.npmjs.org/ethers/-/ethers-6.12.1.tgz",\n  "integrity": "${c.integrity()}"\n}`),
        p(PROSE.outro(c)),
      ];
    },
  },
];
