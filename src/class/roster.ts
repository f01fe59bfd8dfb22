import { parse } from "csv-parse/sync";
import { isExternalId, isRegionName, isRoleName } from "../core/aws-names.js";
import { fill, type Lang, type Text } from "../core/text.js";
import { ROSTER_MSG as MSG } from "./messages.js";

/**
 * The class roster: who is graded, and how their AWS account is reached. Read from the CSV an
 * instructor exports from a spreadsheet (`calificar clase --roster alumnos.csv`), or built from
 * the member accounts of their AWS Organization (`--organizacion`).
 */

export interface RosterStudent {
  /** The row as the spreadsheet numbers it (1 is the header); 0 when the student came from an Organization. */
  line: number;
  /** A file-safe id: the student's report is written as `<student>.json`. */
  student: string;
  name: string | null;
  email: string | null;
  /** Twelve digits, leading zeros kept. */
  accountId: string | null;
  roleArn: string | null;
  externalId: string | null;
  region: string | null;
}

export interface Roster {
  students: RosterStudent[];
}

export interface RosterProblem {
  /** Spreadsheet row (1 = header); 0 for a problem that belongs to no row (an option, an Organization account). */
  line: number;
  /** Which problem, stable for tests and tools (`accountLostZeros`); the words are in `text`. */
  code: RosterProblemCode;
  text: Text;
}

/** Every problem of a roster at once, so the instructor fixes the spreadsheet in one pass. */
export class RosterError extends Error {
  readonly problems: RosterProblem[];

  constructor(problems: RosterProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    super(`the roster has ${sorted.length} problem(s):\n${sorted.map((p) => lineOf(p, "en")).join("\n")}`);
    this.name = "RosterError";
    this.problems = sorted;
  }
}

/** The problems, one per line, for the terminal. */
export function describeRosterError(error: RosterError, lang: Lang): string {
  return [fill(MSG.header[lang], { count: error.problems.length }), ...error.problems.map((p) => lineOf(p, lang))].join("\n");
}

function lineOf(problem: RosterProblem, lang: Lang): string {
  return problem.line > 0 ? `${fill(MSG.line[lang], { line: problem.line })}: ${problem.text[lang]}` : `  ${problem.text[lang]}`;
}

export type RosterProblemCode = Exclude<keyof typeof MSG, "header" | "line">;

interface Found {
  code: RosterProblemCode;
  data?: Record<string, string | number>;
}

function problem(line: number, code: RosterProblemCode, data: Record<string, string | number> = {}): RosterProblem {
  const message = MSG[code];
  return { line, code, text: { es: fill(message.es, data), en: fill(message.en, data) } };
}

// ---------------------------------------------------------------------------------------------
// Values

type Field = "student" | "name" | "email" | "accountId" | "roleArn" | "externalId" | "region";

/** Header names after normalizing (lower case, no accents, spaces and hyphens as `_`). */
const COLUMNS: Record<string, Field> = {
  alumno: "student",
  student: "student",
  nombre: "name",
  name: "name",
  email: "email",
  e_mail: "email",
  correo: "email",
  cuenta: "accountId",
  account: "accountId",
  account_id: "accountId",
  rol: "roleArn",
  role: "roleArn",
  role_arn: "roleArn",
  external_id: "externalId",
  region: "region",
};

const STUDENT_MAX = 128;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why a student id cannot be a file name, or null when it can. Exported: `--alumno` takes the same ids. */
export function unsafeStudentId(value: string): Found | null {
  if (/[/\\]/.test(value)) return { code: "studentSeparator", data: { value } };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return { code: "studentControl", data: { value: JSON.stringify(value).slice(1, -1) } };
  if (value.includes("..") || value.startsWith(".")) return { code: "studentDots", data: { value } };
  const bad = [...new Set(value.replace(/[A-Za-z0-9._@-]/g, ""))];
  if (bad.length) return { code: "studentChars", data: { value, chars: bad.map((c) => (c === " " ? "« »" : c)).join(" ") } };
  if (WINDOWS_RESERVED.test(value.replace(/\..*$/, ""))) return { code: "studentReserved", data: { value } };
  if (value.length > STUDENT_MAX) return { code: "studentLong", data: { value: `${value.slice(0, 24)}…`, length: value.length, max: STUDENT_MAX } };
  return null;
}

