import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ROOT } from "./cli.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schemas/report.schema.json"), "utf8"));
/** The published report schema: every report a test sees must validate. */
export const validateReport = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** A CLI run's JSON report, validated against the published schema, with lookups by check id. */
export function readReport<R extends { code: number | null; stdout: string; stderr: string }>(run: R) {
  let data: unknown;
  try {
    data = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  const valid = validateReport(data);
  const report = data as any; // checked against the schema just above; tests read it freely
  if (!valid) throw new Error(`the report does not follow its schema: ${JSON.stringify(validateReport.errors)}`);
  const status: Record<string, string> = Object.fromEntries(report.checks.map((c: any) => [c.id, c.status]));
  return { ...run, report, status, check: (id: string): any => report.checks.find((c: any) => c.id === id) };
}
