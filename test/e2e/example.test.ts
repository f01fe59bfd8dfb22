import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, type CliRun } from "../support/cli.js";
import { validateReport } from "../support/report-schema.js";

// The README's first command: a newcomer with no AWS account sees a real report.
// `npm run demo` = node dist/calificar.js lab-ec2 --snapshot examples/lab-ec2.snapshot.json || [ $? -eq 1 ]
// The example was collected from moto by a build of calificar (--save-snapshot), with the
// Flask stand-in answering; only identity fields (account ARN, names) were edited afterwards.

const EXAMPLE = "examples/lab-ec2.snapshot.json";
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const demoArgs = () => {
  const script = pkg.scripts["demo"] ?? "";
  expect(script.startsWith("node dist/calificar.js ")).toBe(true);
  // The example is meant to fail the lab (exit 1); the script treats that as a successful demo.
  const [command, tolerated] = script.split(" || ");
  expect(tolerated).toBe("[ $? -eq 1 ]");
  return command!.slice("node dist/calificar.js ".length).split(/\s+/);
};

describe("the bundled example", () => {
  it("is the snapshot npm run demo grades", () => {
    expect(demoArgs()).toEqual(["lab-ec2", "--snapshot", EXAMPLE]);
  });

  it("validates against schemas/snapshot.schema.json and reads like a student's account", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/snapshot.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const snapshot = JSON.parse(readFileSync(join(ROOT, EXAMPLE), "utf8"));
    expect(validate(snapshot), JSON.stringify(validate.errors)).toBe(true);
    expect(snapshot).toMatchObject({ lab: "lab-ec2", region: "us-east-1", account: { id: "123456789012", arn: "arn:aws:iam::123456789012:user/ana" }, errors: [] });
    expect(snapshot.endpoint).toBeUndefined();
    const instances = snapshot.facts.ec2.instances as { name: string; state: string; instanceType: string }[];
    expect(instances.map((i) => [i.name, i.state, i.instanceType])).toEqual([
      ["mi-servidor", "running", "t2.micro"],
      ["prueba", "stopped", "t3.small"],
    ]);
  });

  describe("graded with no AWS access at all", () => {
    let es: CliRun;
    let en: CliRun;
    let json: CliRun;
    // No credentials, no endpoint: any AWS call would end in exit code 3.
    beforeAll(async () => {
      [es, en, json] = await Promise.all([
        runCli(demoArgs()),
        runCli([...demoArgs(), "--lang", "en"]),
        runCli([...demoArgs(), "--format", "json"]),
      ]);
    });

    it("exits 1 (graded, not passed) and names the graded instance and the other one", () => {
      expect(es.code, es.stderr).toBe(1);
      expect(es.stderr).toBe("");
      expect(es.stdout).toMatch(/Calificada: instancia i-[0-9a-f]{17} \(mi-servidor\)/);
      expect(es.stdout).toMatch(/También hay: i-[0-9a-f]{17} \(prueba\)/);
      expect(es.stdout).toContain("Cuenta 123456789012 (arn:aws:iam::123456789012:user/ana) · región us-east-1");
    });

    it("shows ssh-restricted failed with 0.0.0.0/0 found, and how to fix it", () => {
      const line = es.stdout.split("\n").findIndex((l) => l.includes("ssh-restricted"));
      expect(es.stdout.split("\n")[line]).toMatch(/^✗ ssh-restricted +0\/2/);
      expect(es.stdout.split("\n")[line + 1]).toContain("se encontró 0.0.0.0/0");
      expect(es.stdout.split("\n")[line + 2]).toContain("Cómo arreglarlo:");
      expect(es.stdout).toContain("NO APROBADO");
      expect(es.stdout).toContain("falta una comprobación obligatoria: ssh-restricted");
    });

    it("speaks English with --lang en", () => {
      expect(en.code, en.stderr).toBe(1);
      expect(en.stdout).toMatch(/Graded: instance i-[0-9a-f]{17} \(mi-servidor\)/);
      expect(en.stdout).toMatch(/Also present: i-[0-9a-f]{17} \(prueba\)/);
      expect(en.stdout).toContain("found 0.0.0.0/0");
      expect(en.stdout).toContain("NOT PASSED");
      expect(en.stdout).not.toContain("se esperaba");
    });

    it("writes a JSON report that validates against schemas/report.schema.json", () => {
      expect(json.code, json.stderr).toBe(1);
      const report = JSON.parse(json.stdout);
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report).toMatchObject({
        lab: { id: "lab-ec2" },
        lang: "es",
        passed: false,
        ungradable: false,
        score: 10,
        maxScore: 13,
        resource: { name: "mi-servidor", others: [{ name: "prueba" }] },
      });
      const status = Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
      expect(status).toEqual({
        "instance-running": "passed",
        "instance-type": "passed",
        "key-pair": "passed",
        "root-volume": "passed",
        "public-ip": "passed",
        "elastic-ip": "failed",
        "ssh-restricted": "failed",
        "port-5000-open": "passed",
        "flask-app": "passed",
        // No --repo: the repository check is not part of this grading.
        "no-pem-committed": "skipped",
      });
      expect(report.checks.find((c: { id: string }) => c.id === "ssh-restricted")).toMatchObject({ found: "0.0.0.0/0" });
    });
  });
});
