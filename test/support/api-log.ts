import { appendFileSync, readFileSync } from "node:fs";

// Proof that calificar never writes to a student's account: every AWS call that reaches the
// emulator during the test run (moto, and the fake endpoint in front of it) is appended to one
// file, and the global teardown (test/support/global-setup.ts) refuses any call outside the
// shipped policies (the student's read-only role, and the instructor's AssumeRole and
// Organizations listing). The tests' own seeding (RunInstances, CreateBucket…) is signed with
// SEEDING_KEY_ID, or with keys an AssumeRole signed with a seeding key handed out (a test acting
// inside another moto account), and left out; the CLI, the Action and in-process grading use
// awsEnv(), whose key is CLI_KEY_ID, and anything else that is not seeding counts too.

/** The file the calls are appended to; set by the global setup, absent outside vitest (bench). */
export const API_LOG_ENV = "CALIFICAR_API_LOG";
/** The access key id of the tests' own setup calls (seed-ec2, s3-seed, iam-seed, the fakes). */
export const SEEDING_KEY_ID = "testing";
/** The access key id the graded processes use (awsEnv); kept under 8 characters so the Action does not mask it. */
export const CLI_KEY_ID = "cli-key";

const seedingKeys = new Set([SEEDING_KEY_ID]);

/** Whether a request is the tests' own setup. */
export function isSeeding(authorization: string | undefined): boolean {
  return seedingKeys.has(accessKeyOf(authorization));
}

/** Keys in an AssumeRole answer to a seeding request are seeding keys too. */
export function learnSeedingKeys(assumeRoleAnswer: string): void {
  for (const m of assumeRoleAnswer.matchAll(/<AccessKeyId>([^<]+)<\/AccessKeyId>/g)) seedingKeys.add(m[1]!);
}

/** The access key id an AWS request is signed with, or "" for an unsigned one. */
export function accessKeyOf(authorization: string | undefined): string {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? "")?.[1] ?? "";
}

/** Appends `service:Action` when the call is not the tests' seeding; a no-op outside the suite. */
export function recordApiCall(call: string, authorization: string | undefined): void {
  const file = process.env[API_LOG_ENV];
  if (!file || isSeeding(authorization)) return;
  appendFileSync(file, `${call}\n`);
}

export function readApiLog(file: string): string[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return [...new Set(text.split("\n").filter(Boolean))].sort();
}

// API operation → the IAM action that authorizes it, where the names differ.
const IAM_ACTION: Record<string, string> = {
  "lambda:Invoke": "lambda:InvokeFunction",
  "s3:ListBuckets": "s3:ListAllMyBuckets",
  "s3:ListObjectVersions": "s3:ListBucketVersions",
  "s3:ListObjects": "s3:ListBucket",
  "s3:ListObjectsV2": "s3:ListBucket",
  "s3:HeadBucket": "s3:ListBucket",
  "s3:GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
  "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "s3:GetBucketTagging": "s3:GetBucketTagging",
  "s3:GetBucketNotificationConfiguration": "s3:GetBucketNotification",
  "lambda:GetFunctionConfiguration": "lambda:GetFunctionConfiguration",
};

export function iamActionOf(call: string): string {
  // API Gateway's IAM actions are its HTTP methods (apigateway:GET), whatever the path.
  const gateway = /^apigateway:([A-Z]+) /.exec(call);
  if (gateway) return `apigateway:${gateway[1]}`;
  return IAM_ACTION[call] ?? call;
}

/** The calls no statement of `policy` allows (plus `extra`, the optional active calls), as IAM actions. */
export function outsidePolicy(calls: string[], policy: { Statement: { Action: string | string[] }[] }, extra: string[] = []): string[] {
  const allowed = new Set([...policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])), ...extra]);
  return [...new Set(calls.map(iamActionOf))].filter((a) => !allowed.has(a)).sort();
}
