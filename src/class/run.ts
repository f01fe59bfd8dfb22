import { access } from "node:fs/promises";
import type { AwsCredentialIdentity } from "@smithy/types";
import { gradeLab, type GradeRequest } from "../app/grade.js";
import { UserError } from "../core/errors.js";
import type { Lab } from "../core/lab.js";
import type { Result } from "../core/result.js";
import type { Lang, Text } from "../core/text.js";
import { mapLimit } from "../collect/map-limit.js";
import { toReport } from "../report/json.js";
import type { Access } from "./access.js";
import { finishedReport, notGradedRecord, reportPath, snapshotPath, writeJson, type NotGradedRecord } from "./folder.js";
import type { ClassReport, ClassStudent } from "./merge.js";
import { classText } from "./messages.js";
import type { RosterStudent } from "./roster.js";

/**
 * `calificar clase`'s runner: every student of the roster through `gradeLab` (the same grading as
 * the student's own run, with the credentials of their role), a bounded number at a time, each
 * within a deadline, their report and snapshot written whole as soon as they are done. One
 * student's failure is recorded and the class goes on. The caller reads the roster, writes
 * notas.csv and prints the summary.
 */

/** Where the accounts come from: AWS, through each student's role, or the snapshots of an earlier run. */
export type ClassSource =
  | { kind: "aws"; assume: (student: RosterStudent) => Promise<Access> }
  | { kind: "snapshots"; dir: string };

export interface ClassRunRequest {
  lab: Lab;
  /** Already cut to the shard; outcomes come back in this order. */
  students: readonly RosterStudent[];
  out: string;
  lang: Lang;
  /** For students whose row names no region. */
  region: string;
  concurrency: number;
  /** Per student, from the start of their AssumeRole to their report. */
  deadlineMs: number;
  /** Keep students whose graded report of this lab is already in `out`. */
  resume: boolean;
  source: ClassSource;
  probe: GradeRequest["probe"];
  noInvoke?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Ctrl-C: no student is started after it, and those under way are left (nothing half-written). */
  signal?: AbortSignal;
  onEvent?: (event: ClassEvent) => void;
  /** gradeLab; a test may wrap it. */
  grade?: (request: GradeRequest) => Promise<Result>;
}

export type Outcome =
  /** A report was written (or kept, with --resume). It may be ungradable: nothing could be checked. */
  | { kind: "report"; student: RosterStudent; report: ClassReport; resumed: boolean }
  | { kind: "not-graded"; student: RosterStudent; record: NotGradedRecord }
  /** Ctrl-C came first: nothing was written for them. */
  | { kind: "interrupted"; student: RosterStudent };

export type ClassEvent = { type: "start"; total: number; resumed: number } | { type: "done"; outcome: Outcome };

export interface ClassRun {
  outcomes: Outcome[];
  interrupted: boolean;
}

/** A student has a grade: a report where something could be checked. */
export const hasGrade = (o: Outcome): o is Extract<Outcome, { kind: "report" }> => o.kind === "report" && !o.report.ungradable;

export function classStudent(student: RosterStudent, region: string): ClassStudent {
  return { id: student.student, name: student.name, email: student.email, accountId: student.accountId, region };
}

const interruptedOf = (student: RosterStudent): Outcome => ({ kind: "interrupted", student });

export async function runClass(request: ClassRunRequest): Promise<ClassRun> {
  const outcomes: (Outcome | undefined)[] = new Array(request.students.length);
  const lab = { id: request.lab.id, title: request.lab.title[request.lang] };

  // Kept reports first, so the progress knows from the start how much is left.
  const todo: number[] = [];
  let resumed = 0;
  for (const [i, student] of request.students.entries()) {
    const kept = request.resume ? await finishedReport(request.out, student.student, request.lab.id) : null;
    if (kept) {
      outcomes[i] = { kind: "report", student, report: kept, resumed: true };
      resumed++;
    } else todo.push(i);
  }
  request.onEvent?.({ type: "start", total: request.students.length, resumed });

  // After Ctrl-C no student starts: those left are reported as interrupted below.
  await mapLimit(todo, request.concurrency, async (i) => {
    if (request.signal?.aborted) return;
    const outcome = await gradeStudent(request, lab, request.students[i]!);
    outcomes[i] = outcome;
    request.onEvent?.({ type: "done", outcome });
  });
  return {
    outcomes: request.students.map((student, i) => outcomes[i] ?? interruptedOf(student)),
    interrupted: Boolean(request.signal?.aborted),
  };
}

