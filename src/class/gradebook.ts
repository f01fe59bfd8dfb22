import type { Report } from "../report/json.js";
import type { ClassEntry } from "./merge.js";
import { fill, type Lang, type Text } from "../core/text.js";
import { percentOf, ungradableReason } from "./score.js";

/**
 * `notas.csv`, the class's gradebook, and a Canvas-shaped variant of it.
 *
 * The file opens in a spreadsheet and imports into an LMS:
 *
 * - **Moodle** (Grades › Import › CSV file) takes any columns. In its preview the instructor picks
 *   «Map from» a column of the file and «Map to» a user field (`userid`, `username`,
 *   `useridnumber` or `useremail`), then maps columns to grade items, to a new grade item, or to
 *   nothing. For `notas.csv`: `email` → `useremail` (or `alumno` → `username`/`useridnumber` when the
 *   roster uses Moodle's usernames or ID numbers), `nota` → the lab's grade item (its maximum
 *   should be `maximo`), every other column → ignore. Moodle strips the BOM and reads CRLF, and
 *   compares emails case-sensitively, so the roster's emails should be written as in Moodle.
 * - **Canvas** (Grades › Import) reads columns by position: `Student`, `ID`, then optionally
 *   `SIS User ID` and `SIS Login ID`, then `Section` (required), then one column per assignment
 *   (`Title (id)` updates an existing assignment, a new title creates one), and an optional
 *   `Points Possible` row. It finds each student by Canvas ID, then SIS User ID, then SIS Login ID,
 *   then name. `notas.csv` does not have that shape: use `renderCanvasGradebook`.
 *
 * Header names and values are a contract that imports and scripts key on, so they are the same
 * whatever the report's language: only the reason a student was not graded is translated.
 */

export interface GradebookStudent {
  id: string;
  name: string | null;
  email: string | null;
}

export type GradebookRow =
  | {
      student: GradebookStudent;
      graded: true;
      score: number;
      maxScore: number;
      /** 0–100, one decimal. */
      percent: number;
      passed: boolean;
      /** Points per check id; null when the check could not be made (error) or was skipped. */
      points: Record<string, number | null>;
    }
  | { student: GradebookStudent; graded: false; why: Text };

/** `notas.csv`'s fixed columns, before one column per check id. */
export const GRADEBOOK_COLUMNS = ["alumno", "nombre", "email", "nota", "maximo", "porcentaje", "aprobado", "estado"] as const;

/** The `estado` values: `calificado`, or `no-calificado: <why>`. */
export const GRADED = "calificado";
export const NOT_GRADED = "no-calificado";


/**
 * A graded report's row. A report where nothing could be checked (`ungradable`: every check is an
 * error, e.g. the role has no permissions) is NOT graded: a zero would blame the student for what
 * the instructor's access could not see.
 */
export function gradebookRowFromReport(report: Report, student: GradebookStudent): GradebookRow {
  if (report.ungradable) return gradebookRowNotGraded(student, ungradableReason(report));
  const points: Record<string, number | null> = {};
  for (const check of report.checks) {
    points[check.id] = check.status === "passed" || check.status === "failed" ? check.points : null;
  }
  return {
    student,
    graded: true,
    score: report.score,
    maxScore: report.maxScore,
    percent: percentOf(report.score, report.maxScore),
    passed: report.passed,
    points,
  };
}

export function gradebookRowNotGraded(student: GradebookStudent, why: Text): GradebookRow {
  return { student, graded: false, why };
}

/** A merged student's row (`calificar notas`): their report's, or why they were not graded. */
export function gradebookRowFromEntry(entry: ClassEntry): GradebookRow {
  const student = { id: entry.student.id, name: entry.student.name, email: entry.student.email };
  return entry.kind === "graded" ? gradebookRowFromReport(entry.report, student) : gradebookRowNotGraded(student, entry.why);
}


// ---------------------------------------------------------------------------------------------
// CSV

type Cell = string | number | null;

