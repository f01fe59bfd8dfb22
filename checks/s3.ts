import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  S3Client,
  paginateListBuckets,
  type Bucket,
  type Grant,
  type NotificationConfiguration,
  type LifecycleRule,
  type PublicAccessBlockConfiguration,
  type ServerSideEncryptionRule,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { functionRef } from "../src/collect/arns.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { collectPages, isoDate } from "../src/collect/pages.js";
import { locationRegion, s3Client } from "../src/collect/s3.js";
import { defineCollector, makeContext, type CollectContext, type Collector } from "../src/collect/collector.js";
import { absentAs } from "../src/collect/aws-errors.js";
import { resourcePolicyFacts, type ResourcePolicyFacts } from "../src/collect/resource-policy.js";
import type { CallError } from "../src/core/snapshot.js";

/** The four Block Public Access settings, in AWS's words (camelCase). */
export interface PublicAccessBlockFacts {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface LifecycleTransitionFacts {
  days: number | null;
  date: string | null;
  storageClass: string | null;
}

export interface NoncurrentTransitionFacts {
  noncurrentDays: number | null;
  newerNoncurrentVersions: number | null;
  storageClass: string | null;
}

export interface LifecycleRuleFacts {
  id: string | null;
  /** Enabled or Disabled. */
  status: string | null;
  /** The key prefix the rule applies to, wherever AWS put it (Filter.Prefix, Filter.And.Prefix or the legacy Prefix); "" is the whole bucket. */
  prefix: string;
  /** Tags and object sizes that narrow the rule; empty when it applies to every object under the prefix. */
  tags: Record<string, string>;
  objectSizeGreaterThan: number | null;
  objectSizeLessThan: number | null;
  /** Current versions. */
  transitions: LifecycleTransitionFacts[];
  /** Noncurrent (older) versions, which a lab about current objects must not count. */
  noncurrentTransitions: NoncurrentTransitionFacts[];
  expirationDays: number | null;
  noncurrentExpirationDays: number | null;
  abortIncompleteMultipartUploadDays: number | null;
}

/** A rule's status, id and prefix carried onto each of its transitions, so a lab can ask for «an enabled rule's transition». */
export interface RuleRef {
  ruleId: string | null;
  status: string | null;
  prefix: string;
}

export interface LifecycleFacts {
  rules: LifecycleRuleFacts[];
  transitions: (LifecycleTransitionFacts & RuleRef)[];
  noncurrentTransitions: (NoncurrentTransitionFacts & RuleRef)[];
}

export interface DefaultEncryptionFacts {
  /** AES256 (SSE-S3), aws:kms (SSE-KMS) or aws:kms:dsse (DSSE-KMS). */
  sseAlgorithm: string | null;
  kmsMasterKeyId: string | null;
  bucketKeyEnabled: boolean | null;
}

/** What ListObjectsV2 shows of the bucket's first 1000 keys (`read: ["objects"]`). */
export interface ObjectsFacts {
  /** Keys listed (at most 1000). */
  keyCount: number;
  /** More keys than were listed. */
  truncated: boolean;
  /** The newest of the listed objects: when the last upload among them happened. */
  newestKey: string | null;
  newestLastModified: string | null;
}

/** One ACL grant; groups by their short name (AllUsers, AuthenticatedUsers, LogDelivery). */
export interface GrantFacts {
  /** AllUsers, AuthenticatedUsers or LogDelivery for the predefined groups; otherwise the canonical id, e-mail or URI. */
  grantee: string | null;
  /** CanonicalUser, AmazonCustomerByEmail or Group. */
  granteeType: string | null;
  /** FULL_CONTROL, READ, WRITE, READ_ACP, WRITE_ACP. */
  permission: string | null;
}

/** Where an event notification goes and for what. */
export interface NotificationTargetFacts {
  id: string | null;
  /** s3:ObjectCreated:*, s3:ObjectCreated:Put… */
  events: string[];
  /** The key filter's prefix and suffix rules; null when it has none. */
  prefix: string | null;
  suffix: string | null;
}

export interface NotificationsFacts {
  /** Lambda functions the bucket invokes, by unqualified ARN (a version or alias in `qualifier`). */
  lambda: (NotificationTargetFacts & { functionArn: string | null; functionName: string | null; qualifier: string | null })[];
  queues: (NotificationTargetFacts & { queueArn: string | null })[];
  topics: (NotificationTargetFacts & { topicArn: string | null })[];
  /** Events also go to Amazon EventBridge. */
  eventBridge: boolean;
}

export interface BucketFacts {
  name: string;
  /** arn:aws:s3:::name, what policies and SourceArn conditions name it by. */
  arn: string;
  /** Where the bucket lives; null when GetBucketLocation failed. */
  region: string | null;
  creationDate: string | null;
  /** Enabled or Suspended; null for a bucket whose versioning was never turned on (AWS answers no Status). */
  versioning: string | null;
  mfaDelete: string | null;
  /** No lifecycle configuration is `{ rules: [] }`; null only when it could not be read. */
  lifecycle: LifecycleFacts | null;
  /** null when the bucket has no default encryption, or it could not be read (then `errors` says so). */
  defaultEncryption: DefaultEncryptionFacts | null;
  /** The bucket's own Block Public Access; null when it has none. */
  publicAccessBlock: PublicAccessBlockFacts | null;
  /** The account's Block Public Access, which applies to every bucket. */
  accountPublicAccessBlock: PublicAccessBlockFacts | null;
  // Read only when the lab asks (`parameters.s3.read`); null otherwise, or when the call failed (see `errors`).
  objects?: ObjectsFacts | null;
  acl?: { grants: GrantFacts[] } | null;
  /** The bucket policy; `{statements: []}` when it has none. */
  policy?: ResourcePolicyFacts | null;
  /** GetBucketPolicyStatus: whether AWS itself considers the policy public. */
  policyStatus?: { isPublic: boolean } | null;
  notifications?: NotificationsFacts | null;
  /** Calls about this bucket alone that failed: one denied bucket does not make the others errors. */
  errors: CallError[];
}

export interface S3Facts {
  accountId: string | null;
  accountPublicAccessBlock: PublicAccessBlockFacts | null;
  buckets: BucketFacts[];
}

/** Buckets are read a few at a time: a student has a handful, an instructor's test account hundreds. */
export const BUCKET_CONCURRENCY = 10;

const ACTIONS = [
  "s3:ListAllMyBuckets",
  "s3:ListBucket",
  "s3:GetBucketAcl",
  "s3:GetBucketPolicy",
  "s3:GetBucketPolicyStatus",
  "s3:GetBucketNotification",
  "s3:GetBucketLocation",
  "s3:GetBucketVersioning",
  "s3:GetLifecycleConfiguration",
  "s3:GetEncryptionConfiguration",
  "s3:GetBucketPublicAccessBlock",
  "s3:GetAccountPublicAccessBlock",
  "sts:GetCallerIdentity",
] as const;

export function publicAccessBlockFacts(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlockFacts | null {
  if (!config) return null;
  return {
    blockPublicAcls: config.BlockPublicAcls === true,
    ignorePublicAcls: config.IgnorePublicAcls === true,
    blockPublicPolicy: config.BlockPublicPolicy === true,
    restrictPublicBuckets: config.RestrictPublicBuckets === true,
  };
}

function allBlocked(pab: PublicAccessBlockFacts | null): boolean {
  return !!pab && pab.blockPublicAcls && pab.ignorePublicAcls && pab.blockPublicPolicy && pab.restrictPublicBuckets;
}

export function lifecycleRuleFacts(rule: LifecycleRule): LifecycleRuleFacts {
  const filter = rule.Filter;
  const and = filter?.And;
  const tags = [...(and?.Tags ?? []), ...(filter?.Tag ? [filter.Tag] : [])];
  return {
    id: rule.ID ?? null,
    status: rule.Status ?? null,
    // The legacy top-level Prefix still comes back for rules written before filters existed.
    prefix: filter?.Prefix ?? and?.Prefix ?? rule.Prefix ?? "",
    tags: Object.fromEntries(tags.flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ""]] : []))),
    objectSizeGreaterThan: filter?.ObjectSizeGreaterThan ?? and?.ObjectSizeGreaterThan ?? null,
    objectSizeLessThan: filter?.ObjectSizeLessThan ?? and?.ObjectSizeLessThan ?? null,
    transitions: (rule.Transitions ?? []).map((t) => ({
      days: t.Days ?? null,
      date: isoDate(t.Date),
      storageClass: t.StorageClass ?? null,
    })),
    noncurrentTransitions: (rule.NoncurrentVersionTransitions ?? []).map((t) => ({
      noncurrentDays: t.NoncurrentDays ?? null,
      newerNoncurrentVersions: t.NewerNoncurrentVersions ?? null,
      storageClass: t.StorageClass ?? null,
    })),
    expirationDays: rule.Expiration?.Days ?? null,
    noncurrentExpirationDays: rule.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
    abortIncompleteMultipartUploadDays: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? null,
  };
}

