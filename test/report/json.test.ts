import { describe, expect, it } from "vitest";
import { toReport } from "../../src/report/json.js";
import { validateReport } from "../support/report-schema.js";
import { allResults, troubledLab } from "./fixtures.js";

// toReport with an explicit version: run from src/, toolVersion() would look for package.json
// one level too high. The built CLI's --format json is covered in registry.test.ts.
describe("json report", () => {
  it.each(allResults())("%s validates against schemas/report.schema.json", (_, result) => {
    const report = JSON.parse(JSON.stringify(toReport(result, "0.0.0-test")));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.checks).toHaveLength(result.checks.length);
  });

  it("fails validation when a contract field is broken (the schema check can fail)", () => {
    const report = JSON.parse(JSON.stringify(toReport(troubledLab("en"), "0.0.0-test")));
    report.checks[0].status = "maybe";
    expect(validateReport(report)).toBe(false);
  });

  it("keeps the fixtures' statuses: the report tables really cover error and skipped", () => {
    const statuses = new Set(troubledLab("es").checks.map((c) => c.status));
    expect([...statuses].sort()).toEqual(["error", "failed", "passed", "skipped"]);
  });
});
