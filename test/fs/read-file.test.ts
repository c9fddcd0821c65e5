/** Reading with a size limit: big files are never read, streams stop keeping bytes. */
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSize } from "../../src/cli/options.js";
import { formatSize } from "../../src/fs/scan-files.js";
import { readFileLimited, readFileLimitedSync, readStreamLimited } from "../../src/fs/read-file.js";
import { tempTree } from "../cli/helpers.js";

describe("readFileLimited", () => {
  it("reads a file up to the limit, reports the size of a bigger one", async () => {
    const dir = tempTree({ "a.md": "12345" });
    expect(await readFileLimited(join(dir, "a.md"), 5)).toEqual({ status: "ok", bytes: Buffer.from("12345") });
    expect(await readFileLimited(join(dir, "a.md"), 4)).toEqual({ status: "too-large", size: 5 });
  });

  it("names the problem with a folder or a missing file", async () => {
    const dir = tempTree({ "sub/x": "" });
    expect(await readFileLimited(join(dir, "sub"), 100)).toEqual({ status: "error", message: "cannot read: is a directory" });
    expect(await readFileLimited(join(dir, "nope.md"), 100)).toMatchObject({ status: "error", message: expect.stringMatching(/^cannot read: no such file/) });
  });
});

describe("readFileLimitedSync (scan workers)", () => {
  it("gives readFileLimited's outcome for files, limits, folders, missing files and broken links", async () => {
    const dir = tempTree({ "a.md": "12345", "sub/x": "" });
    symlinkSync(join(dir, "gone.md"), join(dir, "dangling.md"));
    const cases: Array<[string, number]> = [["a.md", 5], ["a.md", 4], ["sub", 100], ["nope.md", 100], ["dangling.md", 100], ["/dev/null", 10]];
    for (const [name, max] of cases) {
      const path = name.startsWith("/") ? name : join(dir, name);
      expect(await readFileLimitedSync(path, max), name).toEqual(await readFileLimited(path, max));
    }
    expect(await readFileLimitedSync(join(dir, "dangling.md"), 100)).toMatchObject({ message: expect.stringMatching(/^cannot read: broken symbolic link/) });
  });
});

describe("readStreamLimited", () => {
  it("joins chunks, and counts past the limit without keeping them", async () => {
    const chunks = async function* () {
      yield "ab";
      yield Buffer.from("cd");
    };
    expect(await readStreamLimited(chunks(), 4)).toEqual({ status: "ok", bytes: Buffer.from("abcd") });
    expect(await readStreamLimited(chunks(), 3)).toEqual({ status: "too-large", size: 4 });
  });
});

describe("sizes", () => {
  it.each([
    ["1048576", 1048576],
    ["512KB", 512 * 1024],
    ["5MB", 5 * 1024 * 1024],
    ["5mb", 5 * 1024 * 1024],
    ["1.5MB", 1.5 * 1024 * 1024],
    ["2 GiB", 2 * 1024 ** 3],
    ["100MB", 100 * 1024 * 1024],
  ])("--max-file-size %s = %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["", "ten", "5XB", "-1", "0"])("rejects %j", (text) => {
    expect(() => parseSize(text)).toThrow(/--max-file-size must be a size/);
  });

  it.each([
    [10, "10 bytes"],
    [1024, "1 KB"],
    [10 * 1024 * 1024, "10 MB"],
    [52_429_649, "50 MB"],
  ])("%d bytes reads as %s", (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
