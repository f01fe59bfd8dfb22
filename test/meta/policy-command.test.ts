import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { EXIT } from "../../src/core/errors.js";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import type { PolicyDocument } from "../../src/core/policy.js";

// The command prints the shipped policy (test/meta/policy.test.ts keeps it equal to what every
// collector declares), so it loads no SDK code. A stand-in for that file with a Lambda-like
// collector's actions tests the command's handling of the active call whatever the real one holds.
const SHIPPED: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "CalificarReadOnly",
      Effect: "Allow",
      Action: ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "lambda:ListFunctions", "logs:GetLogEvents", "sts:GetCallerIdentity"],
      Resource: "*",
    },
    { Sid: "ActiveLambdaInvoke", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: "*" },
  ],
};
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    readFile: (async (file: string, ...rest: unknown[]) =>
      String(file).endsWith("calificar-readonly.json") ? JSON.stringify(SHIPPED) : (fs.readFile as (...a: unknown[]) => unknown)(file, ...rest)) as typeof fs.readFile,
  };
});

function io() {
  const out = { stdout: "", stderr: "" };
  const value: Io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: {},
    now: () => new Date("2026-11-28T10:00:00Z"),
  };
  return { io: value, out };
}

describe("calificar policy / politica", () => {
  it.each(["policy", "politica"])("%s prints the shipped policy, with the active statement apart", async (command) => {
    const { io: streams, out } = io();
    expect(await main([command], streams)).toBe(EXIT.passed);
    const policy = JSON.parse(out.stdout) as PolicyDocument;
    expect(policy.Statement).toEqual([
      {
        Sid: "CalificarReadOnly",
        Effect: "Allow",
        Action: ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "lambda:ListFunctions", "logs:GetLogEvents", "sts:GetCallerIdentity"],
        Resource: "*",
      },
      { Sid: "ActiveLambdaInvoke", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: "*" },
    ]);
    expect(out.stderr).toBe("");
  });

  it("leaves lambda:InvokeFunction out with --no-invoke", async () => {
    const { io: streams, out } = io();
    expect(await main(["policy", "--no-invoke"], streams)).toBe(EXIT.passed);
    expect(out.stdout).not.toContain("InvokeFunction");
    expect((JSON.parse(out.stdout) as PolicyDocument).Statement.map((s) => s.Sid)).toEqual(["CalificarReadOnly"]);
  });

  it("prints the instructor role's CloudFormation template with the same statements", async () => {
    const json = io();
    await main(["policy"], json.io);
    const yaml = io();
    expect(await main(["policy", "--format", "cloudformation"], yaml.io)).toBe(EXIT.passed);
    const template = parse(yaml.out.stdout) as { Resources: { CalificarRole: { Properties: { Policies: { PolicyDocument: unknown }[] } } } };
    expect(template.Resources.CalificarRole.Properties.Policies[0]!.PolicyDocument).toEqual(JSON.parse(json.out.stdout));
  });

  it.each([
    [["policy", "--format", "xml"], "Formato desconocido: xml"],
    [["policy", "--lang", "en", "--format", "xml"], "Unknown format: xml"],
    [["policy", "--inovke"], "Opción desconocida: --inovke"],
    [["policy", "lab-ec2"], "Sobra el argumento «lab-ec2»"],
  ])("refuses bad input %j with exit code 2", async (argv, says) => {
    const { io: streams, out } = io();
    expect(await main(argv, streams)).toBe(EXIT.badInput);
    expect(out.stderr).toContain(says);
    expect(out.stdout).toBe("");
  });
});
