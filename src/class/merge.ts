import type { Report } from "../report/json.js";
import type { CheckStatus } from "../core/result.js";
import { fill, type Text } from "../core/text.js";
import { percentOf, ungradableReason } from "./score.js";
import { MERGE_MSG as MSG } from "./messages.js";

/**
 * `calificar tablero`: the class as one picture, from the report folders of one or more runs
 * (the shards of a CI matrix, or a run and its retry). Pure: the caller reads the folders.
 */

/** Who a class report belongs to, as the roster said. */
export interface ClassStudent {
  id: string;
  name: string | null;
  email: string | null;
  accountId: string | null;
  region: string | null;
}

/** The content of `<alumno>.json` in a class run's folder: the student's JSON report plus who they are. */
export type ClassReport = Report & { student: ClassStudent };

/** A student the run could not grade (the role could not be assumed, the account was unreachable…). */
export interface NotGraded {
  student: ClassStudent;
  why: Text;
  /** When the run gave up on them: a later report or record of the same student wins. */
  generatedAt: string;
}

/** What one folder holds. `source` names it in conflicts (its path). */
export interface ClassFolder {
  source: string;
  reports: ClassReport[];
  notGraded: NotGraded[];
}

export type ClassEntry =
  | {
      kind: "graded";
      student: ClassStudent;
      source: string;
      report: ClassReport;
      percent: number;
      /** Ids of the checks with status `failed`, in the report's order. */
      failedChecks: string[];
    }
  | {
      kind: "not-graded";
      student: ClassStudent;
      source: string;
      why: Text;
      /** The report when there is one (nothing could be checked), else null. */
      report: ClassReport | null;
    };

export interface Origin {
  source: string;
  generatedAt: string;
  graded: boolean;
}

/** A student found more than once: which record was kept (the newest) and which were dropped. */
export interface Conflict {
  student: string;
  kept: Origin;
  dropped: Origin[];
}

export interface CheckStats {
  id: string;
  title: string;
  maxPoints: number;
  /** Graded students whose report has this check: the denominator of `passRate`. */
  withCheck: number;
  passed: number;
  failed: number;
  error: number;
  skipped: number;
  /** passed / withCheck; null when no graded report has the check. */
  passRate: number | null;
}

/** Students whose percentage is in [from, to]; the last bucket is 90–100. */
export interface Bucket {
  from: number;
  to: number;
  count: number;
}

export interface ClassSummary {
  lab: { id: string; title: string } | null;
  /** The oldest and newest `generatedAt` among the kept records. */
  period: { first: string; last: string } | null;
  size: number;
  graded: number;
  notGraded: number;
  passed: number;
  /** passed / graded; null when nobody was graded. Students not graded are left out, not failed. */
  passRate: number | null;
  histogram: Bucket[];
  /** In the lab's order (the newest report's). */
  checks: CheckStats[];
  /** Up to three checks with the most failures (ties: lower pass rate, then id); none that nobody failed. */
  mostFailed: CheckStats[];
  /** One per student, by id. */
  entries: ClassEntry[];
  conflicts: Conflict[];
}

export class ClassMergeError extends Error {
  readonly text: Text;

  constructor(text: Text) {
    super(text.en);
    this.name = "ClassMergeError";
    this.text = text;
  }
}

type Candidate =
  | { kind: "report"; source: string; order: number; report: ClassReport }
  | { kind: "not-graded"; source: string; order: number; record: NotGraded };

const timeOf = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? -Infinity : t;
};
const generatedAt = (c: Candidate) => (c.kind === "report" ? c.report.generatedAt : c.record.generatedAt);
const studentOf = (c: Candidate) => (c.kind === "report" ? c.report.student : c.record.student);
const isGraded = (c: Candidate) => c.kind === "report" && !c.report.ungradable;
const originOf = (c: Candidate): Origin => ({ source: c.source, generatedAt: generatedAt(c), graded: isGraded(c) });

