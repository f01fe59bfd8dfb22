import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The built CLI (the package's bin); CALIFICAR_CLI lets a developer test another build (e.g. dist-foo/calificar.js). */
export const CLI = join(ROOT, process.env["CALIFICAR_CLI"] ?? "dist/calificar.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when a signal ended the process without its own handling. */
  signal?: NodeJS.Signals;
}

/**
 * Runs the built CLI as a student would, in a clean environment: an empty HOME (no ~/.aws of
 * the developer's), no instance-metadata lookups, and only the variables the test gives.
 */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  return startCli(args, env, timeoutMs).done;
}

/** The same run as runCli, with the child at hand (to send it signals) while it runs. */
export function startCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): { child: ChildProcess; done: Promise<CliRun> } {
  const home = mkdtempSync(join(tmpdir(), "calificar-home-"));
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: home,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`calificar ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(signal ? { signal } : {}) });
    });
  });
  return { child, done };
}
