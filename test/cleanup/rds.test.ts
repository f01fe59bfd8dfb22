import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { renderCleanupJson, renderCleanupText } from "../../src/cleanup/render.js";
import type { CleanupItem } from "../../src/cleanup/report.js";
import { ROOT } from "../support/cli.js";
import { cleanupSnapshot, dbInstance, dbSnapshot, denied, eni, estimate, priced } from "./fixtures.js";

// Prices of data/prices.json (us-east-1): PostgreSQL db.t4g.micro 0.016/h, MySQL db.t3.micro 0.017/h,
// RDS gp2/gp3 0.115/GB-month, Multi-AZ ×2, manual snapshots 0.095/GB-month, IPv4 0.005/h, 730 h.

const costsOf = (item: CleanupItem) => item.costs.map((c) => [c.label, c.monthlyUsd]);
const DELETE = "aws rds delete-db-instance --db-instance-identifier mi-db --skip-final-snapshot --region us-east-1";

describe("RDS databases", () => {
  it.each([
    {
      case: "the Beanstalk lesson's database: PostgreSQL db.t4g.micro, 20 GiB gp3",
      db: dbInstance(),
      monthly: 13.98, // 11.68 + 2.30
      costs: [["instancia db.t4g.micro", 11.68], ["almacenamiento gp3 20 GiB", 2.3]],
      summary: "postgres db.t4g.micro, gp3 20 GiB, disponible",
    },
    {
      case: "MySQL db.t3.micro Multi-AZ pays its standby: instance and storage twice",
      db: dbInstance({ engine: "mysql", dbInstanceClass: "db.t3.micro", storageType: "gp2", multiAz: true }),
      monthly: 29.42, // 0.017 × 2 × 730 + 20 × 0.115 × 2
      costs: [["instancia db.t3.micro, Multi-AZ (×2)", 24.82], ["almacenamiento gp2 20 GiB, Multi-AZ (×2)", 4.6]],
      summary: "mysql db.t3.micro, gp2 20 GiB, Multi-AZ, disponible",
    },
    {
      case: "publicly accessible: its public IPv4 bills too",
      db: dbInstance({ publiclyAccessible: true }),
      monthly: 17.63,
      costs: [["instancia db.t4g.micro", 11.68], ["1 IPv4 pública(s)", 3.65], ["almacenamiento gp3 20 GiB", 2.3]],
      summary: "postgres db.t4g.micro, gp3 20 GiB, disponible",
    },
    {
      case: "stopped: only its storage",
      db: dbInstance({ status: "stopped" }),
      monthly: 2.3,
      costs: [["almacenamiento gp3 20 GiB", 2.3]],
      summary: "postgres db.t4g.micro, gp3 20 GiB, detenida",
    },
  ])("$case", ({ db, monthly, costs, summary }) => {
    const { item } = priced({ rds: { dbInstances: [db], dbSnapshots: [] } });
    const found = item("rds", "mi-db");
    expect(found).toMatchObject({ monthlyUsd: monthly, costKnown: true, billable: true, summary, state: db.status, freeTier: { eligible: false, coveredUsd: 0 } });
    expect(costsOf(found)).toEqual(costs);
    expect(found.deleteCommands).toEqual([DELETE]);
  });

  it("says --skip-final-snapshot loses the data, and how to keep a copy instead, in Spanish and English", () => {
    const es = priced({ rds: { dbInstances: [dbInstance()], dbSnapshots: [] } }).item("rds");
    expect(es.notes).toContain(
      "--skip-final-snapshot la borra sin guardar copia: sus datos se pierden para siempre, con sus copias automáticas. Para conservarlos, cambia esa opción por --final-db-snapshot-identifier mi-db-final (esa instantánea se cobra hasta que la borres)",
    );
    const en = priced({ rds: { dbInstances: [dbInstance()], dbSnapshots: [] } }, {}, "en").item("rds");
    expect(en.notes.join(" ")).toContain("its data is lost for good");
    expect(en.notes.join(" ")).toContain("--final-db-snapshot-identifier mi-db-final");
  });

  it("turns deletion protection off first", () => {
    const { item } = priced({ rds: { dbInstances: [dbInstance({ deletionProtection: true })], dbSnapshots: [] } });
    expect(item("rds").deleteCommands).toEqual([
      "aws rds modify-db-instance --db-instance-identifier mi-db --no-deletion-protection --apply-immediately --region us-east-1",
      DELETE,
    ]);
    expect(item("rds").notes).toContain("tiene la protección contra borrado activada: el primer comando la quita");
  });

  it.each([
    { case: "without a restart date", over: {}, note: "AWS la vuelve a arrancar sola a los 7 días" },
    { case: "with AWS's restart date", over: { automaticRestartTime: "2026-12-04T10:00:00.000Z" }, note: "AWS la vuelve a arrancar sola el 2026-12-04" },
  ])("warns that a stopped database starts again by itself, $case", ({ over, note }) => {
    const { item } = priced({ rds: { dbInstances: [dbInstance({ status: "stopped", ...over })], dbSnapshots: [] } });
    expect(item("rds").notes.join(" ")).toContain(note);
  });

  it("lists a database being deleted as not billable, with nothing left to run", () => {
    const { item, report } = priced({ rds: { dbInstances: [dbInstance({ status: "deleting" })], dbSnapshots: [] } });
    expect(item("rds")).toMatchObject({ billable: false, monthlyUsd: 0, deleteCommands: [], summary: "postgres db.t4g.micro, gp3 20 GiB, borrándose" });
    expect(report.status).toBe("clean");
  });

  it.each([
    { case: "an engine the table does not price", db: dbInstance({ engine: "sqlserver-ex", dbInstanceClass: "db.t3.micro" }), monthly: 2.3, note: "no hay precio de sqlserver-ex db.t3.micro en la tabla" },
    { case: "a storage type the table does not price, with provisioned IOPS", db: dbInstance({ storageType: "io1", iops: 1000 }), monthly: 11.68, note: "no hay precio del almacenamiento io1 en la tabla" },
    {
      case: "an Aurora instance: its cluster holds the data and bills apart",
      db: dbInstance({ engine: "aurora-postgresql", dbInstanceClass: "db.t3.medium", storageType: "aurora", allocatedStorage: 1, dbClusterIdentifier: "mi-cluster" }),
      monthly: 0,
      note: "aws rds delete-db-cluster --db-cluster-identifier mi-cluster --skip-final-snapshot",
    },
  ])("marks the cost unknown for $case, and says why", ({ db, monthly, note }) => {
    const { item } = priced({ rds: { dbInstances: [db], dbSnapshots: [] } });
    expect(item("rds")).toMatchObject({ costKnown: false, billable: true, monthlyUsd: monthly });
    expect(item("rds").notes.join(" ")).toContain(note);
  });

  it("names the read replica's source instead of a final snapshot it cannot have", () => {
    const { item } = priced({ rds: { dbInstances: [dbInstance({ dbInstanceIdentifier: "mi-db-replica", readReplicaSource: "mi-db" })], dbSnapshots: [] } });
    expect(item("rds").notes).toContain("réplica de lectura de mi-db: se borra sin copia final; los datos siguen en mi-db");
    expect(item("rds").notes.join(" ")).not.toContain("--final-db-snapshot-identifier");
  });

  it("says which Beanstalk environment created it", () => {
    const { item } = priced({ rds: { dbInstances: [dbInstance({ beanstalkEnvironmentName: "mi-app-env" })], dbSnapshots: [] } }, {}, "en");
    expect(item("rds").notes[0]).toBe(
      "the Elastic Beanstalk environment mi-app-env created it: terminating it deletes it or keeps a snapshot, per its database deletion policy; check the snapshots afterwards",
    );
  });
});

