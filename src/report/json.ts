import type { Result } from "../core/result.js";
import { TOOL_NAME, toolVersion } from "../files/version.js";

export const REPORT_SCHEMA_VERSION = 1;

/** The published JSON report (schemas/report.schema.json): the result plus who made it. */
export function toReport(result: Result, version = toolVersion()) {
  return { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: TOOL_NAME, version }, ...result };
}

export type Report = ReturnType<typeof toReport>;

export function renderJson(result: Result): string {
  return JSON.stringify(toReport(result), null, 2) + "\n";
}
