import fc from "fast-check";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { budget, expectWellBehaved, offlineInScratch, params, runMain, RUNS, within } from "./fuzz.js";

// The instructor's commands (clase/class, tablero/dashboard, notas/gradebook), fuzzed through
// main() in this process as cli-args.test.ts fuzzes a student's: whatever an instructor types,
// an exit code of the contract, a sentence for bad input, never a stack trace or a hang. This
// process has no credentials and a closed loopback endpoint, so a class run that gets past its
// checks stops at the instructor's own credentials (exit 3) before any student; `--snapshot-dir`
// regrades saved snapshots with no AWS at all. Everything written lands in a scratch folder.

const scratch = mkdtempSync(join(tmpdir(), "calificar-fuzz-class-"));
const EXAMPLE = join(ROOT, "examples/lab-ec2.snapshot.json");
const at = (...parts: string[]) => join(scratch, ...parts);

offlineInScratch(scratch);

beforeAll(async () => {
  writeFileSync(at("alumnos.csv"), "alumno;nombre;email;cuenta\nana;Ana;ana@uni.es;111122223333\nluis;Luis;luis@uni.es;444455556666\n");
  writeFileSync(at("roto.csv"), "alumno;cuenta\nana;12\nana;111122223333\n\"sin cerrar\n");
  writeFileSync(at("vacio.csv"), "");
  mkdirSync(at("instantaneas"));
  for (const id of ["ana", "luis"]) copyFileSync(EXAMPLE, at("instantaneas", `${id}.snapshot.json`));
  mkdirSync(at("vacia"));
  writeFileSync(at("archivo.txt"), "hola");
  // A class graded for real from the snapshots: the folder tablero and notas read.
  const graded = await runMain(["clase", "lab-ec2", "--snapshot-dir", at("instantaneas"), "--out", at("informes"), "--no-probe"]);
  expect(graded.code, graded.stderr).toBe(0); // everyone graded
  expect(readdirSync(at("informes"))).toContain("notas.csv");
  mkdirSync(at("informes-rotos"));
  writeFileSync(at("informes-rotos", "ana.json"), "{ no");
  writeFileSync(at("informes-rotos", "luis.json"), JSON.stringify({ schemaVersion: 99 }));
});

const odd = fc.oneof(
  fc.string(),
  fc.constantFrom("", " ", "-", "--", "-1", "0", "1e9", "NaN", "ñandú", "a b", "\u0000", "\n", "..", "/", "=", "x".repeat(5000)),
  fc.constantFrom("constructor", "toString", "__proto__"),
);
const readFolder = fc.constantFrom(at("informes"), at("informes-rotos"), at("instantaneas"), at("vacia"), at("no-existe"), at("archivo.txt"), "informes", "a\u0000b");
const rosterFile = fc.constantFrom(at("alumnos.csv"), at("roto.csv"), at("vacio.csv"), at("no-existe.csv"), at("vacia"), at("informes", "notas.csv"));
// Written to: only ever inside the scratch folder.
const writeFolder = fc.constantFrom(at("salida"), at("archivo.txt"), at("archivo.txt", "x"), at("salida-2"));
const writeFile = fc.constantFrom("-", at("salida", "tablero.html"), at("archivo.txt", "x.html"), at("vacia"), "notas.csv", at("n.csv"));

/** Mostly values an instructor would type, sometimes anything at all. */
const value = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: odd });
const VALUES: Record<string, fc.Arbitrary<string>> = {
  roster: value(rosterFile),
  "snapshot-dir": value(readFolder),
  out: writeFolder,
  output: writeFile,
  o: writeFile,
  concurrency: value(fc.constantFrom("1", "16", "0", "-3", "1000000", "2.5", "muchos")),
  timeout: value(fc.constantFrom("1", "180", "0", "-1", "99999", "abc")),
  shard: value(fc.constantFrom("1/2", "2/2", "0/2", "3/2", "1/0", "x")),
  "role-name": value(fc.constantFrom("calificar-readonly", "rol con espacios")),
  "external-id": value(fc.constantFrom("curso-2026", "")),
  "tag-alumno": value(fc.constantFrom("alumno", "Student Id")),
  region: value(fc.constantFrom("us-east-1", "mars-north-9", "")),
  profile: value(fc.constantFrom("default", "nada")),
  lang: value(fc.constantFrom("es", "en", "fr", "")),
  labs: value(readFolder),
  "probe-timeout": value(fc.constantFrom("1", "0", "abc")),
  "canvas-assignment": value(fc.constantFrom("Práctica 1", "")),
  "canvas-id": value(fc.constantFrom("email", "login", "sis", "dni")),
};
const CLASS_COMMANDS = ["clase", "class"];
/** The options each command has (flags are the boolean ones); any other is still tried, rarely. */
const OWN: Record<string, { values: string[]; flags: string[] }> = {
  clase: {
    values: ["roster", "snapshot-dir", "out", "concurrency", "timeout", "shard", "role-name", "external-id", "tag-alumno", "region", "profile", "lang", "labs", "probe-timeout"],
    flags: ["--resume", "--organizacion", "--organization", "--no-probe", "--no-invoke", "--debug", "--help"],
  },
  tablero: { values: ["output", "o", "lang"], flags: ["--debug", "--help", "-h"] },
  notas: { values: ["output", "o", "lang", "canvas-assignment", "canvas-id"], flags: ["--canvas", "--debug", "--help"] },
};
const ALIAS: Record<string, string> = { clase: "clase", class: "clase", tablero: "tablero", dashboard: "tablero", notas: "notas", gradebook: "notas" };
const flagged = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);

function optionFor(command: string): fc.Arbitrary<string[]> {
  const own = OWN[ALIAS[command]!]!;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...own.values).chain((name) => VALUES[name]!.map((v) => [flagged(name), v])) },
    { weight: 2, arbitrary: fc.constantFrom(...own.flags).map((f) => [f]) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(VALUES)).chain((name) => VALUES[name]!.map((v) => [`--${name}=${v}`])) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(VALUES)).map((name) => [flagged(name)]) },
    { weight: 1, arbitrary: odd.map((v) => [v]) },
  );
}

/** A command, what it works on (a lab for a class run, a folder of reports for the others, sometimes anything), then options; most class runs regrade the saved snapshots. */
const argv = fc
  .constantFrom(...Object.keys(ALIAS))
  .chain((command) =>
    fc.tuple(
      fc.constant(command),
      value(CLASS_COMMANDS.includes(command) ? fc.constantFrom("lab-ec2", "lab-s3", "lab-nada") : fc.oneof({ weight: 2, arbitrary: fc.constant(at("informes")) }, { weight: 1, arbitrary: readFolder })),
      fc.array(optionFor(command), { maxLength: 3 }),
      fc.boolean(),
    ),
  )
  .map(([command, target, opts, fromSnapshots]) => [
    command,
    target,
    ...opts.flat(),
    ...(fromSnapshots && CLASS_COMMANDS.includes(command) ? ["--snapshot-dir", at("instantaneas"), "--no-probe"] : []),
  ]);

describe("fuzzing the instructor's commands", () => {
  it(`clase, tablero, notas: exit 0–3, a sentence for bad input, never a stack or a hang (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(argv, fc.constantFrom(undefined, "en", "fr"), async (args, lang) => {
        const run = await within(20_000, runMain(args, lang === undefined ? {} : { CALIFICAR_LANG: lang }), `calificar ${JSON.stringify(args)}`);
        expectWellBehaved(args.includes("--debug") ? { ...run, stderr: run.stderr.replace(/^\s+at .*$/gm, "") } : run, args);
      }),
      params(),
    );
  }, budget(30));
});