/**
 * Formulas a spreadsheet would run from a text cell (CSV injection, OWASP): a student controls
 * their name in some rosters. Numbers we write ourselves are never prefixed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(Math.round(cell * 100) / 100) : "";
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 with CRLF line ends, always `,`, and a UTF-8 BOM so that Excel reads accents right
 * (without it Excel assumes the system's legacy code page). Moodle strips the BOM; Canvas's
 * header check looks for `Student` inside the first cell, so the BOM before it is harmless.
 */
export function toCsv(rows: Cell[][]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

/**
 * `notas.csv`: `alumno,nombre,email,nota,maximo,porcentaje,aprobado,estado`, then each check id
 * with the points it earned. `aprobado` is `1` or `0` (empty when not graded), not «sí»/«no» or
 * «yes»/«no»: a number imports into any LMS as a grade item, sums in a spreadsheet to the number
 * who passed, and does not change with the language. Rows keep the order given.
 */
export function renderGradebook(rows: readonly GradebookRow[], checkIds: readonly string[], lang: Lang): string {
  const header: Cell[] = [...GRADEBOOK_COLUMNS, ...checkIds];
  const lines = rows.map((row): Cell[] => {
    const who: Cell[] = [row.student.id, row.student.name, row.student.email];
    if (!row.graded) {
      return [...who, null, null, null, null, `${NOT_GRADED}: ${row.why[lang]}`, ...checkIds.map(() => null)];
    }
    return [
      ...who,
      row.score,
      row.maxScore,
      row.percent,
      row.passed ? 1 : 0,
      GRADED,
      ...checkIds.map((id) => row.points[id] ?? null),
    ];
  });
  return toCsv([header, ...lines]);
}

// ---------------------------------------------------------------------------------------------
// Canvas

/** How Canvas finds each student: their SIS Login ID is their email, or is `alumno`; or `alumno` is their SIS User ID. */
export type CanvasIdentity = "email" | "login" | "sis";

export interface CanvasGradebookOptions {
  /** The assignment column: a new title creates the assignment, `Title (123)` updates assignment 123. */
  assignment: string;
  /** Default `email`. */
  identifyBy?: CanvasIdentity;
}

/** The columns Canvas's importer requires, in the order it reads them. */
export const CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] as const;

// Canvas drops these columns as its own read-only totals, and treats the reserved names as student data.
const CANVAS_NOT_ASSIGNMENT = /Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status/;
const CANVAS_RESERVED = new Set(["Student", "LastName", "FirstName", "ID", "SIS User ID", "SIS Login ID", "Section", "Integration ID", "Root Account"]);

/**
 * A file for Canvas's gradebook import: its required student columns, then the lab's score in one
 * assignment column, with a `Points Possible` row so a new assignment is created out of the lab's
 * maximum. `ID` (Canvas's own user id) and `Section` stay empty: calificar does not know them, and
 * Canvas then matches by SIS id or login. A student who was not graded gets an empty cell, which
 * Canvas reads as «no change» rather than a zero.
 */
export function renderCanvasGradebook(rows: readonly GradebookRow[], options: CanvasGradebookOptions): string {
  const assignment = options.assignment.trim();
  if (!assignment || CANVAS_RESERVED.has(assignment) || CANVAS_NOT_ASSIGNMENT.test(assignment)) {
    throw new RangeError(`"${options.assignment}" cannot be a Canvas assignment column: Canvas reads that header as something else`);
  }
  const identifyBy = options.identifyBy ?? "email";
  const graded = rows.filter((row) => row.graded);
  const pointsPossible = graded.length ? Math.max(...graded.map((row) => row.maxScore)) : null;
  const lines = rows.map((row): Cell[] => [
    row.student.name ?? row.student.id,
    null,
    identifyBy === "sis" ? row.student.id : null,
    identifyBy === "email" ? row.student.email : identifyBy === "login" ? row.student.id : null,
    null,
    row.graded ? row.score : null,
  ]);
  const header: Cell[] = [...CANVAS_COLUMNS, assignment];
  const points: Cell[][] = pointsPossible === null ? [] : [["Points Possible", null, null, null, null, pointsPossible]];
  return toCsv([header, ...points, ...lines]);
}
