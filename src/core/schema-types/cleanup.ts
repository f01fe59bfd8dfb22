// Generated from schemas/cleanup.schema.json by scripts/schema-types.mjs (npm run schema-types): do not edit.
/* eslint-disable */
export type ItemType =
  | "ec2-instance"
  | "ebs-volume"
  | "ebs-snapshot"
  | "elastic-ip"
  | "public-ipv4"
  | "nat-gateway"
  | "load-balancer"
  | "vpc-endpoint"
  | "beanstalk-environment"
  | "lambda-function"
  | "s3-bucket"
  | "log-group"
  | "rds"
  | "rds-snapshot"
  | "efs"
  | "elasticache"
  | "managed-service";
/**
 * US dollars per month, rounded to cents.
 */
export type Usd = number;
export type FreeTierPool =
  "ec2-hours" | "ebs-gb" | "snapshot-gb" | "public-ipv4-hours" | "elb-hours" | "s3-standard-gb" | "logs-gb";

/**
 * What `calificar limpieza --format json` prints: what still costs money in an AWS account, region by region, priced from a bundled table of list prices, with the commands that delete each item (printed, never run).
 */
export interface CleanupReportDocument {
  schemaVersion: 1;
  tool: {
    name: string;
    version: string;
  };
  kind: "cleanup";
  lang: "es" | "en";
  collectedAt: string;
  account: null | {
    id: string;
    arn: string;
  };
  /**
   * Set when AWS_ENDPOINT_URL pointed at an emulator.
   */
  endpoint?: string;
  /**
   * Regions checked.
   */
  regions: string[];
  prices: {
    asOf: string;
    /**
     * The region whose list prices the table holds; other regions are approximated by it.
     */
    region: string;
    currency: "USD";
    hoursPerMonth: number;
    sources: string[];
  };
  /**
   * clean (exit 0): nothing billable and every listing read. billable (exit 1): something costs or may cost. incomplete (exit 1): nothing billable found, but some listings failed. unreadable (exit 3): every listing failed.
   */
  status: "clean" | "billable" | "incomplete" | "unreadable";
  items: Item[];
  errors: Error[];
  notes: string[];
  totals: {
    monthlyUsd: Usd;
    /**
     * false when some item's cost is unknown or a lower bound.
     */
    costComplete: boolean;
    unknownCostItems: number;
    billableItems: number;
    items: number;
    /**
     * US dollars per month, rounded to cents.
     */
    freeTierCoveredUsd: number;
    afterFreeTierUsd: Usd;
    byRegion: {
      region: string;
      monthlyUsd: Usd;
      billableItems: number;
      items: number;
    }[];
  };
}
export interface Item {
  region: string;
  type: ItemType;
  id: string;
  /**
   * The Name tag (or the application, for a Beanstalk environment).
   */
  name: string | null;
  state: string | null;
  summary: string;
  costs: CostLine[];
  /**
   * US dollars per month, rounded to cents.
   */
  monthlyUsd: number;
  costKnown: boolean;
  /**
   * Costs money while idle, or may (unknown cost).
   */
  billable: boolean;
  freeTier: {
    eligible: boolean;
    coveredUsd: Usd;
  };
  /**
   * AWS CLI commands that delete it, in order. calificar prints them and never runs them.
   */
  deleteCommands: string[];
  deletedWith: null | {
    type: ItemType;
    id: string;
  };
  notes: string[];
}
export interface CostLine {
  label: string;
  quantity: number;
  unit: "h" | "GB-month" | "IOPS-month" | "MBps-month";
  unitUsd: number | null;
  monthlyUsd: null | Usd;
  freeTier?: FreeTierPool;
}
export interface Error {
  /**
   * The IAM action whose call failed, e.g. ec2:DescribeNatGateways.
   */
  action: string;
  code: string;
  kind: "denied" | "throttled" | "credentials" | "network" | "timeout" | "api";
  message: string;
  region: string | null;
  collector: string | null;
  target: string | null;
  /**
   * What could not be checked, where, and why, in the report's language.
   */
  text: string;
}
