/** User configuration: `.postguard.yaml` / `postguard.config.{js,mjs}`, validated before any scan. */
export { CONFIG_NAMES, findConfig, loadConfig, type LoadConfigOptions, type LoadedConfig } from "./load.js";
export { allowlistMatcher, configuredRules, overrideFor, pathFilter, severityOverride } from "./apply.js";
export { detectSite, starterConfig, type SiteGuess } from "./init.js";
export { ConfigError, formatConfigProblem, type ConfigProblem, type ConfigSpec, type ResolvedConfig, type RuleSetting } from "./schema.js";
