// The result's types, derived from schemas/report.schema.json (the published JSON report is the
// result plus `schemaVersion` and `tool`), so field names cannot drift from the contract.
import type { ReportDocument } from "./schema-types/report.js";
import type { Lang } from "./text.js";

/** Everything a renderer needs; the JSON report is this object plus `schemaVersion` and `tool`. */
export type Result = Omit<ReportDocument, "schemaVersion" | "tool" | "lang"> & { lang: Lang };

/** One check's outcome, already in the report's language. */
export type CheckResult = ReportDocument["checks"][number];
export type CheckStatus = CheckResult["status"];
export type GradedResource = NonNullable<ReportDocument["resource"]>;
