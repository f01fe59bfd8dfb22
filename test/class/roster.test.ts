import { describe, expect, it } from "vitest";
import {
  describeRosterError,
  fileSafeId,
  parseRoster,
  RosterError,
  rosterFromAccounts,
  type OrganizationAccount,
  type RosterProblem,
  type RosterStudent,
} from "../../src/class/roster.js";

const ROLE = "calificar-lectura";
const read = (text: string, requireAccount?: boolean) =>
  parseRoster(text, { defaultRoleName: ROLE, ...(requireAccount === undefined ? {} : { requireAccount }) });

/** The problems a roster is refused with, as `line code`, in order. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RosterError) return error.problems.map((p) => `${p.line} ${p.code}`);
    throw error;
  }
  throw new Error("the roster was accepted");
}

function problemList(run: () => unknown): RosterProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RosterError) return error.problems;
    throw error;
  }
  throw new Error("the roster was accepted");
}

const student = (over: Partial<RosterStudent>): RosterStudent => ({
  line: 2,
  student: "ana",
  name: null,
  email: null,
  accountId: null,
  roleArn: null,
  externalId: null,
  region: null,
  ...over,
});

describe("parseRoster: rosters that are read", () => {
  it.each<[string, string, RosterStudent[]]>([
    [
      "comma, every column",
      "alumno,nombre,email,cuenta,external_id,region\nana,Ana García,ana@uni.es,012345678901,ext-123,eu-west-1\n",
      [
        student({
          name: "Ana García",
          email: "ana@uni.es",
          accountId: "012345678901",
          roleArn: `arn:aws:iam::012345678901:role/${ROLE}`,
          externalId: "ext-123",
          region: "eu-west-1",
        }),
      ],
    ],
    [
      "semicolon (a Spanish spreadsheet), accents in the header, BOM, CRLF",
      "\uFEFFAlumno;Región;Cuenta\r\nana;eu-south-2;111122223333\r\nluis;;444455556666\r\n",
      [
        student({ accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}`, region: "eu-south-2" }),
        student({ line: 3, student: "luis", accountId: "444455556666", roleArn: `arn:aws:iam::444455556666:role/${ROLE}` }),
      ],
    ],
    [
      "English names, upper case, spaces around headers and values",
      " Student , NAME ,Role_ARN\n  bob@uni.es , Bob , arn:aws:iam::999988887777:role/instructor/ReadOnly \n",
      [
        student({
          student: "bob@uni.es",
          name: "Bob",
          accountId: "999988887777",
          roleArn: "arn:aws:iam::999988887777:role/instructor/ReadOnly",
        }),
      ],
    ],
    [
      "quoted values with the delimiter, quotes and a line break inside",
      'alumno,nombre,cuenta\nana,"García, Ana ""Anita""",111122223333\nluis,"Luis\nPérez",444455556666\nmar,Mar,555566667777\n',
      [
        student({ name: 'García, Ana "Anita"', accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}` }),
        student({ line: 3, student: "luis", name: "Luis\nPérez", accountId: "444455556666", roleArn: `arn:aws:iam::444455556666:role/${ROLE}` }),
        // The line break was inside one cell: the spreadsheet still calls the next row 4.
        student({ line: 4, student: "mar", name: "Mar", accountId: "555566667777", roleArn: `arn:aws:iam::555566667777:role/${ROLE}` }),
      ],
    ],
    [
      "blank lines and rows of bare separators are skipped but keep the numbering",
      "alumno;cuenta\n\nana;111122223333\n;\n\nluis;444455556666\n\n",
      [
        student({ line: 3, accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}` }),
        student({ line: 6, student: "luis", accountId: "444455556666", roleArn: `arn:aws:iam::444455556666:role/${ROLE}` }),
      ],
    ],
    [
      "a semicolon file whose names hold commas",
      "alumno;nombre;cuenta\nana;García, Ana;111122223333\n",
      [student({ name: "García, Ana", accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}` })],
    ],
    [
      "cuenta and rol that agree; the GovCloud partition",
      "alumno,cuenta,rol\nana,111122223333,arn:aws-us-gov:iam::111122223333:role/Lector\n",
      [student({ accountId: "111122223333", roleArn: "arn:aws-us-gov:iam::111122223333:role/Lector" })],
    ],
    [
      "trailing empty header cells and values a spreadsheet leaves behind",
      "alumno,cuenta,,\nana,111122223333,,\n",
      [student({ accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}` })],
    ],
    [
      "a short row: the missing trailing cells are empty",
      "alumno,cuenta,region\nana,111122223333\n",
      [student({ accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}` })],
    ],
    [
      "ids with every allowed sign",
      "alumno,cuenta\nana.garcia_2@uni-x.es,111122223333\n",
      [student({ student: "ana.garcia_2@uni-x.es", accountId: "111122223333", roleArn: `arn:aws:iam::111122223333:role/${ROLE}` })],
    ],
  ])("%s", (_, text, students) => {
    expect(read(text)).toEqual({ students });
  });

  it("offline regrading needs no account column nor account values", () => {
    expect(read("alumno,nombre\nana,Ana\n", false)).toEqual({ students: [student({ name: "Ana" })] });
    expect(read("alumno,cuenta\nana,\nluis,111122223333\n", false).students.map((s) => s.accountId)).toEqual([null, "111122223333"]);
  });
});

describe("parseRoster: rosters that are refused, with every problem and its row", () => {
  it.each<[string, string, string[]]>([
    ["missing alumno", "alumno,cuenta\n,111122223333\n", ["2 missingStudent"]],
    ["duplicate alumno", "alumno,cuenta\nana,111122223333\nluis,222233334444\nana,333344445555\n", ["4 duplicate"]],
    ["duplicate alumno that differs in case", "alumno,cuenta\nAna,111122223333\nana,222233334444\n", ["3 duplicateCase"]],
    ["account of 11 digits", "alumno,cuenta\nana,11112222333\n", ["2 accountLostZeros"]],
    ["account of 13 digits", "alumno,cuenta\nana,1111222233334\n", ["2 accountDigits"]],
    ["account with letters", "alumno,cuenta\nana,11112222333O\n", ["2 accountChars"]],
    ["account with dashes", "alumno,cuenta\nana,1111-2222-3333\n", ["2 accountChars"]],
    ["account in scientific notation", "alumno,cuenta\nana,1.11122E+11\n", ["2 accountScientific"]],
    ["role that is a user ARN", "alumno,rol\nana,arn:aws:iam::111122223333:user/ana\n", ["2 roleArn"]],
    ["role that is a bare name", "alumno,rol\nana,ReadOnly\n", ["2 roleArn"]],
    ["role with a short account", "alumno,rol\nana,arn:aws:iam::11112222333:role/R\n", ["2 roleArn"]],
    ["account and role that disagree", "alumno,cuenta,rol\nana,111122223333,arn:aws:iam::999988887777:role/R\n", ["2 accountMismatch"]],
    ["neither account nor role", "alumno,cuenta,rol\nana,,\n", ["2 noAccount"]],
    ["no account column at all", "alumno,nombre\nana,Ana\n", ["1 noAccountColumn"]],
    ["unknown column (a typo)", "alumno,cuneta,nombre,grupo\nana,111122223333,Ana,A\n", ["1 unknownColumns", "1 noAccountColumn"]],
    ["unknown column beside the right ones", "alumno,cuenta,grupo\nana,111122223333,A\n", ["1 unknownColumns"]],
    ["no alumno column", "nombre,cuenta\nAna,111122223333\n", ["1 noStudentColumn"]],
    ["the same column twice in two languages", "alumno,student,cuenta\nana,ana,111122223333\n", ["1 repeatedColumn"]],
    ["a named column after an unnamed one", "alumno,,cuenta\nana,,111122223333\n", ["1 emptyColumnName"]],
    ["unsafe id: path separator", "alumno,cuenta\n../etc/passwd,111122223333\n", ["2 studentSeparator"]],
    ["unsafe id: backslash", "alumno,cuenta\na\\b,111122223333\n", ["2 studentSeparator"]],
    ["unsafe id: dot dot", "alumno,cuenta\nana..bis,111122223333\n", ["2 studentDots"]],
    ["unsafe id: hidden file", "alumno,cuenta\n.ana,111122223333\n", ["2 studentDots"]],
    ["unsafe id: control character", 'alumno,cuenta\n"an\ta",111122223333\n', ["2 studentControl"]],
    ["unsafe id: line break inside", 'alumno,cuenta\n"ana\nbis",111122223333\n', ["2 studentControl"]],
    ["unsafe id: space and accent", "alumno,cuenta\nAna García,111122223333\n", ["2 studentChars"]],
    ["unsafe id: Windows device name", "alumno,cuenta\ncon,111122223333\nNUL.x,222233334444\n", ["2 studentReserved", "3 studentReserved"]],
    ["unsafe id: too long", `alumno,cuenta\n${"a".repeat(129)},111122223333\n`, ["2 studentLong"]],
    ["region that is not one", "alumno,cuenta,region\nana,111122223333,Irlanda\n", ["2 region"]],
    ["region in upper case", "alumno,cuenta,region\nana,111122223333,EU-WEST-1\n", ["2 region"]],
    ["region that is an availability zone", "alumno,cuenta,region\nana,111122223333,eu-west-1a\n", ["2 regionZone"]],
    ["bad external id", "alumno,cuenta,external_id\nana,111122223333,x\n", ["2 externalId"]],
    ["bad email", "alumno,cuenta,email\nana,111122223333,ana en uni.es\n", ["2 email"]],
    ["more values than columns", "alumno,cuenta\nana,111122223333,extra\n", ["2 extraFields"]],
    ["header only", "alumno,cuenta\n", ["1 noStudents"]],
    ["header and blank lines only", "\uFEFFalumno;cuenta\r\n\r\n;\r\n", ["1 noStudents"]],
    ["nothing at all", "", ["1 empty"]],
    ["an unclosed quote", 'alumno,nombre,cuenta\nana,Ana,111122223333\nluis,"Luis,444455556666\n', ["3 unreadable"]],
    [
      "every bad row at once, in row order",
      [
        "alumno;cuenta;region",
        "ana;111122223333;eu-west-1",
        ";222233334444;",
        "luis;12345;moon-1",
        "ana;333344445555;",
        "",
        "mar/x;444455556666;",
        "eva;;",
      ].join("\r\n"),
      ["3 missingStudent", "4 accountLostZeros", "4 region", "5 duplicate", "7 studentSeparator", "8 noAccount"],
    ],
  ])("%s", (_, text, expected) => {
    expect(problemsOf(() => read(text))).toEqual(expected);
  });

  it("names both rows of a duplicate, and what is wrong, in both languages", () => {
    const [dup] = problemList(() => read("alumno,cuenta\nana,111122223333\nluis,222233334444\nana,333344445555\n"));
    expect(dup).toMatchObject({ line: 4, code: "duplicate" });
    expect(dup!.text.es).toContain("línea 2");
    expect(dup!.text.en).toContain("line 2");
    const [chars] = problemList(() => read("alumno,cuenta\nAna García,111122223333\n"));
    expect(chars!.text.es).toMatch(/« ».*í|í.*« »/);
    const [unknown] = problemList(() => read("alumno,cuneta\nana,111122223333\n"));
    expect(unknown!.text.es).toContain("«cuneta»");
    const [mismatch] = problemList(() => read("alumno,cuenta,rol\nana,111122223333,arn:aws:iam::999988887777:role/R\n"));
    expect(mismatch!.text.en).toContain("111122223333");
    expect(mismatch!.text.en).toContain("999988887777");
  });

  it("reports a bad default role name once, when an account needs it", () => {
    const options = { defaultRoleName: "no vale" };
    expect(problemsOf(() => parseRoster("alumno,cuenta\nana,111122223333\nluis,222233334444\n", options))).toEqual(["0 roleName"]);
    expect(parseRoster("alumno,rol\nana,arn:aws:iam::111122223333:role/R\n", options).students).toHaveLength(1);
  });

  it("writes the problems for the terminal with their rows", () => {
    try {
      read("alumno,cuenta\nana,1\n,222233334444\n");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      const lines = describeRosterError(error as RosterError, "es").split("\n");
      expect(lines[0]).toBe("La lista de alumnos tiene 2 problema(s):");
      expect(lines[1]).toMatch(/^ {2}línea 2: cuenta «1»/);
      expect(lines[2]).toMatch(/^ {2}línea 3: falta el alumno/);
      expect(describeRosterError(error as RosterError, "en").split("\n")[1]).toMatch(/^ {2}line 2: account «1»/);
    }
  });
});

describe("rosterFromAccounts (--organizacion)", () => {
  const account = (id: string, name: string, over: Partial<OrganizationAccount> = {}): OrganizationAccount => ({
    id,
    name,
    email: `${id}@uni.es`,
    status: "ACTIVE",
    ...over,
  });
  const options = { managementAccountId: "000000000001", defaultRoleName: ROLE };

  it("makes students of the active member accounts, leaving out the management account", () => {
    const roster = rosterFromAccounts(
      [
        account("000000000001", "Gestión del curso"),
        account("111122223333", "Ana García (grupo 2)"),
        account("222233334444", "Luis", { status: "SUSPENDED" }),
        account("333344445555", "Eva", { status: "PENDING_CLOSURE" }),
        account("444455556666", "Álvaro Núñez"),
      ],
      options,
    );
    expect(roster.students).toEqual([
      {
        line: 0,
        student: "alvaro-nunez",
        name: "Álvaro Núñez",
        email: "444455556666@uni.es",
        accountId: "444455556666",
        roleArn: `arn:aws:iam::444455556666:role/${ROLE}`,
        externalId: null,
        region: null,
      },
      expect.objectContaining({ student: "ana-garcia-grupo-2", accountId: "111122223333" }),
    ]);
  });

  it("suffixes every account that shares a name with its id, whatever the listing order", () => {
    const accounts = [account("222233334444", "Sandbox"), account("111122223333", "sandbox"), account("333344445555", "Ana")];
    const ids = (list: OrganizationAccount[]) => rosterFromAccounts(list, options).students.map((s) => s.student);
    expect(ids(accounts)).toEqual(["ana", "sandbox-111122223333", "sandbox-222233334444"]);
    expect(ids([...accounts].reverse())).toEqual(ids(accounts));
  });

  it.each([
    ["日本語", "111122223333"],
    ["CON", "111122223333"],
    ["..", "111122223333"],
    ["  Ana  María  ", "ana-maria"],
  ])("a name that gives no usable id (%s) becomes %s", (name, expected) => {
    expect(rosterFromAccounts([account("111122223333", name)], options).students[0]!.student).toBe(expected);
  });

  it("takes ids from a tag, as written", () => {
    const roster = rosterFromAccounts(
      [account("111122223333", "Sandbox", { tags: { alumno: "ana.garcia" } }), account("222233334444", "Sandbox", { tags: { alumno: "Luis" } })],
      { ...options, tagName: "alumno" },
    );
    expect(roster.students.map((s) => [s.student, s.accountId])).toEqual([
      ["Luis", "222233334444"],
      ["ana.garcia", "111122223333"],
    ]);
  });

  it.each<[string, OrganizationAccount[], string[]]>([
    ["a missing tag", [account("111122223333", "A", { tags: {} })], ["0 orgTagMissing"]],
    ["an unsafe tag", [account("111122223333", "A", { tags: { alumno: "../x" } })], ["0 studentSeparator"]],
    [
      "a repeated tag (case folded)",
      [account("111122223333", "A", { tags: { alumno: "ana" } }), account("222233334444", "B", { tags: { alumno: "ANA" } })],
      ["0 orgTagDuplicate"],
    ],
    ["an id that is not an account id", [account("12345", "A", { tags: { alumno: "a" } })], ["0 orgAccount"]],
  ])("refuses %s", (_, accounts, expected) => {
    expect(problemsOf(() => rosterFromAccounts(accounts, { ...options, tagName: "alumno" }))).toEqual(expected);
  });

  it.each([
    ["Ana García", "ana-garcia"],
    ["ana.garcia@uni.es", "ana.garcia@uni.es"],
    ["--Grupo 3--", "grupo-3"],
    ["a...b", "a.b"],
    ["x".repeat(80), "x".repeat(64)],
  ])("fileSafeId(%j) = %j", (name, id) => {
    expect(fileSafeId(name)).toBe(id);
  });
});
