import type { CleanupBeanstalkFacts } from "../collectors/beanstalk.js";
import type { CleanupEc2Facts } from "../collectors/ec2.js";
import type { CleanupElbv2Facts } from "../collectors/elbv2.js";
import type { CleanupLambdaFacts } from "../collectors/lambda.js";
import type { CleanupLogsFacts } from "../collectors/logs.js";
import type { CleanupRdsFacts } from "../collectors/rds.js";
import type { CleanupBucket } from "../collectors/s3.js";
import { fill, type Lang } from "../../core/text.js";
import { CLEANUP_MSG as M } from "../messages.js";
import type { FreeTierPool, PriceTable } from "../prices.js";
import type { CleanupItem, CostLine } from "../report.js";

/** The facts of the cleanup collectors for one region, as the snapshot holds them. */
export interface RegionFacts {
  ec2: CleanupEc2Facts | undefined;
  elbv2: CleanupElbv2Facts | undefined;
  beanstalk: CleanupBeanstalkFacts | undefined;
  lambda: CleanupLambdaFacts | undefined;
  logs: CleanupLogsFacts | undefined;
  /** undefined in snapshots taken before calificar read RDS. */
  rds: CleanupRdsFacts | undefined;
  buckets: CleanupBucket[];
}

/** What every pricing function needs besides its facts: where, at what prices, in which words. */
export interface Pricing {
  region: string;
  prices: PriceTable;
  lang: Lang;
}

type Data = Record<string, string | number>;
type Group = keyof typeof M;

/** USD rounded to cents, so lines, items and totals add up exactly as printed. */
export function cents(usd: number): number {
  return Math.round(usd * 100 + Number.EPSILON * 100) / 100;
}

export const sum = (values: number[]) => cents(values.reduce((a, b) => a + b, 0));
export const GiB = 1024 ** 3;

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A sentence of src/cleanup/messages.ts in the report's language; an unknown key reads as itself. */
export function say(p: Pricing, group: Group, key: string, data: Data = {}): string {
  const text = (M[group] as Record<string, Record<Lang, string>>)[key];
  return text ? fill(text[p.lang], data) : key;
}

export function stateWord(p: Pricing, state: string | null): string {
  return state ? say(p, "state", state) : "?";
}

export function costLine(p: Pricing, label: string, quantity: number, unit: CostLine["unit"], unitUsd: number | undefined, freeTier?: FreeTierPool): CostLine {
  return {
    label,
    quantity: Math.round(quantity * 1000) / 1000,
    unit,
    unitUsd: unitUsd ?? null,
    monthlyUsd: unitUsd === undefined ? null : cents(quantity * unitUsd),
    ...(freeTier ? { freeTier } : {}),
  };
}

/** `count` things billed every hour of the month. */
export function hourlyLine(p: Pricing, label: string, count: number, hourlyUsd: number | undefined, freeTier?: FreeTierPool): CostLine {
  return costLine(p, label, count * p.prices.hoursPerMonth, "h", hourlyUsd, freeTier);
}

export type ItemSpec = Omit<CleanupItem, "monthlyUsd" | "costKnown" | "billable" | "freeTier" | "region" | "deletedWith" | "notes"> &
  Partial<Pick<CleanupItem, "deletedWith" | "notes">>;

export interface ItemOptions {
  unknownCost?: boolean;
  billable?: boolean;
  alwaysFree?: boolean;
}

/** An item with its totals: billable unless it costs nothing known, free tier when a line draws on a pool. */
export function makeItem(p: Pricing, item: ItemSpec, options: ItemOptions = {}): CleanupItem {
  const monthlyUsd = sum(item.costs.flatMap((c) => (c.monthlyUsd === null ? [] : [c.monthlyUsd])));
  const costKnown = !options.unknownCost && item.costs.every((c) => c.monthlyUsd !== null);
  return {
    region: p.region,
    type: item.type,
    id: item.id,
    name: item.name,
    state: item.state,
    summary: item.summary,
    costs: item.costs,
    monthlyUsd,
    costKnown,
    billable: options.billable ?? (!costKnown || monthlyUsd > 0),
    freeTier: { eligible: Boolean(options.alwaysFree) || item.costs.some((c) => c.freeTier), coveredUsd: 0 },
    deleteCommands: item.deleteCommands,
    deletedWith: item.deletedWith ?? null,
    notes: item.notes ?? [],
  };
}
