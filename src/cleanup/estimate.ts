import type { CleanupBucket, CleanupS3Facts } from "./collectors/s3.js";
import type { CallError, Snapshot } from "../core/snapshot.js";
import { fill, type Lang } from "../core/text.js";
import { GLOBAL_COLLECTORS, REGIONAL_COLLECTORS } from "./snapshot.js";
import { CLEANUP_MSG as M } from "./messages.js";
import { FREE_TIER_POOLS, type FreeTierPool, type PriceTable } from "./prices.js";
import { cents, sum } from "./pricing/context.js";
import { priceRegion } from "./pricing/region.js";
import {
  CLEANUP_REPORT_SCHEMA_VERSION,
  type CleanupError,
  type CleanupItem,
  type CleanupReport,
  type CleanupStatus,
} from "./report.js";

export { cents } from "./pricing/context.js";

export interface EstimateOptions {
  lang: Lang;
  tool: { name: string; version: string };
}

function regional<F>(snapshot: Snapshot, collector: string, region: string): F | undefined {
  const byRegion = snapshot.facts[collector] as Record<string, F> | undefined;
  return byRegion?.[region];
}

/** The regions a cleanup snapshot covers. */
export function snapshotRegions(snapshot: Snapshot): string[] {
  const listed = (snapshot.facts["regions"] as { regions?: unknown } | undefined)?.regions;
  return Array.isArray(listed) && listed.every((r) => typeof r === "string") ? [...(listed as string[])].sort() : [snapshot.region];
}

/** Hands each pool's allowance to the lines that use it, in report order, and records what it covers. */
export function applyFreeTier(items: CleanupItem[], prices: PriceTable): number {
  const remaining = Object.fromEntries(FREE_TIER_POOLS.map((p) => [p, prices.freeTier.pools[p]?.amount ?? 0])) as Record<FreeTierPool, number>;
  let total = 0;
  for (const item of items) {
    for (const line of item.costs) {
      if (!line.freeTier || line.unitUsd === null || line.monthlyUsd === null) continue;
      const quantity = Math.min(remaining[line.freeTier], line.quantity);
      if (quantity <= 0) continue;
      remaining[line.freeTier] -= quantity;
      const covered = Math.min(line.monthlyUsd, cents(quantity * line.unitUsd));
      item.freeTier.coveredUsd = cents(item.freeTier.coveredUsd + covered);
      total += covered;
    }
  }
  return cents(total);
}

function errorText(error: CallError, lang: Lang): string {
  const resource = M.resource[error.action] ?? { es: error.action, en: error.action };
  const what = fill(resource[lang], { target: error.target ?? "" });
  const couldNot = M.error[resource.many ? "couldNotMany" : "couldNotOne"]![lang];
  // S3 is listed once for the whole account: its errors have no region.
  const where = error.region ?? (error.action.startsWith("s3:") ? "S3" : M.error["account"]![lang]);
  return fill(M.error[error.kind]![lang], { couldNot, what, where, action: error.action, code: error.code, message: error.message });
}

const TYPE_ORDER = new Map<string, number>([
  "beanstalk-environment",
  "ec2-instance",
  "load-balancer",
  "nat-gateway",
  "elastic-ip",
  "public-ipv4",
  "ebs-volume",
  "ebs-snapshot",
  "vpc-endpoint",
  "rds",
  "rds-snapshot",
  "dynamodb-table",
  "api-cache",
  "kms-key",
  "efs",
  "elasticache",
  "managed-service",
  "s3-bucket",
  "lambda-function",
  "api-gateway-api",
  "sqs-queue",
  "log-group",
].map((t, i) => [t, i]));

function byImportance(a: CleanupItem, b: CleanupItem): number {
  return (
    a.region.localeCompare(b.region) ||
    Number(b.billable) - Number(a.billable) ||
    (TYPE_ORDER.get(a.type) ?? 99) - (TYPE_ORDER.get(b.type) ?? 99) ||
    b.monthlyUsd - a.monthlyUsd ||
    a.id.localeCompare(b.id)
  );
}

