// The result's types, derived from schemas/report.schema.json (the published JSON report is the
// result plus `schemaVersion` and `tool`), so field names cannot drift from the contract.
import type { ReportDocument } from "./schema-types/report.js";
import type { Lang } from "./text.js";

/** Everything a renderer needs; the JSON report is this object plus `schemaVersion` and `tool`. */
export type Result = Omit<ReportDocument, "schemaVersion" | "tool" | "lang" | "scope"> & { lang: Lang; scope: Scope };

/** What a report graded: the account (or why not), the repository. */
export type Scope = NonNullable<ReportDocument["scope"]>;

/** One check's outcome, already in the report's language. */
export type CheckResult = ReportDocument["checks"][number];
export type CheckStatus = CheckResult["status"];
export type GradedResource = NonNullable<ReportDocument["resource"]>;

/** A check left out of this grading (repository checks without --repo, account checks with --repo-only): worth 0 here. */
export function outOfGrading(check: CheckResult): boolean {
  return check.status === "skipped" && check.maxPoints === 0;
}

/** Required checks of this grading that did not pass: they fail the lab whatever the score. */
export function missingRequired(checks: readonly CheckResult[]): string[] {
  // A check worth 0 here is out of this grading (no --repo, --repo-only): it cannot block the pass.
  return checks.filter((c) => c.required && c.status !== "passed" && c.maxPoints > 0).map((c) => c.id);
}
