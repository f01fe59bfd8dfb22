import { badInput } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { megabytes, say } from "../core/text.js";
import { parseSnapshot, type Snapshot } from "../core/snapshot.js";
import { readTextWithin, TooLarge } from "../files/read.js";

/**
 * The largest snapshot read (`--snapshot`). One account's snapshot is kilobytes, a few megabytes
 * for an account with thousands of resources; parsing and validating takes about 3.5 times the
 * file in memory (a 290 MB file peaked at 1 GB), so 100 MB stays within a student's laptop.
 */
export const SNAPSHOT_MAX_BYTES = 100 * 1024 * 1024;

export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readTextWithin(file, SNAPSHOT_MAX_BYTES);
  } catch (err) {
    if (err instanceof TooLarge) throw badInput(say(INPUT.snapshotTooLarge, { file, size: megabytes(err.size), limit: megabytes(err.limit) }));
    throw badInput(say(INPUT.cannotReadSnapshot, { file }));
  }
  return parseSnapshot(text, file);
}
