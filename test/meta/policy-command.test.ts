import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { EXIT } from "../../src/errors.js";
import type { Io } from "../../src/io.js";
import { main } from "../../src/main.js";
import type { PolicyDocument } from "../../src/policy.js";

// A registry with a Lambda-like collector, so the command's handling of the active call is
// tested whatever collectors exist in checks/ today.
vi.mock("../../checks/index.js", () => {
  const registry = {
    sts: async () => ({ default: { service: "sts", actions: ["sts:GetCallerIdentity"], collect: async () => ({}) } }),
    lambda: async () => ({
      default: { service: "lambda", actions: ["lambda:ListFunctions", "lambda:InvokeFunction", "logs:GetLogEvents"], collect: async () => ({}) },
    }),
    ec2: async () => ({ default: { service: "ec2", actions: ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups"], collect: async () => ({}) } }),
  };
  return {
    collectors: registry,
    loadCollector: async (name: string) => (await registry[name as keyof typeof registry]()).default,
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
  it.each(["policy", "politica"])("%s prints the policy of every registered collector, with the active statement apart", async (command) => {
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
