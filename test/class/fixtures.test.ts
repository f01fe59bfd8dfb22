import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { classReport, randomClass, student } from "./fixtures.js";

// The hand-made class reports must be reports calificar could have written: the tests of the
// class door read nothing else.
const schema = JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

describe("class report fixtures", () => {
  it.each([
    ["every check passed", classReport({ student: student("ana") })],
    ["failed, error and skipped checks", classReport({ student: student("ana"), statuses: { "ssh-restricted": "failed", "root-volume": "error", "flask-app": "skipped" } })],
    ["nothing could be checked", classReport({ student: student("ana"), ungradable: true })],
  ])("%s: follows the published report schema", (_, report) => {
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("makes the same class from the same seed, every report valid", () => {
    const first = randomClass(200, 5);
    expect(randomClass(200, 5)).toEqual(first);
    expect(randomClass(200, 6)).not.toEqual(first);
    for (const report of first.reports) expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(first.reports.length + first.notGraded.length).toBe(200);
  });
});