export function lifecycleFacts(rules: LifecycleRule[]): LifecycleFacts {
  const normalized = rules.map(lifecycleRuleFacts);
  const ref = (r: LifecycleRuleFacts): RuleRef => ({ ruleId: r.id, status: r.status, prefix: r.prefix });
  return {
    rules: normalized,
    transitions: normalized.flatMap((r) => r.transitions.map((t) => ({ ...ref(r), ...t }))),
    noncurrentTransitions: normalized.flatMap((r) => r.noncurrentTransitions.map((t) => ({ ...ref(r), ...t }))),
  };
}

/** The rule that sets default encryption; other rules (BlockedEncryptionTypes only) say nothing about it. */
export function defaultEncryptionFacts(rules: ServerSideEncryptionRule[]): DefaultEncryptionFacts | null {
  const rule = rules.find((r) => r.ApplyServerSideEncryptionByDefault);
  if (!rule) return null;
  return {
    sseAlgorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
    kmsMasterKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
    bucketKeyEnabled: rule.BucketKeyEnabled ?? null,
  };
}

const GROUPS: Record<string, string> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
  "http://acs.amazonaws.com/groups/s3/LogDelivery": "LogDelivery",
};

export function grantFacts(grant: Grant): GrantFacts {
  const g = grant.Grantee;
  const grantee = g?.URI ? (GROUPS[g.URI] ?? g.URI) : (g?.ID ?? g?.EmailAddress ?? null);
  return { grantee, granteeType: g?.Type ?? null, permission: grant.Permission ?? null };
}

