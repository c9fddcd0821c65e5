/**
 * For generic rules (a secret-sounding key assigned some value): values that are code,
 * names or paths rather than secrets. Rules with a vendor prefix never need this.
 */

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)*(?:\(.*\))?;?$/;
const PATH_OR_URL = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|[a-z][\w+.-]*:\/\/(?![^/\s]*@))/;
const FILE_NAME = /^[\w.-]+\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|conf|ini|properties|xml|js|ts|py|sh)$/i;

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
  if (IDENTIFIER_PATH.test(value) && !/\d/.test(value)) return "an identifier, not a value";
  if (/^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(value)) return "a name made of words";
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(value)) return "a kebab-case name";
  if (/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/.test(value) && /[A-Z]{3}/.test(value)) return "an upper-case name (an algorithm or constant)";
  if (/\.(?:png|jpe?g|gif|svg|webp|ico|bmp|mp4|mp3|pdf|zip|tar|gz|tgz|html?|css|md|jar|war|exe|dll|so)$/i.test(value)) return "a file name";
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return "an environment variable name";
  if (PATH_OR_URL.test(value) || FILE_NAME.test(value)) return "a path or URL";
  if (/^@[\w-]+(?:\.[\w-]+)+/.test(value)) return "the host part of a URL";
  if (/^\d{1,9}$/.test(value)) return "a short number";
  if (/^(?:\d+\.){1,3}\d+$/.test(value)) return "a version or address";
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) && value === value.toUpperCase()) return "an upper-case GUID (a request or resource id)";
  if (value.length < 20 && /^[a-z]+$/i.test(value) && classes(value) <= 2 && !/[A-Z]/.test(value.slice(1))) return "a word";
  return undefined;
}
