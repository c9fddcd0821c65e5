import { readFileSync } from "node:fs";
import { isAscii } from "node:buffer";

/**
 * A text file the build wrote (the rule catalogue, the bundled parser), read as UTF-8.
 * The build writes them in ASCII (escapes in place of other characters), so the usual case
 * is a one-byte string copied straight from the bytes: 3-6 times faster than decoding
 * UTF-8 into the two-byte string a single non-ASCII character makes of a whole file, which
 * for these files is milliseconds of a one-post scan.
 */
export function readBuiltText(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}
