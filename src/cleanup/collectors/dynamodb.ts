import { DescribeTableCommand, DynamoDBClient, paginateListTables } from "@aws-sdk/client-dynamodb";
import { tableFacts, type TableFacts } from "../../../checks/dynamodb.js";
import { defineCollector } from "../../collect/collector.js";
import { mapLimit } from "../../collect/map-limit.js";
import { collectPages } from "../../collect/pages.js";

/** A table as lab-crud's collector reads it: billing mode, capacity with its indexes, stored bytes. */
export type CleanupTable = TableFacts;

export interface CleanupDynamoDbFacts {
  /** null when ListTables could not be read. A table DescribeTable refused keeps its name, and nothing else. */
  tables: CleanupTable[] | null;
}

/**
 * DynamoDB tables of one region. A provisioned table bills its capacity every hour whether used or
 * not (25 RCU and 25 WCU are always free); an on-demand table bills only what it stores beyond 25 GB.
 */
export default defineCollector<CleanupDynamoDbFacts>({
  service: "cleanup-dynamodb",
  actions: ["dynamodb:ListTables", "dynamodb:DescribeTable"],
  async collect(ctx) {
    const client = ctx.clients.get(DynamoDBClient, ctx.region);
    const names = await ctx.attempt("dynamodb:ListTables", () => collectPages(paginateListTables({ client }, {}), (p) => p.TableNames));
    if (!names) return { tables: null };
    const tables = await mapLimit(names, 10, async (name) => {
      const answer = await ctx.attempt("dynamodb:DescribeTable", () => client.send(new DescribeTableCommand({ TableName: name })), name);
      return tableFacts(name, answer?.Table);
    });
    return { tables };
  },
});
