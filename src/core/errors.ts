import type { Text } from "./text.js";

/** Exit codes are a contract: scripts, the Action and course workflows key on them. */
export const EXIT = {
  passed: 0,
  notPassed: 1,
  badInput: 2,
  cannotGrade: 3,
  /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); only `clase` stops cleanly and says so. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the user can act on: it carries its own words and exit code, and the
 * CLI prints it without a stack trace. Anything else that is thrown is our bug.
 */
export class UserError extends Error {
  constructor(
    readonly text: Text,
    readonly exitCode: ExitCode,
    readonly detail?: string,
  ) {
    super(text.en + (detail ? `: ${detail}` : ""));
    this.name = "UserError";
  }
}

export const badInput = (text: Text, detail?: string) => new UserError(text, EXIT.badInput, detail);
export const cannotGrade = (text: Text, detail?: string) =>
  new UserError(text, EXIT.cannotGrade, detail);
