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
  freeTier: {
    pools: Record<FreeTierPool, { amount: number; unit: "h" | "GB-month"; months: number | null }>;
    ec2InstanceTypes: string[];
    ebsVolumeTypes: string[];
    loadBalancerTypes: string[];
  };
}

/** The bundled price table (data/prices.json); test/cleanup/prices.test.ts holds it to PriceTable. */
export async function loadPrices(): Promise<PriceTable> {
  return prices as PriceTable;
}
