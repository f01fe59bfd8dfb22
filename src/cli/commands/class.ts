import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import type { Lang, Text } from "../../core/text.js";
import type { Io } from "../io.js";
import { labDirs, loadLab } from "../../app/labs.js";
import { ROLE_NAME } from "../../core/policy.js";
import { describeRosterError, parseRoster, RosterError, type Roster, type RosterStudent } from "../../class/roster.js";
import { parseShard, selectShard, ShardError, type Shard } from "../../class/shard.js";
import { classText, say } from "../../class/messages.js";
import type { ClassSource, Outcome } from "../../class/run.js";

/** Students graded at a time unless --concurrency says otherwise: measured in bench/class.ts (docs/decisions.md). */
export const DEFAULT_CONCURRENCY = 16;
/** Seconds one student may take, AssumeRole to report (lab-lambda's invocation alone may take 30). */
export const DEFAULT_TIMEOUT_SECONDS = 180;

export const classArgs = {
  lab: { type: "positional", description: { es: "laboratorio", en: "lab" } },
  roster: { type: "string", valueHint: "ARCHIVO.csv", description: { es: "lista de alumnos (CSV: alumno, nombre, email, cuenta o rol, external_id, region)", en: "class roster (CSV: alumno/student, nombre/name, email, cuenta/account or rol/role_arn, external_id, region)" } },
  organizacion: { type: "boolean", alias: "organization", description: { es: "los alumnos son las cuentas de tu organización de AWS (sin la de administración)", en: "the students are your AWS Organization's accounts (not the management one)" } },
  "tag-alumno": { type: "string", valueHint: "ETIQUETA", description: { es: "con --organizacion: el id de cada alumno es el valor de esta etiqueta de su cuenta (si no, el nombre de la cuenta)", en: "with --organization: each student id is this tag's value on their account (else the account name)" } },
  "role-name": { type: "string", valueHint: "NOMBRE", default: ROLE_NAME, description: { es: "rol que se asume en las filas con cuenta (el de policies/instructor-role.yaml)", en: "role assumed for rows that give an account (the one of policies/instructor-role.yaml)" } },
  "external-id": { type: "string", valueHint: "ID", description: { es: "ExternalId para las filas que no traen el suyo", en: "ExternalId for rows that do not give their own" } },
  region: { type: "string", valueHint: "REGIÓN", description: { es: "región a calificar cuando la fila no trae la suya (por defecto la de tu perfil, o us-east-1)", en: "region to grade when the row gives none (default: your profile's, or us-east-1)" } },
  profile: { type: "string", valueHint: "PERFIL", description: { es: "tu perfil de ~/.aws (el del instructor)", en: "your ~/.aws profile (the instructor's)" } },
  out: { type: "string", valueHint: "CARPETA", default: "informes", description: { es: "carpeta de los informes, las instantáneas y notas.csv", en: "folder for the reports, the snapshots and notas.csv" } },
  concurrency: { type: "string", valueHint: "N", default: String(DEFAULT_CONCURRENCY), description: { es: "alumnos calificados a la vez", en: "students graded at a time" } },
  timeout: { type: "string", valueHint: "SEGUNDOS", default: String(DEFAULT_TIMEOUT_SECONDS), description: { es: "tiempo máximo por alumno", en: "time limit per student" } },
  resume: { type: "boolean", description: { es: "conserva a los alumnos ya calificados en --out y califica al resto", en: "keep the students already graded in --out and grade the rest" } },
  shard: { type: "string", valueHint: "i/n", description: { es: "califica solo la parte i de n de la lista (una matriz de CI)", en: "grade only part i of n of the roster (a CI matrix)" } },
  "snapshot-dir": { type: "string", valueHint: "CARPETA", description: { es: "califica las instantáneas guardadas (<alumno>.snapshot.json), sin AWS", en: "grade saved snapshots (<student>.snapshot.json), with no AWS access" } },
  labs: { type: "string", valueHint: "CARPETA", description: { es: "carpeta con laboratorios propios", en: "folder with your own labs" } },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: { es: "idioma de los informes", en: "language of the reports" } },
  "probe-host": { type: "string", valueHint: "HOST[:PUERTO]", env: "CALIFICAR_PROBE_HOST", description: { es: "prueba HTTP contra este host en lugar de la IP pública (emuladores, pruebas)", en: "send HTTP probes to this host instead of the public IP (emulators, tests)" } },
  "probe-timeout": { type: "string", valueHint: "SEGUNDOS", default: "5", description: { es: "tiempo máximo de cada prueba HTTP", en: "time limit of each HTTP probe" } },
  probe: { type: "boolean", default: true, description: { es: "no hacer pruebas HTTP", en: "make no HTTP probes" } },
  invoke: { type: "boolean", default: true, description: { es: "no invocar las funciones Lambda (lab-lambda lee CloudWatch Logs)", en: "do not invoke Lambda functions (lab-lambda reads CloudWatch Logs)" } },
  debug: { type: "boolean", description: { es: "muestra detalles técnicos de los errores", en: "show technical details of errors" } },
  help: { type: "boolean", alias: "h", description: { es: "muestra esta ayuda", en: "show this help" } },
} satisfies ArgSpecs;

