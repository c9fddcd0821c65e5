// Synthetic credentials in each vendor's documented shape (prefix, length, alphabet, checksum,
// structure). Every value is invented here from the seeded PRNG; none was copied from anywhere.
import { ALPHA, b64, b64s, b64url, b64urls, wrap } from "./rng.mjs";

// ---- checksums -------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
/** CRC-32/ISO-HDLC (zlib). Written independently of src/detect/crc32.ts on purpose. */
export function crc32(s) {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(n, width) {
  let s = "";
  while (n > 0) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, "0");
}
/**
 * GitHub's 2021 token format (github.blog "Behind GitHub's new authentication token formats"):
 * prefix + 30 base62 random + 6 base62 of CRC32(random). npm granular tokens use the same.
 * `bad` flips the checksum, which makes a look-alike that no issuer would have minted.
 */
export function crcToken(r, prefix, bad = false) {
  const body = r.str(30, ALPHA.alnum);
  let sum = base62(crc32(body), 6);
  if (bad) sum = sum.slice(0, 5) + (sum[5] === "A" ? "B" : "A");
  return prefix + body + sum;
}

/** OpenPGP radix-64 CRC-24 (RFC 4880 §6.1). */
function crc24(bytes) {
  let crc = 0xb704ce;
  for (const b of bytes) {
    crc ^= b << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

// ---- DER (just enough for key structures) ------------------------------------------------------

function derLen(n) {
  if (n < 128) return [n];
  const out = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | out.length, ...out];
}
const tlv = (tag, body) => [tag, ...derLen(body.length), ...body];
const seq = (...items) => tlv(0x30, items.flat());
function derInt(bytes) {
  const b = [...bytes];
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b.shift();
  if (b[0] >= 0x80) b.unshift(0);
  return tlv(0x02, b);
}
const smallInt = (n) => tlv(0x02, [n]);
const octets = (b) => tlv(0x04, [...b]);
/** Random big integer of `n` bytes with the top bit set (a modulus-like number). */
function big(r, n, odd = false) {
  const b = r.bytes(n);
  b[0] |= 0x80;
  if (odd) b[n - 1] |= 1;
  return b;
}
const OID_RSA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_P256 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_ECPUB = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/** PKCS#1 RSAPrivateKey DER: structurally valid (parses as ASN.1), numerically invented. */
export function rsaPkcs1Der(r, bits = 2048) {
  const n = bits / 8;
  return seq(
    smallInt(0),
    derInt(big(r, n, true)),
    derInt([0x01, 0x00, 0x01]),
    derInt(big(r, n)),
    derInt(big(r, n / 2, true)),
    derInt(big(r, n / 2, true)),
    derInt(big(r, n / 2)),
    derInt(big(r, n / 2)),
    derInt(big(r, n / 2)),
  );
}
export const rsaPkcs8Der = (r, bits = 2048) => seq(smallInt(0), seq(OID_RSA, [0x05, 0x00]), octets(rsaPkcs1Der(r, bits)));
export const rsaPublicDer = (r, bits = 2048) =>
  seq(seq(OID_RSA, [0x05, 0x00]), tlv(0x03, [0x00, ...seq(derInt(big(r, bits / 8, true)), derInt([0x01, 0x00, 0x01]))]));
export function ecSec1Der(r) {
  const pub = [0x04, ...r.bytes(64)];
  return seq(smallInt(1), octets(r.bytes(32)), tlv(0xa0, OID_P256), tlv(0xa1, tlv(0x03, [0x00, ...pub])));
}
export const ecPublicDer = (r) => seq(seq(OID_ECPUB, OID_P256), tlv(0x03, [0x00, 0x04, ...r.bytes(64)]));

export const pem = (label, der) => `-----BEGIN ${label}-----\n${wrap(b64(der), 64)}\n-----END ${label}-----`;
/** Base64 body only, on one line: how Alipay/WeChat Pay SDK configs carry keys. */
export const oneLine = (der) => b64(der);

// ---- SSH / PuTTY / PGP / WireGuard / age ---------------------------------------------------

const u32 = (n) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const sshString = (b) => {
  const bytes = typeof b === "string" ? [...Buffer.from(b)] : [...b];
  return [...u32(bytes.length), ...bytes];
};
export function ed25519Pair(r) {
  return { pub: r.bytes(32), seed: r.bytes(32) };
}
export const sshEd25519PubBlob = (pub) => [...sshString("ssh-ed25519"), ...sshString(pub)];
export const sshPublicLine = (pub, comment) => `ssh-ed25519 ${b64(sshEd25519PubBlob(pub))} ${comment}`;
export function sshRsaPublicLine(r, comment) {
  const n = [0, ...big(r, 256, true)];
  const blob = [...sshString("ssh-rsa"), ...sshString([1, 0, 1]), ...sshString(n)];
  return `ssh-rsa ${b64(blob)} ${comment}`;
}
/** openssh-key-v1, unencrypted ed25519 (PROTOCOL.key in OpenSSH's source tree). */
export function opensshPrivate(r, comment) {
  const { pub, seed } = ed25519Pair(r);
  const check = r.bytes(4);
  let priv = [...check, ...check, ...sshString("ssh-ed25519"), ...sshString(pub), ...sshString([...seed, ...pub]), ...sshString(comment)];
  for (let i = 1; priv.length % 8; i++) priv.push(i);
  const body = [
    ...Buffer.from("openssh-key-v1\0"),
    ...sshString("none"),
    ...sshString("none"),
    ...sshString(""),
    ...u32(1),
    ...sshString(sshEd25519PubBlob(pub)),
    ...sshString(priv),
  ];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(b64(body), 70)}\n-----END OPENSSH PRIVATE KEY-----`;
}
/** PuTTY .ppk version 3, unencrypted ed25519 (PuTTY manual, appendix C). */
export function puttyPpkV3(r, comment) {
  const { pub, seed } = ed25519Pair(r);
  const pubLines = wrap(b64(sshEd25519PubBlob(pub)), 64).split("\n");
  const privLines = wrap(b64(sshString(seed)), 64).split("\n");
  return [
    "PuTTY-User-Key-File-3: ssh-ed25519",
    "Encryption: none",
    `Comment: ${comment}`,
    `Public-Lines: ${pubLines.length}`,
    ...pubLines,
    `Private-Lines: ${privLines.length}`,
    ...privLines,
    `Private-MAC: ${r.hex(64)}`,
  ].join("\n");
}
/** PuTTY .ppk version 2, RSA 2048. */
export function puttyPpkV2Rsa(r, comment) {
  const n = [0, ...big(r, 256, true)];
  const pubBlob = [...sshString("ssh-rsa"), ...sshString([1, 0, 1]), ...sshString(n)];
  const privBlob = [
    ...sshString([0, ...big(r, 256)]),
    ...sshString([0, ...big(r, 128, true)]),
    ...sshString([0, ...big(r, 128, true)]),
    ...sshString([0, ...big(r, 128)]),
  ];
  const pubLines = wrap(b64(pubBlob), 64).split("\n");
  const privLines = wrap(b64(privBlob), 64).split("\n");
  return [
    "PuTTY-User-Key-File-2: ssh-rsa",
    "Encryption: none",
    `Comment: ${comment}`,
    `Public-Lines: ${pubLines.length}`,
    ...pubLines,
    `Private-Lines: ${privLines.length}`,
    ...privLines,
    `Private-MAC: ${r.hex(40)}`,
  ].join("\n");
}

function pgpArmor(kind, bytes, r) {
  const c = crc24(bytes);
  const sum = b64([(c >> 16) & 255, (c >> 8) & 255, c & 255]);
  return `-----BEGIN PGP ${kind}-----\n\n${wrap(b64(bytes), 64)}\n=${sum}\n-----END PGP ${kind}-----`;
}
const OID_ED25519 = [0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x0f, 0x01];
const OID_CV25519 = [0x2b, 0x06, 0x01, 0x04, 0x01, 0x97, 0x55, 0x01, 0x05, 0x01];
function pgpKeyPackets(r, uid, secret) {
  const t = u32(r.int(1600000000, 1720000000));
  const pubPart = [0x04, ...t, 22, OID_ED25519.length, ...OID_ED25519, 0x01, 0x07, 0x40, ...r.bytes(32)];
  const subPub = [0x04, ...t, 18, OID_CV25519.length, ...OID_CV25519, 0x01, 0x07, 0x40, ...r.bytes(32), 0x03, 0x01, 0x08, 0x07];
  const secPart = (p) => [...p, 0x00, 0x00, 0xff, ...r.bytes(32), ...r.bytes(2)];
  const pkt = (tag, body) => [0x80 | (tag << 2) | (body.length < 256 ? 0 : 1), ...(body.length < 256 ? [body.length] : [body.length >> 8, body.length & 255]), ...body];
  const sig = () => [0x04, 0x13, 22, 0x0a, ...r.bytes(r.int(140, 160))];
  const uidBytes = [...Buffer.from(uid)];
  return [
    ...pkt(secret ? 5 : 6, secret ? secPart(pubPart) : pubPart),
    ...pkt(13, uidBytes),
    ...pkt(2, sig()),
    ...pkt(secret ? 7 : 14, secret ? secPart(subPub) : subPub),
    ...pkt(2, sig()),
  ];
}
export const pgpPrivateBlock = (r, uid) => pgpArmor("PRIVATE KEY BLOCK", pgpKeyPackets(r, uid, true), r);
export const pgpPublicBlock = (r, uid) => pgpArmor("PUBLIC KEY BLOCK", pgpKeyPackets(r, uid, false), r);

/** WireGuard keys: 32 bytes, base64 (44 chars with one `=`). */
export const wgKey = (r) => b64(r.bytes(32));
/** age X25519 identity: Bech32 upper-case with HRP AGE-SECRET-KEY- (age spec). */
export function ageSecretKey(r) {
  return "AGE-SECRET-KEY-1" + r.str(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L");
}
export const agePublicKey = (r) => "age1" + r.str(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l");

// ---- JWT and JSON-carrying tokens ------------------------------------------------------------

export function jwt(r, payload, alg = "HS256") {
  const h = b64urls(JSON.stringify({ alg, typ: "JWT" }));
  const p = b64urls(JSON.stringify(payload));
  return `${h}.${p}.${b64url(r.bytes(alg === "HS256" ? 32 : 256))}`;
}

// ---- vendor token shapes -------------------------------------------------------------------

const A = ALPHA;
export const V = {
  // Cloudflare: API tokens are 40 chars [A-Za-z0-9_-]; the legacy Global API Key is 37 hex.
  cfApiToken: (r) => r.str(40, A.b64url),
  cfGlobalKey: (r) => r.hex(37),
  // cloudflared tunnel token: base64 of {"a": account tag, "t": tunnel UUID, "s": base64 secret}.
  cfTunnelToken: (r) => b64s(JSON.stringify({ a: r.hex(32), t: r.uuid(), s: b64(r.bytes(32)) })),
  // Azure Storage SAS `sig`: base64 HMAC-SHA256 (44 chars), URL-encoded in query strings.
  sasSig: (r) => encodeURIComponent(b64(r.bytes(32))),
  // Entra ID (Azure AD) client secret: 40 chars, the 4th a digit then "Q~" (the "Q~" secret format).
  azureClientSecret: (r) => r.str(3, A.alnum) + r.int(0, 9) + "Q~" + r.str(34, A.alnum + "_~.-"),
  gcpOauthSecret: (r) => "GOCSPX-" + r.str(28, A.b64url),
  gcpClientId: (r) => `${r.digits(12)}-${r.str(32, A.lowernum)}.apps.googleusercontent.com`,
  googleApiKey: (r) => "AIza" + r.str(35, A.b64url),
  // Volcengine: AccessKey ID "AKLT" + base64 of a hex id; SecretAccessKey base64 ending "==".
  volcAk: (r) => "AKLT" + b64s(r.hex(32)).replace(/=+$/, ""),
  volcSk: (r) => b64s(b64s(r.hex(32)).replace(/=+$/, "")),
  // Qiniu AK/SK: 40 URL-safe base64 characters each.
  qiniuKey: (r) => r.str(40, A.b64url),
  // Qiniu upload token: AK:base64url(HMAC):base64url(policy JSON).
  qiniuUploadToken: (r, ak) => `${ak}:${b64url(r.bytes(20))}=:${b64urls(JSON.stringify({ scope: "images", deadline: r.int(1700000000, 1760000000) }))}`,
  wecomWebhookKey: (r) => r.uuid(),
  wecomCorpId: (r) => "ww" + r.hex(16),
  wecomCorpSecret: (r) => r.str(43, A.b64url),
  feishuAppId: (r) => "cli_" + r.hex(16),
  feishuAppSecret: (r) => r.str(32, A.alnum),
  feishuOpenId: (r) => "ou_" + r.hex(32),
  feishuChatId: (r) => "oc_" + r.hex(32),
  dingAppKey: (r) => "ding" + r.str(16, A.lowernum),
  dingAppSecret: (r) => r.str(64, A.b64url),
  alipayAppId: (r) => "2021" + r.digits(12),
  // Alibaba STS: AccessKeyId "STS." + 28 base58-like chars, secret 44 chars, token base64 ("CAIS...").
  stsAkId: (r) => "STS." + r.str(28, A.base58),
  stsSecret: (r) => r.str(44, A.base58),
  // The token is base64 of a protobuf-like message whose first bytes (08 02 12) encode as "CAIS".
  stsToken: (r) => b64([0x08, 0x02, 0x12, ...r.bytes(r.int(500, 620))]),
  // Tencent Cloud temporary credentials (GetFederationToken): longer AKID ids, 44-char key, token.
  tcTmpId: (r) => "AKID" + r.str(64, A.b64url),
  tcTmpKey: (r) => b64(r.bytes(33)),
  tcToken: (r) => r.str(r.int(300, 360), A.b64url),
  tcSecretId: (r) => "AKID" + r.str(32, A.alnum),
  tcSecretKey: (r) => r.str(32, A.alnum),
  aliAkId: (r) => "LTAI5t" + r.str(18, A.alnum),
  aliSecret: (r) => r.str(30, A.alnum),
  qianfanKey: (r) => `bce-v3/ALTAK-${r.str(21, A.alnum)}/${r.hex(40)}`,
  deepseek: (r) => "sk-" + r.hex(32),
  moonshot: (r) => "sk-" + r.str(48, A.alnum),
  zhipu: (r) => `${r.hex(32)}.${r.str(16, A.alnum)}`,
  arkKey: (r) => r.uuid(),
  arkEndpoint: (r) => `ep-${r.int(2024, 2025)}${String(r.int(1, 12)).padStart(2, "0")}${r.digits(10)}-${r.str(5, A.lowernum)}`,
  giteeToken: (r) => r.hex(32),
  dockerPat: (r) => "dckr_pat_" + r.str(27, A.b64url),
  // Discord bot token: base64(user snowflake) . 6 chars (timestamp) . 38 chars HMAC.
  discordBot: (r) => `${b64s(r.digits(19)).replace(/=+$/, "")}.${r.str(6, A.b64url)}.${r.str(38, A.b64url)}`,
  discordWebhook: (r) => `https://discord.com/api/webhooks/${r.digits(19)}/${r.str(68, A.b64url)}`,
  snowflake: (r) => r.digits(19),
  shopifyToken: (r) => "shpat_" + r.hex(32),
  shopifySecret: (r) => "shpss_" + r.hex(32),
  paypalClientId: (r) => "A" + r.str(79, A.b64url),
  paypalSecret: (r) => "E" + r.str(79, A.b64url),
  braintree: (r) => `access_token$production$${r.str(16, A.lowernum)}$${r.hex(32)}`,
  anthropic: (r) => "sk-ant-api03-" + r.str(93, A.b64url) + "AA",
  hfToken: (r) => "hf_" + r.str(34, A.letters),
  atlassian: (r) => "ATATT3xFfGF0" + r.str(171, A.b64url) + "=" + r.HEX(8),
  notionNew: (r) => "ntn_" + r.digits(11) + r.str(35, A.alnum),
  notionOld: (r) => "secret_" + r.str(43, A.alnum),
  linear: (r) => "lin_api_" + r.str(40, A.alnum),
  postman: (r) => `PMAK-${r.hex(24)}-${r.hex(34)}`,
  sentryOrg: (r, org) =>
    "sntrys_" +
    b64s(JSON.stringify({ iat: r.int(1690000000, 1730000000) + r.int(100000, 999999) / 1e6, url: "https://sentry.io", region_url: "https://us.sentry.io", org })).replace(/=+$/, "") +
    "_" +
    b64s(r.hex(32)).replace(/=+$/, ""),
  sentryUser: (r) => "sntryu_" + r.hex(64),
  sentryDsn: (r) => `https://${r.hex(32)}@o${r.digits(6)}.ingest.us.sentry.io/${r.digits(16)}`,
  ddApiKey: (r) => r.hex(32),
  ddAppKey: (r) => r.hex(40),
  nrLicense: (r) => r.hex(36) + "NRAL",
  nrUserKey: (r) => "NRAK-" + r.str(27, A.uppernum),
  nrBrowser: (r) => "NRJS-" + r.hex(19),
  grafanaSa: (r) => `glsa_${r.str(32, A.alnum)}_${r.hex(8)}`,
  grafanaCloud: (r, stack) =>
    "glc_" + b64s(JSON.stringify({ o: r.digits(6), n: `${stack}-publish`, k: r.str(24, A.alnum), m: { r: r.pick(["prod-us-east-0", "prod-eu-west-2", "prod-ap-southeast-1"]) } })),
  doToken: (r) => "dop_v1_" + r.hex(64),
  doSpacesKey: (r) => "DO00" + r.str(16, A.uppernum),
  doSpacesSecret: (r) => r.str(43, A.b64),
  herokuKey: (r) => "HRKU-AA" + r.str(58, A.b64url),
  ghOauth: (r, bad) => crcToken(r, "gho_", bad),
  ghServer: (r, bad) => crcToken(r, "ghs_", bad),
  ghUser: (r, bad) => crcToken(r, "ghu_", bad),
  ghPat: (r, bad) => crcToken(r, "ghp_", bad),
  npmToken: (r, bad) => crcToken(r, "npm_", bad),
  ghOauthClientId: (r) => "Ov23li" + r.str(14, A.alnum),
  ghOauthClientSecret: (r) => r.hex(40),
  gitlabDeploy: (r) => "gldt-" + r.str(20, A.b64url),
  gitlabTrigger: (r) => "glptt-" + r.hex(40),
  gitlabRunner: (r) => "glrt-" + r.str(20, A.b64url),
  twilioKeySid: (r) => "SK" + r.hex(32),
  twilioKeySecret: (r) => r.str(32, A.alnum),
  mailchimp: (r) => `${r.hex(32)}-us${r.int(2, 21)}`,
  squareToken: (r) => "EAAA" + r.str(60, A.b64url),
  squareLocation: (r) => "L" + r.str(12, A.uppernum),
  stripeWhsec: (r) => "whsec_" + r.str(32, A.alnum),
  stripePk: (r) => "pk_live_51" + r.str(97, A.alnum),
  stripeTest: (r) => "sk_test_51" + r.str(97, A.alnum),
  slackApp: (r) => `xapp-1-A0${r.str(9, A.uppernum)}-${r.digits(13)}-${r.hex(64)}`,
  slackSigning: (r) => r.hex(32),
  openrouter: (r) => "sk-or-v1-" + r.hex(64),
  groq: (r) => "gsk_" + r.str(52, A.alnum),
  tfcToken: (r) => `${r.str(14, A.alnum)}.atlasv1.${r.str(67, A.alnum)}`,
  vaultToken: (r) => "hvs." + r.str(24, A.alnum),
  recaptcha: (r) => "6L" + r.str(38, A.b64url),
  mapboxPublic: (r) => "pk.eyJ1Ijoi" + b64urls(`${r.pick(["lihua", "mgarcia", "dev-ops"])}","a":"${r.str(25, A.lowernum)}"}`).replace(/=+$/, "") + "." + r.str(22, A.b64url),
  mapboxSecret: (r) => "sk.eyJ1Ijoi" + b64urls(`${r.pick(["lihua", "mgarcia", "dev-ops"])}","a":"${r.str(25, A.lowernum)}"}`).replace(/=+$/, "") + "." + r.str(22, A.b64url),
  algoliaAppId: (r) => r.str(10, A.uppernum),
  algoliaKey: (r) => r.hex(32),
  wxPayApiV3: (r) => r.str(32, A.alnum),
  wxMchId: (r) => "16" + r.digits(8),
  minioAccess: (r) => r.str(20, A.uppernum),
  minioSecret: (r) => r.str(40, A.b64),
  qqMailCode: (r) => r.str(16, A.lower),
  gmailAppPassword: (r) => [r.str(4, A.lower), r.str(4, A.lower), r.str(4, A.lower), r.str(4, A.lower)].join(" "),
  djangoKey: (r) => r.str(50, A.lowernum + "!@#%^&*(-_=+)"),
  jwtSecretB64: (r) => b64(r.bytes(48)),
  password: (r) => r.str(r.int(4, 6), A.alnum) + r.pick(["#", "!", "@", "_", "$", "%"]) + r.str(r.int(5, 8), A.alnum),
};

/** A password in the way people write them: word-ish stem plus symbols and digits. */
export function humanPassword(r) {
  const stems = ["Harbor", "Maple", "Quartz", "Falcon", "Cobalt", "Juniper", "Orchid", "Tundra", "Saffron", "Nimbus", "Pebble", "Vortex"];
  return r.pick(stems) + r.pick(["#", "@", "!", "_", "$"]) + r.int(10, 99) + r.str(r.int(3, 5), A.alnum) + r.pick(["!", "#", "", "%"]);
}
