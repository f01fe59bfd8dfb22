// Generated from schemas/report.schema.json by scripts/schema-types.mjs (npm run schema-types): do not edit.
/* eslint-disable */
/**
 * The graded report of one lab for one account. Dashboards, the GitHub Action and gradebooks read it; fields named here are stable.
 */
export interface ReportDocument {
  schemaVersion: 1;
  tool: {
    name: "calificar";
    version: string;
  };
  lab: {
    id: string;
    title: string;
  };
  lang: "es" | "en";
  account: null | {
    id: string;
    arn: string;
  };
  region: string;
  generatedAt: string;
  collectedAt: string;
  score: number;
  maxScore: number;
  /**
   * Percentage of maxScore needed to pass.
   */
  passMark: number;
  passed: boolean;
  /**
   * Nothing could be checked (every check is an error); the CLI exits with 3.
   */
  ungradable: boolean;
  /**
   * What this report graded. account: graded; unreachable (no credentials or no network: its checks are errors and reason says why); not-requested (--repo-only). repository: graded (--repo) or not-requested. Absent in reports of calificar 0.1.
   */
  scope?: {
    account: "graded" | "unreachable" | "not-requested";
    repository: "graded" | "not-requested";
    /**
     * Why the account was not graded, in the report's language.
     */
    reason: string | null;
  };
  /**
   * The resource that was graded (the best match), or null when there is none.
   */
  resource: null | {
    kind: string;
    id: string;
    name: string | null;
    region: string;
    others: {
      id: string;
      name: string | null;
      score: number;
    }[];
  };
  notes: string[];
  elsewhere: {
    region: string;
    count: number;
    ids: string[];
  }[];
  checks: {
    id: string;
    status: "passed" | "failed" | "error" | "skipped";
    points: number;
    maxPoints: number;
    title: string;
    message: string;
    /**
     * Remarks on a passed check, e.g. an accepted alternative; also at the end of message.
     */
    notes?: string[];
    expected: string | null;
    found: string | null;
    hint: string | null;
    severity: "error" | "warning";
    required: boolean;
    file?: string;
    line?: number;
  }[];
  errors: {
    action: string;
    code: string;
    kind: "denied" | "throttled" | "credentials" | "network" | "timeout" | "api";
    message: string;
    region?: string;
    collector?: string;
    target?: string;
  }[];
}