function accountProblem(value: string): Found | null {
  if (/^\d{12}$/.test(value)) return null;
  if (/^\d([.,]\d+)?e\+?\d+$/i.test(value)) return { code: "accountScientific", data: { value } };
  if (/^\d+$/.test(value)) {
    return { code: value.length < 12 ? "accountLostZeros" : "accountDigits", data: { value, count: value.length } };
  }
  return { code: "accountChars", data: { value } };
}

function regionProblem(value: string): Found | null {
  if (isRegionName(value)) return null;
  // eu-west-1a: students copy the zone from the console's instance details.
  const zone = /^([a-z]{2}(-[a-z]+)+-\d{1,2})[a-z]$/.exec(value);
  if (zone) return { code: "regionZone", data: { value, region: zone[1]! } };
  return { code: "region", data: { value } };
}

// ---------------------------------------------------------------------------------------------
// The CSV

export interface RosterOptions {
  /** The role calificar assumes in each account given by `cuenta` (the instructor's read-only role). */
  defaultRoleName: string;
  /** False for offline regrading (`--snapshot` per student), where no account is reached. Default true. */
  requireAccount?: boolean;
}

/** Header name as written → comparable key: trimmed, lower case, accents and case folded, `External ID` = `external_id`. */
function columnKey(header: string): string {
  return header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** `;` when the header line has more of them than commas: Spanish-locale spreadsheets export `;`. */
function detectDelimiter(text: string): ";" | "," {
  const header = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  const outsideQuotes = header.replace(/"[^"]*("|$)/g, "");
  const count = (c: string) => outsideQuotes.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function readRecords(text: string): string[][] | RosterProblem {
  try {
    return parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // A stray quote inside a value (Ana "Anita" Pérez) is kept as written; an unclosed one is still an error.
      relax_quotes: true,
      // Blank lines are kept as records so that record n is spreadsheet row n; they are skipped below.
      skip_empty_lines: false,
    });
  } catch (error) {
    if (!(error instanceof Error) || !("code" in error)) throw error;
    const records = (error as { records?: unknown }).records;
    return problem(typeof records === "number" ? records + 1 : 0, "unreadable", { reason: error.message });
  }
}

/** What the header says: each column's field (null for a trailing empty cell), and each field's column name. */
interface Header {
  line: number;
  fields: (Field | null)[];
  columnOf: Map<Field, string>;
}

/** The header: every column known, none twice, the student column (and an account column when required) present. */
function readHeader(header: string[], line: number, requireAccount: boolean): Header {
  const fields: (Field | null)[] = [];
  const problems: RosterProblem[] = [];
  const unknown: string[] = [];
  const columnOf = new Map<Field, string>();
  header.forEach((name, position) => {
    const key = columnKey(name);
    const field = COLUMNS[key] ?? null;
    fields.push(field);
    if (key === "") {
      // Trailing empty header cells are what spreadsheets leave behind; only a named gap is a problem.
      if (header.slice(position).some((rest) => rest.trim() !== "")) problems.push(problem(line, "emptyColumnName", { position: position + 1 }));
      return;
    }
    if (!field) return void unknown.push(`«${name.trim()}»`);
    const first = columnOf.get(field);
    if (first !== undefined) problems.push(problem(line, "repeatedColumn", { first, second: name.trim(), field }));
    else columnOf.set(field, name.trim());
  });
  if (unknown.length) problems.push(problem(line, "unknownColumns", { columns: unknown.join(", "), valid: Object.keys(COLUMNS).join(", ") }));
  if (!columnOf.has("student")) problems.push(problem(line, "noStudentColumn"));
  if (requireAccount && !columnOf.has("accountId") && !columnOf.has("roleArn")) problems.push(problem(line, "noAccountColumn"));
  // Rows cannot be read right against a wrong header: report the header alone.
  if (problems.length) throw new RosterError(problems);
  return { line, fields, columnOf };
}

/** What the rows share while they are read: ids seen (for duplicates), the default role's check. */
interface RowContext {
  header: Header;
  options: RosterOptions;
  requireAccount: boolean;
  firstLineOf: Map<string, { line: number; value: string }>;
  /** The invalid default role name, said once for the whole roster. */
  roleNameProblem: RosterProblem | null;
}

/** The role to assume: the row's own ARN (its account must agree), else the default role in the row's account. */
function rowRole(values: Partial<Record<Field, string>>, context: RowContext, report: (code: RosterProblemCode, data?: Record<string, string | number>) => void): string | null {
  const accountId = values.accountId ?? null;
  const roleArn = values.roleArn ?? null;
  if (roleArn !== null) {
    const match = ROLE_ARN.exec(roleArn);
    if (!match) report("roleArn", { value: roleArn });
    else if (accountId !== null && /^\d{12}$/.test(accountId) && match[1] !== accountId) report("accountMismatch", { account: accountId, roleAccount: match[1]!, value: roleArn });
    return roleArn;
  }
  if (accountId === null) return null;
  if (!isRoleName(context.options.defaultRoleName)) context.roleNameProblem ??= problem(0, "roleName", { value: context.options.defaultRoleName });
  return `arn:aws:iam::${accountId}:role/${context.options.defaultRoleName}`;
}

/** One row: the student it describes, or the problems that keep it out. */
function readRow(record: string[], line: number, context: RowContext): { student: RosterStudent } | { problems: RosterProblem[] } {
  const { fields, columnOf } = context.header;
  const problems: RosterProblem[] = [];
  const report = (code: RosterProblemCode, data: Record<string, string | number> = {}) => problems.push(problem(line, code, data));

  const extra = record.slice(fields.length).filter((value) => value.trim() !== "");
  if (extra.length) report("extraFields", { count: fields.length + extra.length, columns: fields.length });
  const values: Partial<Record<Field, string>> = {};
  fields.forEach((field, position) => {
    const value = (record[position] ?? "").trim();
    if (field && value !== "") values[field] = value;
  });

  const student = values.student ?? null;
  if (student === null) report("missingStudent", { column: columnOf.get("student")! });
  else {
    const unsafe = unsafeStudentId(student);
    if (unsafe) report(unsafe.code, unsafe.data);
    const key = student.toLowerCase();
    const first = context.firstLineOf.get(key);
    if (!first) context.firstLineOf.set(key, { line, value: student });
    else if (first.value === student) report("duplicate", { value: student, other: first.line });
    else report("duplicateCase", { value: student, other: first.line, otherValue: first.value });
  }
  const accountId = values.accountId ?? null;
  const badAccount = accountId === null ? null : accountProblem(accountId);
  if (badAccount) report(badAccount.code, badAccount.data);
  const roleArn = rowRole(values, context, report);
  if (context.requireAccount && accountId === null && values.roleArn === undefined) report("noAccount");
  const externalId = values.externalId ?? null;
  if (externalId !== null && !isExternalId(externalId)) report("externalId", { value: externalId });
  const region = values.region ?? null;
  const badRegion = region === null ? null : regionProblem(region);
  if (badRegion) report(badRegion.code, badRegion.data);
  const email = values.email ?? null;
  if (email !== null && !EMAIL.test(email)) report("email", { value: email });

  if (problems.length) return { problems };
  // With only a role, its ARN names the account.
  return { student: { line, student: student!, name: values.name ?? null, email, accountId: accountId ?? (roleArn ? ROLE_ARN.exec(roleArn)![1]! : null), roleArn, externalId, region } };
}

/**
 * Reads and validates the whole roster, and throws one RosterError listing every problem with
 * its spreadsheet row. Ids are compared ignoring case: `Ana.json` and `ana.json` are one file on
 * Windows and macOS.
 */
export function parseRoster(text: string, options: RosterOptions): Roster {
  const requireAccount = options.requireAccount ?? true;
  const records = readRecords(text.replace(/^\uFEFF/, ""));
  if (!Array.isArray(records)) throw new RosterError([records]);

  const isBlank = (record: string[]) => record.every((value) => value.trim() === "");
  const headerIndex = records.findIndex((record) => !isBlank(record));
  if (headerIndex < 0) throw new RosterError([problem(1, "empty")]);
  const context: RowContext = { header: readHeader(records[headerIndex]!, headerIndex + 1, requireAccount), options, requireAccount, firstLineOf: new Map(), roleNameProblem: null };

  const problems: RosterProblem[] = [];
  const students: RosterStudent[] = [];
  records.forEach((record, index) => {
    if (index <= headerIndex || isBlank(record)) return;
    const row = readRow(record, index + 1, context);
    if ("student" in row) students.push(row.student);
    else {
      // The default role's problem goes before the row that first met it, as it always has.
      if (context.roleNameProblem && !problems.includes(context.roleNameProblem)) problems.push(context.roleNameProblem);
      problems.push(...row.problems);
    }
  });
  if (context.roleNameProblem && !problems.includes(context.roleNameProblem)) problems.push(context.roleNameProblem);

  if (!problems.length && !students.length) problems.push(problem(context.header.line, "noStudents"));
  if (problems.length) throw new RosterError(problems);
  return { students };
}

// ---------------------------------------------------------------------------------------------
// An AWS Organization

/** A member account as `organizations:ListAccounts` returns it (Id, Name, Email, Status), tags from `ListTagsForResource`. */
export interface OrganizationAccount {
  id: string;
  name: string;
  email: string;
  status: string;
  tags?: Record<string, string>;
}

export interface OrganizationRosterOptions {
  /** The organization's management account: never a student. */
  managementAccountId: string;
  /** Take each student id from this tag instead of the account name. */
  tagName?: string;
  defaultRoleName: string;
}

/**
 * The account name made file-safe: accents dropped, lower case, anything else as `-`.
 * «Ana García (grupo 2)» → `ana-garcia-grupo-2`. Empty when nothing is left (a name in another script).
 */
export function fileSafeId(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 64)
    .replace(/[-.]+$/g, "");
}

