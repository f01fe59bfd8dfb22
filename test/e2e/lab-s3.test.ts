import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulatedAws } from "../support/emulated-aws.js";
import { runCli } from "../support/cli.js";
import { errorAnswer } from "../support/fake-aws.js";
import { awsEnv } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { ALL_ON, courseRule, seedAccountBlock, seedBucket } from "../support/s3-seed.js";

// The built CLI against aws.moto, which emulates S3 (buckets in several regions, versioning,
// lifecycle, default encryption, Block Public Access) and S3 Control's account-level Block Public
// Access, with the loopback fake in front to deny chosen calls as AWS does (403 AccessDenied).

const aws = emulatedAws();


async function grade(extra: string[] = []) {
  const run = await runCli(["lab-s3", "--format", "json", ...extra], awsEnv(aws.fake.url));
  return readReport(run);
}

const denied = (action: string) => ({ code: "AccessDenied", status: 403, message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action}` });

describe("lab-s3 end to end against moto and the fake", () => {
  it("passes the course's bucket, reading it through every S3 call", async () => {
    await seedBucket(aws.moto.url, { name: "curso-aws-ana" });
    const { code, report, status } = await grade();
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.score).toBe(report.maxScore);
    expect(report.resource).toMatchObject({ kind: "bucket de S3", id: "curso-aws-ana", region: "us-east-1", others: [] });
    expect(Object.values(status).every((s) => s === "passed")).toBe(true);
    expect(report.errors).toEqual([]);
    expect(aws.fake.calls).toEqual(
      expect.arrayContaining([
        "s3:ListBuckets",
        "s3:GetBucketLocation",
        "s3:GetBucketVersioning",
        "s3:GetBucketLifecycleConfiguration",
        "s3:GetBucketEncryption",
        "s3:GetPublicAccessBlock",
        "s3:GetAccountPublicAccessBlock",
      ]),
    );
  });

  it("fails Suspended versioning with that word, in Spanish and in English", async () => {
    await seedBucket(aws.moto.url, { name: "pausado", versioning: "Suspended" });
    const es = await grade();
    expect(es.check("versioning-enabled")).toMatchObject({
      status: "failed",
      expected: "Enabled",
      found: "Suspended",
      message: "control de versiones: se esperaba Enabled, se encontró Suspended",
    });
    const en = await grade(["--lang", "en"]);
    expect(en.check("versioning-enabled").message).toBe("versioning: expected Enabled, found Suspended");
    // 8 of 10 points: still passes.
    expect(es.report.score).toBe(8);
    expect(es.code).toBe(0);
  });

  it("fails, not errors, a bucket with no lifecycle configuration (NoSuchLifecycleConfiguration)", async () => {
    await seedBucket(aws.moto.url, { name: "sin-ciclo", rules: [] });
    const { code, report, check } = await grade();
    for (const id of ["lifecycle-standard-ia", "lifecycle-glacier"]) {
      expect(check(id)).toMatchObject({ status: "failed", found: null });
      expect(check(id).message).toContain("no se encontró nada");
    }
    expect(report.errors).toEqual([]);
    expect(report.score).toBe(6);
    expect(report.passed).toBe(false);
    expect(code).toBe(1);
  });

  it("accepts GLACIER_IR at 365 days and says so, in the JSON report and in the terminal", async () => {
    await seedBucket(aws.moto.url, { name: "instantaneo", rules: [courseRule("GLACIER_IR")] });
    const { check, code } = await grade();
    expect(check("lifecycle-glacier")).toMatchObject({ status: "passed", points: 2 });
    expect(check("lifecycle-glacier").message).toContain("STANDARD_IA 30d (Enabled), GLACIER_IR 365d (Enabled)");
    expect(check("lifecycle-glacier").notes).toEqual([expect.stringContaining("se acepta, aunque el curso usa GLACIER (Glacier Flexible Retrieval)")]);
    expect(code).toBe(0);
    const text = await runCli(["lab-s3", "--lang", "en"], awsEnv(aws.fake.url));
    expect(text.stdout).toContain("accepted, though the course uses GLACIER (Glacier Flexible Retrieval)");
  });

  it("passes Block Public Access set only for the account (S3 Control)", async () => {
    await seedBucket(aws.moto.url, { name: "sin-bloqueo-propio", block: null });
    const before = await grade();
    expect(before.check("public-access-blocked")).toMatchObject({ status: "failed" });
    expect(before.check("public-access-blocked").message).toContain("activadas en el bucket: nada · activadas en la cuenta: nada");
    await seedAccountBlock(aws.moto.url, ALL_ON);
    const after = await grade();
    expect(after.check("public-access-blocked")).toMatchObject({ status: "passed", points: 2 });
    expect(after.check("public-access-blocked").message).toContain("activadas en la cuenta: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets");
  });

  it("grades a bucket in eu-west-1 from us-east-1, naming its region", async () => {
    await seedBucket(aws.moto.url, { name: "curso-irlanda", region: "eu-west-1" });
    const { code, report } = await grade(["--region", "us-east-1"]);
    expect(code).toBe(0);
    expect(report.region).toBe("us-east-1");
    expect(report.resource).toMatchObject({ id: "curso-irlanda", region: "eu-west-1" });
    const text = await runCli(["lab-s3", "--region", "us-east-1"], awsEnv(aws.fake.url));
    expect(text.stdout).toContain("Calificada: bucket de S3 curso-irlanda · región eu-west-1");
  });

  it("grades the best of several buckets and lists the others; --bucket picks one", async () => {
    await seedBucket(aws.moto.url, { name: "pruebas", versioning: null, rules: [], encryption: null, block: null });
    await seedBucket(aws.moto.url, { name: "curso-sp", region: "sa-east-1" });
    await seedBucket(aws.moto.url, { name: "casi", region: "eu-west-1", rules: [courseRule("DEEP_ARCHIVE")], versioning: "Suspended" });
    const best = await grade();
    expect(best.report.resource).toMatchObject({ id: "curso-sp", region: "sa-east-1" });
    expect(best.report.resource.others).toEqual(
      expect.arrayContaining([
        { id: "pruebas", name: null, score: 1 },
        { id: "casi", name: null, score: 8 },
      ]),
    );
    expect(best.report.resource.others).toHaveLength(2);
    const picked = await grade(["--bucket", "casi"]);
    expect(picked.report.resource).toMatchObject({ id: "casi", region: "eu-west-1" });
    expect(picked.check("versioning-enabled")).toMatchObject({ status: "failed", found: "Suspended" });
    const missing = await grade(["--bucket", "no-existe"]);
    expect(missing.report.resource).toBeNull();
    expect(missing.code).toBe(1);
  });

  it("turns a denied GetBucketEncryption into an error naming s3:GetEncryptionConfiguration, not a failure", async () => {
    await seedBucket(aws.moto.url, { name: "mio" });
    aws.fake.fail("s3:GetBucketEncryption", denied("s3:GetEncryptionConfiguration"));
    const { report, status, check } = await grade();
    expect(status).toEqual({
      "bucket-exists": "passed",
      "versioning-enabled": "passed",
      "lifecycle-standard-ia": "passed",
      "lifecycle-glacier": "passed",
      "default-encryption": "error",
      "public-access-blocked": "passed",
    });
    expect(check("default-encryption").message).toContain("falta el permiso s3:GetEncryptionConfiguration (AccessDenied)");
    expect(report.ungradable).toBe(false);
  });

  it("keeps a denial for one bucket on that bucket: the other grades in full", async () => {
    await seedBucket(aws.moto.url, { name: "ajeno" });
    await seedBucket(aws.moto.url, { name: "mio" });
    aws.fake.on("s3:GetBucketEncryption", (req) =>
      req.path.startsWith("/ajeno") ? errorAnswer("rest-xml", "AccessDenied", "Access Denied", 403) : undefined,
    );
    const ajeno = await grade(["--bucket", "ajeno"]);
    expect(ajeno.status["default-encryption"]).toBe("error");
    const mio = await grade(["--bucket", "mio"]);
    expect(Object.values(mio.status).every((s) => s === "passed")).toBe(true);
    expect(mio.code).toBe(0);
  });

  it("cannot grade at all when ListBuckets is denied, and names s3:ListAllMyBuckets", async () => {
    await seedBucket(aws.moto.url, { name: "mio" });
    aws.fake.fail("s3:ListBuckets", denied("s3:ListAllMyBuckets"));
    const { code, report } = await grade();
    expect(report.checks.every((c: any) => c.status === "error")).toBe(true);
    expect(report.checks[0].message).toContain("s3:ListAllMyBuckets");
    expect(report.ungradable).toBe(true);
    expect(code).toBe(3);
  });

  it("fails an account with no bucket, saying it looked in every region", async () => {
    const { code, report } = await grade();
    expect(report.resource).toBeNull();
    expect(report.checks.every((c: any) => c.status === "failed")).toBe(true);
    expect(report.notes.join(" ")).toContain("calificar buscó en todas las regiones");
    expect(code).toBe(1);
  });

  it("regrades a saved snapshot offline to the same result", async () => {
    await seedBucket(aws.moto.url, { name: "curso-aws-ana", region: "eu-west-1", versioning: "Suspended" });
    const file = join(mkdtempSync(join(tmpdir(), "calificar-s3-")), "snapshot.json");
    const online = await grade(["--save-snapshot", file]);
    expect(JSON.parse(readFileSync(file, "utf8")).facts.s3.buckets[0]).toMatchObject({ name: "curso-aws-ana", region: "eu-west-1", versioning: "Suspended" });
    aws.fake.reset();
    const offline = await grade(["--snapshot", file]);
    expect(aws.fake.calls).toEqual([]);
    expect(offline.status).toEqual(online.status);
    expect(offline.report.resource).toEqual(online.report.resource);
  });
});
