import { DescribeKeyCommand, KMSClient, paginateListKeys } from "@aws-sdk/client-kms";
import { defineCollector } from "../../collect/collector.js";
import { mapLimit } from "../../collect/map-limit.js";
import { collectPages, isoDate } from "../../collect/pages.js";

/** A KMS key: a customer managed one bills 1 USD a month, enabled or disabled, until it is deleted. */
export interface CleanupKey {
  keyId: string;
  arn: string | null;
  /** CUSTOMER (yours, billed) or AWS (AWS managed, free). null when DescribeKey failed. */
  keyManager: string | null;
  /** Enabled, Disabled, PendingDeletion, PendingImport, Unavailable… */
  keyState: string | null;
  description: string | null;
  creationDate: string | null;
  /** When a key pending deletion goes. */
  deletionDate: string | null;
}

export interface CleanupKmsFacts {
  keys: CleanupKey[] | null;
}

/** KMS keys of one region (ListKeys, then DescribeKey for each: only that says whose it is). */
export default defineCollector<CleanupKmsFacts>({
  service: "cleanup-kms",
  actions: ["kms:ListKeys", "kms:DescribeKey"],
  async collect(ctx) {
    const client = ctx.clients.get(KMSClient, ctx.region);
    const listed = await ctx.attempt("kms:ListKeys", () => collectPages(paginateListKeys({ client }, {}), (p) => p.Keys));
    if (!listed) return { keys: null };
    const keys = await mapLimit(listed, 10, async (k): Promise<CleanupKey> => {
      const id = k.KeyId ?? "";
      const answer = await ctx.attempt("kms:DescribeKey", () => client.send(new DescribeKeyCommand({ KeyId: id })), id);
      const m = answer?.KeyMetadata;
      return {
        keyId: id,
        arn: m?.Arn ?? k.KeyArn ?? null,
        keyManager: m?.KeyManager ?? null,
        keyState: m?.KeyState ?? null,
        description: m?.Description || null,
        creationDate: isoDate(m?.CreationDate),
        deletionDate: isoDate(m?.DeletionDate),
      };
    });
    return { keys };
  },
});
