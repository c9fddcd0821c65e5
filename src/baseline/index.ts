/** Baselines: accepted findings by fingerprint, so scans report only what is new. */
export { applyBaseline, BaselineError, BASELINE_VERSION, DEFAULT_BASELINE, entryFor, formatBaseline, parseBaseline, type BaselineEntry } from "./baseline.js";
