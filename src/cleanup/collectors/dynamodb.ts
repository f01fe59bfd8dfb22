import { describeTables, listTableNames, type TableFacts } from "../../../checks/dynamodb.js";
import { defineCollector } from "../../collect/collector.js";

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
    const names = await listTableNames(ctx);
    return { tables: names ? await describeTables(ctx, names) : null };
  },
});
