/** The command-line interface as a library: `run(argv, io)`. */
export { run, type RunIO, type CommandResult, type StdinSource } from "./run.js";
export { parseCommand, parseSize, UsageError, type Command, type ScanOptions } from "./options.js";
export { HELP } from "./help.js";
export { useColor } from "./color.js";