describe("RDS manual snapshots", () => {
  it("prices a manual snapshot as backup storage, an upper bound, with its delete command", () => {
    const { item } = priced({ rds: { dbInstances: [], dbSnapshots: [dbSnapshot()] } });
    expect(item("rds-snapshot", "mi-db-final")).toMatchObject({
      monthlyUsd: 1.9, // 20 × 0.095
      billable: true,
      costKnown: true,
      summary: "manual, de 20 GiB, de mi-db",
      deleteCommands: ["aws rds delete-db-snapshot --db-snapshot-identifier mi-db-final --region us-east-1"],
    });
    expect(item("rds-snapshot").notes[0]).toContain("cota superior");
  });
});

describe("RDS and the network interfaces that revealed it before", () => {
  const rdsEni = eni({ description: "RDSNetworkInterface", requesterId: "amazon-rds", requesterManaged: true, publicIp: "34.1.1.1" });

  it("counts the database's interfaces in the database once RDS itself was read", () => {
    const { report } = priced({ rds: { dbInstances: [dbInstance({ publiclyAccessible: true })], dbSnapshots: [] }, ec2: { networkInterfaces: [rdsEni] } });
    expect(report.items.map((i) => [i.type, i.id])).toEqual([["rds", "mi-db"]]);
    expect(report.totals.monthlyUsd).toBe(17.63);
  });

  it("falls back to the interfaces when DescribeDBInstances is denied, and still lists the snapshots", () => {
    const { report, item } = priced(
      { rds: { dbInstances: null, dbSnapshots: [dbSnapshot()] }, ec2: { networkInterfaces: [rdsEni] } },
      { errors: [denied("rds:DescribeDBInstances", "us-east-1", "cleanup-rds")] },
    );
    expect(item("rds", "rds")).toMatchObject({ costKnown: false, billable: true, monthlyUsd: 3.65 });
    expect(item("rds", "rds").notes[0]).toContain("detectado por sus interfaces de red");
    expect(item("rds-snapshot", "mi-db-final").monthlyUsd).toBe(1.9);
    expect(report.errors[0]!.text).toBe("no se pudieron revisar las bases de datos RDS en us-east-1: falta el permiso rds:DescribeDBInstances (AccessDenied)");
  });

  it("says nothing is left when RDS lists no database, and no interface claims one", () => {
    const { report } = priced({ rds: { dbInstances: [], dbSnapshots: [] } });
    expect(report.items).toEqual([]);
    expect(report.status).toBe("clean");
  });
});

describe("the report with RDS", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "cleanup.schema.json"), "utf8"));
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  const snapshot = cleanupSnapshot({ "us-east-1": { rds: { dbInstances: [dbInstance({ multiAz: true })], dbSnapshots: [dbSnapshot()] } } });

  it("follows schemas/cleanup.schema.json", () => {
    const report = JSON.parse(renderCleanupJson(estimate(snapshot)));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.items.map((i: CleanupItem) => i.type)).toEqual(["rds", "rds-snapshot"]);
  });

  it("prints the database, its cost and its delete command in the terminal", () => {
    const text = renderCleanupText(estimate(snapshot), { color: false });
    expect(text).toContain("● Base de datos RDS mi-db — postgres db.t4g.micro, gp3 20 GiB, Multi-AZ, disponible: 27.96 USD/mes");
    expect(text).toContain(`Borrar: ${DELETE}`);
    expect(text).toContain("● Instantánea de RDS mi-db-final — manual, de 20 GiB, de mi-db: 1.90 USD/mes");
  });
});
