import { spawn, type ChildProcess } from "node:child_process";
import { API_LOG_ENV, CLI_KEY_ID } from "./api-log.js";
import { startFakeAws } from "./fake-aws.js";
import { freePort } from "./ports.js";

/** A moto server (the open-source AWS emulator) on a free loopback port, one per test file. */
export interface Moto {
  url: string;
  port: number;
  /** Forget every resource: POST /moto-api/reset. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, deadline: number): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error("moto exited before it was ready (is moto installed for python3?)");
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`moto did not start at ${url}`);
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: "false" },
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    await waitReady(url, child, Date.now() + 30_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  // Under the test suite, a recording pass-through sits in front of moto so that every call of
  // the graded process is logged (test/support/api-log.ts), even when it goes to moto directly.
  const front = process.env[API_LOG_ENV] ? await startFakeAws(url) : undefined;
  return {
    url: front?.url ?? url,
    port,
    async reset() {
      const res = await fetch(`${url}/moto-api/reset`, { method: "POST" });
      if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
    },
    async stop() {
      await front?.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** Environment that points the AWS SDK at an emulator with fake credentials and no IMDS lookups. */
export function awsEnv(endpoint: string, region = "us-east-1"): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    // Not the seeding key: the read-only proof (api-log.ts) tells the grader's calls apart by it.
    AWS_ACCESS_KEY_ID: CLI_KEY_ID,
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