function keyFilter(rules: { Name?: string; Value?: string }[] | undefined): { prefix: string | null; suffix: string | null } {
  const rule = (name: string) => rules?.find((r) => r.Name?.toLowerCase() === name)?.Value ?? null;
  return { prefix: rule("prefix"), suffix: rule("suffix") };
}

/** GetBucketNotificationConfiguration's three lists (and EventBridge) as facts. */
export function notificationsFacts(config: NotificationConfiguration): NotificationsFacts {
  const target = (c: { Id?: string; Events?: string[]; Filter?: { Key?: { FilterRules?: { Name?: string; Value?: string }[] } } }) => ({
    id: c.Id ?? null,
    events: c.Events ?? [],
    ...keyFilter(c.Filter?.Key?.FilterRules),
  });
  return {
    lambda: (config.LambdaFunctionConfigurations ?? []).map((c) => ({ ...target(c), ...functionRef(c.LambdaFunctionArn) })),
    queues: (config.QueueConfigurations ?? []).map((c) => ({ ...target(c), queueArn: c.QueueArn ?? null })),
    topics: (config.TopicConfigurations ?? []).map((c) => ({ ...target(c), topicArn: c.TopicArn ?? null })),
    eventBridge: config.EventBridgeConfiguration !== undefined,
  };
}

