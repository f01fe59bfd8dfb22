import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "../support/cli.js";

// A reader that stops early (`calificar labs | head -1`) closes the pipe: calificar ends quietly,
// exit 0, no stack trace. The built CLI runs with its stdout a pipe whose reading end is closed
// before it writes anything, so its first write meets EPIPE whatever the timing.

function closedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: mkdtempSync(join(tmpdir(), "calificar-home-")), AWS_EC2_METADATA_DISABLED: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`calificar ${args.join(" ")} did not end\n${stderr}`));
    }, 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("a closed stdout", () => {
  it.each([
    [["labs"]],
    [["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"]],
    [["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json", "--format", "html"]],
    [["policy"]],
    [["--help"]],
  ])("ends %j quietly with exit 0", async (args) => {
    const { code, stderr } = await closedStdout(args);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
