import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
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

/**
 * Writes `text` to `file` whole or not at all: into a temporary file beside it, then renamed over
 * it, so an interrupted run (Ctrl-C, SIGTERM) never leaves half a report or snapshot behind.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  inFlight.add(temporary);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw badInput(say(INPUT.cannotWrite, { file }), (err as Error).message);
  } finally {
    inFlight.delete(temporary);
  }
}
