import { RDSClient, paginateDescribeDBInstances, paginateDescribeDBSnapshots, type DBInstance, type DBSnapshot } from "@aws-sdk/client-rds";
import { defineCollector } from "../../collect/collector.js";
import { collectPages, isoDate, tagMap } from "../../collect/pages.js";

/** A database instance: billed by the hour while it runs, and for its storage until it is deleted. */
export interface CleanupDbInstance {
  dbInstanceIdentifier: string;
  /** db.t3.micro, db.t4g.micro… */
  dbInstanceClass: string | null;
  /** mysql, postgres, mariadb, aurora-mysql… */
  engine: string | null;
  engineVersion: string | null;
  /** available, stopped, creating, deleting, storage-full… */
  status: string | null;
  /** gp2, gp3, io1, io2, standard, aurora */
  storageType: string | null;
  /** GiB. */
  allocatedStorage: number | null;
  iops: number | null;
  multiAz: boolean;
  publiclyAccessible: boolean;
  /** Deleting fails until it is turned off. */
  deletionProtection: boolean;
  /** When AWS starts a stopped instance again by itself. */
  automaticRestartTime: string | null;
  /** Set for a read replica: it has no final snapshot of its own. */
  readReplicaSource: string | null;
  /** Set for an Aurora instance: the cluster holds the storage and outlives its instances. */
  dbClusterIdentifier: string | null;
  /** The Beanstalk environment that created it (a database coupled to the environment). */
  beanstalkEnvironmentName: string | null;
  createTime: string | null;
}

/** A manual snapshot: it stays, and bills, after its database is deleted. */
export interface CleanupDbSnapshot {
  dbSnapshotIdentifier: string;
  dbInstanceIdentifier: string | null;
  engine: string | null;
  status: string | null;
  /** GiB of the database when the snapshot was taken: what it holds at most. */
  allocatedStorage: number | null;
  createTime: string | null;
}

export interface CleanupRdsFacts {
  /** null when DescribeDBInstances could not be read: the network interfaces still reveal databases. */
  dbInstances: CleanupDbInstance[] | null;
  /** null when DescribeDBSnapshots could not be read. */
  dbSnapshots: CleanupDbSnapshot[] | null;
}

export function dbInstanceOf(db: DBInstance): CleanupDbInstance {
  const tags = tagMap(db.TagList);
  return {
    dbInstanceIdentifier: db.DBInstanceIdentifier ?? "",
    dbInstanceClass: db.DBInstanceClass ?? null,
    engine: db.Engine ?? null,
    engineVersion: db.EngineVersion ?? null,
    status: db.DBInstanceStatus ?? null,
    storageType: db.StorageType ?? null,
    allocatedStorage: db.AllocatedStorage ?? null,
    iops: db.Iops ?? null,
    multiAz: db.MultiAZ ?? false,
    publiclyAccessible: db.PubliclyAccessible ?? false,
    deletionProtection: db.DeletionProtection ?? false,
    automaticRestartTime: isoDate(db.AutomaticRestartTime),
    readReplicaSource: db.ReadReplicaSourceDBInstanceIdentifier || null,
    dbClusterIdentifier: db.DBClusterIdentifier || null,
    beanstalkEnvironmentName: tags["elasticbeanstalk:environment-name"] ?? null,
    createTime: isoDate(db.InstanceCreateTime),
  };
}

export function dbSnapshotOf(s: DBSnapshot): CleanupDbSnapshot {
  return {
    dbSnapshotIdentifier: s.DBSnapshotIdentifier ?? "",
    dbInstanceIdentifier: s.DBInstanceIdentifier ?? null,
    engine: s.Engine ?? null,
    status: s.Status ?? null,
    allocatedStorage: s.AllocatedStorage ?? null,
    createTime: isoDate(s.SnapshotCreateTime),
  };
}

/**
 * RDS databases and their manual snapshots in one region: often the most expensive thing the
 * course leaves behind (the Beanstalk lesson adds a database). Automated backups go with their
 * instance; manual snapshots stay until deleted, so only those are listed.
 */
export default defineCollector<CleanupRdsFacts>({
  service: "cleanup-rds",
  actions: ["rds:DescribeDBInstances", "rds:DescribeDBSnapshots"],
  async collect(ctx) {
    const client = ctx.clients.get(RDSClient, ctx.region);
    const [instances, snapshots] = await Promise.all([
      ctx.attempt("rds:DescribeDBInstances", () => collectPages(paginateDescribeDBInstances({ client }, {}), (p) => p.DBInstances)),
      ctx.attempt("rds:DescribeDBSnapshots", () =>
        collectPages(paginateDescribeDBSnapshots({ client }, { SnapshotType: "manual" }), (p) => p.DBSnapshots),
      ),
    ]);
    return {
      dbInstances: instances ? instances.map(dbInstanceOf) : null,
      dbSnapshots: snapshots ? snapshots.filter((s) => s.SnapshotType === undefined || s.SnapshotType === "manual").map(dbSnapshotOf) : null,
    };
  },
});