/**
 * Students from an Organization's member accounts: every ACTIVE account but the management one.
 *
 * Ids come from the tag named `tagName` when given (used as written, and refused when unsafe,
 * missing or repeated: the instructor chose them), otherwise from the account name made
 * file-safe. Two accounts whose names give the same id BOTH get `-<account id>` appended, so
 * neither is favoured by the order AWS lists them in and the result depends only on the set of
 * accounts; a name that leaves nothing usable becomes the account id. Renaming an account, or
 * adding one with the same name, changes ids: tags are the way to ids that never change.
 */
export function rosterFromAccounts(accounts: OrganizationAccount[], options: OrganizationRosterOptions): Roster {
  const problems: RosterProblem[] = [];
  if (!isRoleName(options.defaultRoleName)) problems.push(problem(0, "roleName", { value: options.defaultRoleName }));
  const members = accounts
    .filter((account) => account.status === "ACTIVE" && account.id !== options.managementAccountId)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const ids = new Map<string, string>();
  for (const account of members) {
    if (!/^\d{12}$/.test(account.id)) {
      problems.push(problem(0, "orgAccount", { account: account.id }));
      continue;
    }
    if (options.tagName === undefined) {
      const derived = fileSafeId(account.name);
      ids.set(account.id, derived && !unsafeStudentId(derived) ? derived : account.id);
      continue;
    }
    const value = account.tags?.[options.tagName]?.trim();
    if (!value) {
      problems.push(problem(0, "orgTagMissing", { account: account.id, name: account.name, tag: options.tagName }));
      continue;
    }
    const unsafe = unsafeStudentId(value);
    if (unsafe) {
      const found = problem(0, unsafe.code, unsafe.data);
      problems.push({ ...found, text: { es: `${account.id}: ${found.text.es}`, en: `${account.id}: ${found.text.en}` } });
      continue;
    }
    ids.set(account.id, value);
  }

  for (const [id, sharing] of accountsSharingAnId(ids)) {
    if (options.tagName !== undefined) {
      problems.push(problem(0, "orgTagDuplicate", { accounts: sharing.join(", "), value: id, tag: options.tagName }));
    } else {
      for (const account of sharing) ids.set(account, `${ids.get(account)!}-${account}`);
    }
  }
  // A suffixed id could still meet another account's name; unlikely, but never two files in one.
  if (options.tagName === undefined) {
    for (const [id, sharing] of accountsSharingAnId(ids)) {
      problems.push(problem(0, "orgNameDuplicate", { accounts: sharing.join(", "), value: id }));
    }
  }
  if (problems.length) throw new RosterError(problems);

  return {
    students: members
      .filter((account) => ids.has(account.id))
      .map((account) => ({
        line: 0,
        student: ids.get(account.id)!,
        name: account.name || null,
        email: account.email || null,
        accountId: account.id,
        roleArn: `arn:aws:iam::${account.id}:role/${options.defaultRoleName}`,
        externalId: null,
        region: null,
      }))
      .sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0)),
  };
}

/** Ids (case folded) given to more than one account, with those accounts. */
function accountsSharingAnId(ids: Map<string, string>): [string, string[]][] {
  const byId = new Map<string, string[]>();
  for (const [account, id] of ids) byId.set(id.toLowerCase(), [...(byId.get(id.toLowerCase()) ?? []), account]);
  return [...byId].filter(([, sharing]) => sharing.length > 1);
}
