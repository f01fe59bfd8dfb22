import { rmSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { badInput } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { say } from "../core/text.js";

/** Temporary files being written right now, for an interrupted run to remove. */
const inFlight = new Set<string>();

/** Removes the temporary files of writes still in progress; synchronous, for a signal handler. */
export function removePartialFiles(): void {
  for (const temporary of inFlight) rmSync(temporary, { force: true });
  inFlight.clear();
}

const code = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;

/**
 * Creates `dir` and the missing folders above it, one level at a time, so any refusal is final.
 * Node's `mkdir(…, { recursive: true })` spins forever where a folder exists but cannot hold
 * others: /proc answers ENOENT for `mkdir /proc/x`, and the recursive walk then «creates» /proc
 * (EEXIST) and tries again (`--output /proc/x/y` ran at 40 % CPU for ten minutes).
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const info = await stat(d).catch((err: unknown) => {
      if (code(err) === "ENOENT") return null;
      throw err;
    });
    if (info) break; // a file here makes the first mkdir below (or the write) fail with ENOTDIR
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    await mkdir(d).catch(async (err: unknown) => {
      // Made meanwhile by someone else: fine, if it is a folder now.
      if (code(err) === "EEXIST" && (await stat(d).catch(() => null))?.isDirectory()) return;
      throw err;
    });
  }
}

/**
 * Writes `text` to `file` whole or not at all: into a temporary file beside it, then renamed over
 * it, so an interrupted run (Ctrl-C, SIGTERM) never leaves half a report or snapshot behind.
 */
let writes = 0;

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  // Unique without node:crypto (whose loading is a measurable part of an offline grade's start-up):
  // the process id tells processes apart, the counter this process's writes.
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}-${++writes}.tmp`);
  inFlight.add(temporary);
  try {
    await makeFolders(dirname(file));
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw badInput(say(INPUT.cannotWrite, { file }), (err as Error).message);
  } finally {
    inFlight.delete(temporary);
  }
}