/** Every region's items, buckets under their own region, most important first. */
function pricedItems(snapshot: Snapshot, prices: PriceTable, lang: Lang, regions: string[]): { items: CleanupItem[]; allRegions: string[] } {
  const s3 = snapshot.facts["cleanup-s3"] as CleanupS3Facts | undefined;
  const bucketsByRegion = new Map<string, CleanupBucket[]>();
  for (const bucket of s3?.buckets ?? []) {
    const region = bucket.region ?? snapshot.region;
    bucketsByRegion.set(region, [...(bucketsByRegion.get(region) ?? []), bucket]);
  }
  const allRegions = [...new Set([...regions, ...bucketsByRegion.keys()])].sort();
  const items = allRegions
    .flatMap((region) =>
      priceRegion(
        { region, prices, lang },
        {
          ec2: regional(snapshot, "cleanup-ec2", region),
          elbv2: regional(snapshot, "cleanup-elbv2", region),
          beanstalk: regional(snapshot, "cleanup-beanstalk", region),
          lambda: regional(snapshot, "cleanup-lambda", region),
          logs: regional(snapshot, "cleanup-logs", region),
          rds: regional(snapshot, "cleanup-rds", region),
          dynamodb: regional(snapshot, "cleanup-dynamodb", region),
          apigateway: regional(snapshot, "cleanup-apigateway", region),
          kms: regional(snapshot, "cleanup-kms", region),
          sqs: regional(snapshot, "cleanup-sqs", region),
          buckets: bucketsByRegion.get(region) ?? [],
        },
      ),
    )
    .sort(byImportance);
  return { items, allRegions };
}

function statusOf(snapshot: Snapshot, regions: string[], items: CleanupItem[]): CleanupStatus {
  if (items.some((i) => i.billable)) return "billable";
  if (snapshot.errors.length === 0) return "clean";
  // Every listing of every region failed: nothing was checked at all.
  const pairs = [...REGIONAL_COLLECTORS.flatMap((c) => regions.map((r) => `${c}@${r}`)), ...GLOBAL_COLLECTORS.map((c) => `${c}@`)];
  const failedPairs = new Set(snapshot.errors.map((e) => `${e.collector ?? ""}@${GLOBAL_COLLECTORS.includes(e.collector as never) ? "" : (e.region ?? "")}`));
  return pairs.every((p) => failedPairs.has(p)) ? "unreadable" : "incomplete";
}

function totalsOf(items: CleanupItem[], allRegions: string[], freeTierCoveredUsd: number): CleanupReport["totals"] {
  const monthlyUsd = sum(items.map((i) => i.monthlyUsd));
  return {
    monthlyUsd,
    costComplete: items.every((i) => i.costKnown),
    unknownCostItems: items.filter((i) => !i.costKnown).length,
    billableItems: items.filter((i) => i.billable).length,
    items: items.length,
    freeTierCoveredUsd,
    afterFreeTierUsd: cents(monthlyUsd - freeTierCoveredUsd),
    byRegion: allRegions.map((region) => {
      const inRegion = items.filter((i) => i.region === region);
      return {
        region,
        monthlyUsd: sum(inRegion.map((i) => i.monthlyUsd)),
        billableItems: inRegion.filter((i) => i.billable).length,
        items: inRegion.length,
      };
    }),
  };
}

/**
 * A cleanup snapshot → what still costs money, priced with `prices`. Pure: no I/O, no clock;
 * the same snapshot and table always give the same report.
 */
export function estimateCleanup(snapshot: Snapshot, prices: PriceTable, options: EstimateOptions): CleanupReport {
  const { lang } = options;
  const regions = snapshotRegions(snapshot);
  const { items, allRegions } = pricedItems(snapshot, prices, lang, regions);
  const freeTierCoveredUsd = applyFreeTier(items, prices);
  const errors: CleanupError[] = snapshot.errors.map((e) => ({
    action: e.action,
    code: e.code,
    kind: e.kind,
    message: e.message,
    region: e.region ?? null,
    collector: e.collector ?? null,
    target: e.target ?? null,
    text: errorText(e, lang),
  }));
  const notes: string[] = [];
  if (snapshot.errors.some((e) => e.action === "ec2:DescribeRegions")) {
    notes.push(fill(M.error["regionsFallback"]![lang], { region: regions.join(", ") }));
  }
  return {
    schemaVersion: CLEANUP_REPORT_SCHEMA_VERSION,
    tool: options.tool,
    kind: "cleanup",
    lang,
    collectedAt: snapshot.collectedAt,
    account: snapshot.account,
    ...(snapshot.endpoint ? { endpoint: snapshot.endpoint } : {}),
    regions,
    prices: { asOf: prices.asOf, region: prices.region, currency: prices.currency, hoursPerMonth: prices.hoursPerMonth, sources: prices.sources },
    status: statusOf(snapshot, regions, items),
    items,
    errors,
    notes,
    totals: totalsOf(items, allRegions, freeTierCoveredUsd),
  };
}
