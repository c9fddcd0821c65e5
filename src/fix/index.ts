/** `postguard fix`: replace reported secrets with named placeholders, byte for byte elsewhere. */
export { fixFile, targetsOf, type FixFileOptions, type FixOutcome } from "./fix-file.js";
export { planFix, type FixTarget, type PlannedFix, type TextEdit } from "./plan.js";
export { applyToBytes, FixRefused } from "./bytes.js";
