import type { Result } from "../core/result.js";
import { renderTemplate } from "./templates.js";
import { locationOf, points, reportView, say } from "./view.js";

// XML 1.0 forbids most control characters even as references; drop them.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Safe in text and in attribute values; line breaks stay readable in text (attributes hold one line). */
export function escapeXml(value: string): string {
  return String(value).replace(INVALID_XML, "").replace(/[&<>"']/g, (c) => XML_ENTITY[c]!);
}

/** "2026-11-28T10:00:00.000Z" -> "2026-11-28T10:00:00", the ISO form Ant and the JUnit XSDs use. */
function timestamp(iso: string): string {
  return iso.replace(/\.\d+/, "").replace(/Z$/, "");
}

function suiteView(result: Result) {
  const view = reportView(result);
  const { lang } = result;
  const line = (key: string, value: string | null) => (value === null ? [] : [`${say(lang, key)}: ${value}`]);
  const cases = result.checks.map((check, i) => {
    const shown = view.checks[i]!;
    const details = [
      check.message,
      ...line("expected", check.expected),
      ...line("found", shown.found),
      ...line("file", locationOf(check)),
      ...line("howToFix", check.hint),
    ].join("\n");
    return {
      classname: result.lab.id,
      name: `${check.id}: ${check.title}`,
      failure: check.status === "failed" ? { message: check.message, details } : null,
      error: check.status === "error" ? { message: check.message, details } : null,
      skipped: check.status === "skipped" ? { message: check.message } : null,
      out: check.status === "passed" ? check.message : null,
    };
  });
  const properties = [
    ["lab.title", result.lab.title],
    ["lang", lang],
    ["account", result.account?.id ?? ""],
    ["region", result.region],
    ["resource", view.resource ?? ""],
    ["score", points(result.score)],
    ["maxScore", points(result.maxScore)],
    ["passMark", String(result.passMark)],
    ["passed", String(result.passed)],
  ].map(([name, value]) => ({ name, value }));
  const summary = [`${say(lang, "score")}: ${view.score}/${view.maxScore} (${view.percent}%) · ${view.verdict} · ${view.passMark}`];
  if (view.requiredMissing) summary.push(view.requiredMissing);
  return {
    name: result.lab.id,
    tests: view.counts.total,
    failures: view.counts.failed,
    errors: view.counts.error,
    skipped: view.counts.skipped,
    timestamp: timestamp(result.generatedAt),
    properties,
    cases,
    out: [...summary, ...result.notes].join("\n"),
  };
}

/** JUnit XML for CI test viewers: one <testsuite> per lab, one <testcase> per check. */
export async function renderJunitSuites(results: Result[]): Promise<string> {
  const suites = results.map((result, id) => ({ id, ...suiteView(result) }));
  const total = (key: "tests" | "failures" | "errors") => suites.reduce((sum, s) => sum + s[key], 0);
  return renderTemplate(
    "report.junit.xml.mustache",
    { suites, tests: total("tests"), failures: total("failures"), errors: total("errors") },
    escapeXml,
  );
}

export async function renderJunit(result: Result): Promise<string> {
  return renderJunitSuites([result]);
}
