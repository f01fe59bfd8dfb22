/** Where a command writes; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export function useColor(io: Io): boolean {
  return Boolean(io.stdout.isTTY) && !io.env["NO_COLOR"] && io.env["TERM"] !== "dumb";
}
