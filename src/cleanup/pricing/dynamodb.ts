import type { CleanupDynamoDbFacts, CleanupTable } from "../collectors/dynamodb.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem, CostLine } from "../report.js";
import { costLine, formatBytes, GiB, makeItem, say, type Pricing } from "./context.js";

/** Provisioned capacity (table and indexes) and storage; the always-free 25 RCU, 25 WCU and 25 GB apply. */
function tableLines(p: Pricing, table: CleanupTable): CostLine[] {
  const prices = p.prices.dynamodb;
  const lines: CostLine[] = [];
  if (table.billingMode === "PROVISIONED") {
    const rcu = table.provisionedReadCapacityUnits;
    const wcu = table.provisionedWriteCapacityUnits;
    if (rcu > 0) lines.push(costLine(p, say(p, "line", "rcu", { count: rcu }), rcu, "RCU-month", prices.rcuMonth, "dynamodb-rcu"));
    if (wcu > 0) lines.push(costLine(p, say(p, "line", "wcu", { count: wcu }), wcu, "WCU-month", prices.wcuMonth, "dynamodb-wcu"));
  }
  const gb = (table.tableSizeBytes ?? 0) / GiB;
  // A table of a few items stores bytes worth nothing: no line for it.
  if (gb * prices.storageGbMonth >= 0.005) lines.push(costLine(p, say(p, "line", "tableStorage", { size: Math.round(gb * 1000) / 1000 }), gb, "GB-month", prices.storageGbMonth, "dynamodb-gb"));
  return lines;
}

export function tableItem(p: Pricing, table: CleanupTable): CleanupItem {
  const notes: string[] = [];
  const described = table.billingMode !== null;
  const provisioned = table.billingMode === "PROVISIONED";
  if (provisioned) notes.push(say(p, "note", "tableProvisioned", { table: table.tableName, region: p.region }));
  if (table.deletionProtectionEnabled) notes.push(say(p, "note", "tableDeletionProtection"));
  notes.push(say(p, "note", "tableGone"));
  const size = formatBytes(table.tableSizeBytes ?? 0);
  const summary = !described
    ? say(p, "summary", "tableUnread")
    : provisioned
      ? say(p, "summary", "tableProvisioned", { rcu: table.provisionedReadCapacityUnits, wcu: table.provisionedWriteCapacityUnits, size })
      : say(p, "summary", "tableOnDemand", { size });
  return makeItem(
    p,
    {
      type: "dynamodb-table",
      id: table.tableName,
      name: null,
      state: table.status,
      summary,
      costs: described ? tableLines(p, table) : [],
      deleteCommands: [...(table.deletionProtectionEnabled ? [cmd.disableTableDeletionProtection(table.tableName, p.region)] : []), cmd.deleteTable(table.tableName, p.region)],
      notes,
    },
    // A table that could not be described may be provisioned: its cost is unknown, not zero.
    { unknownCost: !described, alwaysFree: true },
  );
}

export function dynamoDbItems(p: Pricing, facts: CleanupDynamoDbFacts | undefined): CleanupItem[] {
  return (facts?.tables ?? []).map((t) => tableItem(p, t));
}
