import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
  type Bucket,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient, S3ControlServiceException } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { BUCKET_CONCURRENCY, type S3Facts } from "../../checks/s3.js";
import { locationRegion } from "../../src/collect/s3.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// Shapes follow the S3 API reference: ListBuckets' Buckets[] (BucketRegion when paginated),
// GetBucketLocation's LocationConstraint (empty for us-east-1, «EU» for old eu-west-1 buckets),
// GetBucketLifecycleConfiguration's Rules (Filter, Transitions, NoncurrentVersionTransitions), and
// S3's XML error codes, which the SDK turns into exceptions named after <Code>:
// NoSuchLifecycleConfiguration, ServerSideEncryptionConfigurationNotFoundError and
// NoSuchPublicAccessBlockConfiguration (404), AccessDenied (403).

const s3 = mockClient(S3Client);
const control = mockClient(S3ControlClient);
const sts = mockClient(STSClient);
let pool: ClientPool;

const ACCOUNT = "123456789012";
const OWNER = { ID: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" };
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

function s3Error(name: string, status: number, message: string): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, requestId: "4442587FB7D0A2F9" }, message });
}

const denied = (action: string) =>
  s3Error("AccessDenied", 403, `User: arn:aws:iam::${ACCOUNT}:user/ana is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);

function bucket(name: string, more: Partial<Bucket> = {}): Bucket {
  return { Name: name, CreationDate: new Date("2026-11-20T09:00:00.000Z"), ...more };
}

/** A bucket set up by the course's steps, for every bucket unless a test says otherwise. */
function courseBuckets() {
  s3.on(GetBucketLocationCommand).resolves({});
  s3.on(GetBucketVersioningCommand).resolves({ Status: "Enabled", MFADelete: "Disabled" });
  s3.on(GetBucketLifecycleConfigurationCommand).resolves({
    Rules: [
      {
        ID: "curso",
        Status: "Enabled",
        Filter: { Prefix: "" },
        Transitions: [
          { Days: 30, StorageClass: "STANDARD_IA" },
          { Days: 365, StorageClass: "GLACIER" },
        ],
      },
    ],
    TransitionDefaultMinimumObjectSize: "all_storage_classes_128K",
  });
  s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] },
  });
  s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
}

beforeEach(() => {
  s3.reset();
  control.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ana`, UserId: "AIDAJQABLZS4A3QDU576Q" });
  control.on(GetAccountPublicAccessBlockCommand).rejects(
    new S3ControlServiceException({ name: "NoSuchPublicAccessBlockConfiguration", $fault: "client", $metadata: { httpStatusCode: 404 }, message: "The public access block configuration was not found" }),
  );
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect(region = "us-east-1") {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, region, pool, {}, errors))) as S3Facts;
  return { facts, errors };
}

/** The region of the client each call of `command` went through. */
async function regionsOf(command: Parameters<typeof s3.commandCalls>[0]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const call of s3.commandCalls(command)) {
    const client = call.thisValue as S3Client;
    out[(call.args[0].input as { Bucket: string }).Bucket] = await client.config.region();
  }
  return out;
}

