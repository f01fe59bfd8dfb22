import { STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseClassFile, readClassFolder } from "../../src/class/folder.js";
import { mergeClass } from "../../src/class/merge.js";
import { createProgress, renderSummary } from "../../src/class/progress.js";
import type { Outcome } from "../../src/class/run.js";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { EXIT } from "../../src/core/errors.js";
import { classReport, notGraded, student } from "./fixtures.js";

// The instructor's commands in-process: every refusal before any AWS call (exit 2, named), and
// tablero / notas over folders of class records written by hand in the published shapes.

const sts = mockClient(STSClient);
beforeEach(() => sts.reset());

function io(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const value: Io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env,
    now: () => new Date("2026-11-28T23:00:00Z"),
  };
  return { io: value, out };
}

const tmp = () => mkdtempSync(join(tmpdir(), "calificar-class-cli-"));

function rosterFile(text: string): string {
  const file = join(tmp(), "alumnos.csv");
  writeFileSync(file, text);
  return file;
}

describe("calificar clase refuses bad input before any AWS call (exit 2)", () => {
  const good = () => rosterFile("alumno;cuenta\nana;200000000001\n");
  it.each<[string, () => string[], string]>([
    ["no lab", () => ["clase"], "Indica el laboratorio"],
    ["no roster", () => ["clase", "lab-ec2"], "--roster alumnos.csv, o --organizacion"],
    ["roster and organization", () => ["clase", "lab-ec2", "--roster", good(), "--organization"], "no los dos"],
    ["an unknown lab", () => ["clase", "lab-nada", "--roster", good()], "Laboratorio desconocido «lab-nada»"],
    ["a bad shard", () => ["clase", "lab-ec2", "--roster", good(), "--shard", "0/4"], "se cuentan desde 1"],
    ["a bad concurrency", () => ["clase", "lab-ec2", "--roster", good(), "--concurrency", "0"], "--concurrency debe ser un número entero entre 1 y 256"],
    ["a bad timeout", () => ["clase", "lab-ec2", "--roster", good(), "--timeout", "1.5"], "--timeout debe ser"],
    ["a bad ExternalId", () => ["clase", "lab-ec2", "--roster", good(), "--external-id", "x"], "--external-id «x»"],
    ["a tag without the organization", () => ["clase", "lab-ec2", "--roster", good(), "--tag-alumno", "alumno"], "--tag-alumno solo"],
    ["a missing roster file", () => ["clase", "lab-ec2", "--roster", "/nada/alumnos.csv"], "No se puede leer la lista de alumnos /nada/alumnos.csv"],
    ["a typo", () => ["clase", "lab-ec2", "--roster", good(), "--concurency", "4"], "Opción desconocida: --concurency"],
    [
      "a roster with bad rows: every one named by its line",
      () => ["clase", "lab-ec2", "--roster", rosterFile("alumno;cuenta\nana;200000000001\nana;200000000002\nluis;1234\n")],
      "línea 3: alumno «ana» repetido",
    ],
  ])("%s", async (_, argv, says) => {
    const { io: streams, out } = io();
    expect(await main(argv(), streams)).toBe(EXIT.badInput);
    expect(out.stderr).toContain(says);
    expect(sts.calls()).toHaveLength(0);
  });

  it("names every bad row at once, in English with --lang en", async () => {
    const { io: streams, out } = io();
    const file = rosterFile("alumno;cuenta\nana;200000000001\nana;200000000002\nluis;1234\n");
    expect(await main(["class", "lab-ec2", "--roster", file, "--lang", "en"], streams)).toBe(EXIT.badInput);
    expect(out.stderr).toContain("line 3: student «ana» appears twice");
    expect(out.stderr).toContain("line 4: account «1234»");
  });

  it.each([
    [["clase", "--help"], "Uso: calificar clase"],
    [["class", "--help", "--lang", "en"], "Usage: calificar class"],
    [["tablero", "--help"], "Uso: calificar tablero"],
    [["dashboard", "-h", "--lang", "en"], "Usage: calificar dashboard"],
    [["notas", "--help"], "Uso: calificar notas"],
    [["gradebook", "--help", "--lang", "en"], "Usage: calificar gradebook"],
  ])("%j prints its help", async (argv, says) => {
    const { io: streams, out } = io();
    expect(await main(argv, streams)).toBe(EXIT.passed);
    expect(out.stdout).toContain(says);
  });
});

/** A shard folder as `calificar clase` leaves it. */
function shardFolder(files: Record<string, unknown>): string {
  const dir = tmp();
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
  return dir;
}

