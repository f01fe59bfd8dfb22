import type * as Generated from "../core/schema-types/cleanup.js";

export const CLEANUP_REPORT_SCHEMA_VERSION = 1;

export const ITEM_TYPES = [
  "ec2-instance",
  "ebs-volume",
  "ebs-snapshot",
  "elastic-ip",
  "public-ipv4",
  "nat-gateway",
  "load-balancer",
  "vpc-endpoint",
  "beanstalk-environment",
  "lambda-function",
  "s3-bucket",
  "log-group",
  "rds",
  "rds-snapshot",
  "efs",
  "elasticache",
  "managed-service",
  "dynamodb-table",
  "api-cache",
  "api-gateway-api",
  "kms-key",
  "sqs-queue",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
// The list above and the schema's enum are the same set (a compile error here if they drift).
const sameItemTypes: [ItemType, Generated.ItemType] extends [Generated.ItemType, ItemType] ? true : never = true;
void sameItemTypes;

// The report's types are generated from schemas/cleanup.schema.json (npm run schema-types): the
// published schema is the one description of the report.

/** One priced part of an item: quantity × unit price, rounded to cents. */
export type CostLine = Generated.CostLine;

/** Something in the account that is (or may be) billed while nobody uses it. */
export type CleanupItem = Generated.Item;

/** A listing that failed, with the sentence a student reads: what, where, which permission. */
export type CleanupError = Generated.Error;

export type CleanupStatus = Generated.CleanupReportDocument["status"];

export type RegionTotal = Generated.CleanupReportDocument["totals"]["byRegion"][number];

export type CleanupReport = Generated.CleanupReportDocument;
