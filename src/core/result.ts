import type { Lang } from "./text.js";
import type { CallError, Located } from "./snapshot.js";

export type CheckStatus = "passed" | "failed" | "error" | "skipped";

/** One check's outcome, already in the report's language. Field names are a published contract. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  title: string;
  message: string;
  expected: string | null;
  found: string | null;
  hint: string | null;
  severity: "error" | "warning";
  required: boolean;
  /** Remarks on a passed check (an accepted alternative), also at the end of `message`. */
  notes?: string[];
  /** Where a repository check points, for annotations. */
  file?: string;
  line?: number;
}

export interface GradedResource {
  kind: string;
  id: string;
  name: string | null;
  region: string;
  others: { id: string; name: string | null; score: number }[];
}

/** Everything a renderer needs; the JSON report is this object plus `schemaVersion` and `tool`. */
export interface Result {
  lab: { id: string; title: string };
  lang: Lang;
  account: { id: string; arn: string } | null;
  region: string;
  generatedAt: string;
  collectedAt: string;
  score: number;
  maxScore: number;
  passMark: number;
  passed: boolean;
  /** True when nothing could be checked at all (every check is an error): exit code 3. */
  ungradable: boolean;
  resource: GradedResource | null;
  /** What the student should know before the checks, e.g. the resource is in another region. */
  notes: string[];
  elsewhere: Located[];
  checks: CheckResult[];
  errors: CallError[];
}
