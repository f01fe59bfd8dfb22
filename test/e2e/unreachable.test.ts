import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "../report/xml.js";
import { runCli } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv } from "../support/moto.js";
import { freePort } from "../support/ports.js";
import { validateReport } from "../support/report-schema.js";

// An account out of reach still gets a report: every machine format is whole and valid for exit 3,
// the account's checks are errors with the cause, and the repository's checks are graded anyway.
// The terminal gets its one sentence.

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws(); // no upstream: only what a test tells it to answer
});
afterAll(async () => {
  await fake?.close();
});

type Situation = { name: string; says: string; env: () => Promise<Record<string, string>> };

const SITUATIONS: Situation[] = [
  // An empty HOME and no variables: the SDK's credential chain finds nothing.
  { name: "no credentials", says: "No hay credenciales de AWS válidas", env: async () => ({ AWS_REGION: "us-east-1" }) },
  {
    name: "an endpoint that refuses connections",
    says: "No se pudo conectar con AWS en http://127.0.0.1:",
    env: async () => awsEnv(`http://127.0.0.1:${await freePort()}`),
  },
  {
    name: "an expired session token",
    says: "caducaron",
    env: async () => {
      fake.reset();
      fake.fail("sts:GetCallerIdentity", { code: "ExpiredToken", message: "The security token included in the request is expired", status: 403 }, 1000);
      return awsEnv(fake.url);
    },
  },
  {
    name: "AccessDenied on the identity itself",
    says: "AWS rechazó tus credenciales",
    env: async () => {
      fake.reset();
      fake.fail("sts:GetCallerIdentity", { code: "AccessDenied", message: "User is not authorized to perform: sts:GetCallerIdentity", status: 403 }, 1000);
      return awsEnv(fake.url);
    },
  },
];

const REPO = ["--repo", "test/fixtures/repos/beanstalk-list"];

function parse(format: string, stdout: string): { checks: { id: string; status: string }[] } | unknown {
  if (format === "junit") return parseXml(stdout);
  return JSON.parse(stdout);
}

describe.each(SITUATIONS)("$name", (situation) => {
  it.each(["json", "junit", "gradescope", "classroom50"])("--format %s writes a whole, valid report and exits 3", async (format) => {
    const run = await runCli(["lab-beanstalk", "--format", format, ...REPO], await situation.env());
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(situation.says);
    expect(run.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    expect(() => parse(format, run.stdout)).not.toThrow();
    if (format === "json") {
      const report = JSON.parse(run.stdout);
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report.scope).toMatchObject({ account: "unreachable", repository: "graded" });
      expect(report.scope.reason).toContain(situation.says);
      expect(report.passed).toBe(false);
      const status = Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
      expect(status["environment-ready"]).toBe("error");
      expect(status["procfile"]).toBe("passed");
      expect(Object.values(status)).not.toContain("failed");
      expect(report.score).toBe(5); // the repository's five points
      expect(report.errors.map((e: { action: string }) => e.action)).toContain("sts:GetCallerIdentity");
    }
  });

  it("without --repo, the JSON report says why and nothing was graded", async () => {
    const run = await runCli(["lab-ec2", "--format", "json"], await situation.env());
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({ ungradable: true, passed: false, score: 0, scope: { account: "unreachable", repository: "not-requested" } });
    expect(report.notes[0]).toContain(situation.says);
  });

  it("the terminal gets one sentence and no report", async () => {
    const run = await runCli(["lab-ec2"], await situation.env());
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(situation.says);
  });
});

describe("--solo-repo / --repo-only", () => {
  it("grades the repository with no AWS call and no credentials; the account's checks are out of the score", async () => {
    const before = fake.calls.length;
    const run = await runCli(["lab-beanstalk", "--solo-repo", ...REPO, "--format", "json"], { AWS_ENDPOINT_URL: fake.url });
    expect(run.code, run.stderr).toBe(0);
    expect(fake.calls.length).toBe(before);
    const report = JSON.parse(run.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({ score: 5, maxScore: 5, passed: true, scope: { account: "not-requested", repository: "graded" } });
    expect(report.checks.find((c: { id: string }) => c.id === "environment-ready")).toMatchObject({ status: "skipped", maxPoints: 0 });
  });

  it("needs --repo", async () => {
    const run = await runCli(["lab-beanstalk", "--repo-only"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("indica cuál con --repo CARPETA");
  });
});
