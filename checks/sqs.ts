import { GetQueueAttributesCommand, SQSClient, paginateListQueues } from "@aws-sdk/client-sqs";
import { defineCollector, makeContext, type CollectContext, type Collector } from "../src/collect/collector.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { collectPages } from "../src/collect/pages.js";
import { resourcePolicyFacts, type ResourcePolicyFacts } from "../src/collect/resource-policy.js";
import type { CallError } from "../src/core/snapshot.js";

// SQS queues with their attributes (GetQueueAttributes, All). SQS answers every attribute as a
// string: numbers are parsed, and RedrivePolicy and Policy are JSON inside that string. A queue's
// dead-letter queue is resolved within the listing (is its target one of the account's queues in
// this region?), as EC2 instances carry their security groups' rules.

export interface RedrivePolicyFacts {
  deadLetterTargetArn: string | null;
  /** Receives before a message moves to the dead-letter queue (a number, whatever SQS wrote). */
  maxReceiveCount: number | null;
}

export interface QueueFacts {
  queueName: string;
  queueUrl: string;
  /** null when its attributes could not be read (see `errors`). */
  queueArn: string | null;
  fifo: boolean;
  /** Seconds a received message stays hidden from other consumers. */
  visibilityTimeout: number | null;
  messageRetentionPeriod: number | null;
  delaySeconds: number | null;
  receiveMessageWaitTimeSeconds: number | null;
  /** SSE-SQS: encryption with keys SQS manages. */
  sqsManagedSseEnabled: boolean;
  /** SSE-KMS: the KMS key (alias/aws/sqs or a customer key). */
  kmsMasterKeyId: string | null;
  /** SSE-SQS, SSE-KMS, or null when messages are not encrypted at rest. */
  encryption: "SSE-SQS" | "SSE-KMS" | null;
  redrivePolicy: RedrivePolicyFacts | null;
  /** The redrive target, resolved: whether it is one of this region's queues. */
  deadLetterQueue: { arn: string; queueName: string | null; exists: boolean } | null;
  /** Queues whose redrive policy sends their messages here: this one is their dead-letter queue. */
  deadLetterSourceOf: string[];
  /** The queue's access policy; `{statements: []}` when it has none; null when not read. */
  policy: ResourcePolicyFacts | null;
  approximateNumberOfMessages: number | null;
  approximateNumberOfMessagesNotVisible: number | null;
  approximateNumberOfMessagesDelayed: number | null;
  createdTimestamp: string | null;
  lastModifiedTimestamp: string | null;
  errors: CallError[];
}

export interface SqsFacts {
  queues: QueueFacts[];
}

const QUEUE_CONCURRENCY = 10;

const num = (value: string | undefined): number | null => {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** SQS's timestamps are seconds since the epoch, as text. */
const epochSeconds = (value: string | undefined): string | null => {
  const n = num(value);
  return n === null ? null : new Date(n * 1000).toISOString();
};

export function redrivePolicyFacts(text: string | undefined): RedrivePolicyFacts | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    const count = parsed.maxReceiveCount;
    return {
      deadLetterTargetArn: typeof parsed.deadLetterTargetArn === "string" ? parsed.deadLetterTargetArn : null,
      maxReceiveCount: typeof count === "number" ? count : typeof count === "string" ? num(count) : null,
    };
  } catch {
    return { deadLetterTargetArn: null, maxReceiveCount: null };
  }
}

export function queueNameOf(url: string): string {
  return url.replace(/\/+$/, "").split("/").pop() ?? url;
}

