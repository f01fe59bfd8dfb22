import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { renderGradescope } from "../../src/report/gradescope.js";
import { renderers } from "../../src/report/index.js";
import { allResults, failedLab, trickyResult, troubledLab } from "./fixtures.js";

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
    expect(json.tests).toHaveLength(result.checks.length);
    result.checks.forEach((check, i) => {
      const test = json.tests[i];
      expect(Object.keys(test)).toEqual(expect.arrayContaining(["name", "score", "max_score", "status", "output"]));
      expect(test).toMatchObject({
        name: `${check.id}: ${check.title}`,
        score: check.points,
        max_score: check.maxPoints,
        status: check.status === "passed" ? "passed" : "failed",
        extra_data: { id: check.id, status: check.status },
      });
      expect(test.output.split("\n")[0]).toContain(check.message);
      if (check.hint) expect(test.output).toContain(check.hint);
    });
    expect(json.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0)).toBe(json.score);
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
