/** File discovery and scanning many files: the file-system side of the CLI. */
export { discoverFiles, displayPath, hasBinaryExtension, type DiscoveredEntry, type DiscoverOptions } from "./discover.js";
export { chainFor, findRepoRoot, isIgnored, type IgnoreChain } from "./gitignore.js";
export { readFileLimited, readStreamLimited, type ReadOutcome } from "./read-file.js";
export { scanFiles, formatSize, type ScanFilesOptions, type ScanInput } from "./scan-files.js";
export { forEachLimited } from "./pool.js";