/** The account's Block Public Access: STS for the account id, then S3 Control. */
async function accountBlock(ctx: CollectContext): Promise<{ accountId: string | null; block: PublicAccessBlockFacts | null }> {
  const who = await ctx.attempt("sts:GetCallerIdentity", () => ctx.clients.callerIdentity(ctx.region));
  const accountId = who?.Account ?? null;
  if (!accountId) return { accountId, block: null };
  const endpoint = ctx.clients.settings.endpoint;
  // S3 Control puts the account id in the host name ({id}.s3-control…), which an emulator on
  // 127.0.0.1 cannot serve; the x-amz-account-id header carries it as well.
  const control = ctx.clients.get(S3ControlClient, ctx.region, endpoint ? { endpointProvider: () => ({ url: new URL(endpoint) }) } : {});
  const answer = await ctx.attempt("s3:GetAccountPublicAccessBlock", () =>
    control
      .send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId }))
      .catch(absentAs("NoSuchPublicAccessBlockConfiguration", { PublicAccessBlockConfiguration: undefined })),
  );
  return { accountId, block: answer ? publicAccessBlockFacts(answer.PublicAccessBlockConfiguration) : null };
}

async function bucketRegion(ctx: CollectContext, bucket: Bucket): Promise<string | null> {
  // ListBuckets names the region when asked with MaxBuckets (since 2024); older endpoints do not.
  if (bucket.BucketRegion) return bucket.BucketRegion;
  const name = bucket.Name ?? "";
  const answer = await ctx.attempt("s3:GetBucketLocation", () => s3Client(ctx, ctx.region).send(new GetBucketLocationCommand({ Bucket: name })), name);
  return answer ? locationRegion(answer.LocationConstraint) : null;
}

type Extra = Pick<BucketFacts, "objects" | "acl" | "policy" | "policyStatus" | "notifications">;

/** What a lab asks for beyond the four settings (`parameters.s3.read`), read at once with them. */
async function extraFacts(here: CollectContext, client: S3Client, name: string, read: Set<string>): Promise<Extra> {
  const want = <T>(what: string, call: () => Promise<T>): Promise<T | undefined | "unasked"> => (read.has(what) ? call() : Promise.resolve("unasked" as const));
  const [objects, acl, policy, status, notifications] = await Promise.all([
    want("objects", () => here.attempt("s3:ListBucket", () => client.send(new ListObjectsV2Command({ Bucket: name, MaxKeys: 1000 })), name)),
    want("acl", () => here.attempt("s3:GetBucketAcl", () => client.send(new GetBucketAclCommand({ Bucket: name })), name)),
    want("policy", () =>
      here.attempt(
        "s3:GetBucketPolicy",
        () => client.send(new GetBucketPolicyCommand({ Bucket: name })).catch(absentAs("NoSuchBucketPolicy", { Policy: undefined })),
        name,
      ),
    ),
    want("policy", () =>
      here.attempt(
        "s3:GetBucketPolicyStatus",
        () => client.send(new GetBucketPolicyStatusCommand({ Bucket: name })).catch(absentAs("NoSuchBucketPolicy", { PolicyStatus: { IsPublic: false } })),
        name,
      ),
    ),
    want("notifications", () =>
      here.attempt("s3:GetBucketNotification", () => client.send(new GetBucketNotificationConfigurationCommand({ Bucket: name })), name),
    ),
  ]);
  const extra: Extra = {};
  if (objects !== "unasked") {
    const listed = objects?.Contents ?? [];
    const newest = listed.reduce<(typeof listed)[number] | undefined>(
      (best, o) => (o.LastModified && (!best?.LastModified || o.LastModified > best.LastModified) ? o : best),
      undefined,
    );
    extra.objects = objects
      ? { keyCount: objects.KeyCount ?? listed.length, truncated: objects.IsTruncated === true, newestKey: newest?.Key ?? null, newestLastModified: isoDate(newest?.LastModified) }
      : null;
  }
  if (acl !== "unasked") extra.acl = acl ? { grants: (acl.Grants ?? []).map(grantFacts) } : null;
  if (policy !== "unasked") extra.policy = policy ? (policy.Policy ? resourcePolicyFacts(policy.Policy) : { statements: [] }) : null;
  if (status !== "unasked") extra.policyStatus = status ? { isPublic: status.PolicyStatus?.IsPublic === true } : null;
  if (notifications !== "unasked") extra.notifications = notifications ? notificationsFacts(notifications) : null;
  return extra;
}