describe("calificar notas and tablero merge shard folders", () => {
  const ana = classReport({ student: student("ana", { name: "=Ana" }), generatedAt: "2026-11-28T23:00:00Z" });
  const luis = classReport({ student: student("luis"), statuses: { "ssh-restricted": "failed" } });
  const evaOld = classReport({ student: student("eva"), generatedAt: "2026-11-28T10:00:00Z" });
  const evaNew = { ...notGraded("eva", "2026-11-28T12:00:00Z"), notGraded: true, code: "role-denied" };

  it("writes one row per student, newest record winning, and warns about files that are not records", async () => {
    const one = shardFolder({ "ana.json": ana, "eva.json": evaOld, "ana.snapshot.json": { not: "a student" }, "roto.json": "{ nope" });
    const two = shardFolder({ "luis.json": luis, "eva.json": evaNew });
    const output = join(tmp(), "notas.csv");
    const { io: streams, out } = io();
    expect(await main(["notas", one, two, "--output", output], streams)).toBe(EXIT.passed);
    const lines = readFileSync(output, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("alumno,nombre,email,nota,maximo,porcentaje,aprobado,estado,instance-running,instance-type,key-pair,root-volume,public-ip,elastic-ip,ssh-restricted,port-5000-open,flask-app");
    expect(lines.slice(1, 4)).toEqual([
      "ana,'=Ana,ana@uni.es,13,13,100,1,calificado,2,1,1,1,1,1,2,1,3",
      "eva,Nombre eva,eva@uni.es,,,,,no-calificado: no se pudo asumir el rol (AccessDenied),,,,,,,,,",
      "luis,Nombre luis,luis@uni.es,11,13,84.6,0,calificado,2,1,1,1,1,1,0,1,3",
    ]);
    expect(out.stderr).toContain(`se omite ${join(one, "roto.json")}: no es JSON`);
    expect(out.stderr).toContain("1 alumno(s) aparecen en varias carpetas");
    expect(out.stderr).not.toContain("snapshot");
  });

  it("writes Canvas's import file with --canvas", async () => {
    const dir = shardFolder({ "ana.json": ana, "luis.json": luis });
    const { io: streams, out } = io();
    expect(await main(["notas", dir, "--canvas", "--canvas-assignment", "Laboratorio EC2", "--output", "-"], streams)).toBe(EXIT.passed);
    expect(out.stdout.replace(/^\uFEFF/, "").split("\r\n").slice(0, 3)).toEqual([
      "Student,ID,SIS User ID,SIS Login ID,Section,Laboratorio EC2",
      "Points Possible,,,,,13",
      "'=Ana,,,ana@uni.es,,13",
    ]);
  });

  it("writes the dashboard page", async () => {
    const dir = shardFolder({ "ana.json": ana, "luis.json": luis, "eva.json": evaNew });
    const output = join(tmp(), "tablero.html");
    const { io: streams } = io();
    expect(await main(["tablero", dir, "--output", output, "--lang", "en"], streams)).toBe(EXIT.passed);
    const page = readFileSync(output, "utf8");
    expect(page).toContain('<html lang="en"');
    expect(page).toContain("the role could not be assumed (AccessDenied)");
  });

  it.each<[string, () => string[], string]>([
    ["no folder", () => ["tablero"], "Indica al menos una carpeta"],
    ["a folder that does not exist", () => ["notas", "/nada/informes"], "No existe la carpeta de informes /nada/informes"],
    ["a folder with no reports", () => ["notas", tmp()], "No hay informes de alumnos"],
    [
      "folders of different labs",
      () => ["tablero", shardFolder({ "ana.json": ana, "luis.json": classReport({ student: student("luis"), lab: { id: "lab-s3", title: "S3" } }) })],
      "laboratorios distintos (lab-ec2, lab-s3)",
    ],
    ["a Canvas column Canvas reads as a total", () => ["notas", shardFolder({ "ana.json": ana }), "--canvas", "--canvas-assignment", "Final Score"], "--canvas-assignment «Final Score»"],
  ])("refuses %s (exit 2)", async (_, argv, says) => {
    const { io: streams, out } = io();
    expect(await main(argv(), streams)).toBe(EXIT.badInput);
    expect(out.stderr).toContain(says);
  });
});

describe("class records on disk", () => {
  it.each<[string, string, string]>([
    ["a class report", "report", JSON.stringify(classReport({ student: student("ana") }))],
    ["a not-graded record", "not-graded", JSON.stringify({ ...notGraded("ana"), notGraded: true })],
    ["not JSON", "invalid", "{"],
    ["a report without its student", "invalid", JSON.stringify({ ...classReport({ student: student("ana") }), student: undefined })],
    ["a report that breaks the schema", "invalid", JSON.stringify({ ...classReport({ student: student("ana") }), score: -1 })],
    ["a not-graded record without why", "invalid", JSON.stringify({ ...notGraded("ana"), why: "x", notGraded: true })],
  ])("%s reads as %s", (_, kind, text) => {
    expect(parseClassFile(text).kind).toBe(kind);
  });

  it("reads a folder, leaving snapshots, notas.csv and hidden temporary files alone", async () => {
    const dir = shardFolder({ "ana.json": classReport({ student: student("ana") }), "ana.snapshot.json": {}, "notas.csv": "x", ".luis.json.1a2b.tmp": "{" });
    mkdirSync(join(dir, "sub"));
    const { folder, skipped } = await readClassFolder(dir);
    expect(folder.reports.map((r) => r.student.id)).toEqual(["ana"]);
    expect(skipped).toEqual([]);
  });
});

describe("progress and summary", () => {
  const outcome = (id: string, kind: "graded" | "failed" | "not-graded"): Outcome => {
    const roster = { line: 2, student: id, name: null, email: null, accountId: "200000000001", roleArn: null, externalId: null, region: null };
    if (kind === "not-graded") return { kind: "not-graded", student: roster, record: { ...notGraded(id), notGraded: true, schemaVersion: 1, tool: { name: "calificar", version: "0" }, lab: { id: "lab-ec2", title: "" }, code: "role-denied" } };
    return { kind: "report", student: roster, resumed: false, report: classReport({ student: student(id), statuses: kind === "failed" ? { "ssh-restricted": "failed" } : {} }) };
  };

  it("prints a plain line at each tenth of the class when the stream is not a terminal", () => {
    let written = "";
    let clock = 0;
    const progress = createProgress({ stream: { write: (s: string) => (written += s) }, lang: "es", now: () => new Date(clock), everyMs: 60_000 });
    progress.onEvent({ type: "start", total: 20, resumed: 0 });
    for (let i = 0; i < 20; i++) {
      clock += 1000;
      progress.onEvent({ type: "done", outcome: outcome(`a${i}`, i === 3 ? "not-graded" : "graded") });
    }
    progress.finish();
    const lines = written.trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe("calificar: 2/20 alumnos: 2 calificados, 0 sin calificar, faltan 18 (unos 18 s más)");
    expect(lines[9]).toBe("calificar: 20/20 alumnos: 19 calificados, 1 sin calificar, faltan 0");
    expect(written).not.toContain("\r");
  });

  it("redraws one bar in place on a terminal", () => {
    let written = "";
    let clock = 0;
    const progress = createProgress({ stream: { write: (s: string) => (written += s), isTTY: true }, lang: "en", now: () => new Date(clock) });
    progress.onEvent({ type: "start", total: 4, resumed: 1 });
    clock += 1000;
    progress.onEvent({ type: "done", outcome: outcome("a", "graded") });
    clock += 1000;
    progress.onEvent({ type: "done", outcome: outcome("b", "not-graded") });
    clock += 1000;
    progress.onEvent({ type: "done", outcome: outcome("c", "graded") });
    progress.finish();
    expect(written).not.toContain("\n");
    expect(written).toContain("[######------------------] 1/4 graded 1 · not graded 0 · remaining 3");
    expect(written).toContain("[##################------] 3/4 graded 2 · not graded 1 · remaining 1 · 1 s");
    expect(written).toContain("[########################] 4/4 graded 3 · not graded 1 · remaining 0");
    expect(written.endsWith("\r\x1b[2K")).toBe(true);
  });

  it("sums up: counts, the checks failed most, and who was not graded with why", () => {
    const outcomes = [outcome("ana", "graded"), outcome("luis", "failed"), outcome("eva", "not-graded")];
    const summary = mergeClass([
      {
        source: "informes",
        reports: outcomes.flatMap((o) => (o.kind === "report" ? [o.report] : [])),
        notGraded: outcomes.flatMap((o) => (o.kind === "not-graded" ? [o.record] : [])),
      },
    ]);
    expect(renderSummary(summary, outcomes, "es", { lab: "lab-ec2", out: "informes", gradebook: "informes/notas.csv" })).toBe(
      [
        "lab-ec2: 3 alumnos",
        "  1 aprobados · 1 no aprobados · 1 sin calificar",
        "  Comprobaciones más falladas: ssh-restricted (1 de 2)",
        "  Sin calificar:",
        "    eva: no se pudo asumir el rol (AccessDenied)",
        "  Informes en informes · libro de notas: informes/notas.csv",
        "",
      ].join("\n"),
    );
  });
});
