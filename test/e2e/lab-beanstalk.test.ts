import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { beanstalkWorld, startNodeApp, type BeanstalkWorld } from "../support/beanstalk-fake.js";
import { runCli } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { validateReport } from "../support/report-schema.js";

// The built CLI against moto (applications, environments, the environment list, STS, regions)
// with the loopback fake in front for what moto does not emulate (see beanstalk-fake.ts), and a
// loopback HTTP server standing in for the student's Node.js app behind the environment's CNAME.

let moto: Moto;
let fake: FakeAws;
let world: BeanstalkWorld;
let app: Awaited<ReturnType<typeof startNodeApp>>;

beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startNodeApp()]);
  fake = await startFakeAws(moto.url);
  world = beanstalkWorld(fake, moto.url);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), fake?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
  world.clear();
  world.install();
  app.hosts.length = 0;
});

const REPO_CHECKS = ["ebextensions-autoscaling", "ebextensions-trigger", "procfile", "start-script", "no-committed-secrets"];

async function grade(extra: string[] = []) {
  const run = await runCli(["lab-beanstalk", "--format", "json", "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2", ...extra], awsEnv(fake.url));
  let report: any;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  // Graded without --repo: the repository checks are skipped (test/action grades them with the account).
  const status = Object.fromEntries(report.checks.filter((c: any) => !REPO_CHECKS.includes(c.id)).map((c: any) => [c.id, c.status]));
  return { ...run, report, status, check: (id: string) => report.checks.find((c: any) => c.id === id) };
}

