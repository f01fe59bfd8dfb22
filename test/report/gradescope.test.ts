import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { renderGradescope } from "../../src/report/gradescope.js";
import { renderers } from "../../src/report/index.js";
import type { Lab } from "../../src/core/lab.js";
import { SERVER } from "../evaluate/ec2-facts.js";
import { gradeOne, readLab } from "../support/check-table.js";
import { allResults, beanstalkWithoutRepo, failedLab, trickyResult, troubledLab } from "./fixtures.js";

// The field list of Gradescope's results.json, from "Autograder Specifications" → "Output format"
// (https://gradescope-autograders.readthedocs.io/en/latest/specs/): every field there is optional
// except that `score` is needed at the top or on each test. Nothing outside the list is allowed.
const VISIBILITY = { enum: ["hidden", "after_due_date", "after_published", "visible"] };
const FORMAT = { enum: ["text", "simple_format", "html", "md", "ansi"] };
const GRADESCOPE_RESULTS = {
  type: "object",
  additionalProperties: false,
  properties: {
    score: { type: "number" },
    execution_time: { type: "number" },
    output: { type: "string" },
    output_format: FORMAT,
    test_output_format: FORMAT,
    test_name_format: FORMAT,
    visibility: VISIBILITY,
    stdout_visibility: VISIBILITY,
    extra_data: { type: "object" },
    tests: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        properties: {
          score: { type: "number" },
          max_score: { type: "number" },
          status: { enum: ["passed", "failed"] },
          name: { type: "string" },
          name_format: FORMAT,
          number: { type: "string" },
          output: { type: "string" },
          output_format: FORMAT,
          tags: { type: "array", items: { type: "string" } },
          visibility: VISIBILITY,
          extra_data: { type: "object" },
        },
      },
    },
    leaderboard: { type: "array" },
  },
  anyOf: [{ required: ["score"] }, { required: ["tests"], properties: { tests: { type: "array", items: { type: "object", required: ["score"] } } } }],
};
// strictRequired off: the anyOf branches name fields defined one level up.
const validate = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }).compile(GRADESCOPE_RESULTS);

describe("gradescope report", () => {
  it.each(allResults())("%s: results.json with the documented fields, one test per check", (_, result) => {
    const json = JSON.parse(renderGradescope(result));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // The fields the issue names, always present.
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["score", "tests", "visibility", "stdout_visibility", "output_format"]));
    expect(json.score).toBe(result.score);
    // Checks out of this grading (skipped, worth nothing here) are no test: never a red «0/0».
    const graded = result.checks.filter((c) => !(c.status === "skipped" && c.maxPoints === 0));
    expect(json.tests).toHaveLength(graded.length);
    graded.forEach((check, i) => {
      const test = json.tests[i];
      expect(Object.keys(test)).toEqual(expect.arrayContaining(["name", "status", "output"]));
      // A check worth no points (a warning) carries none: Gradescope would draw «0/0».
      if (check.maxPoints > 0) expect(test).toMatchObject({ score: check.points, max_score: check.maxPoints });
      else expect(Object.keys(test)).not.toContain("max_score");
      expect(test).toMatchObject({
        name: `${check.id}: ${check.title}`,
        status: check.status === "passed" ? "passed" : "failed",
        extra_data: { id: check.id, status: check.status },
      });
      expect(test.output.split("\n")[0]).toContain(check.message);
      if (check.hint) expect(test.output).toContain(check.hint);
    });
    expect(json.tests.reduce((sum: number, t: { score?: number }) => sum + (t.score ?? 0), 0)).toBe(json.score);
  });

  it("shows the student what failed, expected and found, and how to fix it, as plain text", () => {
    const json = JSON.parse(renderGradescope(failedLab("es")));
    expect(json).toMatchObject({ output_format: "text", test_output_format: "text", test_name_format: "text", visibility: "visible" });
    expect(json.output).toContain("Nota: 10/13 (77%) · NO APROBADO · mínimo 70%");
    const ssh = json.tests.find((t: { name: string }) => t.name.startsWith("ssh-restricted:"));
    expect(ssh.status).toBe("failed");
    expect(ssh.output).toContain("\nSe encontró: 0.0.0.0/0\n");
    expect(ssh.output).toContain("[obligatoria]");
  });

  it("scores error and skipped as failed with no points, and says why", () => {
    const json = JSON.parse(renderGradescope(troubledLab("en")));
    const byId = (id: string) => json.tests.find((t: { extra_data: { id: string } }) => t.extra_data.id === id);
    expect(byId("root-volume")).toMatchObject({ status: "failed", score: 0, extra_data: { status: "error" } });
    expect(byId("root-volume").output).toContain("ec2:DescribeVolumes");
    expect(byId("flask-app")).toMatchObject({ status: "failed", score: 0, extra_data: { status: "skipped" } });
    expect(byId("flask-app").output).toContain("skipped: --no-probe");
  });

  it("never emits a failed test worth 0 of 0: checks out of this grading are left out and named once in the output", () => {
    for (const lang of ["es", "en"] as const) {
      const result = beanstalkWithoutRepo(lang);
      const json = JSON.parse(renderGradescope(result));
      expect(json.tests.filter((t: { status: string; max_score?: number }) => t.status === "failed" && !t.max_score)).toEqual([]);
      const ids = json.tests.map((t: { extra_data: { id: string } }) => t.extra_data.id);
      for (const id of ["ebextensions-autoscaling", "ebextensions-trigger", "procfile", "start-script", "no-committed-secrets"]) {
        expect(ids).not.toContain(id);
        expect(json.output).toContain(id);
      }
      expect(json.output).toContain(lang === "es" ? "No cuentan en esta calificación" : "Not part of this grading");
      expect(json.output).toContain("--repo");
      expect(json.score).toBe(result.score);
    }
  });

  it("shows a graded check worth no points that did not pass as failed with no points at all, not as 0/0", () => {
    const lab = readLab("lab-ec2");
    const free: Lab = { ...lab, checks: lab.checks.filter((c) => c.on !== "repo").map((c) => (c.id === "elastic-ip" ? { ...c, points: 0 } : c)) };
    const json = JSON.parse(renderGradescope(gradeOne(free, { ...SERVER, elasticIp: null }, {}, "es")));
    const eip = json.tests.find((t: { extra_data: { id: string } }) => t.extra_data.id === "elastic-ip");
    expect(eip.status).toBe("failed");
    expect(eip).not.toHaveProperty("score");
    expect(eip).not.toHaveProperty("max_score");
    expect(validate(json)).toBe(true);
  });

  it("keeps file and line of repository findings", () => {
    const json = JSON.parse(renderGradescope(trickyResult()));
    const secrets = json.tests.find((t: { extra_data: { id: string } }) => t.extra_data.id === "no-committed-secrets");
    expect(secrets.extra_data).toMatchObject({ file: "config/db.json", line: 12, severity: "warning" });
    expect(secrets.output).toContain("Archivo: config/db.json:12");
  });

  it("is registered as --format gradescope", async () => {
    const render = await renderers["gradescope"]!();
    expect(await render(failedLab("en"), { color: false })).toBe(renderGradescope(failedLab("en")));
  });

  it("has a schema that rejects fields Gradescope does not define", () => {
    expect(validate({ score: 1, tests: [{ name: "x", points: 1 }] })).toBe(false);
    expect(validate({ score: 1, tests: [{ name: "x", status: "error" }] })).toBe(false);
  });
});
