import { S3Client } from "@aws-sdk/client-s3";
import type { CollectContext } from "./collector.js";

/** An S3 client for `region`; emulators (AWS_ENDPOINT_URL) serve buckets by path, not by virtual host. */
export function s3Client(ctx: CollectContext, region: string, extra: Record<string, unknown> = {}): S3Client {
  return ctx.clients.get(S3Client, region, { ...(ctx.clients.settings.endpoint ? { forcePathStyle: true } : {}), ...extra });
}

/** GetBucketLocation says nothing for us-east-1 and «EU» for the oldest eu-west-1 buckets. */
export function locationRegion(constraint: string | null | undefined): string {
  if (!constraint) return "us-east-1";
  return constraint === "EU" ? "eu-west-1" : constraint;
}
