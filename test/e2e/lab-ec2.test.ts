import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFlaskStandIn } from "../support/flask-app.js";
import { runCli } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { COURSE_INGRESS, seedServer } from "../support/seed-ec2.js";
import { readReport } from "../support/report-schema.js";

let moto: Moto;
let fake: FakeAws;
let app: Awaited<ReturnType<typeof startFlaskStandIn>>;

beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startFlaskStandIn()]);
  fake = await startFakeAws(moto.url);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close(), fake?.close()]);
});
beforeEach(async () => {
  await moto.reset();
  fake.reset();
});

async function grade(extra: string[] = [], env: Record<string, string> = {}, endpoint = moto.url) {
  const run = await runCli(["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2", ...extra], {
    ...awsEnv(endpoint),
    ...env,
  });
  return readReport(run);
}

// moto answers DescribeInstanceTypes as a Free Plan account does (accounts created from 15 July
// 2025): t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large and m7i-flex.large are eligible, t2.micro is not.
const MOTO_FREE_TYPES = "c7i-flex.large, m7i-flex.large, t3.micro, t3.small, t4g.micro, t4g.small";

describe("lab-ec2 end to end against moto", () => {
  it("passes a student who did everything, and names the graded instance", async () => {
    const { instanceId } = await seedServer(moto.url, { elasticIp: true });
    const { code, report, status } = await grade();
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.score).toBe(report.maxScore);
    expect(report.resource.id).toBe(instanceId);
    expect(report.account.id).toMatch(/^\d{12}$/);
    // Every check of the account passed; the repository one is skipped without --repo.
    expect(Object.entries(status).filter(([id]) => id !== "no-pem-committed").every(([, s]) => s === "passed")).toBe(true);
    expect(status["no-pem-committed"]).toBe("skipped");
    expect(app.hits).toContain("/");
  });

  it("fails a t3.large with its evidence, naming the account's Free Tier types, and exits 1 when the pass mark is missed", async () => {
    await seedServer(moto.url, { instanceType: "t3.large", ingress: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] });
    const { code, report, check } = await grade();
    expect(code).toBe(1);
    expect(report.passed).toBe(false);
    expect(check("instance-type")).toMatchObject({
      status: "failed",
      expected: "t2.micro (el tipo del curso) o uno de la capa gratuita de tu cuenta",
      found: `tipo actual: t3.large · tipos de la capa gratuita: ${MOTO_FREE_TYPES}`,
    });
    expect(check("ssh-restricted")).toMatchObject({ status: "failed", found: "0.0.0.0/0" });
    expect(check("port-5000-open").status).toBe("failed");
  });

  it("passes a t3.micro because the account says it is Free Tier eligible, and says why", async () => {
    await seedServer(moto.url, { instanceType: "t3.micro" });
    const { code, check } = await grade([], {}, fake.url);
    expect(code).toBe(0);
    expect(check("instance-type")).toMatchObject({ status: "passed", found: "t3.micro" });
    expect(check("instance-type").message).toContain("las cuentas creadas desde julio de 2025 no tienen t2.micro gratis");
    expect(fake.calls).toContain("ec2:DescribeInstanceTypes");
  });

  it("grades with the Free Plan's published list when DescribeInstanceTypes is denied, and records the denial", async () => {
    fake.fail("ec2:DescribeInstanceTypes", { code: "UnauthorizedOperation", status: 403, message: "You are not authorized to perform this operation." });
    await seedServer(moto.url, { instanceType: "t3.micro", name: "gratis" });
    const micro = await grade(["--instance", "gratis"], {}, fake.url);
    expect(micro.check("instance-type").status).toBe("passed");
    expect(micro.report.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeInstanceTypes", kind: "denied" })]);
    await seedServer(moto.url, { instanceType: "m5.large", name: "cara" });
    const large = await grade(["--instance", "cara", "--lang", "en"], {}, fake.url);
    expect(large.check("instance-type")).toMatchObject({ status: "failed", found: `current type: m5.large · Free Tier types: ${MOTO_FREE_TYPES}` });
  });

  it("says where the instance is when it was launched in another region", async () => {
    await seedServer(moto.url, { region: "eu-west-1" });
    const { code, report } = await grade(["--region", "us-east-1"]);
    expect(code).toBe(1);
    expect(report.resource).toBeNull();
    expect(report.elsewhere).toEqual([expect.objectContaining({ region: "eu-west-1", count: 1 })]);
    expect(report.notes.join(" ")).toContain("--region eu-west-1");
  });

  it("grades the best of several instances and lists the others", async () => {
    await seedServer(moto.url, { instanceType: "t3.large", name: "prueba", ingress: COURSE_INGRESS });
    const good = await seedServer(moto.url, { name: "buena" });
    const { report } = await grade();
    expect(report.resource.id).toBe(good.instanceId);
    expect(report.resource.others.map((o: any) => o.name)).toEqual(["prueba"]);
  });
});
