import type { LifecycleRule } from "@aws-sdk/client-s3";
import { lifecycleFacts, type BucketFacts, type PublicAccessBlockFacts } from "../../checks/s3.js";
import type { CallError } from "../../src/core/snapshot.js";

/** The course's rule, as GetBucketLifecycleConfiguration returns it: Standard-IA at 30 days, Glacier at 365. */
export const COURSE_RULE: LifecycleRule = {
  ID: "curso",
  Status: "Enabled",
  Filter: {},
  Transitions: [
    { Days: 30, StorageClass: "STANDARD_IA" },
    { Days: 365, StorageClass: "GLACIER" },
  ],
};

export const ALL_BLOCKED: PublicAccessBlockFacts = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

/** Block Public Access with some settings turned off. */
export function blockWithout(...off: (keyof PublicAccessBlockFacts)[]): PublicAccessBlockFacts {
  return { ...ALL_BLOCKED, ...Object.fromEntries(off.map((k) => [k, false])) };
}

/** lifecycle as checks/s3.ts normalizes these AWS-shaped rules. */
export function withRules(...rules: LifecycleRule[]): Pick<BucketFacts, "lifecycle"> {
  return { lifecycle: lifecycleFacts(rules) };
}

/** A bucket made by the course's steps: passes every check of lab-s3. */
export const BUCKET = {
  name: "curso-aws-ana-2026",
  arn: "arn:aws:s3:::curso-aws-ana-2026",
  region: "us-east-1",
  creationDate: "2026-11-20T09:00:00.000Z",
  versioning: "Enabled",
  mfaDelete: "Disabled",
  lifecycle: lifecycleFacts([COURSE_RULE]),
  defaultEncryption: { sseAlgorithm: "AES256", kmsMasterKeyId: null, bucketKeyEnabled: false },
  publicAccessBlock: ALL_BLOCKED,
  accountPublicAccessBlock: null,
  errors: [] as CallError[],
} satisfies BucketFacts;

export function denied(action: string, target = BUCKET.name, region = "us-east-1"): CallError {
  return {
    action,
    code: "AccessDenied",
    kind: "denied",
    message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action}`,
    collector: "s3",
    region,
    target,
  };
}
