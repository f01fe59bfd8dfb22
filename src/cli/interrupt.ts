import type { Lang } from "../core/text.js";
import { removePartialFiles } from "../files/write.js";
import { SIGNAL } from "./messages.js";

/** Exit codes of a process ended by a signal, as shells report them (128 + the signal's number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof SIGNAL_EXIT;

/**
 * Ctrl-C and SIGTERM. A command that stops cleanly (`clase`: finish, write what it has) installs
 * its handler through `onInterrupt`, and a second signal ends it at once. Any other run ends at
 * once with a sentence. Reports and snapshots are written to a temporary file renamed into place
 * (writeFileAtomic), so a target is whole or untouched; the temporary file of a write in progress
 * is removed here.
 */
export function handleInterrupts(stderr: { write(s: string): unknown }, lang: Lang): { onInterrupt(handler: () => void): () => void } {
  let handler: (() => void) | undefined;
  let count = 0;
  const listener = (signal: Signal) => {
    if (handler && ++count === 1) return handler();
    removePartialFiles();
    if (!handler) stderr.write(`\n${SIGNAL.interrupted[lang]}\n`);
    process.exit(SIGNAL_EXIT[signal]);
  };
  for (const signal of Object.keys(SIGNAL_EXIT) as Signal[]) process.on(signal, listener);
  return {
    onInterrupt(own) {
      handler = own;
      count = 0;
      return () => {
        if (handler === own) handler = undefined;
      };
    },
  };
}
