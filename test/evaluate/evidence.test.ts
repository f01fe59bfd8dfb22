import { describe, expect, it } from "vitest";
import { compileLab } from "../../src/core/compile.js";
import { evidenceFor, evidenceMessage } from "../../src/core/evidence.js";
import type { Check, Lab } from "../../src/core/lab.js";

// Evidence for an object-valued subject: every wrong part named in `fields` is said once, in the
// order of `fields`, so a student fixes every setting in one run instead of one per run.

const check: Check = {
  id: "trigger",
  points: 1,
  title: { es: "Disparador", en: "Trigger" },
  hint: { es: "arréglalo", en: "fix it" },
  field: { es: "disparador", en: "trigger" },
  // Deliberately not in the order of `properties`: the report follows `fields`.
  fields: {
    "/metric": { es: "métrica", en: "metric" },
    "/upper": { es: "umbral superior", en: "upper threshold" },
    "/lower": { es: "umbral inferior", en: "lower threshold" },
  },
  expected: {
    type: "object",
    required: ["metric", "upper", "lower"],
    properties: {
      lower: { const: 30 },
      // Two keywords fail for 75: the part is still said once.
      upper: { type: "integer", maximum: 70, multipleOf: 10 },
      metric: { const: "CPUUtilization" },
    },
  },
  expectedText: { es: "CPUUtilization, 70 y 30", en: "CPUUtilization, 70 and 30" },
};
const lab = { id: "x", title: check.title, collectors: [], resource: { collector: "x", list: "@", label: check.title, id: "id" }, passMark: 50, checks: [check] } as unknown as Lab;

function evidence(subject: unknown, lang: "es" | "en" = "es") {
  const { validate } = compileLab(lab).checks.get(check)!;
  expect(validate(subject)).toBe(false);
  return evidenceFor(check, validate.errors, subject, subject, lang);
}

describe("evidence of an object with several wrong parts", () => {
  it("names every wrong part once, in the order of `fields`", () => {
    const found = evidence({ lower: 20, upper: 75, metric: "NetworkOut" });
    expect(evidenceMessage(found, "es")).toBe(
      "métrica: se esperaba CPUUtilization, se encontró NetworkOut; umbral superior: se esperaba como máximo 70, se encontró 75; umbral inferior: se esperaba 30, se encontró 20",
    );
    // The report's expected and found fields speak of the whole.
    expect(found).toMatchObject({ expected: "CPUUtilization, 70 y 30", found: "métrica: NetworkOut · umbral superior: 75 · umbral inferior: 20" });
  });

  it("says what a missing part should be, from its own schema", () => {
    expect(evidenceMessage(evidence({ metric: "CPUUtilization" }, "en"), "en")).toBe(
      "upper threshold: expected at most 70, found nothing; lower threshold: expected 30, found nothing",
    );
  });

  it("keeps a single wrong part as before", () => {
    const found = evidence({ lower: 30, upper: 70, metric: "NetworkOut" });
    expect(found).toMatchObject({ field: "métrica", expected: "CPUUtilization", found: "NetworkOut" });
    expect(evidenceMessage(found, "es")).toBe("métrica: se esperaba CPUUtilization, se encontró NetworkOut");
  });

  it("speaks of the whole when the subject is not an object at all", () => {
    expect(evidenceMessage(evidence(null), "es")).toBe("disparador: se esperaba CPUUtilization, 70 y 30, no se encontró nada");
  });
});
