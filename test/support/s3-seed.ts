import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
  type LifecycleRule,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";

const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

/** The lifecycle rule of the course: Standard-IA at 30 days, then Glacier at 365. */
export function courseRule(glacier: "GLACIER" | "GLACIER_IR" | "DEEP_ARCHIVE" = "GLACIER"): LifecycleRule {
  return {
    ID: "curso",
    Status: "Enabled",
    Filter: {},
    Transitions: [
      { Days: 30, StorageClass: "STANDARD_IA" },
      { Days: 365, StorageClass: glacier },
    ],
  };
}

export const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export interface StudentBucket {
  name: string;
  region?: string;
  /** null: never turned on. */
  versioning?: "Enabled" | "Suspended" | null;
  /** [] : no lifecycle configuration at all. */
  rules?: LifecycleRule[];
  encryption?: ServerSideEncryption | null;
  /** The bucket's own Block Public Access; null: none. */
  block?: typeof ALL_ON | null;
}

/** Creates, through the SDK, a bucket as a student leaves it in lab-s3; by default the course's. */
export async function seedBucket(endpoint: string, b: StudentBucket): Promise<void> {
  const region = b.region ?? "us-east-1";
  const s3 = new S3Client({ region, endpoint, forcePathStyle: true, credentials: CREDENTIALS });
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: b.name,
        ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    const versioning = b.versioning === undefined ? "Enabled" : b.versioning;
    if (versioning === "Suspended") {
      // Suspended is what a bucket shows after versioning was on and then paused.
      await s3.send(new PutBucketVersioningCommand({ Bucket: b.name, VersioningConfiguration: { Status: "Enabled" } }));
    }
    if (versioning) await s3.send(new PutBucketVersioningCommand({ Bucket: b.name, VersioningConfiguration: { Status: versioning } }));
    const rules = b.rules ?? [courseRule()];
    if (rules.length) await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: b.name, LifecycleConfiguration: { Rules: rules } }));
    const encryption = b.encryption === undefined ? "AES256" : b.encryption;
    if (encryption) {
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: b.name,
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: encryption } }] },
        }),
      );
    }
    const block = b.block === undefined ? ALL_ON : b.block;
    if (block) await s3.send(new PutPublicAccessBlockCommand({ Bucket: b.name, PublicAccessBlockConfiguration: block }));
  } finally {
    s3.destroy();
  }
}

/** Turns Block Public Access on (or partly on) for the whole account, through S3 Control. */
export async function seedAccountBlock(endpoint: string, block: typeof ALL_ON = ALL_ON, accountId = "123456789012"): Promise<void> {
  // S3 Control names the account in the host; moto on 127.0.0.1 reads it from the header too.
  const control = new S3ControlClient({ region: "us-east-1", credentials: CREDENTIALS, endpointProvider: () => ({ url: new URL(endpoint) }) });
  try {
    await control.send(new PutAccountPublicAccessBlockCommand({ AccountId: accountId, PublicAccessBlockConfiguration: block }));
  } finally {
    control.destroy();
  }
}
