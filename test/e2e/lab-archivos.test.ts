import { describe, expect, it } from "vitest";
import { emulatedAws } from "../support/emulated-aws.js";
import { runCli } from "../support/cli.js";
import { awsEnv } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { ALL_ON, seedBucket } from "../support/s3-seed.js";
import { makePublic, upload } from "../support/starter-seed.js";

// The built CLI against moto's S3: objects (ListObjectsV2), ACLs (public-read), bucket policies
// and their status, with the fake in front to deny chosen calls as S3 does.

const aws = emulatedAws();


async function grade(extra: string[] = []) {
  return readReport(await runCli(["lab-archivos", "--format", "json", ...extra], awsEnv(aws.fake.url)));
}

describe("lab-archivos end to end against moto", () => {
  it("passes a private, versioned bucket holding files", async () => {
    await seedBucket(aws.moto.url, { name: "archivos-ana" });
    await upload(aws.moto.url, "archivos-ana", "notas/tarea1.txt", "hola");
    const { code, status, check } = await grade();
    expect(Object.values(status).every((s) => s === "passed"), JSON.stringify(status)).toBe(true);
    expect(check("objects-stored").message).toBe("objetos guardados: 1 (notas/tarea1.txt)");
    expect(aws.fake.calls).toEqual(expect.arrayContaining(["s3:ListObjectsV2", "s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:GetBucketPolicyStatus"]));
    expect(code).toBe(0);
  });

  it("fails an empty bucket opened by a public-read ACL and by a policy for «*»", async () => {
    await seedBucket(aws.moto.url, { name: "abierto", block: null });
    await makePublic(aws.moto.url, "abierto", "acl");
    await makePublic(aws.moto.url, "abierto", "policy");
    const { code, check, report } = await grade();
    expect(check("objects-stored")).toMatchObject({ status: "failed", found: "0" });
    expect(check("no-public-acl-or-policy")).toMatchObject({ status: "failed", found: "AllUsers READ" });
    expect(check("no-public-acl-or-policy").message).toContain("la ACL del bucket da permisos a todo el mundo: AllUsers READ");
    expect(check("public-access-blocked").status).toBe("failed");
    expect(report.score).toBe(4);
    expect(code).toBe(1);
  });

  it("fails the policy alone once the ACL is private", async () => {
    await seedBucket(aws.moto.url, { name: "politica", block: { ...ALL_ON, BlockPublicPolicy: false, RestrictPublicBuckets: false } });
    await makePublic(aws.moto.url, "politica", "policy");
    const { check } = await grade(["--lang", "en"]);
    expect(check("no-public-acl-or-policy").message).toBe("the bucket policy opens the bucket to anyone: LecturaPublica s3:GetObject (an Allow statement with «Principal»: «*» and no condition)");
  });

  it("is an error, not a failure, when the ACL may not be read", async () => {
    await seedBucket(aws.moto.url, { name: "archivos-ana" });
    aws.fake.fail("s3:GetBucketAcl", { code: "AccessDenied", status: 403, message: "Access Denied" });
    const { check } = await grade();
    expect(check("no-public-acl-or-policy")).toMatchObject({ status: "error" });
    expect(check("no-public-acl-or-policy").message).toContain("s3:GetBucketAcl");
  });
});