describe("lab-beanstalk end to end against moto and the fake", () => {
  it("passes the course's environment, probing the app at its CNAME", async () => {
    const env = await world.seed();
    const { code, report, status } = await grade();
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.score).toBe(report.maxScore);
    expect(report.resource).toMatchObject({ id: env.id, name: "mi-app-env" });
    expect(Object.values(status).every((s) => s === "passed")).toBe(true);
    // The probe reached the stand-in, asking for the environment's own host name.
    expect(app.hosts).toContain(env.cname);
    expect(fake.calls).toEqual(
      expect.arrayContaining([
        "elasticbeanstalk:DescribeEnvironments",
        "elasticbeanstalk:DescribeConfigurationSettings",
        "elasticbeanstalk:DescribeEnvironmentResources",
        "autoscaling:DescribeAutoScalingGroups",
      ]),
    );
    // moto's group, created as Beanstalk would: 2 to 5, two instances in service.
    expect(report.checks.find((c: any) => c.id === "asg-min-2").found).toBe("configuración: 2 · grupo de Auto Scaling: 2 · instancias deseadas: 2 · en servicio: 2");
  });

  it("fails a single-instance environment: no load balancer, one instance", async () => {
    await world.seed({ environmentType: "SingleInstance" });
    const { code, report, check } = await grade();
    expect(check("load-balanced")).toMatchObject({ status: "failed", expected: "LoadBalanced", found: "SingleInstance" });
    expect(check("asg-min-2")).toMatchObject({
      status: "failed",
      expected: "2 en la configuración y en el grupo de Auto Scaling",
      found: "configuración: 1 · grupo de Auto Scaling: 1 · instancias deseadas: 1 · en servicio: 1",
    });
    expect(check("asg-max-5")).toMatchObject({ status: "failed", found: "configuración: 1 · grupo de Auto Scaling: 1" });
    expect(check("cpu-trigger")).toMatchObject({ status: "failed", found: null });
    expect(check("app-reachable").status).toBe("passed");
    expect(report.passed).toBe(false);
    expect(code).toBe(1);
  });

  it("fails MinSize 1 and MaxSize 4 with their evidence, and still passes on points", async () => {
    await world.seed({ minSize: 1, maxSize: 4 });
    const { code, report, check } = await grade();
    expect(check("asg-min-2")).toMatchObject({
      status: "failed",
      message:
        "mínimo de instancias (aws:autoscaling:asg MinSize): se esperaba 2 en la configuración y en el grupo de Auto Scaling, se encontró configuración: 1 · grupo de Auto Scaling: 1 · instancias deseadas: 1 · en servicio: 1",
    });
    expect(check("asg-max-5")).toMatchObject({
      status: "failed",
      message: "máximo de instancias (aws:autoscaling:asg MaxSize): se esperaba 5 en la configuración y en el grupo de Auto Scaling, se encontró configuración: 4 · grupo de Auto Scaling: 4",
    });
    expect(report.score).toBe(report.maxScore - 2);
    expect(report.passed).toBe(true);
    expect(code).toBe(0);
  });

  it("grades what runs: a group changed by hand in the EC2 console fails, naming the source that disagrees", async () => {
    await world.seed({ liveGroup: { minSize: 1, maxSize: 5 } });
    const es = await grade();
    expect(es.check("asg-min-2")).toMatchObject({ status: "failed", found: "configuración: 2 · grupo de Auto Scaling: 1 · instancias deseadas: 1 · en servicio: 1" });
    expect(es.check("asg-max-5").status).toBe("passed");
    const en = await grade(["--lang", "en"]);
    expect(en.check("asg-min-2").message).toBe(
      "minimum instances (aws:autoscaling:asg MinSize): expected 2 in the configuration and in the Auto Scaling group, found configuration: 2 · Auto Scaling group: 1 · desired instances: 1 · in service: 1",
    );
  });

  it("grades the configuration alone when the group cannot be read, and says why it was not read", async () => {
    await world.seed({ liveGroup: { minSize: 1, maxSize: 5 } });
    fake.fail("autoscaling:DescribeAutoScalingGroups", { code: "AccessDenied", status: 403, message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: autoscaling:DescribeAutoScalingGroups" });
    const { report, check } = await grade();
    expect(check("asg-min-2")).toMatchObject({ status: "passed", found: "configuración: 2 · grupo de Auto Scaling: nada · instancias deseadas: nada · en servicio: nada" });
    expect(report.errors).toEqual([expect.objectContaining({ action: "autoscaling:DescribeAutoScalingGroups", kind: "denied", target: "mi-app-env" })]);
  });

  it("fails wrong trigger thresholds, naming both at once, in Spanish and in English", async () => {
    await world.seed({ trigger: { UpperThreshold: 80, LowerThreshold: 20 } });
    const es = await grade();
    expect(es.check("cpu-trigger")).toMatchObject({
      status: "failed",
      expected: "CPUUtilization en Percent, umbral superior 70 e inferior 30",
      found: "métrica del disparador (MeasureName): CPUUtilization · unidad del disparador (Unit): Percent · umbral superior (UpperThreshold): 80 · umbral inferior (LowerThreshold): 20",
      message: "umbral superior (UpperThreshold): se esperaba 70, se encontró 80; umbral inferior (LowerThreshold): se esperaba 30, se encontró 20",
    });
    const en = await grade(["--lang", "en"]);
    expect(en.check("cpu-trigger").message).toBe("upper threshold (UpperThreshold): expected 70, found 80; lower threshold (LowerThreshold): expected 30, found 20");
  });

  it("fails a Red environment with its health status", async () => {
    await world.seed({ health: "Red", healthStatus: "Severe" });
    const { check } = await grade();
    expect(check("health-green")).toMatchObject({ status: "failed", expected: "Green", found: "Red / Severe" });
  });

  it("fails a Python platform, naming it", async () => {
    await world.seed({
      solutionStack: "64bit Amazon Linux 2023 v4.1.0 running Python 3.11",
      platformArn: "arn:aws:elasticbeanstalk:{region}::platform/Python 3.11 running on 64bit Amazon Linux 2023/4.1.0",
    });
    const { check } = await grade();
    expect(check("platform-nodejs")).toMatchObject({ status: "failed", found: "64bit Amazon Linux 2023 v4.1.0 running Python 3.11" });
  });

  it("warns about RDS_PASSWORD in plain properties, names it, and never shows its value anywhere", async () => {
    const password = "Pl4in-Text-Passw0rd-9f3c";
    await world.seed({
      properties: { RDS_HOSTNAME: "mi-db.c9akciq32.us-east-1.rds.amazonaws.com", RDS_USERNAME: "admin", RDS_PASSWORD: password },
      secrets: { JWT_SECRET: "arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt-AbCdEf" },
    });
    const snapshotFile = join(mkdtempSync(join(tmpdir(), "calificar-beanstalk-")), "snapshot.json");
    const json = await grade(["--save-snapshot", snapshotFile]);
    expect(json.check("db-secrets-safe")).toMatchObject({ status: "failed", severity: "warning", maxPoints: 0, found: "RDS_PASSWORD" });
    // A zero-point warning: the lab still passes with full marks.
    expect(json.report.passed).toBe(true);
    expect(json.code).toBe(0);
    const snapshot = readFileSync(snapshotFile, "utf8");
    expect(JSON.parse(snapshot).facts.elasticbeanstalk.environments[0]).toMatchObject({
      plaintextSecrets: ["RDS_PASSWORD"],
      environmentProperties: { RDS_PASSWORD: "[redacted]", RDS_USERNAME: "admin" },
      environmentSecrets: ["JWT_SECRET"],
    });
    const text = await runCli(["lab-beanstalk", "--probe-host", `127.0.0.1:${app.port}`], awsEnv(fake.url));
    expect(text.stdout).toContain("RDS_PASSWORD");
    for (const output of [json.stdout, json.stderr, snapshot, text.stdout, text.stderr]) expect(output).not.toContain(password);
    // Regraded offline from the snapshot, the same warning.
    const offline = await grade(["--snapshot", snapshotFile]);
    expect(offline.check("db-secrets-safe")).toMatchObject({ status: "failed", found: "RDS_PASSWORD" });
  });

  it("turns a denied DescribeConfigurationSettings into errors naming the action, not failures", async () => {
    await world.seed();
    fake.fail("elasticbeanstalk:DescribeConfigurationSettings", {
      code: "AccessDenied",
      status: 403,
      message: "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: elasticbeanstalk:DescribeConfigurationSettings",
    });
    const { code, report, status, check } = await grade();
    expect(status).toEqual({
      "environment-ready": "passed",
      "health-green": "passed",
      "platform-nodejs": "passed",
      "load-balanced": "error",
      "asg-min-2": "error",
      "asg-max-5": "error",
      "cpu-trigger": "error",
      "app-reachable": "passed",
      "db-secrets-safe": "error",
    });
    for (const id of ["load-balanced", "asg-min-2", "asg-max-5", "cpu-trigger", "db-secrets-safe"]) {
      expect(check(id).message).toContain("elasticbeanstalk:DescribeConfigurationSettings");
    }
    expect(report.errors).toEqual([expect.objectContaining({ action: "elasticbeanstalk:DescribeConfigurationSettings", kind: "denied", target: "mi-app-env" })]);
    expect(report.ungradable).toBe(false);
    expect(code).toBe(1);
  });

  it("says where the environment is when it was created in another region", async () => {
    await world.seed({ region: "sa-east-1" });
    const { code, report } = await grade(["--region", "us-east-1"]);
    expect(code).toBe(1);
    expect(report.resource).toBeNull();
    expect(report.elsewhere).toEqual([expect.objectContaining({ region: "sa-east-1", count: 1, ids: ["mi-app-env"] })]);
    expect(report.notes.join(" ")).toContain("--region sa-east-1");
  });

  it("grades the environment named with --environment, and lists the other", async () => {
    await world.seed({ name: "bueno-env" });
    await world.seed({ name: "prueba-env", health: "Red", minSize: 1 });
    const best = await grade();
    expect(best.report.resource).toMatchObject({ name: "bueno-env", others: [expect.objectContaining({ name: "prueba-env" })] });
    const picked = await grade(["--environment", "prueba-env"]);
    expect(picked.report.resource).toMatchObject({ name: "prueba-env", others: [expect.objectContaining({ name: "bueno-env" })] });
    expect(picked.check("health-green").status).toBe("failed");
  });
});
