import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { readReport } from "../support/report-schema.js";

// The starter projects' bundled examples (examples/<lab>.snapshot.json), graded with no AWS access
// at all. Each was collected from moto by a build of calificar (--save-snapshot), with a loopback
// app behind --probe-host where the lab probes; afterwards only the account's ARN, the API ids and
// the queue URLs were rewritten as AWS writes them, and the emulator's endpoint was removed.

const schema = JSON.parse(readFileSync(join(ROOT, "schemas/snapshot.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const EXAMPLES: { lab: string; code: number; failed: string[]; others?: string[] }[] = [
  // Made with the CLI, the add-permission forgotten: the API answers 500.
  { lab: "lab-api-hola", code: 1, failed: ["invoke-permission", "endpoint-answers"] },
  // Files and versioning, opened to the world by a public-read ACL with Block Public Access off.
  { lab: "lab-archivos", code: 1, failed: ["public-access-blocked", "no-public-acl-or-policy"] },
  // The queue's visibility timeout is shorter than the timeout of the function that reads it.
  { lab: "lab-colas", code: 0, failed: ["visibility-timeout"], others: ["pedidos-dlq"] },
  // The role cannot call Rekognition, and the log shows the run that failed for it.
  { lab: "lab-clasificador", code: 1, failed: ["role-can-detect-labels", "classified-an-image"] },
  // Walked with --probar-crud; the role has dynamodb:* on * (a warning).
  { lab: "lab-crud", code: 0, failed: ["role-least-privilege"] },
];

describe.each(EXAMPLES)("examples/$lab.snapshot.json", ({ lab, code, failed, others }) => {
  const file = `examples/${lab}.snapshot.json`;

  it("validates against the snapshot schema and reads like a student's account, not an emulator", () => {
    const snapshot = JSON.parse(readFileSync(join(ROOT, file), "utf8"));
    expect(validate(snapshot), JSON.stringify(validate.errors)).toBe(true);
    expect(snapshot).toMatchObject({ lab, region: "us-east-1", account: { id: "123456789012", arn: "arn:aws:iam::123456789012:user/ana" }, errors: [] });
    expect(snapshot.endpoint).toBeUndefined();
    expect(JSON.stringify(snapshot)).not.toMatch(/127\.0\.0\.1|localhost|moto/);
  });

  it("grades offline, in Spanish and in English, failing exactly what it shows", async () => {
    for (const lang of ["es", "en"]) {
      const run = readReport(await runCli([lab, "--snapshot", file, "--format", "json", "--lang", lang]));
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr).toBe("");
      expect(run.report.checks.filter((c: { status: string }) => c.status !== "passed").map((c: { id: string }) => c.id)).toEqual(failed);
      expect(run.report.resource.others.map((o: { id: string }) => o.id)).toEqual(others ?? []);
    }
  });
});
