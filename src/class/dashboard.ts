import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "../files/package-root.js";
import Mustache from "mustache";
import type { CheckStatus } from "../core/result.js";
import { fill, type Lang, type Text } from "../core/text.js";
import type { ClassEntry, ClassSummary } from "./merge.js";
import { DASHBOARD_MSG as MSG } from "./messages.js";

type Key = keyof typeof MSG;
type Words = Record<Key, string>;

function words(lang: Lang): Words {
  return Object.fromEntries(Object.entries(MSG).map(([key, text]) => [key, text[lang]])) as Words;
}

// ---------------------------------------------------------------------------------------------
// Template and assets

/** report-templates/ sits at the package root, beside labs/. */
const assets = () => packageDir("report-templates");

const assetCache = new Map<string, string>();
function asset(name: string): string {
  let text = assetCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(assets(), name), "utf8");
    assetCache.set(name, text);
  }
  return text;
}

const cspHash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` as `\u003c`…, so
 * no `</script>` or `<!--` in a student's name can end the element; U+2028/2029 too, for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

// ---------------------------------------------------------------------------------------------
// What the inline script reads

/**
 * The page's data. The same hint, expected value and message recur for hundreds of students, so
 * check strings go once into `strings` and are referred to by index: a class of 2,000 stays a
 * page of a few hundred kilobytes.
 */
export interface DashboardData {
  lang: Lang;
  words: Words;
  checks: { id: string; title: string }[];
  strings: string[];
  students: {
    id: string;
    name: string | null;
    email: string | null;
    accountId: string | null;
    region: string | null;
    score: number;
    maxScore: number;
    percent: number;
    passed: boolean;
    failed: string[];
    /** [check index, status, points, maxPoints, message, expected, found, hint]: strings as indexes, -1 for null. */
    checks: [number, CheckStatus, number, number, number, number, number, number][];
  }[];
}

export function dashboardData(summary: ClassSummary, lang: Lang): DashboardData {
  const checkIndex = new Map(summary.checks.map((c, i) => [c.id, i]));
  const checks = summary.checks.map((c) => ({ id: c.id, title: c.title }));
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (text: string | null): number => {
    if (text === null) return -1;
    let index = stringIndex.get(text);
    if (index === undefined) {
      index = strings.push(text) - 1;
      stringIndex.set(text, index);
    }
    return index;
  };
  const graded = summary.entries.filter((e): e is Extract<ClassEntry, { kind: "graded" }> => e.kind === "graded");
  return {
    lang,
    words: words(lang),
    checks,
    strings,
    students: graded.map(({ student, report, percent, failedChecks }) => ({
      id: student.id,
      name: student.name,
      email: student.email,
      accountId: student.accountId ?? report.account?.id ?? null,
      region: report.region,
      score: report.score,
      maxScore: report.maxScore,
      percent,
      passed: report.passed,
      failed: failedChecks,
      checks: report.checks.map((c) => {
        // A check only this student's report has (an older lab) still gets a row of its own.
        let index = checkIndex.get(c.id);
        if (index === undefined) {
          index = checks.push({ id: c.id, title: c.title }) - 1;
          checkIndex.set(c.id, index);
        }
        return [index, c.status, c.points, c.maxPoints, intern(c.message), intern(c.expected), intern(c.found), intern(c.hint)];
      }),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The page

function formatters(lang: Lang) {
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return {
    /** 0.5 → «50 %» (es) or «50%» (en). */
    rate: (fraction: number | null) => (fraction === null ? MSG.none[lang] : percent.format(fraction)),
    date: (iso: string) => {
      const t = Date.parse(iso);
      return Number.isNaN(t) ? iso : date.format(t);
    },
  };
}

/** Everything the template shows, already in words; the template only places it. */
export function dashboardView(summary: ClassSummary, lang: Lang) {
  const t = words(lang);
  const f = formatters(lang);
  const say = (key: Key, data: Record<string, string | number>) => fill(MSG[key][lang], data);
  const maxBucket = Math.max(1, ...summary.histogram.map((b) => b.count));
  return {
    lang,
    t,
    heading: summary.lab ? say("heading", { lab: summary.lab.id, title: summary.lab.title }) : t.noLab,
    period: summary.period ? say("period", { first: f.date(summary.period.first), last: f.date(summary.period.last) }) : null,
    cards: [
      { label: t.size, value: String(summary.size), note: null },
      { label: t.graded, value: String(summary.graded), note: null },
      { label: t.notGraded, value: String(summary.notGraded), note: null },
      { label: t.passed, value: String(summary.passed), note: null },
      { label: t.passRate, value: f.rate(summary.passRate), note: t.passRateOf },
    ],
    mostFailed: summary.mostFailed.map((c) => ({ id: c.id, title: c.title, detail: say("mostFailedItem", { failed: c.failed, withCheck: c.withCheck }) })),
    histogram: summary.histogram.map((b) => ({
      range: `${b.from}–${b.to} %`,
      count: b.count,
      // Bar length relative to the fullest bucket, in the SVG's 0–100 user units.
      width: Math.round((b.count / maxBucket) * 1000) / 10,
    })),
    checks: summary.checks.map((c) => ({
      id: c.id,
      title: c.title,
      rate: f.rate(c.passRate),
      width: c.passRate === null ? 0 : Math.round(c.passRate * 1000) / 10,
      outcomes: `${c.passed} · ${c.failed} · ${c.error} · ${c.skipped}`,
    })),
    notGraded: summary.entries.flatMap((e) => (e.kind === "not-graded" ? [{ id: e.student.id, name: e.student.name ?? "", why: e.why[lang] }] : [])),
    conflicts: summary.conflicts.map((c) => ({
      text: say("conflict", {
        student: c.student,
        kept: say("origin", { source: c.kept.source, at: f.date(c.kept.generatedAt) }),
        dropped: c.dropped.map((d) => say("origin", { source: d.source, at: f.date(d.generatedAt) })).join(", "),
      }),
    })),
  };
}

/**
 * The dashboard page. The inline script and style are allowed by their hashes in the page's
 * Content-Security-Policy, and nothing else is: no request can leave the page.
 */
export function renderDashboard(summary: ClassSummary, lang: Lang): string {
  const script = asset("dashboard.js");
  const style = asset("dashboard.css");
  // Our own assets: a closing tag inside would end the element early.
  if (/<\/script/i.test(script) || /<\/style/i.test(style)) throw new Error("dashboard.js or dashboard.css holds a closing tag");
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const view = { ...dashboardView(summary, lang), csp, script, style, data: jsonForScript(dashboardData(summary, lang)) };
  return Mustache.render(asset("dashboard.html.mustache"), view);
}
