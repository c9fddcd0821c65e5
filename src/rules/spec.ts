/**
 * The shape of a rule as written in `rules/<provider>.yaml` (RuleSpec) and as the
 * detector runs it (CompiledRule). This is the only place the schema is described.
 */
import type { Confidence, Severity } from "../types.js";

/** Named checks implemented in src/detect/validators.ts. */
export type ValidatorName =
  | "github-crc32"
  | "npm-crc32"
  | "jwt"
  | "pem-body"
  | "openssh-body"
  | "aws-key-id"
  | "base64"
  | "slack-token"
  | "telegram-token"
  | "discord-token"
  | "json-private-key";

export interface RuleSpec {
  /** Dotted, lower-case: `<provider>.<what>` (e.g. `alibaba.access-key-id`). */
  id: string;
  /** Human name of what was found: "Alibaba Cloud AccessKey ID". */
  title: string;
  description?: string;
  severity: Severity;
  /** Confidence when every check passes; checks can only lower it. Default `high`. */
  confidence?: Confidence;
  /** Literal strings (case-insensitive); the rule only runs where one occurs. */
  keywords: string[];
  /**
   * JavaScript regular expression with a named group `secret`. Alternatives that need
   * their own capture name it `secret2`, `secret3`… (Node 20 has no duplicate names).
   */
  pattern: string;
  /** Extra regex flags: only `i` and `m`/`s` are allowed. */
  flags?: string;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  min_length?: number;
  max_length?: number;
  /** Structural checks; a failed check makes the finding `low` confidence. */
  validators?: ValidatorName[];
  /**
   * Whether to drop secrets that read as placeholders (`your_key`, `xxxx`, `${VAR}`).
   * Default true; a rule whose format is fully structural may turn it off.
   */
  placeholder_check?: boolean;
  /** Generic rules: the secret must not look like a hash, UUID, path, word... Default false. */
  generic?: boolean;
  /**
   * Case-insensitive regex; a match is dropped when the pattern's named group `key`
   * (the assigned name) matches it — `password_hash`, `token_url`, `csrf_token`.
   */
  deny_key?: string;
  /** Rules whose findings merge with this one when they sit close (e.g. id + secret). */
  pairs_with?: string[];
  /** Name used by `postguard fix`: `<ALIBABA_CLOUD_ACCESS_KEY_ID>`. */
  placeholder?: string;
  /** Vendor documentation of the format. */
  references: string[];
  /** Texts in which the rule must find a secret. */
  examples: string[];
  /** Texts in which it must find nothing. */
  negative_examples: string[];
}

export interface ProviderSpec {
  provider: string;
  /** Display name: "Alibaba Cloud". */
  name: string;
  /** Where an owner revokes or rotates these credentials. */
  revoke?: string;
  rules: RuleSpec[];
}

export interface CompiledRule {
  id: string;
  title: string;
  provider: string;
  providerName: string;
  revoke?: string;
  severity: Severity;
  confidence: Confidence;
  keywords: string[];
  /** Global, sticky-free, with indices (`d`) so the secret group's offsets are known. */
  regex: RegExp;
  /** Names of the capture groups that hold the secret, in order of preference. */
  secretGroups: string[];
  entropy: number;
  minLength: number;
  maxLength: number;
  validators: ValidatorName[];
  placeholderCheck: boolean;
  generic: boolean;
  denyKey?: RegExp;
  pairsWith: string[];
  placeholder: string;
  /** Where it was defined, for error messages: `rules/alibaba.yaml:12`. */
  source: string;
  spec: RuleSpec;
}
