import { fill, type Lang, type Text } from "../core/text.js";
import type { Io } from "./io.js";

// A sign of life while calificar waits on AWS: an endpoint that accepts and never answers used to
// mean tens of seconds of silence. On a terminal (stderr), after a short delay so a quick grading
// shows nothing; never on a pipe, a file or in CI (`CI` set), where a redrawn line is noise. Written
// here rather than taken from a package: a dozen lines, and the CLI's dependencies stay the SDK's.

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface SpinnerOptions {
  /** Nothing shows before this (default 1.5 s): most gradings end sooner. */
  delayMs?: number;
  /** Redraw period (default 100 ms). */
  everyMs?: number;
}

/** Whether this terminal gets a spinner: stderr is a TTY, not CI, not a dumb terminal. */
export function showsSpinner(io: Io): boolean {
  return Boolean(io.stderr.isTTY) && !io.env["CI"] && io.env["TERM"] !== "dumb";
}

/** Starts waiting: returns `stop`, which clears the line it drew (if any). Timers never keep the process alive. */
export function startSpinner(io: Io, text: Text, lang: Lang, options: SpinnerOptions = {}): () => void {
  if (!showsSpinner(io)) return () => undefined;
  const started = io.now().getTime();
  let frame = 0;
  let drawn = false;
  let every: ReturnType<typeof setInterval> | undefined;
  const draw = () => {
    const seconds = Math.floor((io.now().getTime() - started) / 1000);
    io.stderr.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${fill(text[lang], { seconds })}`);
    drawn = true;
  };
  const delay = setTimeout(() => {
    draw();
    every = setInterval(draw, options.everyMs ?? 100);
    every.unref?.();
  }, options.delayMs ?? 1500);
  delay.unref?.();
  return () => {
    clearTimeout(delay);
    if (every) clearInterval(every);
    if (drawn) io.stderr.write("\r\x1b[2K");
    drawn = false;
  };
}
