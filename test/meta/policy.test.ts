import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collectors } from "../../checks/index.js";
import { allCollectors } from "../../src/app/policy.js";
import type { Collector } from "../../src/collect/collector.js";
import { cleanupCollectors } from "../../src/cleanup/registry.js";
import {
  ACTIVE_ACTIONS,
  READ_ONLY_SID,
  policyDocument,
  renderInstructorRole,
  renderPolicyJson,
  type PolicyDocument,
} from "../../src/core/policy.js";
import { ROOT } from "../support/cli.js";

// The shipped policy is exactly the union of what the collectors declare. When a collector's
// actions change, regenerate both files: npm run policies

const POLICY_FILE = join(ROOT, "policies", "calificar-readonly.json");
const ROLE_FILE = join(ROOT, "policies", "instructor-role.yaml");

const presentCollectors = allCollectors;

const committed = (): PolicyDocument => JSON.parse(readFileSync(POLICY_FILE, "utf8")) as PolicyDocument;
const actionsOf = (policy: PolicyDocument) => policy.Statement.flatMap((s) => s.Action);

const fake = (actions: string[]): Pick<Collector, "actions"> => ({ actions });

describe("policyDocument", () => {
  it("puts every declared action once, sorted, in one read-only statement", () => {
    const policy = policyDocument([fake(["sts:GetCallerIdentity"]), fake(["ec2:DescribeVolumes", "ec2:DescribeInstances"]), fake(["ec2:DescribeInstances"])]);
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: READ_ONLY_SID, Effect: "Allow", Action: ["ec2:DescribeInstances", "ec2:DescribeVolumes", "sts:GetCallerIdentity"], Resource: "*" },
      ],
    });
  });

  it("puts lambda:InvokeFunction, the one active call, in its own statement, and leaves it out on request", () => {
    const lambda = fake(["lambda:ListFunctions", "lambda:InvokeFunction", "logs:GetLogEvents"]);
    const withInvoke = policyDocument([lambda]);
    expect(withInvoke.Statement).toEqual([
      { Sid: READ_ONLY_SID, Effect: "Allow", Action: ["lambda:ListFunctions", "logs:GetLogEvents"], Resource: "*" },
      { Sid: "ActiveLambdaInvoke", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: "*" },
    ]);
    const without = policyDocument([lambda], { invoke: false });
    expect(actionsOf(without)).not.toContain("lambda:InvokeFunction");
    expect(without.Statement.map((s) => s.Sid)).toEqual([READ_ONLY_SID]);
  });

  it("has no active statement when no collector declares an active call", () => {
    expect(policyDocument([fake(["ec2:DescribeInstances"])]).Statement.map((s) => s.Sid)).toEqual([READ_ONLY_SID]);
  });
});

describe("policies/calificar-readonly.json", () => {
  it("is what src/policy.ts generates from the collectors in checks/index.ts", async () => {
    const generated = renderPolicyJson(policyDocument(await presentCollectors()));
    expect(readFileSync(POLICY_FILE, "utf8"), "regenerate: npm run policies").toBe(generated);
  });

  it("registers every collector module of checks/ in checks/index.ts, so none escapes the policy", () => {
    const modules = readdirSync(join(ROOT, "checks"))
      .filter((f) => f.endsWith(".ts") && readFileSync(join(ROOT, "checks", f), "utf8").includes("defineCollector"))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(modules).toContain("ec2");
    expect(modules.filter((m) => !(m in collectors))).toEqual([]);
  });

  it("registers every cleanup collector module in src/cleanup/registry.ts, so none escapes the policy", () => {
    const dir = join(ROOT, "src", "cleanup", "collectors");
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && readFileSync(join(dir, f), "utf8").includes("defineCollector"))
      .map((f) => `cleanup-${f.replace(/\.ts$/, "")}`);
    expect(modules).toContain("cleanup-ec2");
    expect(modules.filter((m) => !(m in cleanupCollectors))).toEqual([]);
  });

  // Read-only means no verb that changes anything; the documented Invoke is the single exception.
  const WRITE = /^[a-z0-9-]+:(Create|Delete|Put|Update|Modify|Run|Start|Stop|Terminate|Attach|Detach|Associate|Disassociate|Allocate|Release|Authorize|Revoke|Reboot|Invoke|Publish|Send|Set|Tag|Untag|Add|Remove|Enable|Disable|Restore|Upload|Import|Copy|Reset|Pass|Assume|Swap|Rebuild|Abort)/;
  const READ = /^[a-z0-9-]+:(Describe|Get|List|Filter|Search|Lookup)[A-Z]/;

  it.each([
    ["the committed policy", committed],
    ["a policy made from example collectors", () => policyDocument([fake(["s3:GetBucketVersioning", "lambda:InvokeFunction", "logs:FilterLogEvents"])])],
  ])("holds no write action outside the active statement: %s", (_label, make) => {
    const policy = make();
    const readOnly = policy.Statement.filter((s) => s.Sid === READ_ONLY_SID).flatMap((s) => s.Action);
    expect(readOnly.length).toBeGreaterThan(0);
    expect(readOnly.filter((a) => WRITE.test(a) || !READ.test(a))).toEqual([]);
    for (const statement of policy.Statement.filter((s) => s.Sid !== READ_ONLY_SID)) {
      expect(statement.Action.map((a) => ACTIVE_ACTIONS[a])).toEqual([statement.Sid]);
    }
    expect(policy.Statement.every((s) => s.Effect === "Allow")).toBe(true);
  });

  it("would catch a write action", () => {
    expect(WRITE.test("ec2:TerminateInstances")).toBe(true);
    expect(READ.test("ec2:RunInstances")).toBe(false);
    expect(READ.test("ec2:DescribeInstances")).toBe(true);
  });
});

