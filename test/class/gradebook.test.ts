import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  GRADEBOOK_COLUMNS,
  gradebookRowFromReport,
  gradebookRowNotGraded,
  renderCanvasGradebook,
  renderGradebook,
  toCsv,
  type GradebookRow,
  type GradebookStudent,
} from "../../src/class/gradebook.js";
import { classReport, EC2_CHECKS, student } from "./fixtures.js";

const CHECK_IDS = EC2_CHECKS.map((c) => c.id);
const who = (id: string, name: string | null = `Nombre ${id}`, email: string | null = `${id}@uni.es`): GradebookStudent => ({ id, name, email });

/** The CSV as a spreadsheet reads it back: BOM dropped, CRLF, RFC 4180 quotes. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv.endsWith("\r\n")).toBe(true);
  return parse(csv.slice(1), { record_delimiter: "\r\n", relax_column_count: false });
}

describe("toCsv: RFC 4180, Excel-safe", () => {
  it.each<[string, string | number | null, string]>([
    ["plain text", "Ana", "Ana"],
    ["accents stay as UTF-8", "Begoña Yáñez", "Begoña Yáñez"],
    ["a comma is quoted", "García, Ana", '"García, Ana"'],
    ["quotes are doubled", 'Ana "Anita"', '"Ana ""Anita"""'],
    ["a line break is quoted", "Luis\nPérez", '"Luis\nPérez"'],
    ["a CRLF inside is quoted", "a\r\nb", '"a\r\nb"'],
    ["a formula is not run", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["a plus", "+34 600 000 000", "'+34 600 000 000"],
    ["a minus in text", "-5", "'-5"],
    ["an at sign", "@SUM(A1)", "'@SUM(A1)"],
    ["a tab", "\t=1", "'\t=1"],
    ["a carriage return", "\r=1", "\"'\r=1\""],
    ["a formula with a comma is prefixed and quoted", "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
    ["an equals sign inside is fine", "a=b", "a=b"],
    ["numbers stay numbers", 13, "13"],
    ["decimals with a point", 77.8, "77.8"],
    ["a zero", 0, "0"],
    ["binary noise rounded to two decimals", 0.1 + 0.2, "0.3"],
    ["null is an empty cell", null, ""],
    ["an empty text is an empty cell", "", ""],
  ])("%s", (_, cell, written) => {
    expect(toCsv([[cell]])).toBe(`\uFEFF${written}\r\n`);
  });
});

describe("renderGradebook (notas.csv)", () => {
  const graded = gradebookRowFromReport(
    classReport({ student: student("ana"), statuses: { "elastic-ip": "failed", "root-volume": "error", "flask-app": "skipped" } }),
    who("ana", "Ana García"),
  );
  const passedAll = gradebookRowFromReport(classReport({ student: student("luis") }), who("luis", "Luis Pérez"));
  const notGraded = gradebookRowNotGraded(who("eva", "Eva, la de \"Madrid\""), { es: "no se pudo asumir el rol", en: "the role could not be assumed" });

  it("writes the fixed header, then one column per check id", () => {
    const [header] = readBack(renderGradebook([], CHECK_IDS, "es"));
    expect(header).toEqual(["alumno", "nombre", "email", "nota", "maximo", "porcentaje", "aprobado", "estado", ...CHECK_IDS]);
    expect(GRADEBOOK_COLUMNS).toEqual(header!.slice(0, 8));
  });

  it("writes a graded student's score, percentage, verdict and each check's points (empty when not made)", () => {
    const [, row] = readBack(renderGradebook([graded], CHECK_IDS, "es"));
    expect(row).toEqual([
      "ana", "Ana García", "ana@uni.es",
      "8", "13", "61.5", "0", "calificado",
      // instance-running … flask-app: error and skipped are empty, failed is 0
      "2", "1", "1", "", "1", "0", "2", "1", "",
    ]);
  });

  it("writes 1 for passed and 0 for not passed, in any language", () => {
    for (const lang of ["es", "en"] as const) {
      const rows = readBack(renderGradebook([passedAll, graded], CHECK_IDS, lang));
      expect(rows.map((r) => r[6])).toEqual(["aprobado", "1", "0"]);
      expect(rows.map((r) => r[7])).toEqual(["estado", "calificado", "calificado"]);
      expect(rows[1]!.slice(3, 6)).toEqual(["13", "13", "100"]);
    }
  });

  it("writes why a student was not graded, in the language asked, with empty scores", () => {
    const es = readBack(renderGradebook([notGraded], CHECK_IDS, "es"))[1]!;
    expect(es.slice(0, 8)).toEqual(["eva", 'Eva, la de "Madrid"', "eva@uni.es", "", "", "", "", "no-calificado: no se pudo asumir el rol"]);
    expect(es.slice(8)).toEqual(CHECK_IDS.map(() => ""));
    expect(readBack(renderGradebook([notGraded], CHECK_IDS, "en"))[1]![7]).toBe("no-calificado: the role could not be assumed");
  });

  it("keeps the header and values the same in Spanish and English for graded students", () => {
    expect(renderGradebook([graded, passedAll], CHECK_IDS, "en")).toBe(renderGradebook([graded, passedAll], CHECK_IDS, "es"));
  });

  it("treats a report where nothing could be checked as not graded, naming the failed calls", () => {
    const row = gradebookRowFromReport(classReport({ student: student("mar"), ungradable: true }), who("mar"));
    expect(row.graded).toBe(false);
    const [, line] = readBack(renderGradebook([row], CHECK_IDS, "es"));
    expect(line![3]).toBe("");
    expect(line![7]).toBe("no-calificado: no se pudo comprobar nada (ec2:DescribeVolumes UnauthorizedOperation)");
  });

  it("leaves empty the checks a student's report does not have", () => {
    const [, row] = readBack(renderGradebook([passedAll], ["instance-running", "a-new-check"], "es"));
    expect(row!.slice(8)).toEqual(["2", ""]);
  });

  it("keeps a name that looks like a formula as text, and numbers as numbers", () => {
    const evil = gradebookRowFromReport(classReport({ student: student("x") }), who("x", "=cmd|' /C calc'!A0", "-@evil.es"));
    const csv = renderGradebook([evil], CHECK_IDS, "es");
    const [, row] = readBack(csv);
    expect(row!.slice(0, 5)).toEqual(["x", "'=cmd|' /C calc'!A0", "'-@evil.es", "13", "13"]);
    expect(csv).toContain(",13,13,100,1,calificado,");
  });

  it("keeps accents, quotes, commas and line breaks in names through a round trip", () => {
    const names = ["Begoña Yáñez", 'Ana "Anita" García', "Pérez, Luis", "Íñigo\nde la Torre", "Zoë 😀"];
    const rows: GradebookRow[] = names.map((name, i) => gradebookRowFromReport(classReport({ student: student(`s${i}`) }), who(`s${i}`, name)));
    const read = readBack(renderGradebook(rows, CHECK_IDS, "es"));
    expect(read.slice(1).map((r) => r[1])).toEqual(names);
    expect(read.every((r) => r.length === 8 + CHECK_IDS.length)).toBe(true);
  });

  it("writes nobody's name or email as the word null", () => {
    const row = gradebookRowFromReport(classReport({ student: student("x") }), who("x", null, null));
    expect(readBack(renderGradebook([row], CHECK_IDS, "es"))[1]!.slice(0, 3)).toEqual(["x", "", ""]);
  });
});

describe("renderCanvasGradebook", () => {
  const rows: GradebookRow[] = [
    gradebookRowFromReport(classReport({ student: student("ana"), statuses: { "elastic-ip": "failed" } }), who("ana", "Ana García")),
    gradebookRowNotGraded(who("eva", null), { es: "sin rol", en: "no role" }),
  ];

  it("writes Canvas's student columns in its order, a Points Possible row and the lab's column", () => {
    const csv = renderCanvasGradebook(rows, { assignment: "lab-ec2" });
    expect(readBack(csv)).toEqual([
      ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "lab-ec2"],
      ["Points Possible", "", "", "", "", "13"],
      ["Ana García", "", "", "ana@uni.es", "", "12"],
      // Not graded: an empty score, which Canvas reads as no change.
      ["eva", "", "", "eva@uni.es", "", ""],
    ]);
  });

  it.each<["email" | "login" | "sis", string[]]>([
    ["email", ["", "ana@uni.es"]],
    ["login", ["", "ana"]],
    ["sis", ["ana", ""]],
  ])("identifies students by %s", (identifyBy, ids) => {
    const [, , ana] = readBack(renderCanvasGradebook(rows, { assignment: "Lab EC2 (4321)", identifyBy }));
    expect(ana!.slice(2, 4)).toEqual(ids);
  });

  it("leaves out the Points Possible row when nobody was graded", () => {
    expect(readBack(renderCanvasGradebook([rows[1]!], { assignment: "lab-ec2" })).map((r) => r[0])).toEqual(["Student", "eva"]);
  });

  it.each(["", "Section", "Final Score", "lab Current Grade"])("refuses %j as the assignment column", (assignment) => {
    expect(() => renderCanvasGradebook(rows, { assignment })).toThrow(RangeError);
  });
});
