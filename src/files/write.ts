import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { badInput } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { say } from "../core/text.js";

let writes = 0;

/**
 * Writes `text` to `file` whole or not at all: into a temporary file beside it, then renamed over
 * it, so an interrupted run (Ctrl-C, SIGTERM) never leaves half a report or snapshot behind.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  // Unique without node:crypto (whose loading is a measurable part of an offline grade's start-up):
  // the process id tells processes apart, the counter this process's writes.
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}-${++writes}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw badInput(say(INPUT.cannotWrite, { file }), (err as Error).message);
  }
}
