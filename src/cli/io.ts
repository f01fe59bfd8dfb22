/** Where a command writes; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /**
   * Ctrl-C (SIGINT) and SIGTERM, for a command that stops cleanly (`clase`): `handler` runs on the
   * first; the returned function stops listening. bin.ts passes the process's; tests a fake.
   */
  onInterrupt?: (handler: () => void) => () => void;
}

export function useColor(io: Io): boolean {
  return Boolean(io.stdout.isTTY) && !io.env["NO_COLOR"] && io.env["TERM"] !== "dumb";
}
