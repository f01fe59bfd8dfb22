import type { CheckResult, CheckStatus, Result } from "../core/result.js";
import { percent, points, requiredMissingText, say } from "./view.js";

export interface TextOptions {
  color: boolean;
}

const ICON: Record<CheckStatus, string> = { passed: "✓", failed: "✗", error: "!", skipped: "–" };
const COLOR: Record<CheckStatus, string> = { passed: "32", failed: "31", error: "33", skipped: "90" };

type Paint = (code: string, s: string) => string;

const painter = (options: TextOptions): Paint => (code, s) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);

/** «10/13 (77%) · NO APROBADO», the verdict in colour. */
function scoreAndVerdict(result: Result, paint: Paint): string {
  const verdict = result.passed ? paint("1;32", say(result.lang, "passed")) : paint("1;31", say(result.lang, "notPassed"));
  return `${points(result.score)}/${points(result.maxScore)} (${percent(result)}%) · ${verdict}`;
}

/** The terminal report: what a student reads after `npx calificar lab-ec2`. */
export function renderText(result: Result, options: TextOptions): string {
  const t = (key: string, data?: Record<string, string | number>) => say(result.lang, key, data);
  const paint = painter(options);
  const bold = (s: string) => paint("1", s);
  const lines: string[] = [];

  lines.push(bold(`${t("lab")} ${result.lab.id}: ${result.lab.title}`));
  const account = result.account ? `${result.account.id} (${result.account.arn})` : t("noAccount");
  lines.push(`${t("account")} ${account} · ${t("region")} ${result.region}`);
  if (result.resource) {
    const r = result.resource;
    // S3 buckets live in their own region, whatever region was graded.
    const where = r.region !== result.region ? ` · ${t("region")} ${r.region}` : "";
    lines.push(`${t("graded")}: ${r.kind} ${r.id}${r.name ? ` (${r.name})` : ""}${where}`);
    if (r.others.length) {
      lines.push(`${t("others")}: ${r.others.map((o) => `${o.id}${o.name ? ` (${o.name})` : ""}`).join(", ")}`);
    }
  }
  for (const note of result.notes) lines.push(paint("33", `→ ${note}`));
  lines.push("");

  const idWidth = Math.max(...result.checks.map((c) => c.id.length));
  for (const check of result.checks) lines.push(...renderCheck(check, idWidth, paint, t));

  lines.push("");
  lines.push(`${bold(t("score"))}: ${scoreAndVerdict(result, paint)} · ${t("passMark", { mark: result.passMark })}`);
  const missing = requiredMissingText(result);
  if (missing) lines.push(missing);
  return lines.join("\n") + "\n";
}

/** One line for the terminal when the report itself went to a file (`--output`). */
export function renderSummary(result: Result, options: TextOptions & { file: string }): string {
  const paint = painter(options);
  const notes = result.notes.map((note) => paint("33", `→ ${note}\n`)).join("");
  return `${notes}${result.lab.id}: ${scoreAndVerdict(result, paint)} · ${say(result.lang, "writtenTo", { file: options.file })}\n`;
}

function renderCheck(
  check: CheckResult,
  idWidth: number,
  paint: (code: string, s: string) => string,
  t: (key: string) => string,
): string[] {
  const tags = [check.required ? t("required") : "", check.severity === "warning" ? t("warning") : ""].filter(Boolean);
  const score = `${points(check.points)}/${points(check.maxPoints)}`.padStart(5);
  const head = `${paint(COLOR[check.status], ICON[check.status])} ${check.id.padEnd(idWidth)} ${paint("90", score)}  ${check.title}${
    tags.length ? paint("90", ` [${tags.join(", ")}]`) : ""
  }`;
  const lines = [head];
  for (const note of check.status === "passed" ? (check.notes ?? []) : []) lines.push(`    ${paint("33", note)}`);
  if (check.status !== "passed") {
    lines.push(`    ${check.message}`);
    if (check.hint) lines.push(`    ${paint("36", `${t("howToFix")}:`)} ${check.hint}`);
  }
  return lines;
}