/** One queue's attributes as facts; its dead-letter queue is resolved later, against the whole listing. */
export function queueFacts(url: string, attributes: Record<string, string> | undefined, errors: CallError[]): QueueFacts {
  const a = attributes ?? {};
  const name = queueNameOf(url);
  const sse = a["SqsManagedSseEnabled"] === "true";
  const kms = a["KmsMasterKeyId"] || null;
  return {
    queueName: name,
    queueUrl: url,
    queueArn: a["QueueArn"] ?? null,
    fifo: a["FifoQueue"] === "true" || name.endsWith(".fifo"),
    visibilityTimeout: num(a["VisibilityTimeout"]),
    messageRetentionPeriod: num(a["MessageRetentionPeriod"]),
    delaySeconds: num(a["DelaySeconds"]),
    receiveMessageWaitTimeSeconds: num(a["ReceiveMessageWaitTimeSeconds"]),
    sqsManagedSseEnabled: sse,
    kmsMasterKeyId: kms,
    encryption: kms ? "SSE-KMS" : sse ? "SSE-SQS" : null,
    redrivePolicy: redrivePolicyFacts(a["RedrivePolicy"]),
    deadLetterQueue: null,
    deadLetterSourceOf: [],
    policy: attributes ? (a["Policy"] ? resourcePolicyFacts(a["Policy"]) : { statements: [] }) : null,
    approximateNumberOfMessages: num(a["ApproximateNumberOfMessages"]),
    approximateNumberOfMessagesNotVisible: num(a["ApproximateNumberOfMessagesNotVisible"]),
    approximateNumberOfMessagesDelayed: num(a["ApproximateNumberOfMessagesDelayed"]),
    createdTimestamp: epochSeconds(a["CreatedTimestamp"]),
    lastModifiedTimestamp: epochSeconds(a["LastModifiedTimestamp"]),
    errors,
  };
}

/** Each redrive target looked up among the queues; each queue learns whose dead-letter queue it is. */
export function resolveDeadLetters(queues: QueueFacts[]): QueueFacts[] {
  const byArn = new Map(queues.flatMap((q) => (q.queueArn ? [[q.queueArn, q] as const] : [])));
  for (const q of queues) {
    const target = q.redrivePolicy?.deadLetterTargetArn;
    if (!target) continue;
    const found = byArn.get(target);
    q.deadLetterQueue = { arn: target, queueName: found?.queueName ?? target.split(":").pop() ?? null, exists: found !== undefined };
    found?.deadLetterSourceOf.push(q.queueName);
  }
  return queues;
}

/**
 * The SQS client. The SDK sends a call about a queue to its QueueUrl's host, warning on the console
 * when that is not the configured endpoint; behind an emulator (AWS_ENDPOINT_URL) the endpoint is
 * where everything goes, quietly.
 */
export function sqsClient(ctx: CollectContext): SQSClient {
  return ctx.clients.get(SQSClient, ctx.region, ctx.clients.settings.endpoint ? { useQueueUrlAsEndpoint: false } : {});
}

export async function listQueueUrls(ctx: CollectContext): Promise<string[] | undefined> {
  const client = sqsClient(ctx);
  // Without MaxResults, ListQueues answers at most 1000 URLs and no NextToken.
  return ctx.attempt("sqs:ListQueues", () => collectPages(paginateListQueues({ client }, { MaxResults: 1000 }), (p) => p.QueueUrls));
}

const collector: Collector<SqsFacts> = defineCollector<SqsFacts>({
  service: "sqs",
  actions: ["sqs:ListQueues", "sqs:GetQueueAttributes"],
  async collect(ctx) {
    const client = sqsClient(ctx);
    const urls = (await listQueueUrls(ctx)) ?? [];
    const queues = await mapLimit(urls, QUEUE_CONCURRENCY, async (url) => {
      const errors: CallError[] = [];
      const own = makeContext(collector, ctx.region, ctx.clients, ctx.options, errors);
      const answer = await own.attempt(
        "sqs:GetQueueAttributes",
        () => client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] })),
        queueNameOf(url),
      );
      return queueFacts(url, answer ? (answer.Attributes ?? {}) : undefined, errors);
    });
    return { queues: resolveDeadLetters(queues) };
  },
  async locate(ctx) {
    return (await listQueueUrls(ctx))?.map(queueNameOf);
  },
});

export default collector;
