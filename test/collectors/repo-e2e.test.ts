import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ROOT, runCli } from "../support/cli.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { validateReport } from "../support/report-schema.js";
import { seedServer } from "../support/seed-ec2.js";

// `calificar <lab> --repo DIR` from the built CLI: the repository collector wired through
// collect() against moto, and through --snapshot (the account as saved, the files as they are).

const FIXTURES = join(ROOT, "test", "fixtures", "repos");
const EXAMPLE = join(ROOT, "examples", "lab-ec2.snapshot.json");

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

function parse(stdout: string) {
  const report = JSON.parse(stdout);
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return { report, check: (id: string) => report.checks.find((c: { id: string }) => c.id === id) };
}

describe("calificar --repo", () => {
  it("grades lab-ec2's account from moto and the repository's files in one report", async () => {
    await seedServer(moto.url, { elasticIp: true });
    const run = await runCli(["lab-ec2", "--repo", join(FIXTURES, "beanstalk-secrets"), "--no-probe", "--format", "json"], awsEnv(moto.url));
    const { report, check } = parse(run.stdout);
    expect(check("no-pem-committed")).toMatchObject({ status: "failed", found: "mi-servidor.pem:1", file: "mi-servidor.pem", line: 1 });
    expect(check("instance-type").status).toBe("passed");
    expect(report.maxScore).toBe(14);
  });

  it("reads the repository again when grading a saved snapshot", async () => {
    const dirty = parse((await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--repo", join(FIXTURES, "beanstalk-secrets"), "--format", "json"])).stdout);
    expect(dirty.check("no-pem-committed")).toMatchObject({ status: "failed", file: "mi-servidor.pem" });
    const clean = parse((await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--repo", join(FIXTURES, "lambda"), "--format", "json"])).stdout);
    expect(clean.check("no-pem-committed")).toMatchObject({ status: "passed", points: 1, maxPoints: 1 });
    expect(clean.report).toMatchObject({ score: 11, maxScore: 14 });
    // Without --repo the check is skipped and the score is out of the account's 13.
    const none = parse((await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "json"])).stdout);
    expect(none.check("no-pem-committed")).toMatchObject({ status: "skipped", maxPoints: 0 });
    expect(none.report).toMatchObject({ score: 10, maxScore: 13 });
  });

  it("makes a repository scan an error naming the file it did not read (a .env over 1 MB, real on disk)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "calificar-grande-"));
    // A password past the first megabyte: the reader does not read the file, so it cannot say «no secrets».
    writeFileSync(join(dir, ".env"), `${"# relleno\n".repeat(120_000)}DB_PASSWORD=Sup3r-S3creta-8842\n`);
    const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--repo", dir, "--format", "json"]);
    const { check } = parse(run.stdout);
    expect(check("no-pem-committed")).toMatchObject({ status: "error", points: 0, message: "no se pudo comprobar: no se leyó .env: pasa de 1 MB" });
    expect(run.stdout).not.toContain("Sup3r");
  });

  it("shows the file and line of a failed repository check in the terminal", async () => {
    const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--repo", join(FIXTURES, "beanstalk-secrets")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("no-pem-committed");
    expect(run.stdout).toContain("mi-servidor.pem:1");
  });

  it("refuses a folder that does not exist with exit code 2 and a sentence", async () => {
    const missing = join(tmpdir(), `calificar-sin-repo-${process.pid}`);
    const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--repo", missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`calificar: No existe la carpeta del repositorio ${missing}`);
  });
});
