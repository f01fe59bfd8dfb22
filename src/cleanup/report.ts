import type { CallError, ErrorKind } from "../core/snapshot.js";
import type { Lang } from "../core/text.js";
import type { FreeTierPool } from "./prices.js";

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
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** One priced part of an item: quantity × unit price, rounded to cents. */
export interface CostLine {
  label: string;
  quantity: number;
  unit: "h" | "GB-month" | "IOPS-month" | "MBps-month";
  /** null: the table has no price for it. */
  unitUsd: number | null;
  monthlyUsd: number | null;
  freeTier?: FreeTierPool;
}

/** Something in the account that is (or may be) billed while nobody uses it. */
export interface CleanupItem {
  region: string;
  type: ItemType;
  id: string;
  name: string | null;
  state: string | null;
  summary: string;
  costs: CostLine[];
  /** Sum of the priced lines, in USD per month (a lower bound when costKnown is false). */
  monthlyUsd: number;
  costKnown: boolean;
  /** Costs money while idle (or may, when its cost is unknown): the student should delete it. */
  billable: boolean;
  freeTier: { eligible: boolean; coveredUsd: number };
  /** AWS CLI commands that delete it, in order. Printed, never run. */
  deleteCommands: string[];
  /** Deleting this other item deletes this one too (a Beanstalk environment and its instances). */
  deletedWith: { type: ItemType; id: string } | null;
  notes: string[];
}

export interface CleanupError extends Required<Pick<CallError, "action" | "code" | "message">> {
  kind: ErrorKind;
  region: string | null;
  collector: string | null;
  target: string | null;
  /** The sentence a student reads: what could not be checked, where, and which permission is missing. */
  text: string;
}

export type CleanupStatus = "clean" | "billable" | "incomplete" | "unreadable";

export interface RegionTotal {
  region: string;
  monthlyUsd: number;
  billableItems: number;
  items: number;
}

export interface CleanupReport {
  schemaVersion: typeof CLEANUP_REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  kind: "cleanup";
  lang: Lang;
  collectedAt: string;
  account: { id: string; arn: string } | null;
  endpoint?: string;
  regions: string[];
  prices: { asOf: string; region: string; currency: string; hoursPerMonth: number; sources: string[] };
  /** clean: nothing billable and everything read; billable: something costs; incomplete: nothing found but some listings failed; unreadable: every listing failed. */
  status: CleanupStatus;
  items: CleanupItem[];
  errors: CleanupError[];
  notes: string[];
  totals: {
    monthlyUsd: number;
    costComplete: boolean;
    unknownCostItems: number;
    billableItems: number;
    items: number;
    freeTierCoveredUsd: number;
    afterFreeTierUsd: number;
    byRegion: RegionTotal[];
  };
}
