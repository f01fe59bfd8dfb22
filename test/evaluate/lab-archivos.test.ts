import { describe, expect, it } from "vitest";
import { grantFacts } from "../../checks/s3.js";
import { resourcePolicyFacts } from "../../src/collect/resource-policy.js";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";
import { ALL_BLOCKED, BUCKET, blockWithout, denied } from "../support/s3-facts.js";

// lab-archivos reuses lab-s3's collector with three more reads: the first keys (ListObjectsV2), the
// ACL and the bucket policy with its status. Rows are merged over FILES, which passes every check.

const OWNER = { Grantee: { ID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", Type: "CanonicalUser" as const }, Permission: "FULL_CONTROL" as const };
const ALL_USERS_READ = { Grantee: { URI: "http://acs.amazonaws.com/groups/global/AllUsers", Type: "Group" as const }, Permission: "READ" as const };
const AUTHENTICATED_WRITE = { Grantee: { URI: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", Type: "Group" as const }, Permission: "WRITE" as const };
const policy = (...Statement: Record<string, unknown>[]) => resourcePolicyFacts(JSON.stringify({ Version: "2012-10-17", Statement }));
const PUBLIC_READ = { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::curso-aws-ana-2026/*" };

const FILES = {
  ...BUCKET,
  objects: { keyCount: 3, truncated: false, newestKey: "fotos/gato.jpg", newestLastModified: "2026-11-28T09:50:00.000Z" },
  acl: { grants: [grantFacts(OWNER)] },
  policy: { statements: [] },
  policyStatus: { isPublic: false },
};

checkTable("lab-archivos", "bucket-exists", FILES, {
  passes: [{}, { region: "eu-west-1" }],
  fails: [{ facts: { name: "" }, found: "(us-east-1)" }],
});

checkTable("lab-archivos", "objects-stored", FILES, {
  passes: [{}, { objects: { keyCount: 1000, truncated: true, newestKey: "a", newestLastModified: null } }],
  fails: [
    {
      facts: { objects: { keyCount: 0, truncated: false, newestKey: null, newestLastModified: null } },
      found: "0",
      says: { es: "objetos guardados: se esperaba al menos 1 objeto, se encontró 0", en: "stored objects: expected at least 1 object, found 0" },
    },
  ],
  errors: [{ facts: { objects: null, errors: [denied("s3:ListBucket")] }, errors: [], says: { es: "falta el permiso s3:ListBucket", en: "the permission s3:ListBucket is missing" } }],
});

checkTable("lab-archivos", "versioning-enabled", FILES, {
  passes: [{}],
  fails: [{ facts: { versioning: "Suspended" }, found: "Suspended" }, { facts: { versioning: null }, found: "Disabled" }],
});

checkTable("lab-archivos", "public-access-blocked", FILES, {
  passes: [{}, { publicAccessBlock: null, accountPublicAccessBlock: ALL_BLOCKED }],
  fails: [{ facts: { publicAccessBlock: blockWithout("blockPublicPolicy"), accountPublicAccessBlock: null } }],
});

checkTable("lab-archivos", "no-public-acl-or-policy", FILES, {
  passes: [
    {},
    // The log-delivery group is no public access.
    { acl: { grants: [grantFacts(OWNER), grantFacts({ Grantee: { URI: "http://acs.amazonaws.com/groups/s3/LogDelivery", Type: "Group" }, Permission: "WRITE" })] } },
    // Principal * narrowed by a condition: only this account's CloudFront distribution.
    { policy: policy({ ...PUBLIC_READ, Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } } }) },
    // Another account, named: not public.
    { policy: policy({ ...PUBLIC_READ, Principal: { AWS: "arn:aws:iam::210987654321:root" } }) },
    // A Deny for everyone (e.g. refuse plain HTTP) opens nothing.
    { policy: policy({ Sid: "SoloHttps", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }) },
  ],
  fails: [
    {
      facts: { acl: { grants: [grantFacts(OWNER), grantFacts(ALL_USERS_READ)] } },
      found: "AllUsers READ",
      says: { es: "la ACL del bucket da permisos a todo el mundo: AllUsers READ", en: "the bucket's ACL grants everyone: AllUsers READ" },
    },
    { facts: { acl: { grants: [grantFacts(AUTHENTICATED_WRITE)] } }, found: "AuthenticatedUsers WRITE" },
    {
      facts: { policy: policy(PUBLIC_READ), policyStatus: { isPublic: true } },
      found: "PublicRead s3:GetObject",
      says: { es: "la política del bucket abre el bucket a cualquiera: PublicRead s3:GetObject", en: "the bucket policy opens the bucket to anyone: PublicRead s3:GetObject" },
    },
    // {"AWS": "*"} is anyone too; a single statement written as an object, not a list.
    { facts: { policy: resourcePolicyFacts(JSON.stringify({ Version: "2012-10-17", Statement: { ...PUBLIC_READ, Sid: undefined, Principal: { AWS: "*" } } })) }, found: "- s3:GetObject" },
    // A condition AWS still calls public (any source IP).
    {
      facts: { policy: policy({ ...PUBLIC_READ, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }), policyStatus: { isPublic: true } },
      says: { es: "AWS considera pública la política del bucket", en: "AWS considers the bucket policy public" },
    },
  ],
  errors: [
    { facts: { acl: null, errors: [denied("s3:GetBucketAcl")] }, errors: [], says: { es: "falta el permiso s3:GetBucketAcl", en: "the permission s3:GetBucketAcl is missing" } },
    { facts: { policy: null, policyStatus: null, errors: [denied("s3:GetBucketPolicy")] }, errors: [] },
  ],
});

checkTable("lab-archivos", "default-encryption", FILES, {
  passes: [{}, { defaultEncryption: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3", bucketKeyEnabled: true } }],
  fails: [{ facts: { defaultEncryption: null }, found: null }],
});

describe("lab-archivos as a whole", () => {
  it("passes the course's bucket with every point", () => {
    const result = gradeOne(readLab("lab-archivos"), FILES);
    expect(result.checks.filter((c) => c.status !== "passed")).toEqual([]);
    expect(result.score).toBe(10);
  });
});
