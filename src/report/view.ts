import { MSG } from "../core/messages.js";
import { missingRequired, type CheckResult, type CheckStatus, type Result } from "../core/result.js";
import { fill, type Lang } from "../core/text.js";

/** A localized UI word of the reports (MSG.report), with `{placeholders}` filled. */
export function say(lang: Lang, key: string, data?: Record<string, string | number>): string {
  const text = MSG.report[key];
  if (!text) throw new Error(`MSG.report.${key} is missing`);
  return fill(text[lang], data);
}

export function points(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function percent(result: Pick<Result, "score" | "maxScore">): number {
  return result.maxScore ? Math.round((result.score / result.maxScore) * 100) : 100;
}

/** «falta una comprobación obligatoria: …» when a required check did not pass (and so the lab did not), else null. */
export function requiredMissingText(result: Result): string | null {
  const missing = missingRequired(result.checks);
  if (!missing.length || result.passed) return null;
  return say(result.lang, missing.length > 1 ? "requiredMissingMany" : "requiredMissing", { ids: missing.join(", "), count: missing.length });
}

export const STATUS_ICON: Record<CheckStatus, string> = { passed: "✅", failed: "❌", error: "⚠️", skipped: "⏭️" };
/** Plain glyphs for pages that may lack an emoji font (HTML); always beside the status word. */
export const STATUS_MARK: Record<CheckStatus, string> = { passed: "✓", failed: "✗", error: "!", skipped: "–" };

const STATUS_WORD: Record<CheckStatus, string> = {
  passed: "statusPassed",
  failed: "statusFailed",
  error: "statusError",
  skipped: "statusSkipped",
};

export function statusLabel(status: CheckStatus, lang: Lang): string {
  return say(lang, STATUS_WORD[status]);
}

/** `file:line` of a repository check, or null. */
export function locationOf(check: CheckResult): string | null {
  if (!check.file) return null;
  return check.line ? `${check.file}:${check.line}` : check.file;
}

export interface CheckView {
  id: string;
  title: string;
  status: CheckStatus;
  statusLabel: string;
  icon: string;
  mark: string;
  points: string;
  message: string;
  /** Remarks on a passed check (e.g. an accepted alternative). */
  notes: string[];
  expected: string | null;
  /** What was found; «nothing» for a failure that found nothing; null when the check could not look. */
  found: string | null;
  hint: string | null;
  location: string | null;
  tags: string | null;
  /** Failed or error: the student has something to fix or a permission to add. */
  needsFix: boolean;
  /** The message says more than «expected X, found Y» (a missing permission, a sentence of the lab): show it. */
  showMessage: boolean;
}

export interface ReportView {
  lang: Lang;
  labId: string;
  labTitle: string;
  heading: string;
  score: string;
  maxScore: string;
  percent: number;
  passed: boolean;
  verdict: string;
  verdictIcon: string;
  verdictMark: string;
  passMark: string;
  passedCount: string;
  requiredMissing: string | null;
  checksCaption: string;
  account: string;
  region: string;
  resource: string | null;
  others: string | null;
  notes: string[];
  hasNotes: boolean;
  checks: CheckView[];
  toFix: CheckView[];
  hasToFix: boolean;
  allPassed: boolean;
  counts: Record<CheckStatus, number> & { total: number };
  generatedAt: string;
  generated: string;
  /** Every UI word of MSG.report in the report's language, for templates: {{t.expected}}. */
  t: Record<string, string>;
}

/**
 * Whether a message is only «<field>: se esperaba <expected>, se encontró <found>», which a report
 * already shows as «Se esperaba» and «Se encontró»: then it is said once, there.
 */
function onlyExpectedFound(check: CheckResult, lang: Lang): boolean {
  if (check.status !== "failed" || check.expected === null) return false;
  const template = check.found === null ? MSG.expectedNothing : MSG.expectedFound;
  const tail = fill(template[lang], { field: "", expected: check.expected, found: check.found ?? "" });
  return check.message.endsWith(tail) && check.message.length > tail.length;
}

function checkView(check: CheckResult, lang: Lang): CheckView {
  const tags = [check.required ? say(lang, "required") : "", check.severity === "warning" ? say(lang, "warning") : ""].filter(Boolean);
  return {
    id: check.id,
    title: check.title,
    status: check.status,
    statusLabel: statusLabel(check.status, lang),
    icon: STATUS_ICON[check.status],
    mark: STATUS_MARK[check.status],
    points: `${points(check.points)}/${points(check.maxPoints)}`,
    message: check.message,
    notes: check.status === "passed" ? (check.notes ?? []) : [],
    expected: check.expected,
    found: check.status === "failed" ? (check.found ?? MSG.nothing[lang]) : check.found,
    hint: check.hint,
    location: locationOf(check),
    tags: tags.length ? tags.join(", ") : null,
    needsFix: check.status === "failed" || check.status === "error",
    showMessage: !onlyExpectedFound(check, lang),
  };
}

/** "2026-11-28T10:00:00.000Z" -> "2026-11-28 10:00 UTC": the same in every time zone. */
function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** The plain data a report template places: strings, booleans and lists, already in the report's language. */
export function reportView(result: Result): ReportView {
  const { lang } = result;
  const t = Object.fromEntries(Object.entries(MSG.report).map(([key, text]) => [key, text[lang]]));
  const checks = result.checks.map((c) => checkView(c, lang));
  const counts = { passed: 0, failed: 0, error: 0, skipped: 0, total: checks.length };
  for (const c of checks) counts[c.status]++;
  const r = result.resource;
  const named = (id: string, name: string | null) => (name ? `${id} (${name})` : id);
  return {
    lang,
    labId: result.lab.id,
    labTitle: result.lab.title,
    heading: `${say(lang, "lab")} ${result.lab.id}: ${result.lab.title}`,
    score: points(result.score),
    maxScore: points(result.maxScore),
    percent: percent(result),
    passed: result.passed,
    verdict: say(lang, result.passed ? "passed" : "notPassed"),
    verdictIcon: result.passed ? "✅" : "❌",
    verdictMark: result.passed ? "✓" : "✗",
    passMark: say(lang, "passMark", { mark: result.passMark }),
    passedCount: say(lang, "passedCount", { passed: counts.passed, total: counts.total }),
    requiredMissing: requiredMissingText(result),
    checksCaption: say(lang, "checksCaption", { lab: result.lab.id }),
    account: result.account ? `${result.account.id} (${result.account.arn})` : say(lang, "noAccount"),
    region: result.region,
    resource: r
      ? `${r.kind} ${named(r.id, r.name)}${r.region !== result.region ? ` · ${say(lang, "region")} ${r.region}` : ""}`
      : null,
    others: r?.others.length ? r.others.map((o) => named(o.id, o.name)).join(", ") : null,
    notes: result.notes,
    hasNotes: result.notes.length > 0,
    checks,
    toFix: checks.filter((c) => c.needsFix),
    hasToFix: checks.some((c) => c.needsFix),
    allPassed: counts.passed === counts.total,
    counts,
    generatedAt: result.generatedAt,
    generated: say(lang, "generatedAt", { date: day(result.generatedAt) }),
    t,
  };
}
