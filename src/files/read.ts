import { open } from "node:fs/promises";

/** A file larger than the reader accepts; `size` is what it holds (for a stream, at least that). */
export class TooLarge extends Error {
  constructor(
    readonly file: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${file} holds ${size} bytes, over the limit of ${limit}`);
  }
}

const CHUNK = 1024 * 1024;

/**
 * A text file of at most `limit` bytes. A regular file's size is checked before anything is read,
 * so a file that is too large costs no memory; a pipe (`/dev/stdin`) is read until it passes the
 * limit. Errors of the file system (ENOENT, EACCES, EISDIR…) are thrown as they come.
 */
export async function readTextWithin(file: string, limit: number): Promise<string> {
  const handle = await open(file, "r");
  try {
    const info = await handle.stat();
    if (info.isFile() && info.size > limit) throw new TooLarge(file, info.size, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(CHUNK, limit + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw new TooLarge(file, total, limit);
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    await handle.close();
  }
}
