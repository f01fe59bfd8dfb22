import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { classroom50Result, renderClassroom50 } from "../../src/report/classroom50.js";
import { renderers } from "../../src/report/index.js";
import { allResults, beanstalkWithoutRepo, failedLab, troubledLab } from "./fixtures.js";

// Classroom 50's result.json contract as its wiki documents it ("Advanced Autograding" → "The
// result.json contract", https://github.com/foundation50/classroom50/wiki/Advanced-Autograding):
// the field table, with score/max-score integers and a per-test breakdown. `owner`,
// `assignment_type` and `submitted_by` are the runner's; calificar must never write them.
const URL_OR_TAG = { type: "string", minLength: 1 };
const CLASSROOM50_RESULT = {
  type: "object",
  additionalProperties: false,
  required: ["schema", "score", "max-score", "tests"],
  properties: {
    schema: { const: "classroom50/result/v1" },
    classroom: URL_OR_TAG,
    assignment: URL_OR_TAG,
    submission: URL_OR_TAG,
    commit: URL_OR_TAG,
    release: URL_OR_TAG,
    review: URL_OR_TAG,
    datetime: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$" },
    graded_at: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$" },
    score: { type: "integer", minimum: 0 },
    "max-score": { type: "integer", minimum: 0 },
    tests: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["test-name", "passed", "score", "max-score"],
        properties: {
          "test-name": { type: "string", minLength: 1 },
          passed: { type: "boolean" },
          score: { type: "integer", minimum: 0 },
          "max-score": { type: "integer", minimum: 0 },
        },
      },
    },
  },
};
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(CLASSROOM50_RESULT);

const RUNNER_ENV = {
  CLASSROOM: "aws-2026",
  ASSIGNMENT: "lab-ec2",
  SUBMISSION_TAG: "submit/2026-11-28T10-00-00Z-a1b2c3d",
  COMMIT_URL: "https://github.com/curso/lab-ec2-ana/commit/a1b2c3d",
  RELEASE_URL: "https://github.com/curso/lab-ec2-ana/releases/tag/submit%2F2026-11-28T10-00-00Z-a1b2c3d",
  OWNER: "ana",
  USERNAME: "ana",
  ASSIGNMENT_TYPE: "individual",
};

describe("classroom50 report", () => {
  it.each(allResults())("%s follows classroom50/result/v1", (_, result) => {
    const json = JSON.parse(renderClassroom50(result, RUNNER_ENV));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.score).toBe(json.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0));
    expect(json["max-score"]).toBe(json.tests.reduce((sum: number, t: { "max-score": number }) => sum + t["max-score"], 0));
    expect(json.score).toBe(result.score);
    expect(json["max-score"]).toBe(result.maxScore);
    // Checks out of this grading (skipped, worth 0 here) are not tests.
    expect(json.tests).toEqual(
      result.checks
        .filter((c) => !(c.status === "skipped" && c.maxPoints === 0))
        .map((c) => ({ "test-name": c.id, passed: c.status === "passed", score: c.points, "max-score": c.maxPoints })),
    );
  });

  it("copies the submission's identity from the runner's environment, never the runner's own fields", () => {
    const json = classroom50Result(failedLab("es"), RUNNER_ENV);
    expect(json).toMatchObject({
      schema: "classroom50/result/v1",
      classroom: "aws-2026",
      assignment: "lab-ec2",
      submission: RUNNER_ENV.SUBMISSION_TAG,
      commit: RUNNER_ENV.COMMIT_URL,
      release: RUNNER_ENV.RELEASE_URL,
      review: RUNNER_ENV.COMMIT_URL,
      datetime: "2026-11-28T10:00:00Z",
      graded_at: "2026-11-28T10:00:00Z",
      score: 10,
      "max-score": 13,
    });
    expect(json).not.toHaveProperty("owner");
    expect(json).not.toHaveProperty("assignment_type");
    expect(classroom50Result(failedLab("es"), { ...RUNNER_ENV, REVIEW_URL: "https://github.com/x/compare/a...b" }).review).toBe(
      "https://github.com/x/compare/a...b",
    );
  });

  it("leaves out checks that are not part of this grading: never a failed test worth 0 of 0", () => {
    // No --repo: the repository's five checks are skipped and worth nothing here.
    const result = beanstalkWithoutRepo("es");
    const classroom = classroom50Result(result, {});
    expect(result.checks.some((c) => c.id === "procfile")).toBe(true);
    for (const id of ["ebextensions-autoscaling", "ebextensions-trigger", "procfile", "start-script", "no-committed-secrets"]) {
      expect(classroom.tests.map((t) => t["test-name"])).not.toContain(id);
    }
    expect(classroom["max-score"]).toBe(result.maxScore);
  });

  it("writes only the contract's own fields outside Classroom 50", () => {
    const json = classroom50Result(troubledLab("en"), {});
    expect(Object.keys(json).sort()).toEqual(["datetime", "graded_at", "max-score", "schema", "score", "tests"]);
    expect(json.tests.filter((t) => !t.passed).map((t) => t["test-name"])).toEqual(["root-volume", "ssh-restricted", "flask-app"]);
  });

  it("is registered as --format classroom50 and reads the given environment", async () => {
    const render = await renderers["classroom50"]!();
    const json = JSON.parse(await render(failedLab("en"), { color: false, env: { CLASSROOM: "c1", ASSIGNMENT: "a1" } }));
    expect(json).toMatchObject({ classroom: "c1", assignment: "a1" });
  });

  it("has a schema that rejects what the contract rejects", () => {
    expect(validate({ schema: "classroom50/result/v1", score: 1.5, "max-score": 2, tests: [] })).toBe(false);
    expect(validate({ schema: "classroom50/result/v1", score: 1, "max-score": 2, tests: [{ name: "x", passed: true, score: 1, "max-score": 1 }] })).toBe(false);
    expect(validate({ schema: "classroom50/result/v2", score: 1, "max-score": 2, tests: [] })).toBe(false);
  });
});
