import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { listQueueUrls, queueNameOf, sqsClient } from "../../../checks/sqs.js";
import { defineCollector } from "../../collect/collector.js";
import { mapLimit } from "../../collect/map-limit.js";

/** A queue: not billed while idle (SQS bills requests), listed so the student deletes it at the end of the course. */
export interface CleanupQueue {
  queueName: string;
  queueUrl: string;
  /** Messages waiting, in flight and delayed; null when its attributes could not be read. */
  messages: number | null;
  createdTimestamp: string | null;
}

export interface CleanupSqsFacts {
  queues: CleanupQueue[] | null;
}

const ATTRIBUTES = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp"] as const;

export default defineCollector<CleanupSqsFacts>({
  service: "cleanup-sqs",
  actions: ["sqs:ListQueues", "sqs:GetQueueAttributes"],
  async collect(ctx) {
    const client = sqsClient(ctx);
    const urls = await listQueueUrls(ctx);
    if (!urls) return { queues: null };
    const queues = await mapLimit(urls, 10, async (url): Promise<CleanupQueue> => {
      const answer = await ctx.attempt("sqs:GetQueueAttributes", () => client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...ATTRIBUTES] })), queueNameOf(url));
      const a = answer?.Attributes;
      const count = (name: (typeof ATTRIBUTES)[number]) => Number(a?.[name] ?? 0) || 0;
      const created = Number(a?.["CreatedTimestamp"]);
      return {
        queueName: queueNameOf(url),
        queueUrl: url,
        messages: a ? count("ApproximateNumberOfMessages") + count("ApproximateNumberOfMessagesNotVisible") + count("ApproximateNumberOfMessagesDelayed") : null,
        createdTimestamp: Number.isFinite(created) && created > 0 ? new Date(created * 1000).toISOString() : null,
      };
    });
    return { queues };
  },
});
