import prices from "../../data/prices.json" with { type: "json" };

/** Where a free allowance applies; the amounts live in data/prices.json. */
export const FREE_TIER_POOLS = ["ec2-hours", "ebs-gb", "snapshot-gb", "public-ipv4-hours", "elb-hours", "s3-standard-gb", "logs-gb"] as const;
export type FreeTierPool = (typeof FREE_TIER_POOLS)[number];

/** data/prices.json: list prices of one region, dated, with their sources. */
export interface PriceTable {
  asOf: string;
  region: string;
  currency: "USD";
  hoursPerMonth: number;
  sources: string[];
  ec2: { linuxOnDemandHourly: Record<string, number> };
  ebs: {
    gbMonth: Record<string, number>;
    gp3: { includedIops: number; iopsMonth: number; includedThroughputMBps: number; throughputMBpsMonth: number };
    provisionedIopsMonth: Record<string, number>;
    snapshotGbMonth: { standard: number; archive: number };
  };
  publicIpv4Hourly: number;
  natGateway: { hourly: number; perGbProcessed: number };
  loadBalancerHourly: Record<"application" | "network" | "gateway" | "classic", number>;
  vpcEndpoint: { interfaceHourlyPerAz: number; gatewayLoadBalancerHourly: number };
  s3GbMonth: Record<string, number>;
  logsGbMonth: number;
  rds: {
    /** Single-AZ on-demand, by engine (DBInstance.Engine) then instance class. */
    singleAzHourly: Record<string, Record<string, number>>;
    /** A Multi-AZ deployment's instance and storage cost this many times the Single-AZ price. */
    multiAzMultiplier: number;
    storageGbMonth: Record<string, number>;
    /** Manual snapshots: backup storage. */
    snapshotGbMonth: number;
  };
  /** The legacy 12-month Free Tier (accounts created before 2025-07-15) and the always-free offers. */
  freeTier: {
    pools: Record<FreeTierPool, { amount: number; unit: "h" | "GB-month"; months: number | null }>;
    /** The legacy Free Tier's types: what the ec2-hours pool covers. */
    ec2InstanceTypes: string[];
    ebsVolumeTypes: string[];
    loadBalancerTypes: string[];
    /** Accounts created from `since`: credits instead of the pools; these EC2 types are free-tier eligible. */
    freePlan: { since: string; ec2InstanceTypes: string[] };
  };
  /** Where each price comes from: the entry with the longest pointer that is a prefix of a price's path. */
  checked: PriceCheck[];
}

export interface PriceCheck {
  /** JSON Pointers to prices, or to objects of prices. */
  prices: string[];
  status: "confirmed" | "unverified" | "conflict";
  grade: "aws" | "aws-authored" | "third-party" | null;
  sources: string[];
  note: string;
}

/** The bundled price table (data/prices.json); test/cleanup/prices.test.ts holds it to PriceTable. */
export async function loadPrices(): Promise<PriceTable> {
  return prices as PriceTable;
}
