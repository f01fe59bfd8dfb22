import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { chunkManifest, chunksLoadedBy } from "../support/loaded-chunks.js";
import { awsEnv } from "../support/moto.js";
import { freePort } from "../support/ports.js";

// Commands that need no AWS must load no AWS SDK chunk: start-up time is a student's first
// impression. What a command loaded is read from the bundle's chunks (test/support/loaded-chunks.ts).

describe("lazy loading", () => {
  it("the build lists the SDK's chunks (so an empty list below means something)", () => {
    const withSdk = Object.values(chunkManifest()).filter((c) => c.packages.includes("@aws-sdk/client-ec2"));
    expect(withSdk.length).toBeGreaterThan(0);
  });

  it.each([
    { args: ["--version"], code: 0 },
    { args: ["--help"], code: 0 },
    { args: ["labs"], code: 0 },
    { args: ["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"], code: 1 },
    { args: ["lab-crud", "--snapshot", "examples/lab-crud.snapshot.json"], code: 0 },
    { args: ["lab-nada"], code: 2 },
  ])("calificar $args loads no AWS SDK chunk", async ({ args, code }) => {
    const { run, aws } = await chunksLoadedBy(args);
    expect(run.code, run.stderr).toBe(code);
    expect(aws).toEqual([]);
  });

  it("grading lab-ec2 loads the STS and EC2 clients, and no other service's", async () => {
    // A refused endpoint: the clients are created and used, nothing leaves loopback.
    const { run, packages } = await chunksLoadedBy(["lab-ec2"], awsEnv(`http://127.0.0.1:${await freePort()}`));
    expect(run.code).toBe(3);
    const clients = packages.filter((p) => p.startsWith("@aws-sdk/client-"));
    expect(clients).toEqual(["@aws-sdk/client-ec2", "@aws-sdk/client-sts"]);
  });

  it.each([["labs"], ["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"]])(
    "calificar %s uses the schemas compiled at build time: ajv's compiler is not loaded",
    async (...args) => {
      const { run, modules } = await chunksLoadedBy(args);
      expect(run.code).not.toBe(3);
      expect(modules.has("src/core/precompiled.ts")).toBe(true);
      expect(modules.has("src/core/schemas.ts")).toBe(false);
    },
  );

  it("a lab whose schema changed after the build is compiled when it runs, never judged by the build's code", async () => {
    // lab-ec2 from --labs, the instance now expected to be «stopped»: same lab id and check id.
    const dir = mkdtempSync(join(tmpdir(), "calificar-labs-"));
    const lab = JSON.parse(readFileSync(join(ROOT, "labs/lab-ec2.json"), "utf8"));
    const check = lab.checks.find((c: { id: string }) => c.id === "instance-running");
    check.expected = { const: "stopped" };
    writeFileSync(join(dir, "lab-ec2.json"), JSON.stringify(lab));
    const args = ["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json", "--format", "json"];
    const shipped = await chunksLoadedBy(args);
    const changed = await chunksLoadedBy([...args, "--labs", dir]);
    const status = (out: string) => JSON.parse(out).checks.find((c: { id: string }) => c.id === "instance-running").status;
    expect(status(shipped.run.stdout)).toBe("passed");
    expect(status(changed.run.stdout)).toBe("failed");
    expect(changed.modules.has("src/core/schemas.ts")).toBe(true);
  });

  it("reads no YAML parser unless --repo names a repository to read", async () => {
    const env = awsEnv(`http://127.0.0.1:${await freePort()}`);
    const without = await chunksLoadedBy(["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json"]);
    const live = await chunksLoadedBy(["lab-beanstalk"], env);
    const withRepo = await chunksLoadedBy(["lab-beanstalk", "--repo", "."], env);
    expect([without.run.code, live.run.code, withRepo.run.code]).toEqual([1, 3, 3]);
    expect(without.packages).not.toContain("yaml");
    expect(live.packages).not.toContain("yaml");
    expect(withRepo.packages).toContain("yaml");
  });

  it("grading lab-colas loads the SQS, Lambda and STS clients, and no other service's", async () => {
    const { run, packages } = await chunksLoadedBy(["lab-colas"], awsEnv(`http://127.0.0.1:${await freePort()}`));
    expect(run.code).toBe(3);
    const clients = packages.filter((p) => p.startsWith("@aws-sdk/client-"));
    expect(clients).toEqual(["@aws-sdk/client-lambda", "@aws-sdk/client-sqs", "@aws-sdk/client-sts"]);
  });
});