/**
 * One student, within the deadline. Whatever loses the race (the grading after its deadline, or
 * after Ctrl-C) writes nothing: `settled` is checked before every write the runner makes.
 */
async function gradeStudent(request: ClassRunRequest, lab: { id: string; title: string }, student: RosterStudent): Promise<Outcome> {
  const region = student.region ?? request.region;
  const who = classStudent(student, region);
  let settled = false;
  const notGraded = async (code: string, why: Text, detail?: string, last = false): Promise<Outcome> => {
    const record = notGradedRecord(lab, who, code, why, request.now().toISOString(), detail);
    if (!settled || last) await writeJson(reportPath(request.out, student.student), record);
    return { kind: "not-graded", student, record };
  };

  const work = async (): Promise<Outcome> => {
    const grade = request.grade ?? gradeLab;
    const base = { lab: request.lab, lang: request.lang, region, probe: request.probe, env: request.env, now: request.now, ...(request.noInvoke ? { noInvoke: true } : {}) };
    let gradeRequest: GradeRequest;
    if (request.source.kind === "aws") {
      if (!student.roleArn) return notGraded("no-access", classText("noAccess"));
      const entry = await request.source.assume(student);
      if (settled) return interruptedOf(student);
      if (!entry.ok) return notGraded(entry.problem.code, entry.problem.why, entry.problem.detail);
      const credentials: AwsCredentialIdentity = entry.credentials;
      gradeRequest = { ...base, aws: { credentials: async () => credentials, retryMode: "adaptive" }, saveSnapshot: snapshotPath(request.out, student.student) };
    } else {
      const file = snapshotPath(request.source.dir, student.student);
      if (!(await access(file).then(() => true, () => false))) return notGraded("no-snapshot", classText("noSnapshot", { file }));
      gradeRequest = { ...base, snapshotFile: file };
    }

    let result: Result;
    try {
      result = await grade(gradeRequest);
    } catch (err) {
      if (settled) return interruptedOf(student);
      if (!(err instanceof UserError)) {
        // Our bug, met with one student's account: record it and grade the others.
        const message = err instanceof Error ? err.message : String(err);
        return notGraded("bug", classText("bug", { message }), message);
      }
      if (request.source.kind === "snapshots") {
        const data = { file: gradeRequest.snapshotFile!, reason: err.text.es };
        return notGraded("bad-snapshot", { es: classText("badSnapshot", data).es, en: classText("badSnapshot", { ...data, reason: err.text.en }).en }, err.detail);
      }
      return notGraded("unreachable", { es: classText("unreachable", { reason: err.text.es }).es, en: classText("unreachable", { reason: err.text.en }).en }, err.detail);
    }
    if (settled) return interruptedOf(student);
    // The student's account could not be reached with the role's credentials: not a grade of 0.
    if (result.scope.account === "unreachable") {
      const reason = result.scope.reason ?? "";
      return notGraded("unreachable", classText("unreachable", { reason }));
    }
    const found = result.account?.id;
    if (request.source.kind === "snapshots" && student.accountId && found && found !== student.accountId) {
      return notGraded("snapshot-other-account", classText("snapshotOtherAccount", { file: gradeRequest.snapshotFile!, found, expected: student.accountId }));
    }
    const report: ClassReport = { ...toReport(result), student: who };
    await writeJson(reportPath(request.out, student.student), report);
    return { kind: "report", student, report, resumed: false };
  };

  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), request.deadlineMs)));
  const aborted = new Promise<"aborted">((resolve) => {
    onAbort = () => resolve("aborted");
    request.signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const working = work();
    // The loser of the race may still fail later; that must not crash the class.
    working.catch(() => undefined);
    const first = await Promise.race([working, deadline, aborted]);
    settled = true;
    if (first === "aborted") return interruptedOf(student);
    if (first === "deadline") return await notGraded("deadline", classText("deadline", { seconds: Math.round(request.deadlineMs / 1000) }), undefined, true);
    return first;
  } finally {
    settled = true;
    clearTimeout(timer);
    if (onAbort) request.signal?.removeEventListener("abort", onAbort);
  }
}
