import type { CleanupKey, CleanupKmsFacts } from "../collectors/kms.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { costLine, makeItem, say, stateWord, type Pricing } from "./context.js";

/** A customer managed key bills 1 USD a month, enabled or disabled, until it is scheduled for deletion. */
export function keyItem(p: Pricing, key: CleanupKey): CleanupItem {
  const pending = key.keyState === "PendingDeletion" || key.keyState === "PendingReplicaDeletion";
  return makeItem(
    p,
    {
      type: "kms-key",
      id: key.keyId,
      name: key.description,
      state: key.keyState,
      summary: pending && key.deletionDate
        ? say(p, "summary", "keyPendingDeletion", { date: key.deletionDate.slice(0, 10) })
        : say(p, "summary", "key", { state: stateWord(p, key.keyState) }),
      costs: pending ? [] : [costLine(p, say(p, "line", "key"), 1, "key-month", p.prices.kms.keyMonth)],
      deleteCommands: pending ? [] : [cmd.scheduleKeyDeletion(key.keyId, p.region)],
      notes: pending ? [say(p, "note", "keyPendingDeletion")] : [say(p, "note", "keyDeletion"), say(p, "note", "keyRotation")],
    },
    { billable: !pending },
  );
}

/** Only customer managed keys: AWS managed ones (aws/s3, aws/lambda…) are free and cannot be deleted. */
export function kmsItems(p: Pricing, facts: CleanupKmsFacts | undefined): CleanupItem[] {
  return (facts?.keys ?? []).filter((k) => k.keyManager === "CUSTOMER").map((k) => keyItem(p, k));
}
