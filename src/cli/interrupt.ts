import { MSG } from "../core/messages.js";
import type { Lang } from "../core/text.js";
import { removePartialFiles } from "../files/write.js";

/** Exit codes of a process ended by a signal, as shells report them (128 + the signal's number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Ctrl-C and SIGTERM end the run at once, with a sentence. Reports and snapshots are written to a
 * temporary file renamed into place (writeFileAtomic), so a target is whole or untouched; the
 * temporary file of a write in progress is removed here.
 */
export function exitOnInterrupt(stderr: { write(s: string): unknown }, lang: Lang): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.once(signal, () => {
      removePartialFiles();
      stderr.write(`\n${MSG.interrupted[lang]}\n`);
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}