describe("policies/instructor-role.yaml", () => {
  const template = () => parse(readFileSync(ROLE_FILE, "utf8")) as {
    Parameters: Record<string, unknown>;
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };

  it("is what src/policy.ts generates", async () => {
    const generated = renderInstructorRole(policyDocument(await presentCollectors()));
    expect(readFileSync(ROLE_FILE, "utf8"), "regenerate: npm run policies").toBe(generated);
  });

  it("grants the role exactly the actions of policies/calificar-readonly.json", () => {
    const roles = Object.values(template().Resources).filter((r) => r.Type === "AWS::IAM::Role");
    expect(roles).toHaveLength(1);
    const policies = roles[0]!.Properties["Policies"] as { PolicyDocument: PolicyDocument }[];
    expect(policies.map((p) => p.PolicyDocument)).toEqual([committed()]);
    expect(roles[0]!.Properties["ManagedPolicyArns"]).toBeUndefined();
  });

  it("lets only the instructor's account assume it, and only with the ExternalId", () => {
    const t = template();
    expect(Object.keys(t.Parameters).sort()).toEqual(["ExternalId", "InstructorAccountId"]);
    const trust = Object.values(t.Resources)[0]!.Properties["AssumeRolePolicyDocument"];
    expect(trust).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${InstructorAccountId}:root" } },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
        },
      ],
    });
  });

  it("deploys: moto's CloudFormation creates the role with the trust and the policy", () => {
    // moto in-process (python3 -m moto ships boto3): no network, no AWS.
    const script = [
      "import ast, boto3, json, sys",
      "from moto import mock_aws",
      "with mock_aws():",
      "    cf = boto3.client('cloudformation', region_name='us-east-1')",
      "    cf.create_stack(StackName='calificar', TemplateBody=open(sys.argv[1]).read(), Capabilities=['CAPABILITY_NAMED_IAM'],",
      "        Parameters=[{'ParameterKey': 'InstructorAccountId', 'ParameterValue': '210987654321'}, {'ParameterKey': 'ExternalId', 'ParameterValue': 'curso-aws-2026'}])",
      "    stack = cf.describe_stacks(StackName='calificar')['Stacks'][0]",
      "    iam = boto3.client('iam', region_name='us-east-1')",
      "    role = iam.get_role(RoleName='calificar-readonly')['Role']",
      "    policy = iam.get_role_policy(RoleName='calificar-readonly', PolicyName='calificar-readonly')['PolicyDocument']",
      // moto hands an inline policy that came from a template back as Python's repr.
      "    policy = ast.literal_eval(policy) if isinstance(policy, str) else policy",
      "    print(json.dumps({'status': stack['StackStatus'], 'outputs': stack.get('Outputs', []), 'trust': role['AssumeRolePolicyDocument'], 'policy': policy}))",
    ].join("\n");
    const out = JSON.parse(execFileSync("python3", ["-c", script, ROLE_FILE], { encoding: "utf8", env: { ...process.env, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" } }));
    expect(out.status).toBe("CREATE_COMPLETE");
    expect(out.outputs).toEqual([expect.objectContaining({ OutputKey: "RoleArn", OutputValue: "arn:aws:iam::123456789012:role/calificar-readonly" })]);
    expect(out.trust.Statement[0]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::210987654321:root" },
      Condition: { StringEquals: { "sts:ExternalId": "curso-aws-2026" } },
    });
    expect(out.policy).toEqual(committed());
  });

  it("keeps the policy Version a string for YAML 1.1 readers", () => {
    expect(readFileSync(ROLE_FILE, "utf8")).not.toMatch(/Version: 2012-10-17/);
  });
});