/** Newest first; at the same time a graded report before the rest, then the first folder given. */
function newestFirst(a: Candidate, b: Candidate): number {
  return timeOf(generatedAt(b)) - timeOf(generatedAt(a)) || Number(isGraded(b)) - Number(isGraded(a)) || a.order - b.order;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function entryOf(candidate: Candidate): ClassEntry {
  if (candidate.kind === "not-graded") {
    const { student, why } = candidate.record;
    return { kind: "not-graded", student, source: candidate.source, why, report: null };
  }
  const report = candidate.report;
  if (report.ungradable) {
    return { kind: "not-graded", student: report.student, source: candidate.source, why: ungradableReason(report), report };
  }
  return {
    kind: "graded",
    student: report.student,
    source: candidate.source,
    report,
    percent: percentOf(report.score, report.maxScore),
    failedChecks: report.checks.filter((c) => c.status === "failed").map((c) => c.id),
  };
}

/**
 * Merges the folders into one class: one record per student id (the newest by `generatedAt`;
 * every other one is listed in `conflicts`), then the class's statistics. Ids are compared as
 * written: the roster already refuses ids that differ only in case.
 */
export function mergeClass(folders: readonly ClassFolder[]): ClassSummary {
  const candidates: Candidate[] = [];
  for (const folder of folders) {
    for (const report of folder.reports) candidates.push({ kind: "report", source: folder.source, order: candidates.length, report });
    for (const record of folder.notGraded) candidates.push({ kind: "not-graded", source: folder.source, order: candidates.length, record });
  }

  const labs = [...new Set(candidates.flatMap((c) => (c.kind === "report" ? [c.report.lab.id] : [])))].sort(byCodeUnits);
  if (labs.length > 1) {
    const data = { labs: labs.join(", ") };
    throw new ClassMergeError({ es: fill(MSG.mixedLabs.es, data), en: fill(MSG.mixedLabs.en, data) });
  }

  const byStudent = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const id = studentOf(candidate).id;
    byStudent.set(id, [...(byStudent.get(id) ?? []), candidate]);
  }
  const conflicts: Conflict[] = [];
  const kept: Candidate[] = [];
  for (const [student, all] of [...byStudent].sort(([a], [b]) => byCodeUnits(a, b))) {
    const [newest, ...older] = [...all].sort(newestFirst);
    kept.push(newest!);
    if (older.length) conflicts.push({ student, kept: originOf(newest!), dropped: older.map(originOf) });
  }

  const entries = kept.map(entryOf);
  const graded = entries.filter((e): e is Extract<ClassEntry, { kind: "graded" }> => e.kind === "graded");
  const passed = graded.filter((e) => e.report.passed).length;
  const times = kept.map(generatedAt).sort((a, b) => timeOf(a) - timeOf(b));
  const reports = kept.flatMap((c) => (c.kind === "report" ? [c.report] : [])).sort((a, b) => timeOf(b.generatedAt) - timeOf(a.generatedAt));
  const checks = checkStats(reports, graded.map((e) => e.report));

  return {
    lab: reports[0] ? { id: reports[0].lab.id, title: reports[0].lab.title } : null,
    period: times.length ? { first: times[0]!, last: times[times.length - 1]! } : null,
    size: entries.length,
    graded: graded.length,
    notGraded: entries.length - graded.length,
    passed,
    passRate: graded.length ? passed / graded.length : null,
    histogram: histogram(graded.map((e) => e.percent)),
    checks,
    mostFailed: [...checks]
      .filter((c) => c.failed > 0)
      .sort((a, b) => b.failed - a.failed || (a.passRate ?? 0) - (b.passRate ?? 0) || byCodeUnits(a.id, b.id))
      .slice(0, 3),
    entries,
    conflicts,
  };
}

/** Ten buckets of ten points: 0–9, 10–19, …, 90–100 (100 belongs to the last). */
export function histogram(percents: readonly number[]): Bucket[] {
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  for (const percent of percents) buckets[Math.min(9, Math.max(0, Math.floor(percent / 10)))]!.count++;
  return buckets;
}

/**
 * Each check's outcomes among graded students. Titles and order come from the newest report that
 * has the check (`reports` is newest first), so a lab edited between runs shows its latest words.
 */
function checkStats(reportsNewestFirst: readonly ClassReport[], graded: readonly ClassReport[]): CheckStats[] {
  const stats = new Map<string, CheckStats>();
  for (const report of reportsNewestFirst) {
    for (const check of report.checks) {
      if (!stats.has(check.id)) {
        stats.set(check.id, { id: check.id, title: check.title, maxPoints: check.maxPoints, withCheck: 0, passed: 0, failed: 0, error: 0, skipped: 0, passRate: null });
      }
    }
  }
  for (const report of graded) {
    for (const check of report.checks) {
      const s = stats.get(check.id)!;
      s.withCheck++;
      s[check.status satisfies CheckStatus]++;
    }
  }
  for (const s of stats.values()) s.passRate = s.withCheck ? s.passed / s.withCheck : null;
  return [...stats.values()];
}
