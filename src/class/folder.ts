import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { badInput } from "../core/errors.js";
import { schemaValidator } from "../core/compile.js";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };
import { describeSchemaErrors } from "../core/schema-errors.js";
import type { Text } from "../core/text.js";
import { TOOL_NAME, toolVersion } from "../files/version.js";
import { writeFileAtomic } from "../files/write.js";
import { classText } from "./messages.js";
import { ClassMergeError, mergeClass, type ClassFolder, type ClassReport, type ClassStudent, type ClassSummary, type NotGraded } from "./merge.js";

/**
 * A class run's folder (`--out informes/`), one student per file:
 *
 * - `<alumno>.json`: the student's JSON report (schemas/report.schema.json) plus `student`; or,
 *   when the run could not grade them, a record with `notGraded: true`, `why` (es and en) and
 *   `code`. One file per student either way, so a later run replaces it and `--resume` and the
 *   merge read one place.
 * - `<alumno>.snapshot.json`: the account as the run saw it, the evidence (and `--snapshot-dir`).
 * - `notas.csv`: the gradebook.
 *
 * Files are written whole or not at all (writeFileAtomic): Ctrl-C never leaves half a report.
 */

export const reportPath = (dir: string, student: string) => join(dir, `${student}.json`);
export const snapshotPath = (dir: string, student: string) => join(dir, `${student}.snapshot.json`);
export const GRADEBOOK_FILE = "notas.csv";
const SNAPSHOT_SUFFIX = ".snapshot.json";

/** What `<alumno>.json` holds for a student the run could not grade. */
export interface NotGradedRecord extends NotGraded {
  schemaVersion: 1;
  tool: { name: string; version: string };
  notGraded: true;
  lab: { id: string; title: string };
  /** Stable reason code (`role-denied`, `deadline`…), for scripts. */
  code: string;
  /** AWS's own words, when there are some. */
  detail?: string;
}

export function notGradedRecord(lab: { id: string; title: string }, student: ClassStudent, code: string, why: Text, generatedAt: string, detail?: string): NotGradedRecord {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: toolVersion() },
    notGraded: true,
    lab,
    student,
    generatedAt,
    code,
    why,
    ...(detail ? { detail } : {}),
  };
}

export const writeJson = (file: string, value: unknown) => writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n");

// ---------------------------------------------------------------------------------------------
// Reading

let reportValidator: ValidateFunction | undefined;
/** The published report schema (precompiled in the package), compiled once per process; null when `value` follows it. */
function validateReport(value: unknown): string | null {
  reportValidator ??= schemaValidator(reportSchema);
  return reportValidator(value) ? null : describeSchemaErrors(reportValidator.errors);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const stringOrNull = (v: unknown) => v === null || typeof v === "string";

function isStudent(v: unknown): v is ClassStudent {
  return (
    isObject(v) &&
    typeof v["id"] === "string" &&
    v["id"] !== "" &&
    stringOrNull(v["name"]) &&
    stringOrNull(v["email"]) &&
    stringOrNull(v["accountId"]) &&
    stringOrNull(v["region"])
  );
}

const isText = (v: unknown): v is Text => isObject(v) && typeof v["es"] === "string" && typeof v["en"] === "string";

export type ClassFile = { kind: "report"; report: ClassReport } | { kind: "not-graded"; record: NotGraded & Partial<NotGradedRecord> };

/** One `<alumno>.json` read: a class report, a not-graded record, or why it is neither. */
export function parseClassFile(text: string): ClassFile | { kind: "invalid"; why: Text } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "invalid", why: classText("notJson") };
  }
  if (!isObject(value) || !isStudent(value["student"])) return { kind: "invalid", why: classText("notAReport") };
  if (value["notGraded"] === true) {
    if (!isText(value["why"]) || typeof value["generatedAt"] !== "string") return { kind: "invalid", why: classText("notAReport") };
    return { kind: "not-graded", record: value as unknown as NotGradedRecord };
  }
  if (!Array.isArray(value["checks"])) return { kind: "invalid", why: classText("notAReport") };
  const problem = validateReport(value);
  if (problem) return { kind: "invalid", why: classText("reportSchema", { reason: problem }) };
  return { kind: "report", report: value as unknown as ClassReport };
}

/** A finished student's report for `--resume`: only a graded report of this lab counts; anything else is graded again. */
export async function finishedReport(dir: string, student: string, labId: string): Promise<ClassReport | null> {
  let text: string;
  try {
    text = await readFile(reportPath(dir, student), "utf8");
  } catch {
    return null;
  }
  const file = parseClassFile(text);
  if (file.kind !== "report" || file.report.ungradable || file.report.lab.id !== labId || file.report.student.id !== student) return null;
  return file.report;
}

export interface ReadFolder {
  folder: ClassFolder;
  /** Files left out, with why: the caller warns. */
  skipped: { file: string; why: Text }[];
}

/** Every `<alumno>.json` of a class folder (snapshots and other files are not students). */
export async function readClassFolder(dir: string): Promise<ReadFolder> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw badInput(classText("folderMissing", { dir }));
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !n.endsWith(SNAPSHOT_SUFFIX) && !n.startsWith(".")).sort();
  const folder: ClassFolder = { source: dir, reports: [], notGraded: [] };
  const skipped: ReadFolder["skipped"] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseClassFile(await readFile(file, "utf8"));
    if (parsed.kind === "report") folder.reports.push(parsed.report);
    else if (parsed.kind === "not-graded") folder.notGraded.push({ student: parsed.record.student, why: parsed.record.why, generatedAt: parsed.record.generatedAt });
    else skipped.push({ file, why: parsed.why });
  }
  return { folder, skipped };
}

/** Students whose snapshot is in `dir` (`<alumno>.snapshot.json`), for `--snapshot-dir` without a roster. */
export async function snapshotStudents(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw badInput(classText("snapshotDirUnreadable", { dir }));
  }
  return names.filter((n) => n.endsWith(SNAPSHOT_SUFFIX) && !n.startsWith(".")).map((n) => n.slice(0, -SNAPSHOT_SUFFIX.length)).sort();
}

/**
 * The folders of one or several runs (a CI matrix's shards) as one class: every `<alumno>.json`
 * read, then merged (the newest record of each student wins). Files that are not class records
 * are left out and returned for the caller to warn about.
 */
export async function mergeFolders(dirs: readonly string[]): Promise<{ summary: ClassSummary; skipped: ReadFolder["skipped"] }> {
  const read = await Promise.all(dirs.map(readClassFolder));
  const folders = read.map((r) => r.folder);
  if (!folders.some((f) => f.reports.length || f.notGraded.length)) throw badInput(classText("noReports", { dirs: dirs.join(", ") }));
  try {
    return { summary: mergeClass(folders), skipped: read.flatMap((r) => r.skipped) };
  } catch (err) {
    if (err instanceof ClassMergeError) throw badInput(err.text);
    throw err;
  }
}
