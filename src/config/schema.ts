/**
 * The shape of `.postguard.yaml` / `postguard.config.{js,mjs}` (ConfigSpec, as written) and
 * what a scan uses (ResolvedConfig, validated and compiled). This is the only place the
 * configuration schema is described; docs/pre-publish.md shows it with examples.
 */
import type { CompiledRule } from "../rules/spec.js";
import type { Severity } from "../types.js";

/** A rule switched on/off or given another severity: `off`, `on`, or `{ enabled, severity }`. */
export type RuleSetting = "on" | "off" | boolean | { enabled?: boolean; severity?: Severity };

export interface ConfigSpec {
  /** Globs (relative to the config file's folder) a file must match one of to be scanned. */
  include?: string[];
  /** Globs of files never scanned. */
  exclude?: string[];
  /** Rule id (or `provider.*`) -> setting. */
  rules?: Record<string, RuleSetting>;
  /** Provider mappings in the schema of `rules/*.yaml`, or paths to such files. */
  custom_rules?: Array<string | Record<string, unknown>>;
  allowlist?: {
    /** Globs of files whose findings are reported as suppressed. */
    paths?: string[];
    /** JavaScript regular expressions; a secret that matches one is allowed. */
    secrets?: string[];
    /** Words; a secret that contains one (any case) is allowed. */
    stopwords?: string[];
    /** Finding fingerprints (from JSON/SARIF output or a baseline) that are allowed. */
    fingerprints?: string[];
  };
}

export const TOP_KEYS = ["include", "exclude", "rules", "custom_rules", "allowlist"] as const;
export const ALLOWLIST_KEYS = ["paths", "secrets", "stopwords", "fingerprints"] as const;

/** A configuration problem: where, and what was given versus what was expected. */
export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** Raised when a configuration file has problems; `problems` lists every one of them. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join("\n"));
    this.name = "ConfigError";
  }
}

export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
}

/** A validated configuration, ready to apply. */
export interface ResolvedConfig {
  /** The file as shown in messages (relative to the working folder). */
  file: string;
  /** Absolute folder globs are relative to. */
  dir: string;
  /**
   * The config file and the rule files (or folders) it names, absolute. They are not
   * scanned: custom rules carry example secrets by design.
   */
  own: string[];
  include: string[];
  exclude: string[];
  /** Setting per written key (a rule id or `provider.*`), in file order. */
  rules: Array<{ pattern: string; override: RuleOverride }>;
  customRules: CompiledRule[];
  allowlist: {
    paths: string[];
    secrets: RegExp[];
    stopwords: string[];
    fingerprints: Set<string>;
  };
}