describe("s3 collector", () => {
  it("reads the buckets without waiting for the account's Block Public Access (no bucket call needs it)", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("curso-ana")], Owner: OWNER });
    // S3 Control answers only once a bucket has been read: a collector that waited for it first
    // would never get there, and the race below would end at its timer.
    let bucketRead!: () => void;
    const read = new Promise<void>((resolve) => (bucketRead = resolve));
    s3.on(GetBucketVersioningCommand).callsFake(async () => {
      bucketRead();
      return { Status: "Enabled" };
    });
    control.on(GetAccountPublicAccessBlockCommand).callsFake(async () => {
      await read;
      return { PublicAccessBlockConfiguration: ALL_ON };
    });
    const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000));
    const outcome = await Promise.race([collect(), waited]);
    expect(outcome).not.toBe("waited");
    const { facts } = outcome as Awaited<ReturnType<typeof collect>>;
    const allOn = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
    expect(facts.buckets.map((b) => [b.name, b.versioning, b.accountPublicAccessBlock])).toEqual([["curso-ana", "Enabled", allOn]]);
    expect(facts.accountPublicAccessBlock).toEqual(allOn);
  });

  it("lists every page of buckets and reads each one in its own region", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [bucket("curso-eu", { BucketRegion: "eu-west-1" }), bucket("viejo")], Owner: OWNER, ContinuationToken: "page-2" })
      .resolvesOnce({ Buckets: [bucket("antiguo-eu")], Owner: OWNER });
    s3.on(GetBucketLocationCommand, { Bucket: "viejo" }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: "antiguo-eu" }).resolves({ LocationConstraint: "EU" });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.buckets.map((b) => [b.name, b.region])).toEqual([
      ["curso-eu", "eu-west-1"],
      ["viejo", "us-east-1"],
      ["antiguo-eu", "eu-west-1"],
    ]);
    const pages = s3.commandCalls(ListBucketsCommand).map((c) => c.args[0].input);
    // The paginator reuses one input object, so the recorded inputs show its last state.
    expect(pages).toHaveLength(2);
    expect(pages[1]).toEqual({ MaxBuckets: 1000, ContinuationToken: "page-2" });
    // ListBuckets named the first bucket's region: no GetBucketLocation for it.
    expect(s3.commandCalls(GetBucketLocationCommand).map((c) => c.args[0].input.Bucket).sort()).toEqual(["antiguo-eu", "viejo"]);
    for (const command of [GetBucketVersioningCommand, GetBucketLifecycleConfigurationCommand, GetBucketEncryptionCommand, GetPublicAccessBlockCommand]) {
      expect(await regionsOf(command)).toEqual({ "curso-eu": "eu-west-1", viejo: "us-east-1", "antiguo-eu": "eu-west-1" });
    }
    expect(facts.buckets[0]).toEqual({
      name: "curso-eu",
      arn: "arn:aws:s3:::curso-eu",
      region: "eu-west-1",
      creationDate: "2026-11-20T09:00:00.000Z",
      versioning: "Enabled",
      mfaDelete: "Disabled",
      lifecycle: {
        rules: [
          {
            id: "curso",
            status: "Enabled",
            prefix: "",
            tags: {},
            objectSizeGreaterThan: null,
            objectSizeLessThan: null,
            transitions: [
              { days: 30, date: null, storageClass: "STANDARD_IA" },
              { days: 365, date: null, storageClass: "GLACIER" },
            ],
            noncurrentTransitions: [],
            expirationDays: null,
            noncurrentExpirationDays: null,
            abortIncompleteMultipartUploadDays: null,
          },
        ],
        transitions: [
          { ruleId: "curso", status: "Enabled", prefix: "", days: 30, date: null, storageClass: "STANDARD_IA" },
          { ruleId: "curso", status: "Enabled", prefix: "", days: 365, date: null, storageClass: "GLACIER" },
        ],
        noncurrentTransitions: [],
      },
      defaultEncryption: { sseAlgorithm: "AES256", kmsMasterKeyId: null, bucketKeyEnabled: false },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      accountPublicAccessBlock: null,
      errors: [],
    });
  });

  it.each([
    [undefined, "us-east-1"],
    ["", "us-east-1"],
    ["EU", "eu-west-1"],
    ["sa-east-1", "sa-east-1"],
  ])("reads LocationConstraint %j as %s", (constraint, region) => {
    expect(locationRegion(constraint)).toBe(region);
  });

  it("normalizes filters, tags, noncurrent transitions and expirations of every rule", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("datos")], Owner: OWNER });
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [
        {
          ID: "logs",
          Status: "Enabled",
          Filter: { And: { Prefix: "logs/", Tags: [{ Key: "tipo", Value: "registro" }], ObjectSizeGreaterThan: 131072 } },
          Transitions: [{ Date: new Date("2027-01-01T00:00:00.000Z"), StorageClass: "GLACIER_IR" }],
          NoncurrentVersionTransitions: [{ NoncurrentDays: 30, StorageClass: "STANDARD_IA", NewerNoncurrentVersions: 2 }],
          NoncurrentVersionExpiration: { NoncurrentDays: 400 },
          Expiration: { Days: 730 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
        // Written before filters existed: the prefix sits on the rule itself.
        { ID: "legado", Status: "Disabled", Prefix: "tmp/", Transitions: [{ Days: 90, StorageClass: "DEEP_ARCHIVE" }] },
      ],
    });
    const { facts } = await collect();
    const lifecycle = facts.buckets[0]!.lifecycle!;
    expect(lifecycle.rules[0]).toEqual({
      id: "logs",
      status: "Enabled",
      prefix: "logs/",
      tags: { tipo: "registro" },
      objectSizeGreaterThan: 131072,
      objectSizeLessThan: null,
      transitions: [{ days: null, date: "2027-01-01T00:00:00.000Z", storageClass: "GLACIER_IR" }],
      noncurrentTransitions: [{ noncurrentDays: 30, newerNoncurrentVersions: 2, storageClass: "STANDARD_IA" }],
      expirationDays: 730,
      noncurrentExpirationDays: 400,
      abortIncompleteMultipartUploadDays: 7,
    });
    expect(lifecycle.rules[1]).toMatchObject({ id: "legado", status: "Disabled", prefix: "tmp/" });
    // Current and noncurrent transitions stay apart, each carrying its rule's status.
    expect(lifecycle.transitions).toEqual([
      { ruleId: "logs", status: "Enabled", prefix: "logs/", days: null, date: "2027-01-01T00:00:00.000Z", storageClass: "GLACIER_IR" },
      { ruleId: "legado", status: "Disabled", prefix: "tmp/", days: 90, date: null, storageClass: "DEEP_ARCHIVE" },
    ]);
    expect(lifecycle.noncurrentTransitions).toEqual([
      { ruleId: "logs", status: "Enabled", prefix: "logs/", noncurrentDays: 30, newerNoncurrentVersions: 2, storageClass: "STANDARD_IA" },
    ]);
  });

  it("records what is not configured as facts, not errors: no lifecycle, no encryption, no Block Public Access, versioning never enabled", async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("vacio")], Owner: OWNER });
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(s3Error("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist"));
    s3.on(GetBucketEncryptionCommand).rejects(s3Error("ServerSideEncryptionConfigurationNotFoundError", 404, "The server side encryption configuration was not found"));
    s3.on(GetPublicAccessBlockCommand).rejects(s3Error("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found"));
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.buckets[0]).toMatchObject({
      versioning: null,
      mfaDelete: null,
      lifecycle: { rules: [], transitions: [], noncurrentTransitions: [] },
      defaultEncryption: null,
      publicAccessBlock: null,
      errors: [],
    });
  });

  it("keeps a denied GetBucketEncryption on that bucket, naming s3:GetEncryptionConfiguration; the other bucket is untouched", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("ajeno"), bucket("mio")], Owner: OWNER });
    s3.on(GetBucketEncryptionCommand, { Bucket: "ajeno" }).rejects(denied("s3:GetEncryptionConfiguration"));
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    const [ajeno, mio] = facts.buckets;
    expect(ajeno!.defaultEncryption).toBeNull();
    expect(ajeno!.errors).toEqual([
      expect.objectContaining({ action: "s3:GetEncryptionConfiguration", kind: "denied", code: "AccessDenied", target: "ajeno", region: "us-east-1", collector: "s3" }),
    ]);
    expect(mio!.errors).toEqual([]);
    expect(mio!.defaultEncryption).toMatchObject({ sseAlgorithm: "AES256" });
  });

  it.each([
    ["s3:GetBucketVersioning", GetBucketVersioningCommand, "versioning"],
    ["s3:GetLifecycleConfiguration", GetBucketLifecycleConfigurationCommand, "lifecycle"],
    ["s3:GetBucketPublicAccessBlock", GetPublicAccessBlockCommand, "publicAccessBlock"],
  ] as const)("names %s when its call is denied", async (action, command, fact) => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("mio")], Owner: OWNER });
    s3.on(command as typeof GetBucketVersioningCommand).rejects(denied(action));
    const { facts } = await collect();
    expect(facts.buckets[0]![fact]).toBeNull();
    expect(facts.buckets[0]!.errors.map((e) => e.action)).toContain(action);
  });

  it("records a denied ListBuckets for the whole account, and reads no bucket", async () => {
    s3.on(ListBucketsCommand).rejects(denied("s3:ListAllMyBuckets"));
    const { facts, errors } = await collect();
    expect(facts.buckets).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "s3:ListAllMyBuckets", kind: "denied" })]);
    expect(s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(0);
  });

  it("still reads a bucket whose location is denied, following S3's redirect, and says its region is unknown", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("misterio")], Owner: OWNER });
    s3.on(GetBucketLocationCommand).rejects(denied("s3:GetBucketLocation"));
    const { facts } = await collect("sa-east-1");
    expect(facts.buckets[0]).toMatchObject({ region: null, versioning: "Enabled" });
    expect(facts.buckets[0]!.errors).toEqual([expect.objectContaining({ action: "s3:GetBucketLocation", target: "misterio" })]);
    const [call] = s3.commandCalls(GetBucketVersioningCommand);
    const client = call!.thisValue as S3Client;
    expect(await client.config.region()).toBe("sa-east-1");
    expect(client.config.followRegionRedirects).toBe(true);
  });

  it("reads the account's Block Public Access with the caller's account id and gives it to every bucket", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("a"), bucket("b")], Owner: OWNER });
    control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { ...ALL_ON, RestrictPublicBuckets: false } });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(control.commandCalls(GetAccountPublicAccessBlockCommand).map((c) => c.args[0].input)).toEqual([{ AccountId: ACCOUNT }]);
    const expected = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false };
    expect(facts.accountId).toBe(ACCOUNT);
    expect(facts.accountPublicAccessBlock).toEqual(expected);
    expect(facts.buckets.map((b) => b.accountPublicAccessBlock)).toEqual([expected, expected]);
  });

  it("puts a denied account Block Public Access only on buckets whose own setting does not block everything", async () => {
    courseBuckets();
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("cerrado"), bucket("abierto")], Owner: OWNER });
    s3.on(GetPublicAccessBlockCommand, { Bucket: "abierto" }).resolves({ PublicAccessBlockConfiguration: { ...ALL_ON, BlockPublicPolicy: false } });
    control.on(GetAccountPublicAccessBlockCommand).rejects(
      new S3ControlServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "Access Denied" }),
    );
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    const [cerrado, abierto] = facts.buckets;
    expect(cerrado!.errors).toEqual([]);
    expect(abierto!.errors).toEqual([expect.objectContaining({ action: "s3:GetAccountPublicAccessBlock", kind: "denied" })]);
  });

  it("reads buckets concurrently, but never more than BUCKET_CONCURRENCY at a time", async () => {
    courseBuckets();
    const names = Array.from({ length: 3 * BUCKET_CONCURRENCY }, (_, i) => `b-${i}`);
    s3.on(ListBucketsCommand).resolves({ Buckets: names.map((n) => bucket(n)), Owner: OWNER });
    let inFlight = 0;
    let most = 0;
    s3.on(GetBucketVersioningCommand).callsFake(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return { Status: "Enabled" };
    });
    const { facts } = await collect();
    expect(facts.buckets).toHaveLength(names.length);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(BUCKET_CONCURRENCY);
  });

  it("lets an error that is not from AWS crash: it is a bug of ours", async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [bucket("mio")], Owner: OWNER });
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetBucketVersioningCommand).rejects(new TypeError("Cannot read properties of undefined"));
    await expect(collect()).rejects.toThrow(TypeError);
  });
});
