// Posts about Chinese clouds and platforms, in the shapes their own SDK quickstarts use.
import { B, PROSE } from "./common.mjs";
import { pem, rsaPkcs1Der, rsaPkcs8Der, rsaPublicDer, oneLine } from "./formats.mjs";
import { ALPHA } from "./rng.mjs";

const { h, p, code, out, note, tabs, list, table } = B;

export const cnThemes = [
  {
    id: "volcengine",
    langs: ["zh", "zh", "en"],
    title: (c) => c.z(c.r.pick(["火山引擎 Python SDK 接入方舟大模型完整流程", "用火山引擎 SDK 管理 ECS 实例：AK/SK 配置踩坑记录"]), "Calling Volcengine Ark and IAM APIs from Python"),
    tags: ["火山引擎", "Python", "大模型"],
    build(c) {
      const { r } = c;
      const ak = c.v.volcAk();
      const sk = c.v.volcSk();
      const blocks = [p(PROSE.intro(c, c.z("火山引擎 SDK", "the Volcengine SDK"))), h(c.z("安装", "Install")), code("shell", 'pip install volcengine-python-sdk\npip install "volcengine-python-sdk[ark]"')];
      blocks.push(
        h(c.z("配置 AK/SK", "Credentials")),
        p(c.z("官方 README 里的写法是这样的，`Your AK` 和 `Your SK` 需要替换成自己的：", "The README shows placeholders you are meant to replace:")),
        code("python", `iam_service = IamService()\niam_service.set_ak('${c.D("placeholder", "Your AK")}')\niam_service.set_sk('${c.D("placeholder", "Your SK")}')`),
        p(c.z("我本地调试时直接写在了代码里：", "For local debugging I just put them in the code:")),
      );
      const v = r.int(0, 3);
      if (v === 0)
        blocks.push(code("python", `import volcenginesdkcore\nimport volcenginesdkecs\n\nconfiguration = volcenginesdkcore.Configuration()\nconfiguration.ak = "${c.S("volcengine-access-key-id", ak)}"\nconfiguration.sk = "${c.S("volcengine-secret-access-key", sk)}"\nconfiguration.region = "cn-beijing"\nvolcenginesdkcore.Configuration.set_default(configuration)\n\napi = volcenginesdkecs.ECSApi()\nresp = api.describe_instances(volcenginesdkecs.DescribeInstancesRequest(max_results=10))\nprint(resp)`));
      else if (v === 1)
        blocks.push(code("go", `package main\n\nimport (\n\t"fmt"\n\n\t"github.com/volcengine/volc-sdk-golang/service/iam"\n)\n\nfunc main() {\n\tiam.DefaultInstance.Client.SetAccessKey("${c.S("volcengine-access-key-id", ak)}")\n\tiam.DefaultInstance.Client.SetSecretKey("${c.S("volcengine-secret-access-key", sk)}")\n\n\tlist, status, err := iam.DefaultInstance.ListUsers(nil)\n\tfmt.Println(status, err)\n\tfmt.Println(list)\n}`));
      else if (v === 2) blocks.push(code("shell", `export VOLC_ACCESSKEY="${c.S("volcengine-access-key-id", ak)}"\nexport VOLC_SECRETKEY="${c.S("volcengine-secret-access-key", sk)}"\npython list_users.py`));
      else blocks.push(p(c.z("也可以写到 `~/.volc/config`：", "Or in `~/.volc/config`:")), code("json", `{\n  "ak": "${c.S("volcengine-access-key-id", ak)}",\n  "sk": "${c.S("volcengine-secret-access-key", sk)}"\n}`));
      blocks.push(
        note("warning", c.z("注意", "Careful"), [p(c.z(`控制台的访问密钥列表只显示 \`${c.masked(ak, "stars")}\` 这种打码后的 ID，SK 只在创建时显示一次。`, `The console only lists masked ids such as \`${c.masked(ak, "stars")}\`; the secret is shown once, at creation.`))]),
      );
      if (r.chance(0.7)) {
        const ep = c.v.arkEndpoint();
        blocks.push(
          h(c.z("调用方舟（豆包）模型", "Calling an Ark model")),
          p(c.z("方舟用的是单独的 API Key，在「API Key 管理」里创建。", "Ark uses its own API key, created under API Key Management.")),
          code(
            "python",
            `from volcenginesdkarkruntime import Ark\n\nclient = Ark(\n    base_url="https://ark.cn-beijing.volces.com/api/v3",\n    api_key="${c.S("volcengine-ark-api-key", c.v.arkKey())}",\n)\n\ncompletion = client.chat.completions.create(\n    model="${c.D("app-id", ep)}",\n    messages=[{"role": "user", "content": "${c.z("你好", "hello")}"}],\n)\nprint(completion.choices[0].message.content)`,
          ),
          out(`ChatCompletion(id='${c.requestId()}', choices=[Choice(finish_reason='stop', index=0, message=ChatCompletionMessage(content='${c.z("你好！有什么可以帮你的吗？", "Hello! How can I help?")}', role='assistant'))], created=${r.int(1700000000, 1730000000)}, model='doubao-pro-32k-240615', object='chat.completion', usage=CompletionUsage(completion_tokens=9, prompt_tokens=12, total_tokens=21))`),
          p(c.z(`线上环境用环境变量：\`ARK_API_KEY=${c.ph("ARK_API_KEY", "angle")}\`，代码里读 ${"`"}${c.env("ARK_API_KEY", "pyget")}${"`"}。`, `In production read it from the environment: \`${c.env("ARK_API_KEY", "pyget")}\`.`)),
        );
      }
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "qiniu",
    langs: ["zh", "zh"],
    title: (c) => c.r.pick(["Spring Boot 集成七牛云对象存储实现图片上传", "Python 脚本批量上传图片到七牛云", "Node.js 获取七牛云上传凭证"]),
    tags: ["七牛云", "对象存储"],
    build(c) {
      const { r } = c;
      const ak = c.v.qiniuKey();
      const sk = c.v.qiniuKey();
      const domain = `http://${r.str(9, ALPHA.lowernum)}.hn-bkt.clouddn.com`;
      const blocks = [p(PROSE.intro(c, "七牛云 Kodo")), h("准备工作"), list(["注册七牛云账号并实名认证", "新建存储空间（bucket），记下测试域名", "在「个人中心 → 密钥管理」拿到 AK 和 SK"], true)];
      blocks.push(p(`官方 demo 里的写法：\`access_key = '${c.D("placeholder", "Access_Key")}'\`、\`secret_key = '${c.D("placeholder", "Secret_Key")}'\`，换成自己的就行。`));
      const v = r.int(0, 2);
      if (v === 0) {
        blocks.push(
          h("application.yml"),
          code("yaml", `qiniu:\n  access-key: ${c.S("qiniu-access-key", ak)}\n  secret-key: ${c.S("qiniu-secret-key", sk)}\n  bucket: blog-images\n  domain: ${domain}`),
          p(PROSE.before(c)),
          code("java", `@Value("${c.tpl("qiniu.access-key", "spring")}")\nprivate String accessKey;\n@Value("${c.tpl("qiniu.secret-key", "spring")}")\nprivate String secretKey;\n\npublic String upload(MultipartFile file) throws IOException {\n    Configuration cfg = new Configuration(Region.region2());\n    UploadManager uploadManager = new UploadManager(cfg);\n    Auth auth = Auth.create(accessKey, secretKey);\n    String upToken = auth.uploadToken(bucket);\n    Response response = uploadManager.put(file.getBytes(), null, upToken);\n    DefaultPutRet putRet = new Gson().fromJson(response.bodyString(), DefaultPutRet.class);\n    return domain + "/" + putRet.key;\n}`),
        );
      } else if (v === 1) {
        blocks.push(
          h("上传脚本"),
          code("python", `from qiniu import Auth, put_file, etag\n\naccess_key = '${c.S("qiniu-access-key", ak)}'\nsecret_key = '${c.S("qiniu-secret-key", sk)}'\nq = Auth(access_key, secret_key)\n\nbucket_name = 'blog-images'\nkey = 'avatar/1.png'\ntoken = q.upload_token(bucket_name, key, 3600)\nret, info = put_file(token, key, './1.png', version='v2')\nprint(info)\nassert ret['key'] == key\nassert ret['hash'] == etag('./1.png')`),
          out(`_ResponseInfo__response:<Response [200]>, exception:None, status_code:200, text_body:{"hash":"${c.D("file-hash", "Fh" + r.str(26, ALPHA.b64url))}","key":"avatar/1.png"}, req_id:${c.requestId()}, x_log:X-Log`),
        );
      } else {
        blocks.push(
          h("生成上传凭证"),
          code("js", `const qiniu = require('qiniu');\n\nconst accessKey = '${c.S("qiniu-access-key", ak)}';\nconst secretKey = '${c.S("qiniu-secret-key", sk)}';\nconst mac = new qiniu.auth.digest.Mac(accessKey, secretKey);\n\nconst putPolicy = new qiniu.rs.PutPolicy({ scope: 'blog-images', expires: 7200 });\nconst uploadToken = putPolicy.uploadToken(mac);\nconsole.log(uploadToken);`),
          p("打印出来的上传凭证大概长这样（两小时后过期）："),
          out(c.E("qiniu-upload-token", c.v.qiniuUploadToken(ak))),
        );
      }
      if (r.chance(0.6)) blocks.push(h("用 qshell 同步目录"), code("shell", `qshell account ${c.S("qiniu-access-key", ak)} ${c.S("qiniu-secret-key", sk)} blog\nqshell qupload2 --src-dir=./public --bucket=blog-images --rescan-local=true`));
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "wecom",
    langs: ["zh", "zh"],
    title: (c) => c.r.pick(["Jenkins 构建结果推送到企业微信群机器人", "Alertmanager 告警接入企业微信", "Python 脚本定时推送企业微信消息"]),
    tags: ["企业微信", "告警", "运维"],
    build(c) {
      const { r } = c;
      const key = c.v.wecomWebhookKey();
      const corp = c.v.wecomCorpId();
      const blocks = [p(PROSE.intro(c, "企业微信群机器人")), p(`在群聊里「添加群机器人」，会得到一个 Webhook 地址。文档里的示例是 \`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${c.D("vendor-example-key", "693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa")}\`。`)];
      const v = r.int(0, 2);
      if (v === 0)
        blocks.push(code("shell", `curl 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${c.S("wecom-webhook", key)}' \\\n   -H 'Content-Type: application/json' \\\n   -d '\n   {\n        "msgtype": "text",\n        "text": {\n            "content": "构建成功：\${JOB_NAME} #\${BUILD_NUMBER}"\n        }\n   }'`));
      else if (v === 1)
        blocks.push(code("python", `import requests\n\nWEBHOOK = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${c.S("wecom-webhook", key)}"\n\ndef notify(text):\n    data = {"msgtype": "markdown", "markdown": {"content": text}}\n    r = requests.post(WEBHOOK, json=data, timeout=5)\n    print(r.json())\n\nnotify("**磁盘告警**\\n> 主机：web-01\\n> 使用率：<font color=\\"warning\\">92%</font>")`), out(`{'errcode': 0, 'errmsg': 'ok'}`));
      else
        blocks.push(
          p("Jenkinsfile 里的 post 段："),
          code("groovy", `post {\n    success {\n        sh """\n        curl -s -H 'Content-Type: application/json' \\\\\n          -d '{"msgtype":"text","text":{"content":"\${env.JOB_NAME} 构建成功"}}' \\\\\n          'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${c.S("wecom-webhook", key)}'\n        """\n    }\n}`),
        );
      if (r.chance(0.7)) {
        const secret = c.v.wecomCorpSecret();
        blocks.push(
          h("应用消息（Alertmanager）"),
          p("群机器人不支持 @ 指定成员的话，可以改用自建应用。Alertmanager 原生支持企业微信："),
          code("yaml", `global:\n  resolve_timeout: 5m\n  wechat_api_url: 'https://qyapi.weixin.qq.com/cgi-bin/'\n  wechat_api_corp_id: '${c.D("app-id", corp)}'\n\nroute:\n  receiver: 'wechat'\n  group_wait: 30s\n\nreceivers:\n- name: 'wechat'\n  wechat_configs:\n  - send_resolved: true\n    agent_id: '1000002'\n    to_party: '2'\n    api_secret: '${c.S("wecom-corp-secret", secret)}'`),
          p("可以先手动换一下 token 验证 secret 对不对："),
          code("shell", `curl "https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=${corp}&corpsecret=${c.S("wecom-corp-secret", secret)}"`),
          out(`{"errcode":0,"errmsg":"ok","access_token":"${c.E("wecom-access-token", r.str(r.int(150, 200), ALPHA.b64url))}","expires_in":7200}`),
        );
      }
      blocks.push(p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "feishu-app",
    langs: ["zh", "zh", "en"],
    title: (c) => c.z(c.r.pick(["飞书自建应用获取 tenant_access_token 并发送消息", "用 lark-oapi 给飞书群发卡片消息"]), "Sending Lark (Feishu) messages from a custom app"),
    tags: ["飞书", "机器人"],
    build(c) {
      const { r } = c;
      const appId = c.v.feishuAppId();
      const secret = c.v.feishuAppSecret();
      const blocks = [p(PROSE.intro(c, c.z("飞书开放平台自建应用", "a Lark custom app"))), h(c.z("获取凭证", "Credentials")), p(c.z("在开发者后台「凭证与基础信息」里可以看到 App ID 和 App Secret。", "App ID and App Secret are under Credentials & Basic Info."))];
      const v = r.int(0, 2);
      if (v === 0)
        blocks.push(code("shell", `curl -X POST 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal' \\\n  -H 'Content-Type: application/json; charset=utf-8' \\\n  -d '{"app_id": "${c.D("app-id", appId)}", "app_secret": "${c.S("feishu-app-secret", secret)}"}'`), out(`{"code":0,"expire":7200,"msg":"ok","tenant_access_token":"${c.E("feishu-tenant-access-token", "t-g" + r.str(36, ALPHA.uppernum))}"}`));
      else if (v === 1)
        blocks.push(code("python", `import lark_oapi as lark\nfrom lark_oapi.api.im.v1 import *\n\nclient = lark.Client.builder() \\\n    .app_id("${c.D("app-id", appId)}") \\\n    .app_secret("${c.S("feishu-app-secret", secret)}") \\\n    .log_level(lark.LogLevel.DEBUG) \\\n    .build()\n\nrequest = CreateMessageRequest.builder() \\\n    .receive_id_type("chat_id") \\\n    .request_body(CreateMessageRequestBody.builder()\n        .receive_id("${c.D("app-id", c.v.feishuChatId())}")\n        .msg_type("text")\n        .content("{\\"text\\":\\"hello\\"}")\n        .build()) \\\n    .build()\nresponse = client.im.v1.message.create(request)`));
      else blocks.push(code("yaml", `feishu:\n  app-id: ${c.D("app-id", appId)}\n  app-secret: ${c.S("feishu-app-secret", secret)}\n  encrypt-key: ''\n  verification-token: ''`));
      blocks.push(
        p(c.z(`发送成功后返回的 message_id 形如 \`${c.D("request-id", "om_" + r.hex(32))}\`，用户的 open_id 形如 \`${c.D("app-id", c.v.feishuOpenId())}\`。`, `The response carries ids like \`${c.D("request-id", "om_" + r.hex(32))}\`.`)),
        note("tip", c.z("提示", "Tip"), [p(c.z(`正式环境不要把 App Secret 写死，用 \`${c.env("FEISHU_APP_SECRET", "pyget")}\` 读取。`, `Read the secret with \`${c.env("LARK_APP_SECRET", "pyget")}\` in production.`))]),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "alipay",
    langs: ["zh", "zh"],
    title: (c) => c.r.pick(["Spring Boot 接入支付宝电脑网站支付（沙箱 + 正式环境）", "Python 对接支付宝当面付", "支付宝开放平台 RSA2 密钥配置记录"]),
    tags: ["支付宝", "支付"],
    build(c) {
      const { r } = c;
      const appId = c.v.alipayAppId();
      const priv = oneLine(rsaPkcs8Der(r));
      const pub = oneLine(rsaPublicDer(r));
      const blocks = [p(PROSE.intro(c, "支付宝支付")), p("先用支付宝开放平台密钥工具生成 RSA2 密钥对，把应用公钥上传到开放平台，换回支付宝公钥。")];
      const v = r.int(0, 2);
      if (v === 0)
        blocks.push(
          code("java", `public class AlipayConfig {\n    public static String APP_ID = "${c.D("app-id", appId)}";\n    // 应用私钥\n    public static String APP_PRIVATE_KEY = "${c.S("alipay-private-key", priv)}";\n    // 支付宝公钥\n    public static String ALIPAY_PUBLIC_KEY = "${c.D("pem-public-key", pub)}";\n    public static String SERVER_URL = "https://openapi.alipay.com/gateway.do";\n    public static String CHARSET = "UTF-8";\n    public static String SIGN_TYPE = "RSA2";\n}`),
          code("java", `AlipayClient alipayClient = new DefaultAlipayClient(AlipayConfig.SERVER_URL, AlipayConfig.APP_ID,\n        AlipayConfig.APP_PRIVATE_KEY, "json", AlipayConfig.CHARSET, AlipayConfig.ALIPAY_PUBLIC_KEY, AlipayConfig.SIGN_TYPE);`),
        );
      else if (v === 1)
        blocks.push(
          code("yaml", `alipay:\n  app-id: ${c.D("app-id", appId)}\n  gateway: https://openapi.alipay.com/gateway.do\n  private-key: ${c.S("alipay-private-key", priv)}\n  alipay-public-key: ${c.D("pem-public-key", pub)}\n  notify-url: https://api.example.cn/pay/notify`),
        );
      else
        blocks.push(
          code("python", `from alipay import AliPay\n\napp_private_key_string = """${c.S("alipay-private-key", pem("RSA PRIVATE KEY", rsaPkcs1Der(r)))}"""\n\nalipay_public_key_string = """${c.D("pem-public-key", pem("PUBLIC KEY", rsaPublicDer(r)))}"""\n\nalipay = AliPay(\n    appid="${c.D("app-id", appId)}",\n    app_notify_url=None,\n    app_private_key_string=app_private_key_string,\n    alipay_public_key_string=alipay_public_key_string,\n    sign_type="RSA2",\n    debug=False,\n)`),
        );
      blocks.push(
        h("异步通知验签"),
        p("支付宝回调带的参数里 `sign` 是签名，用支付宝公钥验签："),
        out(`gmt_create=2024-05-12+10%3A21%3A09&charset=UTF-8&seller_email=pay%40example.cn&notify_id=${c.D("request-id", r.hex(34))}&trade_no=2024${r.digits(24)}&sign=${c.D("signature", encodeURIComponent(r.str(344, ALPHA.b64).slice(0, 342) + "=="))}&sign_type=RSA2&trade_status=TRADE_SUCCESS`),
        note("warning", "注意", [p(`沙箱环境的网关是 \`https://openapi-sandbox.dl.alipaydev.com/gateway.do\`，私钥处如果还是 \`${c.ph("PRIVATE_KEY", "zhFill")}\` 会直接报 isv.invalid-signature。`)]),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "alibaba-sts",
    langs: ["zh", "en"],
    title: (c) => c.z(c.r.pick(["前端直传 OSS：后端用 STS 下发临时凭证", "阿里云 STS AssumeRole 获取临时访问凭证"]), "Browser uploads to Alibaba Cloud OSS with STS tokens"),
    tags: ["阿里云", "OSS", "STS"],
    build(c) {
      const { r } = c;
      const id = c.v.stsAkId();
      const secret = c.v.stsSecret();
      const token = c.v.stsToken();
      const acct = r.digits(16);
      const blocks = [
        p(PROSE.intro(c, c.z("OSS 前端直传", "direct browser uploads to OSS"))),
        p(c.z(`RAM 角色的 ARN 是 \`${c.D("app-id", `acs:ram::${acct}:role/oss-upload`)}\`，后端用子账号的 AK 调用 AssumeRole。`, `The role ARN is \`${c.D("app-id", `acs:ram::${acct}:role/oss-upload`)}\`; the backend calls AssumeRole with a RAM user's key.`)),
        code("shell", `aliyun sts AssumeRole --RoleArn 'acs:ram::${acct}:role/oss-upload' --RoleSessionName 'web-upload' --DurationSeconds 3600`),
        p(c.z("返回结果：", "Output:")),
        code("json", `{\n  "RequestId": "${c.requestId()}",\n  "AssumedRoleUser": {\n    "AssumedRoleId": "${r.digits(18)}:web-upload",\n    "Arn": "acs:ram::${acct}:role/oss-upload/web-upload"\n  },\n  "Credentials": {\n    "SecurityToken": "${c.S("alibaba-sts-token", token)}",\n    "AccessKeyId": "${c.S("alibaba-sts-access-key-id", id)}",\n    "AccessKeySecret": "${c.S("alibaba-sts-secret", secret)}",\n    "Expiration": "2024-06-0${r.int(1, 9)}T0${r.int(1, 9)}:${r.int(10, 59)}:${r.int(10, 59)}Z"\n  }\n}`),
        h(c.z("前端使用", "Using it in the browser")),
        code("js", `const client = new OSS({\n  region: 'oss-cn-hangzhou',\n  accessKeyId: data.AccessKeyId,\n  accessKeySecret: data.AccessKeySecret,\n  stsToken: data.SecurityToken,\n  bucket: 'web-upload',\n  refreshSTSToken: async () => (await fetch('/api/sts')).json(),\n});`),
      ];
      if (r.chance(0.6))
        blocks.push(
          p(c.z("Python 里测试 STS 凭证：", "Testing the credentials in Python:")),
          code("python", `import oss2\n\nauth = oss2.StsAuth('${c.S("alibaba-sts-access-key-id", id)}',\n                    '${c.S("alibaba-sts-secret", secret)}',\n                    '${c.S("alibaba-sts-token", token)}')\nbucket = oss2.Bucket(auth, 'https://oss-cn-hangzhou.aliyuncs.com', 'web-upload')\nprint(bucket.get_bucket_info().name)`),
        );
      blocks.push(
        p(c.z(`官方 Node SDK 文档里是 \`accessKeyId: '${c.D("placeholder", "accessKeyId")}'\`、\`accessKeySecret: '${c.D("placeholder", "accessKeySecret")}'\` 这样的占位写法。`, `The SDK docs write \`accessKeyId: '${c.D("placeholder", "accessKeyId")}'\` as a placeholder.`)),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "tencent-temp",
    langs: ["zh", "zh"],
    title: (c) => c.r.pick(["小程序直传 COS：用 STS 临时密钥签名", "腾讯云 COS 临时密钥（GetFederationToken）使用笔记"]),
    tags: ["腾讯云", "COS"],
    build(c) {
      const { r } = c;
      const tid = c.v.tcTmpId();
      const tkey = c.v.tcTmpKey();
      const tok = c.v.tcToken();
      const blocks = [
        p(PROSE.intro(c, "COS 临时密钥")),
        p(`服务端用永久密钥调用 STS。SecretId 在代码里读环境变量 \`${c.env("TENCENTCLOUD_SECRET_ID", "pyget")}\`：`),
        code("python", `from sts.sts import Sts\n\nconfig = {\n    'url': 'https://sts.tencentcloudapi.com/',\n    'domain': 'sts.tencentcloudapi.com',\n    'duration_seconds': 1800,\n    'secret_id': os.environ['COS_SECRET_ID'],\n    'secret_key': os.environ['COS_SECRET_KEY'],\n    'bucket': 'example-1250000000',\n    'region': 'ap-guangzhou',\n    'allow_prefix': ['upload/*'],\n    'allow_actions': ['name/cos:PutObject', 'name/cos:PostObject'],\n}\nresponse = Sts(config).get_credential()\nprint(json.dumps(dict(response), indent=4))`),
        p("返回："),
        code("json", `{\n    "expiredTime": ${r.int(1700000000, 1730000000)},\n    "expiration": "2024-03-1${r.int(1, 9)}T08:${r.int(10, 59)}:${r.int(10, 59)}Z",\n    "credentials": {\n        "sessionToken": "${c.S("tencent-session-token", tok)}",\n        "tmpSecretId": "${c.S("tencent-tmp-secret-id", tid)}",\n        "tmpSecretKey": "${c.S("tencent-tmp-secret-key", tkey)}"\n    },\n    "requestId": "${c.requestId()}",\n    "startTime": ${r.int(1700000000, 1730000000)}\n}`),
        h("小程序端"),
        code("js", `const cos = new COS({\n  getAuthorization(options, callback) {\n    wx.request({\n      url: 'https://api.example.cn/sts',\n      success(result) {\n        const data = result.data;\n        const credentials = data && data.credentials;\n        callback({\n          TmpSecretId: credentials.tmpSecretId,\n          TmpSecretKey: credentials.tmpSecretKey,\n          SecurityToken: credentials.sessionToken,\n          StartTime: data.startTime,\n          ExpiredTime: data.expiredTime,\n        });\n      },\n    });\n  },\n});`),
      ];
      if (r.chance(0.6)) {
        const sid = c.v.tcSecretId();
        const skey = c.v.tcSecretKey();
        blocks.push(p("本地调试时我图省事直接写死了永久密钥（后来已经删掉了）："), code("python", `cred = credential.Credential("${c.S("tencent-secret-id", sid)}", "${c.S("tencent-secret-key", skey)}")\nclient = sts_client.StsClient(cred, "ap-guangzhou")`));
      }
      blocks.push(p(`控制台 API 密钥页面只会显示 \`${c.D("masked-secret", "AKID" + "*".repeat(12) + r.str(4, ALPHA.alnum))}\` 这种打码形式。`), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "cn-ai",
    langs: ["zh", "zh", "en"],
    title: (c) => c.z(c.r.pick(["DeepSeek、Kimi、智谱 GLM 三家 API 统一用 OpenAI SDK 调用", "国产大模型 API 接入对比：DeepSeek / 千帆 / 智谱"]), "One OpenAI client for DeepSeek, Moonshot and Zhipu"),
    tags: ["大模型", "DeepSeek", "OpenAI"],
    build(c) {
      const { r } = c;
      const blocks = [p(PROSE.intro(c, c.z("几家国产大模型 API", "Chinese LLM APIs"))), p(c.z("这几家都兼容 OpenAI 的接口格式，换 `base_url` 和 key 就行。", "All of them speak the OpenAI wire format; only `base_url` and the key change."))];
      blocks.push(
        h("DeepSeek"),
        code("python", `from openai import OpenAI\n\nclient = OpenAI(api_key="${c.S("deepseek-api-key", c.v.deepseek())}", base_url="https://api.deepseek.com")\n\nresponse = client.chat.completions.create(\n    model="deepseek-chat",\n    messages=[\n        {"role": "system", "content": "You are a helpful assistant"},\n        {"role": "user", "content": "Hello"},\n    ],\n    stream=False\n)\nprint(response.choices[0].message.content)`),
      );
      blocks.push(h(c.z("Kimi（Moonshot）", "Moonshot (Kimi)")));
      if (r.chance(0.5)) blocks.push(code("shell", `curl https://api.moonshot.cn/v1/chat/completions \\\n    -H "Content-Type: application/json" \\\n    -H "Authorization: Bearer ${c.S("moonshot-api-key", c.v.moonshot())}" \\\n    -d '{"model": "moonshot-v1-8k", "messages": [{"role": "user", "content": "你好"}], "temperature": 0.3}'`));
      else blocks.push(code("dotenv", `MOONSHOT_API_KEY=${c.S("moonshot-api-key", c.v.moonshot())}\nMOONSHOT_BASE_URL=https://api.moonshot.cn/v1`));
      blocks.push(h(c.z("智谱 GLM", "Zhipu GLM")), code("python", `from zhipuai import ZhipuAI\n\nclient = ZhipuAI(api_key="${c.S("zhipu-api-key", c.v.zhipu())}")\nresponse = client.chat.completions.create(\n    model="glm-4-flash",\n    messages=[{"role": "user", "content": "作为一名营销专家，请为我的产品创作一个吸引人的口号"}],\n)\nprint(response.choices[0].message)`));
      if (r.chance(0.6)) blocks.push(h(c.z("百度千帆", "Baidu Qianfan")), p(c.z("千帆 v2 接口用的是 bce-v3 开头的 API Key：", "Qianfan v2 uses bce-v3 API keys:")), code("shell", `curl -X POST 'https://qianfan.baidubce.com/v2/chat/completions' \\\n  -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer ${c.S("qianfan-api-key", c.v.qianfanKey())}' \\\n  -d '{"model": "ernie-4.0-8k", "messages": [{"role": "user", "content": "你好"}]}'`));
      blocks.push(
        h(c.z("对比", "Comparison")),
        table(
          [c.z("厂商", "Vendor"), "base_url", c.z("Key 示例", "Key format")],
          [
            ["DeepSeek", "`https://api.deepseek.com`", `\`${c.phPrefix("sk-", 32, "x")}\``],
            ["Moonshot", "`https://api.moonshot.cn/v1`", `\`${c.phPrefix("sk-", 0, "dots")}\``],
            [c.z("智谱", "Zhipu"), "`https://open.bigmodel.cn/api/paas/v4`", `\`${c.D("placeholder", "<id>.<secret>")}\``],
          ],
        ),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "mysql-cli-cn",
    langs: ["zh", "zh"],
    title: (c) => c.r.pick(["MySQL 主从复制搭建全过程（附常用命令）", "Linux 服务器日常运维命令备忘：MySQL / Redis / SSH", "用 shell 脚本每天定时备份 MySQL 到 OSS"]),
    tags: ["MySQL", "运维", "Linux"],
    build(c) {
      const { r } = c;
      const host = `rm-${r.str(20, ALPHA.lowernum)}.mysql.rds.aliyuncs.com`;
      const pwd = c.v.password();
      const blocks = [p(PROSE.intro(c, "MySQL 运维")), h("连接数据库")];
      blocks.push(p(`本地连接用交互式输入密码：\`mysql -uroot -p\`，回车后再输。脚本里就没法交互了：`));
      blocks.push(code("shell", `#!/bin/bash\n# 每天凌晨 3 点执行：0 3 * * * /opt/scripts/backup.sh\nDATE=$(date +%Y%m%d)\nmysqldump -h ${host} -uapp_rw -p'${c.S("mysql-cli-password", pwd)}' --single-transaction --databases shop > /data/backup/shop_$DATE.sql\nossutil64 cp /data/backup/shop_$DATE.sql oss://db-backup/shop/ -f`));
      const rpw = c.v.password();
      blocks.push(h("Redis"), code("shell", `redis-cli -h r-${r.str(16, ALPHA.lowernum)}.redis.rds.aliyuncs.com -p 6379 -a '${c.S("redis-cli-password", rpw)}' info replication`));
      if (r.chance(0.6)) blocks.push(h("批量执行"), code("shell", `for ip in 10.0.1.11 10.0.1.12 10.0.1.13; do\n  sshpass -p '${c.S("sshpass-password", c.v.password())}' ssh -o StrictHostKeyChecking=no root@$ip "df -h /"\ndone`));
      blocks.push(
        h("主从配置"),
        code("sql", `CREATE USER 'repl'@'%' IDENTIFIED BY '${c.D("masked-secret", "******")}';\nGRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';\nCHANGE MASTER TO MASTER_HOST='10.0.1.11', MASTER_USER='repl', MASTER_PASSWORD='${c.ph("PASSWORD", "zhFill")}', MASTER_LOG_FILE='mysql-bin.000003', MASTER_LOG_POS=154;`),
        p(`本地测试库随便设的 \`mysql -uroot -p${c.E("local-db-password", "123456")} -h 127.0.0.1\` 就不讲究了。`),
        code("sql", `SELECT user, host, authentication_string FROM mysql.user;`),
        out(`+---------------+-----------+------------------------------------------------------------------------+\n| user          | host      | authentication_string                                                  |\n+---------------+-----------+------------------------------------------------------------------------+\n| root          | localhost | *${c.D("sha1-hex", r.HEX(40))} |\n| repl          | %         | *${c.D("sha1-hex", r.HEX(40))} |\n+---------------+-----------+------------------------------------------------------------------------+`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "spring-properties-cn",
    langs: ["zh", "zh", "en"],
    title: (c) => c.z(c.r.pick(["Spring Boot 项目配置文件整理：数据源、Redis、邮件、Nacos", "Spring Boot 发送邮件（QQ 邮箱 SMTP）", "若依框架部署到服务器的配置修改清单"]), "Spring Boot application.properties for MySQL, Redis and mail"),
    tags: ["Spring Boot", "Java"],
    build(c) {
      const { r } = c;
      const dbPwd = c.v.password();
      const rds = `rm-${r.str(20, ALPHA.lowernum)}.mysql.rds.aliyuncs.com`;
      const blocks = [p(PROSE.intro(c, c.z("Spring Boot 配置", "Spring Boot configuration"))), h("application.properties")];
      const qq = r.chance(0.6);
      blocks.push(
        code(
          "properties",
          `server.port=8080\nspring.datasource.driver-class-name=com.mysql.cj.jdbc.Driver\nspring.datasource.url=jdbc:mysql://${rds}:3306/shop?useUnicode=true&characterEncoding=utf8&serverTimezone=Asia/Shanghai\nspring.datasource.username=shop_rw\nspring.datasource.password=${c.S("spring-datasource-password", dbPwd)}\n\nspring.redis.host=r-${r.str(16, ALPHA.lowernum)}.redis.rds.aliyuncs.com\nspring.redis.port=6379\nspring.redis.password=${c.S("redis-password", c.v.password())}\n\nspring.mail.host=${qq ? "smtp.qq.com" : "smtp.gmail.com"}\nspring.mail.port=465\nspring.mail.username=${qq ? r.digits(10) + "@qq.com" : "ops.alerts." + r.str(4, ALPHA.lower) + "@gmail.com"}\nspring.mail.password=${qq ? c.S("qq-mail-auth-code", c.v.qqMailCode()) : c.S("gmail-app-password", c.v.gmailAppPassword())}\nspring.mail.properties.mail.smtp.ssl.enable=true`,
        ),
        p(c.z(qq ? "注意 QQ 邮箱这里填的不是登录密码，而是在设置里开启 SMTP 服务后生成的 16 位授权码。" : "Gmail needs an app password here, not your account password.", qq ? "Note: for QQ Mail the password is the 16-letter SMTP authorization code." : "Gmail needs an app password here, not your account password.")),
      );
      if (r.chance(0.7))
        blocks.push(
          h("Nacos"),
          code("yaml", `spring:\n  cloud:\n    nacos:\n      config:\n        server-addr: 10.0.2.15:8848\n        username: nacos\n        password: ${c.S("nacos-password", c.v.password())}\n        namespace: ${c.D("uuid", r.uuid())}\n        file-extension: yaml`),
          p(c.z(`服务端 \`application.properties\` 里默认的 \`nacos.core.auth.plugin.nacos.token.secret.key=${c.D("vendor-example-key", "SecretKey012345678901234567890123456789012345678901234567890123456789")}\` 一定要改掉。`, `Change the shipped default token secret \`${c.D("vendor-example-key", "SecretKey012345678901234567890123456789012345678901234567890123456789")}\`.`)),
        );
      blocks.push(
        h(c.z("敏感配置加密", "Encrypting values")),
        p(c.z("生产环境用 jasypt 加密，配置里写成 ENC(...)：", "In production we encrypt values with jasypt:")),
        code("yaml", `spring:\n  datasource:\n    password: ENC(${c.D("encrypted-value", r.str(64, ALPHA.b64))})\njasypt:\n  encryptor:\n    password: ${c.tpl("JASYPT_PASSWORD", "spring")}\njwt:\n  secret: ${c.tpl("JWT_SECRET", "spring", "")}\n  expire: 86400`),
        p(PROSE.outro(c)),
      );
      if (r.chance(0.5)) blocks.splice(blocks.length - 1, 0, p(c.z("本地开发用的 profile：", "Local profile:")), code("yaml", `spring:\n  datasource:\n    url: jdbc:mysql://localhost:3306/shop\n    username: root\n    password: ${c.E("local-db-password", "root")}`));
      return blocks;
    },
  },
  {
    id: "wechat-pay",
    langs: ["zh"],
    title: (c) => c.r.pick(["微信支付 APIv3 Java SDK 接入（Native 支付）", "微信支付回调解密踩坑"]),
    tags: ["微信支付", "Java"],
    build(c) {
      const { r } = c;
      const mch = c.v.wxMchId();
      const blocks = [p(PROSE.intro(c, "微信支付 APIv3")), p("需要准备四样东西：商户号、商户 API 证书序列号、商户私钥（apiclient_key.pem）、APIv3 密钥。")];
      blocks.push(
        code("java", `Config config =\n    new RSAAutoCertificateConfig.Builder()\n        .merchantId("${c.D("app-id", mch)}")\n        .privateKeyFromPath("/etc/wxpay/apiclient_key.pem")\n        .merchantSerialNumber("${c.D("certificate-serial", r.HEX(40))}")\n        .apiV3Key("${c.S("wechatpay-apiv3-key", c.v.wxPayApiV3())}")\n        .build();\nNativePayService service = new NativePayService.Builder().config(config).build();`),
        p("apiclient_key.pem 的内容（已在商户平台作废，仅作格式说明）："),
        code("text", c.S("private-key-rsa", pem("PRIVATE KEY", rsaPkcs8Der(r)))),
        p(`官方示例里是 \`.apiV3Key("${c.ph("API_V3_KEY", "zhFill")}")\`，别照抄。回调报文的 resource.ciphertext 是 AES-GCM 密文，nonce 类似 \`${c.D("request-id", r.str(12, ALPHA.alnum))}\`。`),
        p(PROSE.outro(c)),
      );
      return blocks;
    },
  },
  {
    id: "dingtalk-app",
    langs: ["zh"],
    title: (c) => c.r.pick(["钉钉企业内部应用获取 access_token 并发送工作通知", "钉钉 Stream 模式机器人接入"]),
    tags: ["钉钉"],
    build(c) {
      const { r } = c;
      const key = c.v.dingAppKey();
      const secret = c.v.dingAppSecret();
      const blocks = [p(PROSE.intro(c, "钉钉企业内部应用")), p("在开发者后台创建应用后，「凭证与基础信息」里有 Client ID（原 AppKey）和 Client Secret（原 AppSecret）。")];
      if (r.chance(0.5)) blocks.push(code("shell", `curl 'https://oapi.dingtalk.com/gettoken?appkey=${c.D("app-id", key)}&appsecret=${c.S("dingtalk-app-secret", secret)}'`), out(`{"errcode":0,"access_token":"${c.E("dingtalk-access-token", r.hex(32))}","errmsg":"ok","expires_in":7200}`));
      else blocks.push(code("python", `from dingtalk_stream import AckMessage\nimport dingtalk_stream\n\ncredential = dingtalk_stream.Credential("${c.D("app-id", key)}", "${c.S("dingtalk-app-secret", secret)}")\nclient = dingtalk_stream.DingTalkStreamClient(credential)\nclient.register_callback_handler(dingtalk_stream.chatbot.ChatbotMessage.TOPIC, EchoHandler())\nclient.start_forever()`));
      blocks.push(p(`robotCode 一般就等于 Client ID，机器人消息里的 conversationId 形如 \`${c.D("app-id", "cid" + r.str(22, ALPHA.b64))}\`。`), p(PROSE.outro(c)));
      return blocks;
    },
  },
  {
    id: "gitee-ci",
    langs: ["zh"],
    title: (c) => c.r.pick(["Gitee Go 流水线 + 私有仓库 API 调用笔记", "用 Gitee API 自动创建 Release"]),
    tags: ["Gitee", "CI"],
    build(c) {
      const { r } = c;
      const tok = c.v.giteeToken();
      return [
        p(PROSE.intro(c, "Gitee OpenAPI")),
        p("私人令牌在「设置 → 私人令牌」里生成，只显示一次。"),
        code("shell", `curl -X POST --header 'Content-Type: application/json;charset=UTF-8' 'https://gitee.com/api/v5/repos/${r.pick(["lihua", "zhangwei", "devteam"])}/blog/releases' -d '{"access_token":"${c.S("gitee-token", tok)}","tag_name":"v1.2.0","name":"v1.2.0","body":"修复若干问题","target_commitish":"master"}'`),
        p(`最新一次提交是 \`${c.gitSha(true)}\`（完整 SHA \`${c.gitSha()}\`）。`),
        code("shell", `git log --oneline -3`),
        out(`${c.gitSha(true)} (HEAD -> master, origin/master) 修复分页\n${c.gitSha(true)} 升级依赖\n${c.gitSha(true)} 初始化项目`),
        p(`流水线里不要明文，用 \`${c.tpl("GITEE_TOKEN", "gitlab")}\` 引用环境变量。`),
        p(PROSE.outro(c)),
      ];
    },
  },
];
