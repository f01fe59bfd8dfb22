import { outOfGrading, type Result } from "../core/result.js";

// Classroom 50's result.json contract (classroom50/result/v1), as its wiki page
// "Advanced Autograding" documents it: https://github.com/foundation50/classroom50/wiki/Advanced-Autograding
// JSON data, not markup: built and serialized, so no template.

export const CLASSROOM50_SCHEMA = "classroom50/result/v1";

export interface Classroom50Test {
  "test-name": string;
  passed: boolean;
  score: number;
  "max-score": number;
}

export interface Classroom50Result {
  schema: typeof CLASSROOM50_SCHEMA;
  classroom?: string;
  assignment?: string;
  submission?: string;
  commit?: string;
  release?: string;
  review?: string;
  datetime: string;
  graded_at: string;
  score: number;
  "max-score": number;
  tests: Classroom50Test[];
}

/** "2026-11-28T10:00:00.000Z" -> "2026-11-28T10:00:00Z", the UTC form the contract's examples use. */
function utc(iso: string): string {
  return iso.replace(/\.\d+Z$/, "Z");
}

/**
 * The runner gives the submission's identity in the environment (CLASSROOM, ASSIGNMENT,
 * SUBMISSION_TAG, COMMIT_URL, RELEASE_URL, REVIEW_URL); each present one is copied. `owner` and
 * `assignment_type` are stamped by the runner itself, so they are never written here.
 */
export function classroom50Result(result: Result, env: Readonly<Record<string, string | undefined>>): Classroom50Result {
  const from = (name: string) => (env[name] ? env[name] : undefined);
  const identity = {
    classroom: from("CLASSROOM"),
    assignment: from("ASSIGNMENT"),
    submission: from("SUBMISSION_TAG"),
    commit: from("COMMIT_URL"),
    release: from("RELEASE_URL"),
    review: from("REVIEW_URL") ?? from("COMMIT_URL"),
  };
  // The contract's scores are integers; labs use whole points, and a fractional one is rounded.
  // A check out of this grading (worth 0 here) is not a test: it would read as a failed 0/0.
  const tests = result.checks.filter((check) => !outOfGrading(check)).map((check) => ({
    // The check id: gradebooks key on it, and it is the same in every language.
    "test-name": check.id,
    passed: check.status === "passed",
    score: Math.round(check.points),
    "max-score": Math.round(check.maxPoints),
  }));
  return {
    schema: CLASSROOM50_SCHEMA,
    ...Object.fromEntries(Object.entries(identity).filter(([, v]) => v !== undefined)),
    datetime: utc(result.generatedAt),
    graded_at: utc(result.generatedAt),
    score: tests.reduce((sum, t) => sum + t.score, 0),
    "max-score": tests.reduce((sum, t) => sum + t["max-score"], 0),
    tests,
  };
}

export function renderClassroom50(result: Result, env: Readonly<Record<string, string | undefined>>): string {
  return JSON.stringify(classroom50Result(result, env), null, 2) + "\n";
}
