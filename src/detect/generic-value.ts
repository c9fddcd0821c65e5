/**
 * For generic rules (a secret-sounding key assigned some value): values that are code,
 * names or paths rather than secrets. Rules with a vendor prefix never need this.
 */
import { isPlaceholder } from "./placeholder.js";

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)*(?:\(.*\))?;?$/;
const PATH_OR_URL = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|[a-z][\w+.-]*:\/\/(?![^/\s]*@))/;
const FILE_NAME = /^[\w.-]+\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|conf|ini|properties|xml|js|ts|py|sh)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Password hashes in the formats servers store: crypt (`$1$`, `$5$`, `$6$`, `$apr1$`, bcrypt
 * `$2b$`), argon2 / scrypt PHC strings, Django's `pbkdf2_sha256$<iterations>$<salt>$<hash>`
 * (docs.djangoproject.com/en/stable/topics/auth/passwords/), LDAP `{SSHA}`. Seeding a users
 * table or an htpasswd file publishes these, not the passwords.
 */
const PASSWORD_HASH = /^(?:\$(?:1|5|6|apr1|2[abxy]?|argon2(?:id|i|d)|scrypt|y|gy|7)\$|(?:pbkdf2_sha(?:1|256|512)|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5)\$[^$\s]{1,40}\$|\{(?:SHA|SSHA|SHA256|SSHA256|SHA512|SSHA512|CRYPT|MD5|SMD5|PBKDF2[\w-]*)\})/;

/**
 * The letter pairs that make up English words (the most frequent bigrams of English text, after
 * Norvig's "English Letter Frequency Counts: Mayzner Revisited", 2013) plus pairs of acronyms
 * common in code (XML, SQL, JS, DB). Code names are made of words; random strings are not.
 */
const COMMON_BIGRAMS = new Set(
  (
    "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av ag ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo cr cl du ga qu ue ff ba ey ls va um pp ua up lu go ht ru ug ds lt pi rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki rk ys ob mm fu ph og ms ye ud mb ip ub oi rl gu dr hr cc tw ft wn nu af hu nn eo vo rv nf xp gn sm fl iz ok nl my gl aw ju oa eq sy sl ps jo if ek gs dd ks rp nk ym yp xt ax ix ox ux oy ez za ze zi zo ka ko ku ja je ji kn sk sn sw tp nv db js ml xm ql"
  ).split(" "),
);

/** Share of a value's in-word letter pairs that are common English pairs, and how many pairs there are. */
function bigramScore(value: string): { pairs: number; common: number } {
  let pairs = 0;
  let common = 0;
  for (const word of value.split(/[^A-Za-z]+/).flatMap((w) => w.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [])) {
    const w = word.toLowerCase();
    for (let i = 0; i + 1 < w.length; i++) {
      pairs++;
      if (COMMON_BIGRAMS.has(w.slice(i, i + 2))) common++;
    }
  }
  return { pairs, common: pairs ? common / pairs : 0 };
}

/**
 * Letters without digits can still be random: code names are made of words (`getPassword`,
 * `mainEntityOfPage`, `XMLHttpRequest`), generated passwords and base64 are not (`UhiF_vDBQGB`),
 * and they may hold a `$` inside a word or end in base64 padding. Such a value is not taken for
 * an identifier or a word.
 */
function randomCase(value: string, raw: string): boolean {
  if (value.length < 8) return false;
  if (/[A-Za-z]\$[A-Za-z]/.test(value) || (/^[A-Za-z0-9+/]{10,}={1,2}$/.test(raw) && raw.length % 4 === 0)) return true;
  const { pairs, common } = bigramScore(value);
  return pairs >= 4 && common < 0.55;
}

/** Base64 of a placeholder (`cGFzc3dvcmQ=` is "password"): Kubernetes manifests and Basic auth samples. */
function base64Placeholder(value: string): boolean {
  if (value.length > 44 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(text) && isPlaceholder(text);
}

/** Counts character classes present: lower, upper, digit, symbol. */
function classes(s: string): number {
  return (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/\d/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
}

/**
 * Why `value` is not a secret, or undefined when it may be one.
 * Identifiers without digits (`getPassword`, `DB_PASSWORD`, `config.token`) are code.
 */
export function genericNonSecretReason(raw: string): string | undefined {
  if (/^-{1,2}[A-Za-z]/.test(raw)) return "a command-line flag";
  if (/^[A-Za-z]+(?:\s+[A-Za-z]+)+[.!?]?$/.test(raw)) return "a phrase of words";
  // Prose punctuation and `name=` endings are not part of a value: `itself.`, `SCRAM-SHA-512=`.
  const value = raw.replace(/[.,;:!?=]+$/, "");
  if (!value) return "punctuation";
  if (IDENTIFIER_PATH.test(value) && !/\d/.test(value) && !randomCase(value, raw)) return "an identifier, not a value";
  if (/^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(value) && !randomCase(value, raw)) return "a name made of words";
  if (PASSWORD_HASH.test(value)) return "a password hash";
  if (base64Placeholder(raw)) return "base64 of a placeholder";
  // A lower-case UUID also reads as kebab-case, but under a credential name it is a key (Heroku, Postmark, Ark).
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(value) && !UUID.test(value)) return "a kebab-case name";
  if (/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/.test(value) && /[A-Z]{3}/.test(value)) return "an upper-case name (an algorithm or constant)";
  if (/\.(?:png|jpe?g|gif|svg|webp|ico|bmp|mp4|mp3|pdf|zip|tar|gz|tgz|html?|css|md|jar|war|exe|dll|so)$/i.test(value)) return "a file name";
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return "an environment variable name";
  if (PATH_OR_URL.test(value) || FILE_NAME.test(value)) return "a path or URL";
  if (/^@[\w-]+(?:\.[\w-]+)+/.test(value)) return "the host part of a URL";
  if (/^\d{1,9}$/.test(value)) return "a short number";
  if (/^(?:\d+\.){1,3}\d+$/.test(value)) return "a version or address";
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) && value === value.toUpperCase()) return "an upper-case GUID (a request or resource id)";
  if (value.length < 20 && /^[a-z]+$/i.test(value) && classes(value) <= 2 && !/[A-Z]/.test(value.slice(1)) && !randomCase(value, raw)) return "a word";
  return undefined;
}
