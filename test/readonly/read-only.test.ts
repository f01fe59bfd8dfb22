import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_LOG_ENV, CLI_KEY_ID, SEEDING_KEY_ID, iamActionOf, outsidePolicy, readApiLog, recordApiCall } from "../support/api-log.js";
import { ROOT, runCli } from "../support/cli.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { seedServer } from "../support/seed-ec2.js";

// The proof that calificar never writes to a student's account is the global teardown
// (test/support/global-setup.ts) over every call of the whole run. These tests show that the
// proof can fail, and that it sees the grader's calls but not the tests' own seeding.

const POLICY = JSON.parse(readFileSync(join(ROOT, "policies", "calificar-readonly.json"), "utf8"));
const signed = (key: string) => `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0`;

describe("outsidePolicy", () => {
  it("accepts the collectors' read calls under their API names", () => {
    expect(outsidePolicy(["ec2:DescribeInstances", "s3:ListBuckets", "s3:GetBucketEncryption", "s3:ListObjectVersions", "sts:GetCallerIdentity"], POLICY)).toEqual([]);
  });

  it("names every write, and lambda Invoke unless it is the allowed optional call", () => {
    expect(outsidePolicy(["ec2:RunInstances", "s3:PUT /bucket", "ec2:DescribeInstances", "lambda:Invoke"], { Statement: [{ Action: ["ec2:DescribeInstances"] }] })).toEqual([
      "ec2:RunInstances",
      "lambda:InvokeFunction",
      "s3:PUT /bucket",
    ]);
    expect(outsidePolicy(["lambda:Invoke"], { Statement: [{ Action: "ec2:DescribeInstances" }] }, ["lambda:InvokeFunction"])).toEqual([]);
    expect(iamActionOf("lambda:Invoke")).toBe("lambda:InvokeFunction");
    expect(iamActionOf("apigateway:GET /v2/apis/abc123/routes")).toBe("apigateway:GET");
    expect(iamActionOf("apigateway:DELETE /v2/apis/abc123")).toBe("apigateway:DELETE");
    expect(iamActionOf("s3:GetBucketNotificationConfiguration")).toBe("s3:GetBucketNotification");
  });
});

describe("the recorder", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it("is on for the whole suite", () => {
    expect(process.env[API_LOG_ENV]).toBeTruthy();
    expect(awsEnv("http://x").AWS_ACCESS_KEY_ID).toBe(CLI_KEY_ID);
  });

  it("leaves the tests' seeding out and keeps everything else, signed or not", () => {
    // A log of its own: these made-up calls must not reach the suite's (they would fail it).
    const suiteLog = process.env[API_LOG_ENV];
    const file = join(mkdtempSync(join(tmpdir(), "calificar-api-log-test-")), "calls.txt");
    process.env[API_LOG_ENV] = file;
    try {
      recordApiCall("ec2:CreateTags", signed(SEEDING_KEY_ID));
      recordApiCall("ec2:DescribeTags", signed(CLI_KEY_ID));
      recordApiCall("unknown:GET /", undefined);
    } finally {
      process.env[API_LOG_ENV] = suiteLog;
    }
    expect(readApiLog(file)).toEqual(["ec2:DescribeTags", "unknown:GET /"]);
  });

  it("sees the CLI's calls to moto, even straight to moto, and not the seeding's", async () => {
    await seedServer(moto.url, { elasticIp: true });
    const run = await runCli(["lab-ec2", "--no-probe", "--format", "json"], awsEnv(moto.url));
    expect(run.code).toBe(1); // graded (the app check is skipped): the calls reached moto
    const calls = readApiLog(process.env[API_LOG_ENV]!);
    expect(calls).toEqual(expect.arrayContaining(["sts:GetCallerIdentity", "ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:DescribeVolumes"]));
    expect(calls).not.toContain("ec2:RunInstances");
    expect(calls).not.toContain("ec2:AllocateAddress");
  });
});
