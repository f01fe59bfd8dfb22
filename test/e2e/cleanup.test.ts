import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateNatGatewayCommand,
  CreateVolumeCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateApplicationCommand, CreateEnvironmentCommand, ElasticBeanstalkClient } from "@aws-sdk/client-elastic-beanstalk";
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, RDSClient } from "@aws-sdk/client-rds";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { chunksLoadedBy } from "../support/loaded-chunks.js";
import { freePort } from "../support/ports.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { seedServer } from "../support/seed-ec2.js";

// The built CLI against moto (EC2, ELBv2, Beanstalk's environment list, Lambda, Logs, S3, RDS, STS) with
// the loopback fake in front: it records every call (to prove nothing was changed), answers
// DescribeRegions with the account's "enabled" regions, and answers what moto lacks
// (DescribeEnvironmentResources) or injected denials.

let moto: Moto;
let fake: FakeAws;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, "schemas/cleanup.schema.json"), "utf8")));
const ENABLED = ["eu-west-1", "us-east-1"];
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

beforeAll(async () => {
  moto = await startMoto();
  fake = await startFakeAws(moto.url);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), fake?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
  fake.on("ec2:DescribeRegions", {
    headers: { "content-type": "text/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?>
<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake-regions</requestId><regionInfo>${ENABLED.map(
      (r) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`,
    ).join("")}</regionInfo></DescribeRegionsResponse>`,
  });
});

// Anything that creates, changes or deletes: the cleanup report must never send one.
const MUTATING = /:(Create|Delete|Terminate|Release|Disassociate|Associate|Allocate|Stop|Start|Run|Modify|Put|Update|Deregister|Remove|Attach|Detach|Invoke|Rebuild|Restart|Swap|Abort)/;

async function cleanup(args: string[] = [], env: Record<string, string> = awsEnv(fake.url)) {
  const run = await runCli(["limpieza", "--format", "json", ...args], env);
  let report: any;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  const item = (region: string, type: string, id: string) => report.items.find((i: any) => i.region === region && i.type === type && i.id === id);
  return { ...run, report, item };
}

const ec2In = (region: string) => new EC2Client({ region, endpoint: moto.url, credentials });

/** What a student forgets at the end of the course, in two regions. */
async function seedForgottenThings() {
  const running = await seedServer(moto.url, { region: "us-east-1", name: "web" });
  const stopped = await seedServer(moto.url, { region: "us-east-1", name: "apagada", instanceType: "t3.small", elasticIp: true, stopped: true });
  const east = ec2In("us-east-1");
  const west = ec2In("eu-west-1");
  const elb = new ElasticLoadBalancingV2Client({ region: "eu-west-1", endpoint: moto.url, credentials });
  try {
    const volume = await east.send(new CreateVolumeCommand({ AvailabilityZone: "us-east-1a", Size: 20, VolumeType: "gp3" }));
    const idle = await east.send(new AllocateAddressCommand({ Domain: "vpc" }));
    const subnets = (await west.send(new DescribeSubnetsCommand({}))).Subnets!;
    const natIp = await west.send(new AllocateAddressCommand({ Domain: "vpc" }));
    const nat = await west.send(new CreateNatGatewayCommand({ SubnetId: subnets[0]!.SubnetId, AllocationId: natIp.AllocationId }));
    const lb = await elb.send(
      new CreateLoadBalancerCommand({ Name: "mi-alb", Subnets: [subnets[0]!.SubnetId!, subnets[1]!.SubnetId!], Scheme: "internet-facing", Type: "application" }),
    );
    return {
      running: running.instanceId,
      stopped: stopped.instanceId,
      volume: volume.VolumeId!,
      idleEip: idle.AllocationId!,
      natEip: natIp.AllocationId!,
      nat: nat.NatGateway!.NatGatewayId!,
      lbArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
    };
  } finally {
    [east, west, elb].forEach((c) => c.destroy());
  }
}

describe("calificar limpieza end to end against moto", () => {
  it("lists and prices what still bills in every enabled region, prints the deletions, runs none, exits 1", async () => {
    const s = await seedForgottenThings();
    const { code, report, item } = await cleanup();
    expect(code).toBe(1);
    expect(report.status).toBe("billable");
    expect(report.regions).toEqual(ENABLED);
    expect(report.account.id).toMatch(/^\d{12}$/);
    expect(report.errors).toEqual([]);

    // us-east-1: a running t2.micro (8.47 + 8 GiB gp2 0.80 + IPv4 3.65), a stopped t3.small that
    // still pays its volume, its Elastic IP (idle while stopped), a spare volume and an idle EIP.
    expect(item("us-east-1", "ec2-instance", s.running)).toMatchObject({ monthlyUsd: 12.92, billable: true, freeTier: { eligible: true } });
    expect(item("us-east-1", "ec2-instance", s.running).deleteCommands).toEqual([`aws ec2 terminate-instances --instance-ids ${s.running} --region us-east-1`]);
    expect(item("us-east-1", "ec2-instance", s.stopped)).toMatchObject({ monthlyUsd: 0.8, state: "stopped", name: "apagada" });
    const stoppedEip = report.items.find((i: any) => i.type === "elastic-ip" && i.summary.includes(s.stopped));
    expect(stoppedEip).toMatchObject({ region: "us-east-1", monthlyUsd: 3.65 });
    expect(stoppedEip.deleteCommands[0]).toMatch(/^aws ec2 disassociate-address --association-id eipassoc-\S+ --region us-east-1$/);
    expect(item("us-east-1", "ebs-volume", s.volume)).toMatchObject({ monthlyUsd: 1.6, summary: "gp3, 20 GiB, sin conectar" });
    expect(item("us-east-1", "elastic-ip", s.idleEip)).toMatchObject({ monthlyUsd: 3.65, state: "unassociated" });

    // eu-west-1: a NAT gateway, its Elastic IP, an internet-facing ALB in two zones.
    expect(item("eu-west-1", "nat-gateway", s.nat)).toMatchObject({ monthlyUsd: 32.85, deleteCommands: [`aws ec2 delete-nat-gateway --nat-gateway-id ${s.nat} --region eu-west-1`] });
    expect(item("eu-west-1", "elastic-ip", s.natEip)).toMatchObject({ monthlyUsd: 3.65, deleteCommands: [`aws ec2 release-address --allocation-id ${s.natEip} --region eu-west-1`] });
    expect(item("eu-west-1", "load-balancer", "mi-alb")).toMatchObject({
      monthlyUsd: 23.73,
      deleteCommands: [`aws elbv2 delete-load-balancer --load-balancer-arn ${s.lbArn} --region eu-west-1`],
    });

    expect(report.totals.byRegion).toEqual([
      { region: "eu-west-1", monthlyUsd: 60.23, billableItems: 3, items: 3 },
      { region: "us-east-1", monthlyUsd: 22.62, billableItems: 5, items: 5 },
    ]);
    expect(report.totals).toMatchObject({ monthlyUsd: 82.85, billableItems: 8, costComplete: true });

    // Read-only: every region was listed, nothing was created, changed or deleted.
    expect(fake.calls.filter((c) => MUTATING.test(c))).toEqual([]);
    expect(fake.calls).toEqual(
      expect.arrayContaining([
        "ec2:DescribeRegions",
        "ec2:DescribeInstances",
        "ec2:DescribeNatGateways",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticbeanstalk:DescribeEnvironments",
        "lambda:ListFunctions",
        "logs:DescribeLogGroups",
        "s3:ListBuckets",
      ]),
    );
    expect(fake.calls.filter((c) => c === "ec2:DescribeInstances")).toHaveLength(ENABLED.length);
  });

  it("writes the same report as text, in Spanish by default and in English on request", async () => {
    const s = await seedForgottenThings();
    const es = await runCli(["limpieza", "--region", "us-east-1,eu-west-1"], awsEnv(moto.url));
    expect(es.code).toBe(1);
    expect(es.stdout).toContain("eu-west-1: 3 recurso(s) con coste · 60.23 USD/mes");
    expect(es.stdout).toContain(`Borrar: aws ec2 terminate-instances --instance-ids ${s.running} --region us-east-1`);
    expect(es.stdout).toContain("Total estimado: 82.85 USD/mes en 8 recurso(s) con coste.");
    const en = await runCli(["cleanup", "--region", "us-east-1,eu-west-1", "--lang", "en"], awsEnv(moto.url));
    expect(en.code).toBe(1);
    expect(en.stdout).toContain("Estimated total: 82.85 USD/month in 8 billable resource(s).");
  });

  it("says a clean account is clean and exits 0", async () => {
    const run = await runCli(["limpieza", "--region", "us-east-1,eu-west-1"], awsEnv(moto.url));
    expect(run.stdout).toContain("✓ No queda nada que cueste dinero en la(s) 2 región(es) revisada(s).");
    expect(run.code).toBe(0);
  });

  it("reports denied listings as data, region by region, never as nothing found", async () => {
    fake.fail("elasticloadbalancing:DescribeLoadBalancers", { code: "AccessDenied", message: "User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers", status: 403 });
    fake.fail("ec2:DescribeNatGateways", { code: "UnauthorizedOperation", status: 403 });
    const { code, report } = await cleanup();
    expect(report.status).toBe("incomplete");
    expect(code).toBe(1);
    expect(report.errors.map((e: any) => e.text).sort()).toEqual([
      "no se pudieron revisar los balanceadores de carga en eu-west-1: falta el permiso elasticloadbalancing:DescribeLoadBalancers (AccessDenied)",
      "no se pudieron revisar los balanceadores de carga en us-east-1: falta el permiso elasticloadbalancing:DescribeLoadBalancers (AccessDenied)",
      "no se pudieron revisar los gateways NAT en eu-west-1: falta el permiso ec2:DescribeNatGateways (UnauthorizedOperation)",
      "no se pudieron revisar los gateways NAT en us-east-1: falta el permiso ec2:DescribeNatGateways (UnauthorizedOperation)",
    ]);
    const text = await runCli(["limpieza"], awsEnv(fake.url));
    expect(text.stdout).toContain("No se pudo revisar:");
    expect(text.stdout).toContain("No se pudo revisar todo: no se puede asegurar que no quede nada que cueste.");
    expect(text.stdout).not.toContain("No queda nada");
  });

  it("lists the database the Beanstalk lesson adds and its manual snapshot, priced, with --skip-final-snapshot called out", async () => {
    const rds = new RDSClient({ region: "us-east-1", endpoint: moto.url, credentials });
    try {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: "mi-db",
          Engine: "postgres",
          DBInstanceClass: "db.t4g.micro",
          AllocatedStorage: 20,
          StorageType: "gp3",
          MasterUsername: "ebroot",
          MasterUserPassword: "no-es-un-secreto-1",
        }),
      );
      await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: "mi-db", DBSnapshotIdentifier: "mi-db-antes-del-curso" }));
    } finally {
      rds.destroy();
    }
    const { code, report, item } = await cleanup(["--region", "us-east-1"]);
    expect(code).toBe(1);
    expect(item("us-east-1", "rds", "mi-db")).toMatchObject({
      monthlyUsd: 13.98, // db.t4g.micro 11.68 + 20 GiB gp3 2.30
      costKnown: true,
      state: "available",
      summary: "postgres db.t4g.micro, gp3 20 GiB, disponible",
      deleteCommands: ["aws rds delete-db-instance --db-instance-identifier mi-db --skip-final-snapshot --region us-east-1"],
    });
    expect(item("us-east-1", "rds", "mi-db").notes.join(" ")).toContain("sus datos se pierden para siempre");
    // The manual snapshot stays and bills; moto's automated one goes with the database and is not listed.
    expect(item("us-east-1", "rds-snapshot", "mi-db-antes-del-curso")).toMatchObject({
      monthlyUsd: 1.9,
      deleteCommands: ["aws rds delete-db-snapshot --db-snapshot-identifier mi-db-antes-del-curso --region us-east-1"],
    });
    expect(report.items.filter((i: any) => i.type === "rds-snapshot")).toHaveLength(1);
    expect(report.totals.monthlyUsd).toBe(15.88);
    expect(fake.calls).toEqual(expect.arrayContaining(["rds:DescribeDBInstances", "rds:DescribeDBSnapshots"]));
    expect(fake.calls.filter((c) => MUTATING.test(c))).toEqual([]);
  });

  it("reports a denied DescribeDBInstances as data, and still lists the snapshots", async () => {
    fake.fail("rds:DescribeDBInstances", { code: "AccessDenied", status: 403, message: "User is not authorized to perform: rds:DescribeDBInstances" });
    const rds = new RDSClient({ region: "us-east-1", endpoint: moto.url, credentials });
    try {
      await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: "mi-db", Engine: "mysql", DBInstanceClass: "db.t3.micro", AllocatedStorage: 20, MasterUsername: "admin", MasterUserPassword: "no-es-un-secreto-1" }));
      await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: "mi-db", DBSnapshotIdentifier: "copia" }));
    } finally {
      rds.destroy();
    }
    const { report, item } = await cleanup(["--region", "us-east-1"]);
    expect(report.errors.map((e: any) => e.text)).toEqual(["no se pudieron revisar las bases de datos RDS en us-east-1: falta el permiso rds:DescribeDBInstances (AccessDenied)"]);
    expect(item("us-east-1", "rds-snapshot", "copia")).toMatchObject({ monthlyUsd: 1.9 });
    expect(report.items.filter((i: any) => i.type === "rds" && i.id === "mi-db")).toEqual([]);
  });

  it("terminates a Beanstalk environment rather than its instance and load balancer", async () => {
    const server = await seedServer(moto.url, { region: "us-east-1", name: "mi-app-env" });
    const elb = new ElasticLoadBalancingV2Client({ region: "us-east-1", endpoint: moto.url, credentials });
    const eb = new ElasticBeanstalkClient({ region: "us-east-1", endpoint: moto.url, credentials });
    const east = ec2In("us-east-1");
    let lbArn: string;
    try {
      const subnets = (await east.send(new DescribeSubnetsCommand({}))).Subnets!;
      const lb = await elb.send(new CreateLoadBalancerCommand({ Name: "awseb-AWSEB-1ABC", Subnets: [subnets[0]!.SubnetId!, subnets[1]!.SubnetId!], Scheme: "internet-facing" }));
      lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
      await eb.send(new CreateApplicationCommand({ ApplicationName: "mi-app" }));
      await eb.send(new CreateEnvironmentCommand({ ApplicationName: "mi-app", EnvironmentName: "mi-app-env", SolutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20" }));
    } finally {
      [elb, eb, east].forEach((c) => c.destroy());
    }
    // moto does not emulate DescribeEnvironmentResources: answer it as AWS does (query protocol, XML).
    fake.on("elasticbeanstalk:DescribeEnvironmentResources", {
      headers: { "content-type": "text/xml" },
      body: `<DescribeEnvironmentResourcesResponse xmlns="http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/">
  <DescribeEnvironmentResourcesResult><EnvironmentResources>
    <EnvironmentName>mi-app-env</EnvironmentName>
    <AutoScalingGroups><member><Name>awseb-e-x-stack-AWSEBAutoScalingGroup-1</Name></member></AutoScalingGroups>
    <Instances><member><Id>${server.instanceId}</Id></member></Instances>
    <LoadBalancers><member><Name>${lbArn}</Name></member></LoadBalancers>
    <LaunchConfigurations/><LaunchTemplates/><Triggers/><Queues/>
  </EnvironmentResources></DescribeEnvironmentResourcesResult>
  <ResponseMetadata><RequestId>fake-eb</RequestId></ResponseMetadata>
</DescribeEnvironmentResourcesResponse>`,
    });
    const { code, report, item } = await cleanup(["--region", "us-east-1"]);
    expect(code).toBe(1);
    const env = item("us-east-1", "beanstalk-environment", "mi-app-env");
    expect(env.deleteCommands).toEqual(["aws elasticbeanstalk terminate-environment --environment-name mi-app-env --region us-east-1"]);
    for (const child of [item("us-east-1", "ec2-instance", server.instanceId), item("us-east-1", "load-balancer", "awseb-AWSEB-1ABC")]) {
      expect(child).toMatchObject({ deletedWith: { type: "beanstalk-environment", id: "mi-app-env" }, deleteCommands: [], billable: true });
    }
    expect(report.totals.monthlyUsd).toBe(36.65); // 12.92 instance + 23.73 load balancer; Beanstalk itself is free
    expect(fake.calls).toContain("elasticbeanstalk:DescribeEnvironmentResources");
    expect(fake.calls.filter((c) => MUTATING.test(c))).toEqual([]);
  });

  it("saves a snapshot, and reports it again offline with no AWS at all", async () => {
    await seedForgottenThings();
    const dir = mkdtempSync(join(tmpdir(), "calificar-cleanup-"));
    const file = join(dir, "limpieza.json");
    const online = await cleanup(["--save-snapshot", file]);
    const offline = await cleanup(["--snapshot", file], {});
    expect(offline.code).toBe(online.code);
    expect(offline.report.items).toEqual(online.report.items);
    expect(offline.report.totals).toEqual(online.report.totals);
    // --output: the JSON report to a file, the text summary to the terminal.
    const report = join(dir, "informe.json");
    const both = await runCli(["limpieza", "--snapshot", file, "--format", "json", "--output", report], {});
    expect(both.stdout).toContain("Total estimado: 82.85 USD/mes");
    expect(JSON.parse(readFileSync(report, "utf8")).totals).toEqual(online.report.totals);
    const onlyWest = await cleanup(["--snapshot", file, "--region", "eu-west-1"], {});
    expect(onlyWest.report.regions).toEqual(["eu-west-1"]);
    expect(onlyWest.report.totals.monthlyUsd).toBe(60.23);
  });

  it("reports a saved snapshot without loading any AWS SDK module", async () => {
    await seedForgottenThings();
    const dir = mkdtempSync(join(tmpdir(), "calificar-cleanup-"));
    const file = join(dir, "limpieza.json");
    await cleanup(["--save-snapshot", file, "--region", "us-east-1"]);
    const { run, modules, aws } = await chunksLoadedBy(["limpieza", "--snapshot", file]);
    expect(run.code).toBe(1);
    expect(modules.has("src/cli/commands/cleanup.ts")).toBe(true);
    expect(aws).toEqual([]);
  });

  it.each([
    { case: "invalid credentials", fail: { code: "InvalidClientTokenId", status: 403 }, message: "No hay credenciales de AWS válidas (InvalidClientTokenId)" },
    { case: "expired credentials", fail: { code: "ExpiredToken", status: 403 }, message: "Tus credenciales de AWS caducaron (ExpiredToken)" },
  ])("exits 3 with $case, before listing anything", async ({ fail, message }) => {
    fake.fail("sts:GetCallerIdentity", fail);
    const run = await runCli(["limpieza"], awsEnv(fake.url));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(message);
    expect(fake.calls.filter((c) => c !== "sts:GetCallerIdentity" && c !== "ec2:DescribeRegions")).toEqual([]);
  });

  it("exits 3 when the endpoint does not answer", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(["limpieza", "--region", "us-east-1"], awsEnv(closed));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`No se pudo conectar con AWS en ${closed}`);
  });

  it.each([
    [["--region", "narnia"], "Región no válida: «narnia»"],
    [["--format", "xml"], "Formato desconocido: xml"],
    [["--regoin", "us-east-1"], "Opción desconocida: --regoin"],
    [["--snapshot", "/no/existe.json"], "No se puede leer la instantánea /no/existe.json"],
  ])("exits 2 on bad input %j", async (args, message) => {
    const run = await runCli(["limpieza", ...args], awsEnv(fake.url));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(fake.calls).toEqual([]);
  });

  it("has its own help, in both languages", async () => {
    const es = await runCli(["limpieza", "--help"]);
    expect(es.code).toBe(0);
    expect(es.stdout).toContain("Uso: calificar limpieza [opciones]");
    expect(es.stdout).toContain("nunca borra ni cambia nada");
    const en = await runCli(["cleanup", "-h", "--lang", "en"]);
    expect(en.stdout).toContain("Usage: calificar cleanup [options]");
  });
});
