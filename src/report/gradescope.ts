import { outOfGrading, type Result } from "../core/result.js";
import { locationOf, reportView, say } from "./view.js";

// Gradescope reads a JSON document, not markup: it is built as data and serialized, so there is
// no template for it (a template could not guarantee valid JSON). Field names follow
// https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format").

type Visibility = "hidden" | "after_due_date" | "after_published" | "visible";
type OutputFormat = "text" | "simple_format" | "html" | "md" | "ansi";

export interface GradescopeTest {
  name: string;
  /** Absent for a graded check worth no points: Gradescope would show it as a red «0/0». */
  score?: number;
  max_score?: number;
  status: "passed" | "failed";
  output: string;
  extra_data: Record<string, string | number | boolean>;
}

export interface GradescopeResults {
  score: number;
  output: string;
  output_format: OutputFormat;
  test_output_format: OutputFormat;
  test_name_format: OutputFormat;
  visibility: Visibility;
  stdout_visibility: Visibility;
  extra_data: Record<string, string | number | boolean | null>;
  tests: GradescopeTest[];
}

/**
 * Gradescope's results.json: one test per graded check, so `run_autograder` is one calificar
 * command. Gradescope shows a test whose `status` is failed in red whatever its points, so a check
 * out of this grading is no test at all (it is named once in `output`, with why), and a graded
 * check worth no points carries no score (a warning, in red, with no «0/0»).
 */
export function gradescopeResults(result: Result): GradescopeResults {
  const view = reportView(result);
  const { lang } = result;
  const line = (key: string, value: string | null) => (value === null ? [] : [`${say(lang, key)}: ${value}`]);
  const left = new Map<string, string[]>();
  for (const check of result.checks.filter(outOfGrading)) left.set(check.message, [...(left.get(check.message) ?? []), check.id]);
  const summary = [
    view.heading,
    `${say(lang, "score")}: ${view.score}/${view.maxScore} (${view.percent}%) · ${view.verdict} · ${view.passMark}`,
    ...(view.requiredMissing ? [view.requiredMissing] : []),
    `${say(lang, "account")} ${view.account} · ${say(lang, "region")} ${view.region}`,
    ...line("graded", view.resource),
    ...line("others", view.others),
    ...result.notes.map((note) => `→ ${note}`),
    ...[...left].map(([why, ids]) => `${say(lang, "outOfGrading")}: ${ids.join(", ")} (${why})`),
  ];
  return {
    score: result.score,
    output: summary.join("\n"),
    // Messages quote what was found (HTML bodies, "<id>"): shown as text, never interpreted.
    output_format: "text",
    test_output_format: "text",
    test_name_format: "text",
    visibility: "visible",
    // calificar's stdout repeats the report; whatever else run_autograder prints stays with the instructor.
    stdout_visibility: "hidden",
    extra_data: {
      lab: result.lab.id,
      passed: result.passed,
      maxScore: result.maxScore,
      passMark: result.passMark,
      account: result.account?.id ?? null,
      region: result.region,
      generatedAt: result.generatedAt,
    },
    tests: result.checks.flatMap((check, i) => {
      if (outOfGrading(check)) return [];
      const shown = view.checks[i]!;
      const output = [
        // The message already says «could not check» or «skipped» when the check was not graded.
        `${check.message}${shown.tags ? ` [${shown.tags}]` : ""}`,
        ...(shown.needsFix ? [...line("expected", check.expected), ...line("found", shown.found)] : []),
        ...line("file", locationOf(check)),
        ...line("howToFix", check.hint),
      ];
      return {
        name: `${check.id}: ${check.title}`,
        ...(check.maxPoints > 0 ? { score: check.points, max_score: check.maxPoints } : {}),
        // Gradescope knows only passed and failed; error and skipped earn no points and say why.
        status: check.status === "passed" ? "passed" : "failed",
        output: output.join("\n"),
        extra_data: {
          id: check.id,
          status: check.status,
          required: check.required,
          severity: check.severity,
          ...(check.file ? { file: check.file } : {}),
          ...(check.line ? { line: check.line } : {}),
        },
      };
    }),
  };
}

export function renderGradescope(result: Result): string {
  return JSON.stringify(gradescopeResults(result), null, 2) + "\n";
}