/** One bucket's settings, each read in the bucket's own region, all at once. */
async function bucketFacts(self: Collector, ctx: CollectContext, bucket: Bucket): Promise<BucketFacts> {
  const name = bucket.Name ?? "";
  const errors: CallError[] = [];
  const located = makeContext(self, ctx.region, ctx.clients, ctx.options, errors);
  const region = await bucketRegion(located, bucket);
  // An unknown region: ask from the graded one and let the SDK follow S3's redirect.
  const here = makeContext(self, region ?? ctx.region, ctx.clients, ctx.options, errors);
  const client = region ? s3Client(here, region) : s3Client(here, ctx.region, { followRegionRedirects: true });
  const read = new Set<string>(ctx.options.parameters?.s3?.read ?? []);
  const [versioning, lifecycle, encryption, block, extra] = await Promise.all([
    here.attempt("s3:GetBucketVersioning", () => client.send(new GetBucketVersioningCommand({ Bucket: name })), name),
    here.attempt(
      "s3:GetLifecycleConfiguration",
      () =>
        client
          .send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }))
          .catch(absentAs("NoSuchLifecycleConfiguration", { Rules: [] })),
      name,
    ),
    here.attempt(
      "s3:GetEncryptionConfiguration",
      () =>
        client
          .send(new GetBucketEncryptionCommand({ Bucket: name }))
          .catch(absentAs("ServerSideEncryptionConfigurationNotFoundError", { ServerSideEncryptionConfiguration: undefined })),
      name,
    ),
    here.attempt(
      "s3:GetBucketPublicAccessBlock",
      () =>
        client
          .send(new GetPublicAccessBlockCommand({ Bucket: name }))
          .catch(absentAs("NoSuchPublicAccessBlockConfiguration", { PublicAccessBlockConfiguration: undefined })),
      name,
    ),
    extraFacts(here, client, name, read),
  ]);
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region,
    creationDate: isoDate(bucket.CreationDate),
    versioning: versioning?.Status ?? null,
    mfaDelete: versioning?.MFADelete ?? null,
    lifecycle: lifecycle ? lifecycleFacts(lifecycle.Rules ?? []) : null,
    defaultEncryption: encryption ? defaultEncryptionFacts(encryption.ServerSideEncryptionConfiguration?.Rules ?? []) : null,
    publicAccessBlock: block ? publicAccessBlockFacts(block.PublicAccessBlockConfiguration) : null,
    accountPublicAccessBlock: null,
    ...extra,
    errors,
  };
}

const collector: Collector<S3Facts> = defineCollector<S3Facts>({
  service: "s3",
  actions: ACTIONS,
  async collect(ctx) {
    const accountErrors: CallError[] = [];
    const accountCtx = makeContext(collector, ctx.region, ctx.clients, ctx.options, accountErrors);
    const client = s3Client(ctx, ctx.region);
    // The account's setting (identity, then S3 Control) runs beside the bucket list and the
    // buckets' reads, which start as soon as the list answers: no bucket call needs it.
    const listThenRead = async () => {
      const listed = await ctx.attempt("s3:ListAllMyBuckets", () => collectPages(paginateListBuckets({ client, pageSize: 1000 }, {}), (p) => p.Buckets));
      return mapLimit(listed ?? [], BUCKET_CONCURRENCY, (b) => bucketFacts(collector, ctx, b));
    };
    const [account, buckets] = await Promise.all([accountBlock(accountCtx), listThenRead()]);
    for (const bucket of buckets) {
      bucket.accountPublicAccessBlock = account.block;
      // The account's setting matters only to a bucket whose own does not block everything.
      if (!allBlocked(bucket.publicAccessBlock)) bucket.errors.push(...accountErrors);
    }
    return { accountId: account.accountId, accountPublicAccessBlock: account.block, buckets };
  },
});

export default collector;