const usage = {
  es: "Uso: calificar clase <laboratorio> --roster alumnos.csv [--out informes/] [opciones]   (alias: class)\n\nCalifica el laboratorio en la cuenta de cada alumno, asumiendo su rol de solo lectura. Deja en --out\n<alumno>.json (su informe), <alumno>.snapshot.json (la evidencia) y notas.csv (el libro de notas).",
  en: "Usage: calificar class <lab> --roster students.csv [--out reports/] [options]   (alias: clase)\n\nGrades the lab in each student's account, assuming their read-only role. Leaves in --out\n<student>.json (their report), <student>.snapshot.json (the evidence) and notas.csv (the gradebook).",
};

const footer = {
  es: "Después: calificar tablero informes/ (la clase en una página) · calificar notas informes/ --canvas.\nCódigos de salida: 0 todos calificados · 1 algunos sin calificar · 2 entrada incorrecta · 3 nadie calificado · 130 interrumpido.",
  en: "Then: calificar dashboard reports/ (the class on one page) · calificar notas reports/ --canvas.\nExit codes: 0 all graded · 1 some not graded · 2 bad input · 3 nobody graded · 130 interrupted.",
};

const str = (v: string | boolean | undefined): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function integer(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw badInput(classText("badNumber", { option, min, max }));
  return n;
}

const both = (make: (lang: Lang) => string): Text => ({ es: make("es"), en: make("en") });

async function readRoster(file: string, defaultRoleName: string, requireAccount: boolean): Promise<Roster> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw badInput(classText("rosterUnreadable", { file }));
  }
  try {
    return parseRoster(text, { defaultRoleName, requireAccount });
  } catch (err) {
    if (err instanceof RosterError) throw badInput(both((lang) => describeRosterError(err, lang)));
    throw err;
  }
}

/** Students from the snapshots' file names: `--snapshot-dir` with no roster regrades whoever was saved. */
async function rosterFromSnapshots(dir: string): Promise<Roster> {
  const { snapshotStudents } = await import("../../class/folder.js");
  const ids = await snapshotStudents(dir);
  if (!ids.length) throw badInput(classText("snapshotDirEmpty", { dir }));
  // Names and emails come back from the reports beside the snapshots, when they are there.
  const { parseClassFile, reportPath } = await import("../../class/folder.js");
  return {
    students: await Promise.all(
      ids.map(async (id): Promise<RosterStudent> => {
        const text = await readFile(reportPath(dir, id), "utf8").catch(() => null);
        const file = text === null ? null : parseClassFile(text);
        const who = file && file.kind === "report" ? file.report.student : file && file.kind === "not-graded" ? file.record.student : null;
        return { line: 0, student: id, name: who?.name ?? null, email: who?.email ?? null, accountId: who?.accountId ?? null, roleArn: null, externalId: null, region: who?.region ?? null };
      }),
    ),
  };
}

