/**
 * Reading one input with a size limit. A file over the limit is never read (its size
 * comes from fstat); a pipe or stdin is read until the limit is passed, then dropped.
 */
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { lstat, open, readlink } from "node:fs/promises";

export type ReadOutcome =
  | { status: "ok"; bytes: Uint8Array }
  | { status: "too-large"; size: number }
  | { status: "error"; message: string };

/** Why a read failed, in words, naming dangling symlinks. */
export async function readErrorText(path: string, e: unknown): Promise<string> {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT":
      try {
        if ((await lstat(path)).isSymbolicLink()) return `broken symbolic link (its target ${JSON.stringify(await readlink(path))} does not exist)`;
      } catch {
        // gone entirely
      }
      return "no such file (was it deleted while scanning?)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ELOOP":
      return "too many levels of symbolic links (a symlink loop?)";
    case "EMFILE":
    case "ENFILE":
      return "too many open files (lower --concurrency)";
    default:
      return err.code ? `${err.code}: ${err.message}` : String(err?.message ?? e);
  }
}

/** Read from a stream until it ends or passes `max` bytes. */
export async function readStreamLimited(stream: AsyncIterable<Uint8Array | string>, max: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      size += buf.length;
      // Keep counting (the notice gives the size) but stop keeping bytes.
      if (size <= max) chunks.push(buf);
      else chunks.length = 0;
    }
  } catch (e) {
    return { status: "error", message: `cannot read: ${(e as Error).message}` };
  }
  if (size > max) return { status: "too-large", size };
  return { status: "ok", bytes: Buffer.concat(chunks, size) };
}

/** Read a file of at most `max` bytes. */
export async function readFileLimited(path: string, max: number): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    return { status: "error", message: `cannot read: ${await readErrorText(path, e)}` };
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) return { status: "error", message: "cannot read: is a directory" };
    if (st.isFile()) {
      if (st.size > max) return { status: "too-large", size: st.size };
      const bytes = await handle.readFile();
      // It may have grown between fstat and read.
      return bytes.length > max ? { status: "too-large", size: bytes.length } : { status: "ok", bytes };
    }
    // A pipe or device named on the command line, e.g. `postguard scan <(curl ...)`.
    return await readStreamLimited(handle.createReadStream({ autoClose: false }), max);
  } catch (e) {
    return { status: "error", message: `cannot read: ${await readErrorText(path, e)}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * readFileLimited for a thread that does nothing else (a scan worker): blocking calls, no
 * round trips through libuv's thread pool for open, fstat, read and close. Same outcomes;
 * anything but a regular file is left to readFileLimited.
 */
export async function readFileLimitedSync(path: string, max: number): Promise<ReadOutcome> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    return { status: "error", message: `cannot read: ${await readErrorText(path, e)}` };
  }
  let regular = true;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { status: "error", message: "cannot read: is a directory" };
    regular = st.isFile();
    if (regular) {
      if (st.size > max) return { status: "too-large", size: st.size };
      const bytes = readFileSync(fd);
      return bytes.length > max ? { status: "too-large", size: bytes.length } : { status: "ok", bytes };
    }
  } catch (e) {
    return { status: "error", message: `cannot read: ${await readErrorText(path, e)}` };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do
    }
  }
  return readFileLimited(path, max);
}
