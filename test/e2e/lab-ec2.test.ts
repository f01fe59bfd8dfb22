import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFlaskStandIn } from "../support/flask-app.js";
import { runCli } from "../support/cli.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { COURSE_INGRESS, seedServer } from "../support/seed-ec2.js";
import { readReport } from "../support/report-schema.js";

let moto: Moto;
let app: Awaited<ReturnType<typeof startFlaskStandIn>>;

beforeAll(async () => {
  [moto, app] = await Promise.all([startMoto(), startFlaskStandIn()]);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), app?.close()]);
});
beforeEach(async () => moto.reset());

async function grade(extra: string[] = [], env: Record<string, string> = {}) {
  const run = await runCli(["lab-ec2", "--format", "json", "--probe-host", `127.0.0.1:${app.port}`, "--probe-timeout", "2", ...extra], {
    ...awsEnv(moto.url),
    ...env,
  });
  return readReport(run);
}

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

  it("fails a t3.small with its evidence, and exits 1 when the pass mark is missed", async () => {
    await seedServer(moto.url, { instanceType: "t3.small", ingress: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] });
    const { code, report, check } = await grade();
    expect(code).toBe(1);
    expect(report.passed).toBe(false);
    expect(check("instance-type")).toMatchObject({ status: "failed", expected: "t2.micro", found: "t3.small" });
    expect(check("ssh-restricted")).toMatchObject({ status: "failed", found: "0.0.0.0/0" });
    expect(check("port-5000-open").status).toBe("failed");
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
