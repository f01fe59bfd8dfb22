import { DescribeTableCommand, DynamoDBClient, paginateListTables, type TableDescription } from "@aws-sdk/client-dynamodb";
import { defineCollector, type CollectContext, type Collector } from "../src/collect/collector.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { collectPages, isoDate } from "../src/collect/pages.js";

// DynamoDB tables (ListTables, then DescribeTable for each): keys with their attribute types, the
// billing mode and the capacity they provision, global secondary indexes included, since the
// always-free 25 RCU / 25 WCU are counted across the whole account.

export interface KeyFacts {
  name: string;
  /** S (string), N (number) or B (binary), from AttributeDefinitions. */
  type: string | null;
}

export interface TableFacts {
  tableName: string;
  tableArn: string | null;
  /** ACTIVE, CREATING, UPDATING, DELETING… */
  status: string | null;
  /** The HASH key; null when the table could not be described. */
  partitionKey: KeyFacts | null;
  /** The RANGE key, if any. */
  sortKey: KeyFacts | null;
  /** PAY_PER_REQUEST (on-demand) or PROVISIONED; tables created before billing modes existed are PROVISIONED. */
  billingMode: string | null;
  /** The table's own provisioned capacity (0 on demand). */
  readCapacityUnits: number | null;
  writeCapacityUnits: number | null;
  /** Table plus global secondary indexes: what the account's free capacity is spent on (0 on demand). */
  provisionedReadCapacityUnits: number;
  provisionedWriteCapacityUnits: number;
  globalSecondaryIndexes: { indexName: string; readCapacityUnits: number | null; writeCapacityUnits: number | null }[];
  itemCount: number | null;
  tableSizeBytes: number | null;
  deletionProtectionEnabled: boolean;
  /** STANDARD or STANDARD_INFREQUENT_ACCESS. */
  tableClass: string | null;
  createdAt: string | null;
}

export interface DynamoDbFacts {
  tables: TableFacts[];
}

const TABLE_CONCURRENCY = 10;

export function tableFacts(name: string, t: TableDescription | undefined): TableFacts {
  const types = new Map((t?.AttributeDefinitions ?? []).map((a) => [a.AttributeName ?? "", a.AttributeType ?? null]));
  const key = (kind: "HASH" | "RANGE"): KeyFacts | null => {
    const k = t?.KeySchema?.find((s) => s.KeyType === kind);
    return k?.AttributeName ? { name: k.AttributeName, type: types.get(k.AttributeName) ?? null } : null;
  };
  const billingMode = t ? (t.BillingModeSummary?.BillingMode ?? "PROVISIONED") : null;
  const provisioned = billingMode === "PROVISIONED";
  const gsis = (t?.GlobalSecondaryIndexes ?? []).map((g) => ({
    indexName: g.IndexName ?? "",
    readCapacityUnits: g.ProvisionedThroughput?.ReadCapacityUnits ?? null,
    writeCapacityUnits: g.ProvisionedThroughput?.WriteCapacityUnits ?? null,
  }));
  const total = (own: number | undefined, part: "readCapacityUnits" | "writeCapacityUnits") =>
    provisioned ? (own ?? 0) + gsis.reduce((sum, g) => sum + (g[part] ?? 0), 0) : 0;
  return {
    tableName: name,
    tableArn: t?.TableArn ?? null,
    status: t?.TableStatus ?? null,
    partitionKey: key("HASH"),
    sortKey: key("RANGE"),
    billingMode,
    readCapacityUnits: t?.ProvisionedThroughput?.ReadCapacityUnits ?? null,
    writeCapacityUnits: t?.ProvisionedThroughput?.WriteCapacityUnits ?? null,
    provisionedReadCapacityUnits: total(t?.ProvisionedThroughput?.ReadCapacityUnits, "readCapacityUnits"),
    provisionedWriteCapacityUnits: total(t?.ProvisionedThroughput?.WriteCapacityUnits, "writeCapacityUnits"),
    globalSecondaryIndexes: gsis,
    itemCount: t?.ItemCount ?? null,
    tableSizeBytes: t?.TableSizeBytes ?? null,
    deletionProtectionEnabled: t?.DeletionProtectionEnabled === true,
    tableClass: t ? (t.TableClassSummary?.TableClass ?? "STANDARD") : null,
    createdAt: isoDate(t?.CreationDateTime),
  };
}

export async function listTableNames(ctx: CollectContext): Promise<string[] | undefined> {
  const client = ctx.clients.get(DynamoDBClient, ctx.region);
  return ctx.attempt("dynamodb:ListTables", () => collectPages(paginateListTables({ client }, {}), (p) => p.TableNames));
}

/**
 * Each table described, a few at a time. A table that cannot be described is an error of the
 * region, not of the table: labs grade the account's tables as a whole (is there one with a string
 * key? what do they provision?), and cleanup keeps its name.
 */
export async function describeTables(ctx: CollectContext, names: string[]): Promise<TableFacts[]> {
  const client = ctx.clients.get(DynamoDBClient, ctx.region);
  return mapLimit(names, TABLE_CONCURRENCY, async (name) => {
    const answer = await ctx.attempt("dynamodb:DescribeTable", () => client.send(new DescribeTableCommand({ TableName: name })), name);
    return tableFacts(name, answer?.Table);
  });
}

const collector: Collector<DynamoDbFacts> = defineCollector<DynamoDbFacts>({
  service: "dynamodb",
  actions: ["dynamodb:ListTables", "dynamodb:DescribeTable"],
  async collect(ctx) {
    return { tables: await describeTables(ctx, (await listTableNames(ctx)) ?? []) };
  },
  async locate(ctx) {
    return listTableNames(ctx);
  },
});

export default collector;
