import { describe, expect, it } from "vitest";
import { emulatedAws } from "../support/emulated-aws.js";
import { runCli } from "../support/cli.js";
import { awsEnv } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";
import { CLASSIFIER_BUCKET as BUCKET, classifier as seedClassifier } from "../support/starter-labs.js";
import { seedRun, upload } from "../support/starter-seed.js";

// The built CLI against moto: S3 bucket notifications to Lambda, Lambda AddPermission/GetPolicy,
// IAM role policies (inline and attached), and the function's CloudWatch Logs, written here as
// Lambda writes a run (moto runs functions only in Docker). calificar never invokes the function
// nor calls Rekognition: it reads the trigger, the permissions and the log.

const aws = emulatedAws();


async function grade(extra: string[] = []) {
  return readReport(await runCli(["lab-clasificador", "--format", "json", ...extra], awsEnv(aws.fake.url)));
}

const classifier = (options?: Parameters<typeof seedClassifier>[1]) => seedClassifier(aws.moto.url, options);

describe("lab-clasificador end to end against moto", () => {
  it("passes the course's classifier after an upload ran it, reading the log and never invoking anything", async () => {
    await classifier();
    await upload(aws.moto.url, BUCKET, "gato.jpg");
    await seedRun(aws.moto.url, "clasificador", new Date(Date.now() + 3000), ["Etiquetas de gato.jpg: Cat (98.7), Pet (97.1)"]);
    const { code, status, check } = await grade();
    expect(status).toEqual({
      "bucket-exists": "passed",
      "upload-trigger": "passed",
      "invoke-permission": "passed",
      "role-can-detect-labels": "passed",
      "runtime-supported": "passed",
      "classified-an-image": "passed",
    });
    expect(check("upload-trigger").message).toBe("notificaciones de eventos a Lambda: clasificador ← s3:ObjectCreated:* *.jpg");
    expect(check("role-can-detect-labels").message).toContain("rol: clasificador-role-x9y8");
    expect(aws.fake.calls).toEqual(
      expect.arrayContaining([
        "s3:GetBucketNotificationConfiguration",
        "s3:ListObjectsV2",
        "lambda:GetPolicy",
        "iam:ListRoles",
        "iam:GetRolePolicy",
        "iam:GetPolicyVersion",
        "logs:DescribeLogStreams",
        "logs:GetLogEvents",
      ]),
    );
    expect(aws.fake.calls.filter((c) => c.includes("Invoke") || c.startsWith("rekognition:"))).toEqual([]);
    expect(code).toBe(0);
  });

  it("fails a role without Rekognition and a run that failed, with the error the log shows", async () => {
    await classifier({ rekognition: false });
    await upload(aws.moto.url, BUCKET, "gato.jpg");
    await seedRun(aws.moto.url, "clasificador", new Date(Date.now() + 3000), [
      "[ERROR] AccessDeniedException: An error occurred (AccessDeniedException) when calling the DetectLabels operation: User is not authorized to perform: rekognition:DetectLabels",
    ]);
    const { check, code } = await grade();
    expect(check("role-can-detect-labels")).toMatchObject({ status: "failed", found: "implicit-deny" });
    expect(check("classified-an-image").message).toContain("la última ejecución de la función falló: AccessDeniedException");
    expect(code).toBe(1);
  });

  it("says the latest upload did not run the function when its last run is older", async () => {
    await classifier();
    await seedRun(aws.moto.url, "clasificador", new Date(Date.now() - 120_000), ["Etiquetas de viejo.jpg: Dog (90.0)"]);
    await upload(aws.moto.url, BUCKET, "gato.jpg");
    const { check } = await grade(["--lang", "en"]);
    expect(check("classified-an-image")).toMatchObject({ status: "failed" });
    expect(check("classified-an-image").message).toContain("the latest upload came after the function's latest run");
  });

  it("fails a bucket with no trigger, and a function S3 may not invoke, whose log is then not read", async () => {
    await classifier({ trigger: false });
    const first = await grade();
    expect(first.check("upload-trigger")).toMatchObject({ status: "failed", found: null });
    expect(first.check("invoke-permission").message).toContain(`el bucket ${BUCKET} no envía sus eventos a ninguna función Lambda`);
    await aws.moto.reset();
    await classifier({ permission: false });
    aws.fake.reset();
    const second = await grade();
    expect(second.check("invoke-permission")).toMatchObject({ status: "failed", found: "clasificador" });
    expect(second.check("classified-an-image").message).toContain("no se leyó el registro de clasificador");
    expect(aws.fake.calls.filter((c) => c.startsWith("logs:"))).toEqual([]);
  });

  it("fails a deprecated runtime", async () => {
    await classifier({ runtime: "python3.9" });
    const { check } = await grade();
    expect(check("runtime-supported")).toMatchObject({ status: "failed", found: "clasificador python3.9" });
  });
});
