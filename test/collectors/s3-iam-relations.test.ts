import {
  GetAccountSummaryCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  ListMFADevicesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountBlock, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import iam, { type IamFacts } from "../../checks/iam.js";
import s3, { type S3Facts } from "../../checks/s3.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type CollectOptions, type Collector } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// S3's extra reads, as the API reference shapes them: ListObjectsV2 (Contents, KeyCount,
// IsTruncated), GetBucketAcl (Grants with Grantee URI for groups), GetBucketPolicy (Policy: the
// document as a JSON string; NoSuchBucketPolicy when none), GetBucketPolicyStatus (PolicyStatus.IsPublic),
// GetBucketNotificationConfiguration (LambdaFunctionConfigurations with Events and
// Filter.Key.FilterRules). IAM: ListRoles' AssumeRolePolicyDocument and GetRolePolicy's /
// GetPolicyVersion's documents come URL-encoded (RFC 3986), as the Query API returns them.

const s3Mock = mockClient(S3Client);
const control = mockClient(S3ControlClient);
const sts = mockClient(STSClient);
const iamMock = mockClient(IAMClient);
let pool: ClientPool;

const ACCOUNT = "123456789012";

beforeEach(() => {
  for (const m of [s3Mock, control, sts, iamMock]) m.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ana` });
});
afterEach(() => pool.destroy());

async function run<F>(collector: Collector, parameters: CollectOptions["parameters"]) {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, "us-east-1", pool, { parameters }, errors))) as F;
  return { facts, errors };
}

const s3Error = (name: string, status: number) => new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name });

function oneBucket() {
  s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "fotos-ana", BucketRegion: "us-east-1", CreationDate: new Date("2026-11-20T09:00:00Z") }] });
  s3Mock.on(GetBucketVersioningCommand).resolves({});
  s3Mock.on(GetBucketLifecycleConfigurationCommand).rejects(s3Error("NoSuchLifecycleConfiguration", 404));
  s3Mock.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } });
  s3Mock.on(GetPublicAccessBlockCommand).rejects(s3Error("NoSuchPublicAccessBlockConfiguration", 404));
  control.on(GetAccountBlock).rejects(Object.assign(new Error("none"), { name: "NoSuchPublicAccessBlockConfiguration", $fault: "client", $metadata: { httpStatusCode: 404 } }));
}

describe("s3 collector: what labs ask beyond lab-s3", () => {
  it("reads none of it unless asked", async () => {
    oneBucket();
    const { facts } = await run<S3Facts>(s3, undefined);
    expect(facts.buckets[0]).not.toHaveProperty("notifications");
    for (const command of [ListObjectsV2Command, GetBucketAclCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand, GetBucketNotificationConfigurationCommand]) {
      expect(s3Mock.commandCalls(command)).toHaveLength(0);
    }
  });

  it("reads objects, ACL, policy with its status and notifications, each as AWS answers them", async () => {
    oneBucket();
    s3Mock.on(ListObjectsV2Command).resolves({
      KeyCount: 2,
      IsTruncated: false,
      Contents: [
        { Key: "gato.jpg", LastModified: new Date("2026-11-28T09:50:01Z"), Size: 52311, StorageClass: "STANDARD" },
        { Key: "perro.jpg", LastModified: new Date("2026-11-28T09:40:00Z"), Size: 61230, StorageClass: "STANDARD" },
      ],
    });
    s3Mock.on(GetBucketAclCommand).resolves({
      Owner: { ID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a" },
      Grants: [
        { Grantee: { ID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", Type: "CanonicalUser" }, Permission: "FULL_CONTROL" },
        { Grantee: { URI: "http://acs.amazonaws.com/groups/global/AllUsers", Type: "Group" }, Permission: "READ" },
      ],
    });
    s3Mock.on(GetBucketPolicyCommand).resolves({
      Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Publica", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::fotos-ana/*" }] }),
    });
    s3Mock.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    s3Mock.on(GetBucketNotificationConfigurationCommand).resolves({
      LambdaFunctionConfigurations: [
        {
          Id: "clasificar",
          LambdaFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:clasificador`,
          Events: ["s3:ObjectCreated:*"],
          // S3 answers the rule names capitalized (Prefix, Suffix) though the SDK's type spells them in lower case.
          Filter: { Key: { FilterRules: [{ Name: "Prefix" as "prefix", Value: "fotos/" }, { Name: "Suffix" as "suffix", Value: ".jpg" }] } },
        },
      ],
    });
    const { facts, errors } = await run<S3Facts>(s3, { s3: { read: ["objects", "acl", "policy", "notifications"] } });
    expect(errors).toEqual([]);
    const bucket = facts.buckets[0]!;
    expect(bucket.arn).toBe("arn:aws:s3:::fotos-ana");
    expect(bucket.objects).toEqual({ keyCount: 2, truncated: false, newestKey: "gato.jpg", newestLastModified: "2026-11-28T09:50:01.000Z" });
    expect(bucket.acl!.grants).toEqual([
      { grantee: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", granteeType: "CanonicalUser", permission: "FULL_CONTROL" },
      { grantee: "AllUsers", granteeType: "Group", permission: "READ" },
    ]);
    expect(bucket.policy!.statements).toEqual([expect.objectContaining({ sid: "Publica", principals: ["*"], actions: ["s3:GetObject"], conditions: null })]);
    expect(bucket.policyStatus).toEqual({ isPublic: true });
    expect(bucket.notifications).toEqual({
      lambda: [
        {
          id: "clasificar",
          events: ["s3:ObjectCreated:*"],
          prefix: "fotos/",
          suffix: ".jpg",
          functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:clasificador`,
          functionName: "clasificador",
          qualifier: null,
        },
      ],
      queues: [],
      topics: [],
      eventBridge: false,
    });
    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({ Bucket: "fotos-ana", MaxKeys: 1000 });
  });

  it("reads a bucket with no policy as no statements and not public; a denied ACL on the bucket alone", async () => {
    oneBucket();
    s3Mock.on(GetBucketPolicyCommand).rejects(s3Error("NoSuchBucketPolicy", 404));
    s3Mock.on(GetBucketPolicyStatusCommand).rejects(s3Error("NoSuchBucketPolicy", 404));
    s3Mock.on(GetBucketAclCommand).rejects(s3Error("AccessDenied", 403));
    const { facts, errors } = await run<S3Facts>(s3, { s3: { read: ["acl", "policy"] } });
    expect(errors).toEqual([]);
    expect(facts.buckets[0]).toMatchObject({ policy: { statements: [] }, policyStatus: { isPublic: false }, acl: null });
    expect(facts.buckets[0]!.errors).toEqual([expect.objectContaining({ action: "s3:GetBucketAcl", kind: "denied", target: "fotos-ana" })]);
  });
});

const encoded = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const LAMBDA_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const EC2_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

function role(name: string, trust: unknown) {
  return { RoleName: name, RoleId: `AROA${name.toUpperCase()}`, Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/${name}`, Path: "/service-role/", CreateDate: new Date("2026-11-28T09:00:00Z"), AssumeRolePolicyDocument: encoded(trust) };
}

describe("iam collector: the roles a service assumes", () => {
  it("reads only the account's hygiene by default (lab-iam)", async () => {
    iamMock.on(ListRolesCommand).resolves({ Roles: [] });
    iamMock.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1 } });
    iamMock.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    const { facts } = await run<IamFacts>(iam, undefined);
    expect(facts.roles).toBeNull();
    expect(facts.summary).toEqual({ AccountMFAEnabled: 1 });
    expect(iamMock.commandCalls(ListRolesCommand)).toHaveLength(0);
  });

  it("reads the roles Lambda may assume with every inline and attached policy, each managed policy once", async () => {
    iamMock.on(ListRolesCommand, { Marker: undefined }).resolves({ Roles: [role("clasificador-role", LAMBDA_TRUST)], IsTruncated: true, Marker: "m2" });
    iamMock.on(ListRolesCommand, { Marker: "m2" }).resolves({ Roles: [role("crud-role", LAMBDA_TRUST), role("ec2-role", EC2_TRUST)], IsTruncated: false });
    iamMock.on(ListRolePoliciesCommand, { RoleName: "clasificador-role" }).resolves({ PolicyNames: ["rekognition"], IsTruncated: false });
    iamMock.on(ListRolePoliciesCommand, { RoleName: "crud-role" }).resolves({ PolicyNames: [], IsTruncated: false });
    iamMock.on(GetRolePolicyCommand).resolves({
      RoleName: "clasificador-role",
      PolicyName: "rekognition",
      PolicyDocument: encoded({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "rekognition:DetectLabels", Resource: "*" } }),
    });
    iamMock.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: S3_READ }], IsTruncated: false });
    iamMock.on(GetPolicyCommand).resolves({ Policy: { PolicyName: "AmazonS3ReadOnlyAccess", Arn: S3_READ, DefaultVersionId: "v3" } });
    iamMock.on(GetPolicyVersionCommand).resolves({ PolicyVersion: { VersionId: "v3", IsDefaultVersion: true, Document: encoded({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }] }) } });

    const { facts, errors } = await run<IamFacts>(iam, { iam: { read: ["roles"], rolesTrustedBy: "lambda.amazonaws.com" } });
    expect(errors).toEqual([]);
    expect(facts.summary).toBeNull();
    expect(facts.roles!.map((r) => r.roleName)).toEqual(["clasificador-role", "crud-role"]);
    expect(facts.roles![0]).toEqual({
      roleName: "clasificador-role",
      arn: `arn:aws:iam::${ACCOUNT}:role/service-role/clasificador-role`,
      path: "/service-role/",
      trustedBy: ["lambda.amazonaws.com"],
      policies: [
        { name: "rekognition", kind: "inline", arn: null, document: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "rekognition:DetectLabels", Resource: "*" } } },
        { name: "AmazonS3ReadOnlyAccess", kind: "managed", arn: S3_READ, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }] } },
      ],
      errors: [],
    });
    // Both roles attach it; its document was read once.
    expect(iamMock.commandCalls(GetPolicyVersionCommand)).toHaveLength(1);
    expect(iamMock.commandCalls(GetPolicyVersionCommand)[0]!.args[0].input).toEqual({ PolicyArn: S3_READ, VersionId: "v3" });
    expect(iamMock.commandCalls(ListRolePoliciesCommand).map((c) => c.args[0].input.RoleName)).not.toContain("ec2-role");
    // A lab that asks only for roles reads nothing of the account's hygiene.
    expect(iamMock.commandCalls(GetAccountSummaryCommand)).toHaveLength(0);
  });

  it("records a policy it may not read on the role, with no document", async () => {
    iamMock.on(ListRolesCommand).resolves({ Roles: [role("crud-role", LAMBDA_TRUST)] });
    iamMock.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    iamMock.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: S3_READ }] });
    iamMock.on(GetPolicyCommand).rejects(new IAMServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "not authorized to perform: iam:GetPolicy" }));
    const { facts, errors } = await run<IamFacts>(iam, { iam: { read: ["roles"], rolesTrustedBy: "lambda.amazonaws.com" } });
    expect(errors).toEqual([]);
    expect(facts.roles![0]!.policies).toEqual([{ name: "AmazonS3ReadOnlyAccess", kind: "managed", arn: S3_READ, document: null }]);
    expect(facts.roles![0]!.errors).toEqual([expect.objectContaining({ action: "iam:GetPolicy", kind: "denied", target: S3_READ })]);
  });
});
