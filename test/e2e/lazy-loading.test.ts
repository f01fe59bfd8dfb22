import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { awsEnv } from "../support/moto.js";
import { freePort } from "../support/ports.js";

// The built CLI, preloaded with test/support/record-modules.mjs, which writes down every module
// the process loads (ESM through a resolve hook, CommonJS from the require cache at exit).
// Commands that need no AWS must load no AWS SDK: start-up time is a student's first impression.

const RECORDER = pathToFileURL(join(ROOT, "test/support/record-modules.mjs")).href;
const AWS_MODULE = /[\\/]node_modules[\\/]@(aws-sdk|smithy)[\\/]/;

async function modulesLoadedBy(args: string[], env: Record<string, string> = {}) {
  const log = join(mkdtempSync(join(tmpdir(), "calificar-modules-")), "modules.log");
  const run = await runCli(args, { ...env, NODE_OPTIONS: `--import=${RECORDER}`, CALIFICAR_MODULE_LOG: log });
  const modules = readFileSync(log, "utf8").split("\n").filter(Boolean);
  // The recorder saw the CLI itself start, so an empty AWS list means something.
  expect(modules.some((m) => /[\\/]src[\\/]cli[\\/]main\.js$/.test(m))).toBe(true);
  return { run, modules, aws: modules.filter((m) => AWS_MODULE.test(m)) };
}

describe("lazy loading", () => {
  it.each([
    { args: ["--version"], code: 0 },
    { args: ["--help"], code: 0 },
    { args: ["labs"], code: 0 },
    { args: ["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"], code: 1 },
    { args: ["lab-crud", "--snapshot", "examples/lab-crud.snapshot.json"], code: 0 },
    { args: ["lab-nada"], code: 2 },
  ])("calificar $args loads no AWS SDK module", async ({ args, code }) => {
    const { run, aws } = await modulesLoadedBy(args);
    expect(run.code, run.stderr).toBe(code);
    expect(aws).toEqual([]);
  });

  it("grading lab-ec2 loads the STS and EC2 clients, and no other service's", async () => {
    // A refused endpoint: the clients are created and used, nothing leaves loopback.
    const { run, aws } = await modulesLoadedBy(["lab-ec2"], awsEnv(`http://127.0.0.1:${await freePort()}`));
    expect(run.code).toBe(3);
    const clients = new Set(aws.flatMap((m) => /@aws-sdk[\\/](client-[a-z0-9-]+)/.exec(m)?.[1] ?? []));
    expect([...clients].sort()).toEqual(["client-ec2", "client-sts"]);
  });

  it("grading lab-colas loads the SQS, Lambda and STS clients, and no other service's", async () => {
    const { run, aws } = await modulesLoadedBy(["lab-colas"], awsEnv(`http://127.0.0.1:${await freePort()}`));
    expect(run.code).toBe(3);
    const clients = new Set(aws.flatMap((m) => /@aws-sdk[\\/](client-[a-z0-9-]+)/.exec(m)?.[1] ?? []));
    expect([...clients].sort()).toEqual(["client-lambda", "client-sqs", "client-sts"]);
  });
});
