import type { CleanupDbInstance, CleanupDbSnapshot, CleanupRdsFacts } from "../collectors/rds.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem, CostLine } from "../report.js";
import { costLine, hourlyLine, makeItem, say, stateWord, type Pricing } from "./context.js";
import type { AddressBook } from "./network.js";

/** The instance's hours while it is not stopped, Multi-AZ paying for its standby too. */
function dbComputeLines(p: Pricing, db: CleanupDbInstance, notes: string[]): CostLine[] {
  const dbClass = db.dbInstanceClass ?? "?";
  const engine = db.engine ?? "?";
  const factor = db.multiAz ? p.prices.rds.multiAzMultiplier : 1;
  const hourly = p.prices.rds.singleAzHourly[engine]?.[dbClass];
  if (hourly === undefined) notes.push(say(p, "note", "dbUnknownPrice", { engine, dbClass }));
  const label = say(p, "line", db.multiAz ? "dbComputeMultiAz" : "dbCompute", { dbClass, factor });
  const lines = [hourlyLine(p, label, 1, hourly === undefined ? undefined : hourly * factor)];
  if (db.publiclyAccessible) {
    notes.push(say(p, "note", "dbPublic"));
    lines.push(hourlyLine(p, say(p, "line", "ipv4Count", { count: 1 }), 1, p.prices.publicIpv4Hourly));
  }
  return lines;
}

/** Its storage, billed whether it runs or not; an Aurora cluster holds the storage of its instances. */
function dbStorageLines(p: Pricing, db: CleanupDbInstance, notes: string[]): CostLine[] {
  if (db.dbClusterIdentifier) return [];
  const storageType = db.storageType ?? "?";
  const size = db.allocatedStorage ?? 0;
  const factor = db.multiAz ? p.prices.rds.multiAzMultiplier : 1;
  const price = p.prices.rds.storageGbMonth[storageType];
  if (price === undefined) notes.push(say(p, "note", "dbUnknownStorage", { storageType }));
  const label = say(p, "line", db.multiAz ? "dbStorageMultiAz" : "dbStorage", { storageType, size, factor });
  const lines = [costLine(p, label, size, "GB-month", price === undefined ? undefined : price * factor)];
  // Provisioned IOPS bill apart; the table has no price for them, so the cost is a lower bound.
  if ((storageType === "io1" || storageType === "io2") && db.iops) lines.push(costLine(p, say(p, "line", "dbIops", { iops: db.iops }), db.iops, "IOPS-month", undefined));
  return lines;
}

/** Deleting: protection off first, then without a final snapshot, which the notes call out. */
function dbDeletion(p: Pricing, db: CleanupDbInstance, notes: string[]): string[] {
  const id = db.dbInstanceIdentifier;
  if (db.deletionProtection) notes.push(say(p, "note", "dbDeletionProtection"));
  if (db.readReplicaSource) notes.push(say(p, "note", "dbReplica", { source: db.readReplicaSource }));
  else notes.push(say(p, "note", "dbSkipFinalSnapshot", { id }));
  return [...(db.deletionProtection ? [cmd.disableDbDeletionProtection(id, p.region)] : []), cmd.deleteDbInstance(id, p.region)];
}

export function dbInstanceItem(p: Pricing, db: CleanupDbInstance): CleanupItem {
  const deleting = db.status === "deleting";
  const stopped = db.status === "stopped";
  const notes: string[] = [];
  if (db.dbClusterIdentifier) notes.push(say(p, "note", "dbCluster", { cluster: db.dbClusterIdentifier }));
  if (db.beanstalkEnvironmentName) notes.push(say(p, "note", "dbOfEnvironment", { environment: db.beanstalkEnvironmentName }));
  if (stopped) notes.push(db.automaticRestartTime ? say(p, "note", "dbStoppedUntil", { date: db.automaticRestartTime.slice(0, 10) }) : say(p, "note", "dbStopped"));
  const costs = deleting ? [] : [...(stopped ? [] : dbComputeLines(p, db, notes)), ...dbStorageLines(p, db, notes)];
  const data = { engine: db.engine ?? "?", dbClass: db.dbInstanceClass ?? "?", storageType: db.storageType ?? "?", size: db.allocatedStorage ?? "?", state: stateWord(p, db.status) };
  return makeItem(
    p,
    {
      type: "rds",
      id: db.dbInstanceIdentifier,
      name: null,
      state: db.status,
      summary: say(p, "summary", db.multiAz ? "dbInstanceMultiAz" : "dbInstance", data),
      costs,
      deleteCommands: deleting ? [] : dbDeletion(p, db, notes),
      notes,
    },
    { unknownCost: Boolean(db.dbClusterIdentifier), billable: !deleting },
  );
}

export function dbSnapshotItem(p: Pricing, snapshot: CleanupDbSnapshot): CleanupItem {
  const size = snapshot.allocatedStorage ?? 0;
  return makeItem(p, {
    type: "rds-snapshot",
    id: snapshot.dbSnapshotIdentifier,
    name: null,
    state: snapshot.status,
    summary: say(p, "summary", "dbSnapshot", { size: snapshot.allocatedStorage ?? "?", database: snapshot.dbInstanceIdentifier ?? "?" }),
    costs: [costLine(p, say(p, "line", "dbSnapshot", { size }), size, "GB-month", p.prices.rds.snapshotGbMonth)],
    deleteCommands: [cmd.deleteDbSnapshot(snapshot.dbSnapshotIdentifier, p.region)],
    notes: [say(p, "note", "dbSnapshotUpperBound")],
  });
}

/**
 * Databases and manual snapshots from RDS itself. When the databases were listed, their network
 * interfaces are theirs; when they could not be (or the snapshot predates RDS), the interfaces
 * stay unclaimed and still reveal them, with an unknown cost.
 */
export function rdsItems(p: Pricing, facts: CleanupRdsFacts | undefined, book: AddressBook): CleanupItem[] {
  if (facts?.dbInstances) {
    for (const { n, owner } of book.interfaces) if (owner.kind === "service" && owner.service === "rds") book.claimed.add(n.networkInterfaceId);
  }
  return [...(facts?.dbInstances ?? []).map((db) => dbInstanceItem(p, db)), ...(facts?.dbSnapshots ?? []).map((s) => dbSnapshotItem(p, s))];
}