/** `calificar clase LAB`: grade a whole class; reports, snapshots and notas.csv in --out. */
export async function classCommand(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, classArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(usage, classArgs, lang, footer));
    return EXIT.passed;
  }
  const labId = positionals[0];
  if (!labId) throw badInput(classText("needLab"));
  if (positionals.length > 1) throw badInput(classText("extraArgument", { value: positionals[1]! }));

  // Every option is checked before the roster is read, and the roster before any AWS call.
  const rosterFile = str(a["roster"]);
  const organization = a["organizacion"] === true;
  const snapshotDir = str(a["snapshot-dir"]);
  const tagName = str(a["tag-alumno"]);
  if (rosterFile && organization) throw badInput(classText("rosterAndOrg"));
  if (organization && snapshotDir) throw badInput(classText("orgAndSnapshots"));
  if (!rosterFile && !organization && !snapshotDir) throw badInput(classText("needRoster"));
  if (tagName !== undefined && !organization) throw badInput(classText("tagWithoutOrg"));
  if (tagName !== undefined && !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(tagName)) throw badInput(classText("badTag", { value: tagName }));
  const concurrency = integer(str(a["concurrency"]) ?? String(DEFAULT_CONCURRENCY), "--concurrency", 1, 256);
  const timeoutSeconds = integer(str(a["timeout"]) ?? String(DEFAULT_TIMEOUT_SECONDS), "--timeout", 1, 3600);
  const probeTimeout = Number(str(a["probe-timeout"]) ?? "5");
  if (!(probeTimeout > 0 && probeTimeout <= 120)) {
    throw badInput({ es: "--probe-timeout debe ser un número de segundos entre 0 y 120", en: "--probe-timeout must be a number of seconds between 0 and 120" });
  }
  let shard: Shard | undefined;
  const shardSpec = str(a["shard"]);
  if (shardSpec) {
    try {
      shard = parseShard(shardSpec);
    } catch (err) {
      if (err instanceof ShardError) throw badInput(err.text);
      throw err;
    }
  }
  const externalId = str(a["external-id"]) ?? null;
  if (externalId !== null && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) throw badInput(classText("badExternalId", { value: externalId }));
  const regionFlag = str(a["region"]);
  if (regionFlag && !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(regionFlag)) throw badInput(classText("badRegion", { value: regionFlag }));
  const roleName = str(a["role-name"]) ?? ROLE_NAME;
  const profile = str(a["profile"]);
  const out = str(a["out"]) ?? "informes";
  const labsDir = str(a["labs"]);
  const lab = await loadLab(labId, labDirs(labsDir));

  let roster: Roster | undefined;
  if (rosterFile) roster = await readRoster(rosterFile, roleName, !snapshotDir);
  else if (snapshotDir) roster = await rosterFromSnapshots(snapshotDir);

  const env = io.env;
  let source: ClassSource;
  let region: string;
  const pools: { destroy(): void }[] = [];
  if (snapshotDir) {
    source = { kind: "snapshots", dir: snapshotDir };
    region = regionFlag ?? "us-east-1";
  } else {
    const [{ ClientPool }, { resolveRegion }, { instructorIdentity, assumeStudentRole }, { STSClient }] = await Promise.all([
      import("../../collect/clients.js"),
      import("../../collect/region.js"),
      import("../../class/access.js"),
      import("@aws-sdk/client-sts"),
    ]);
    region = await resolveRegion(regionFlag, profile, env);
    // One pool for the instructor's calls: AssumeRole's quota is the instructor account's, so
    // adaptive retry slows every student's AssumeRole together when AWS throttles.
    const pool = new ClientPool({ ...(profile ? { profile } : {}), retryMode: "adaptive", maxAttempts: 5 });
    pools.push(pool);
    const instructor = await instructorIdentity(pool, region, { profile: profile ?? env["AWS_PROFILE"], endpoint: env["AWS_ENDPOINT_URL"] });
    if (organization) {
      const [{ organizationRoster }, { OrganizationsClient }] = await Promise.all([import("../../class/organization.js"), import("@aws-sdk/client-organizations")]);
      try {
        // Organizations lives in us-east-1 whatever region is graded.
        roster = await organizationRoster({ client: pool.get(OrganizationsClient, "us-east-1"), instructor, defaultRoleName: roleName, ...(tagName !== undefined ? { tagName } : {}) });
      } catch (err) {
        if (err instanceof RosterError) throw badInput(both((l) => describeRosterError(err, l)));
        throw err;
      }
    }
    const sts = pool.get(STSClient, region);
    const context = { instructor, region, defaultExternalId: externalId };
    source = { kind: "aws", assume: (student) => assumeStudentRole(sts, student, context) };
  }

  const students = shard ? selectShard(roster!.students, shard) : roster!.students;
  const [{ runClass, hasGrade }, { createProgress, renderSummary }, { mergeClass }, gradebook, folder, { writeFileAtomic }] = await Promise.all([
    import("../../class/run.js"),
    import("../../class/progress.js"),
    import("../../class/merge.js"),
    import("../../class/gradebook.js"),
    import("../../class/folder.js"),
    import("../../files/write.js"),
  ]);

  const controller = new AbortController();
  const stopListening = io.onInterrupt?.(() => controller.abort());
  const progress = createProgress({ stream: io.stderr, lang, now: io.now });
  let run;
  try {
    io.stderr.write(
      `calificar: ${say("starting", lang, {
        lab: lab.id,
        count: students.length,
        concurrency,
        shard: shard ? say("startingShard", lang, { index: shard.index, count: shard.count }) : "",
      })}\n`,
    );
    run = await runClass({
      lab,
      students,
      out,
      lang,
      region,
      concurrency,
      deadlineMs: timeoutSeconds * 1000,
      resume: a["resume"] === true,
      source,
      probe: a["probe"] === false ? false : { timeoutSeconds: probeTimeout, ...(str(a["probe-host"]) ? { host: str(a["probe-host"])! } : {}) },
      ...(a["invoke"] === false ? { noInvoke: true } : {}),
      env,
      now: io.now,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "start" && event.resumed) io.stderr.write(`calificar: ${say("startingResumed", lang, { count: event.resumed })}\n`);
        progress.onEvent(event);
      },
    });
  } finally {
    progress.finish();
    stopListening?.();
    for (const pool of pools) pool.destroy();
  }

  // notas.csv: one row per roster row of this run, in the roster's order.
  const interrupted = classText("interrupted");
  const rowOf = (o: Outcome) => {
    const student = { id: o.student.student, name: o.student.name, email: o.student.email };
    if (o.kind === "report") return gradebook.gradebookRowFromReport(o.report, student);
    return gradebook.gradebookRowNotGraded(student, o.kind === "not-graded" ? o.record.why : interrupted);
  };
  const gradebookFile = join(out, folder.GRADEBOOK_FILE);
  await writeFileAtomic(gradebookFile, gradebook.renderGradebook(run.outcomes.map(rowOf), lab.checks.map((c) => c.id), lang));

  const summary = mergeClass([
    {
      source: out,
      reports: run.outcomes.flatMap((o) => (o.kind === "report" ? [o.report] : [])),
      notGraded: run.outcomes.flatMap((o) => (o.kind === "not-graded" ? [o.record] : [])),
    },
  ]);
  io.stdout.write(renderSummary(summary, run.outcomes, lang, { lab: lab.id, out, gradebook: gradebookFile }));
  if (run.interrupted) {
    io.stderr.write(`calificar: ${say("interruptedNote", lang, { out })}\n`);
    return EXIT.interrupted;
  }
  const graded = run.outcomes.filter(hasGrade).length;
  if (graded === run.outcomes.length) return EXIT.passed;
  return graded === 0 ? EXIT.cannotGrade : EXIT.notPassed;
}
