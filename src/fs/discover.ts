/**
 * Paths, folders and globs -> the files to scan, as an async generator: a folder is
 * walked one directory listing at a time, so a tree of a million files never sits in
 * memory. Order is stable (arguments in order, names sorted within a folder).
 */
import { lstat, readdir, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { SkipReason } from "../report/model.js";
import { chainFor, extendChain, isIgnored, type IgnoreChain } from "./gitignore.js";

export type DiscoveredEntry =
  | { kind: "file"; path: string; abs: string; explicit: boolean }
  | { kind: "error"; path: string; message: string }
  | { kind: "skipped"; path: string; reason: SkipReason; message: string };

export interface DiscoverOptions {
  /** Folder that relative inputs and displayed paths are relative to. */
  cwd: string;
}

/** Folders never entered: version control data and installed dependencies. */
const SKIP_DIRS = new Set([".git", "node_modules"]);

/**
 * Extensions of files that cannot hold readable text. Walks leave them out instead of
 * reading them only to report "binary": a blog's content folder is mostly images.
 * Named explicitly, they are still read (and then skipped as binary).
 */
const BINARY_EXTENSIONS = new Set(
  (
    "png jpg jpeg gif webp avif ico bmp tif tiff heic heif psd ai sketch " +
    "woff woff2 ttf otf eot " +
    "mp3 mp4 m4a m4v wav ogg oga ogv webm mov avi mkv flac aac " +
    "zip gz tgz bz2 xz zst 7z rar jar war " +
    "pdf doc docx xls xlsx ppt pptx odt " +
    "exe dll so dylib class pyc o a wasm"
  ).split(" "),
);

export function hasBinaryExtension(name: string): boolean {
  const dot = name.lastIndexOf(".");
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** Path as shown to users: relative to `cwd`, forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel || ".").split(sep).join("/");
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENOTDIR":
      return "not a directory";
    default:
      return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
  }
}

interface Frame {
  dir: string;
  entries: Dirent[];
  next: number;
  chain: IgnoreChain;
}

/** Walk `root` depth-first, yielding files (filtered by `match`, given the path relative to `root`). */
async function* walk(root: string, cwd: string, match?: (rel: string) => boolean): AsyncGenerator<DiscoveredEntry> {
  const list = async (dir: string, chain: IgnoreChain, own = true): Promise<Frame | DiscoveredEntry> => {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { dir, entries, next: 0, chain: own && entries.some((e) => e.name === ".gitignore") ? await extendChain(chain, dir) : chain };
    } catch (e) {
      return { kind: "error", path: displayPath(dir, cwd), message: `cannot read folder: ${errorText(e)}` };
    }
  };
  // chainFor: the .gitignore files from the repository root down to (and including) `root`.
  const first = await list(root, await chainFor(root), false);
  if (!("entries" in first)) {
    yield first;
    return;
  }
  const stack: Frame[] = [first];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const ent = top.entries[top.next++];
    if (!ent) {
      stack.pop();
      continue;
    }
    const abs = join(top.dir, ent.name);
    if (SKIP_DIRS.has(ent.name)) continue;
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    if (ent.isSymbolicLink()) {
      // Linked files are read; linked folders are not followed (they can form cycles),
      // and a dangling link is passed on so the reader names it.
      try {
        const s = await stat(abs);
        if (s.isDirectory()) continue;
        isFile = s.isFile();
        isDir = false;
        if (!isFile) continue;
      } catch {
        isFile = true;
      }
    }
    if (isIgnored(top.chain, abs, isDir)) continue;
    if (isDir) {
      const frame = await list(abs, top.chain);
      if ("entries" in frame) stack.push(frame);
      else yield frame;
      continue;
    }
    const rel = relative(root, abs).split(sep).join("/");
    if (match && !match(rel)) continue;
    if (!isFile) {
      yield { kind: "skipped", path: displayPath(abs, cwd), reason: "not-a-file", message: "not a regular file (a pipe, socket or device)" };
      continue;
    }
    if (hasBinaryExtension(ent.name)) continue;
    yield { kind: "file", path: displayPath(abs, cwd), abs, explicit: false };
  }
}

/** What one command-line input names. */
async function* expand(input: string, cwd: string): AsyncGenerator<DiscoveredEntry> {
  const abs = resolve(cwd, input);
  let kind: "file" | "dir" | "missing" = "missing";
  try {
    kind = (await stat(abs)).isDirectory() ? "dir" : "file";
  } catch (e) {
    // A dangling symlink still exists as a name: let the reader report it.
    try {
      if ((await lstat(abs)).isSymbolicLink()) kind = "file";
    } catch {
      kind = "missing";
    }
    if (kind === "missing" && (e as NodeJS.ErrnoException).code !== "ENOENT") {
      yield { kind: "error", path: displayPath(abs, cwd), message: `cannot read: ${errorText(e)}` };
      return;
    }
  }
  if (kind === "file") {
    yield { kind: "file", path: displayPath(abs, cwd), abs, explicit: true };
    return;
  }
  if (kind === "dir") {
    yield* walk(abs, cwd);
    return;
  }
  // The glob library loads for an input that is neither a file nor a folder.
  const { default: picomatch } = await import("picomatch");
  const scan = picomatch.scan(input);
  if (!scan.isGlob) {
    yield { kind: "error", path: input, message: "no such file or directory" };
    return;
  }
  const base = resolve(cwd, scan.base || ".");
  const isMatch = picomatch(scan.glob);
  let found = 0;
  for await (const entry of walk(base, cwd, isMatch)) {
    if (entry.kind === "error" && entry.path === displayPath(base, cwd)) break;
    found++;
    yield entry;
  }
  if (found === 0) yield { kind: "error", path: input, message: "no files match this pattern" };
}

/**
 * Every file named by `inputs` (files, folders, globs such as `content/**\/*.md`).
 * Folders skip `.git`, `node_modules`, what .gitignore files ignore and binary
 * extensions; problems (a missing path, an unreadable folder) are yielded, not thrown.
 */
export async function* discoverFiles(inputs: readonly string[], opts: DiscoverOptions): AsyncGenerator<DiscoveredEntry> {
  // Only overlapping inputs can name a file twice; a single input needs no memory of paths.
  const seen = inputs.length > 1 ? new Set<string>() : undefined;
  for (const input of inputs) {
    for await (const entry of expand(input, opts.cwd)) {
      if (seen && entry.kind === "file") {
        if (seen.has(entry.abs)) continue;
        seen.add(entry.abs);
      }
      yield entry;
    }
  }
}
