import type { CleanupQueue, CleanupSqsFacts } from "../collectors/sqs.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { makeItem, say, type Pricing } from "./context.js";

/** A queue is not billed while idle: listed «para borrar» so the course leaves nothing behind. */
export function queueItem(p: Pricing, queue: CleanupQueue): CleanupItem {
  const summary =
    queue.messages === null
      ? say(p, "summary", "queueUnread")
      : queue.messages === 0
        ? say(p, "summary", "queueIdle")
        : say(p, "summary", "queueMessages", { count: queue.messages });
  return makeItem(
    p,
    {
      type: "sqs-queue",
      id: queue.queueName,
      name: null,
      state: null,
      summary,
      costs: [],
      deleteCommands: [cmd.deleteQueue(queue.queueUrl, p.region)],
      notes: [say(p, "note", "queueIdle")],
    },
    { alwaysFree: true },
  );
}

export function sqsItems(p: Pricing, facts: CleanupSqsFacts | undefined): CleanupItem[] {
  return (facts?.queues ?? []).map((q) => queueItem(p, q));
}
