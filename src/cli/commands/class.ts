import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { optionText, probeOption, parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import type { Lang, Text } from "../../core/text.js";
import type { Io } from "../io.js";
import { HINT, OPTION, USAGE } from "../messages.js";
import { labDirs, loadLab } from "../../app/labs.js";
import { ROLE_NAME } from "../../core/policy.js";
import { isExternalId, isRegionName } from "../../core/aws-names.js";
import { describeRosterError, parseRoster, RosterError, type Roster, type RosterStudent } from "../../class/roster.js";
import { parseShard, selectShard, ShardError, type Shard } from "../../class/shard.js";
import { classText, say } from "../../class/messages.js";
import type { ClassRun, ClassSource, Outcome } from "../../class/run.js";
import type { Lab } from "../../core/lab.js";

/** Students graded at a time unless --concurrency says otherwise: measured in bench/class.ts (docs/decisions.md). */
export const DEFAULT_CONCURRENCY = 16;
/** Seconds one student may take, AssumeRole to report (lab-lambda's invocation alone may take 30). */
export const DEFAULT_TIMEOUT_SECONDS = 180;

export const classArgs = {
  lab: { type: "positional", description: OPTION.classLab },
  roster: { type: "string", valueHint: HINT.csvFile, description: OPTION.classRoster },
  organizacion: { type: "boolean", alias: "organization", description: OPTION.classOrganizacion },
  "tag-alumno": { type: "string", valueHint: HINT.tag, description: OPTION.classTagAlumno },
  "role-name": { type: "string", valueHint: HINT.name, default: ROLE_NAME, description: OPTION.classRoleName },
  "external-id": { type: "string", valueHint: "ID", description: OPTION.classExternalId },
  region: { type: "string", valueHint: HINT.region, description: OPTION.classRegion },
  profile: { type: "string", valueHint: HINT.profile, description: OPTION.classProfile },
  out: { type: "string", valueHint: HINT.folder, default: "informes", description: OPTION.classOut },
  concurrency: { type: "string", valueHint: "N", default: String(DEFAULT_CONCURRENCY), description: OPTION.classConcurrency },
  timeout: { type: "string", valueHint: HINT.seconds, default: String(DEFAULT_TIMEOUT_SECONDS), description: OPTION.classTimeout },
  resume: { type: "boolean", description: OPTION.classResume },
  shard: { type: "string", valueHint: "i/n", description: OPTION.classShard },
  "snapshot-dir": { type: "string", valueHint: HINT.folder, description: OPTION.classSnapshotDir },
  labs: { type: "string", valueHint: HINT.folder, description: OPTION.classLabs },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: OPTION.classLang },
  "probe-host": { type: "string", valueHint: HINT.hostPort, env: "CALIFICAR_PROBE_HOST", description: OPTION.classProbeHost },
  "probe-timeout": { type: "string", valueHint: HINT.seconds, default: "5", description: OPTION.classProbeTimeout },
  probe: { type: "boolean", default: true, description: OPTION.classProbe },
  invoke: { type: "boolean", default: true, description: OPTION.classInvoke },
  debug: { type: "boolean", description: OPTION.debug },
  help: { type: "boolean", alias: "h", description: OPTION.help },
} satisfies ArgSpecs;


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
  const { parseClassFile, reportPath, snapshotStudents } = await import("../../class/folder.js");
  const ids = await snapshotStudents(dir);
  if (!ids.length) throw badInput(classText("snapshotDirEmpty", { dir }));
  // Names and emails come back from the reports beside the snapshots, when they are there.
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

/** Everything `calificar clase` was asked, checked before the roster is read and any AWS call. */
interface ClassOptions {
  labId: string;
  lang: Lang;
  rosterFile: string | undefined;
  organization: boolean;
  snapshotDir: string | undefined;
  tagName: string | undefined;
  concurrency: number;
  timeoutSeconds: number;
  probe: ReturnType<typeof probeOption>;
  shard: Shard | undefined;
  externalId: string | null;
  regionFlag: string | undefined;
  roleName: string;
  profile: string | undefined;
  out: string;
  labsDir: string | undefined;
}

function classOptions(positionals: string[], a: Record<string, string | boolean | undefined>, lang: Lang): ClassOptions {
  const labId = positionals[0];
  if (!labId) throw badInput(classText("needLab"));
  if (positionals.length > 1) throw badInput(classText("extraArgument", { value: positionals[1]! }));
  const rosterFile = optionText(a["roster"]);
  const organization = a["organizacion"] === true;
  const snapshotDir = optionText(a["snapshot-dir"]);
  const tagName = optionText(a["tag-alumno"]);
  if (rosterFile && organization) throw badInput(classText("rosterAndOrg"));
  if (organization && snapshotDir) throw badInput(classText("orgAndSnapshots"));
  if (!rosterFile && !organization && !snapshotDir) throw badInput(classText("needRoster"));
  if (tagName !== undefined && !organization) throw badInput(classText("tagWithoutOrg"));
  if (tagName !== undefined && !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(tagName)) throw badInput(classText("badTag", { value: tagName }));
  const concurrency = integer(optionText(a["concurrency"]) ?? String(DEFAULT_CONCURRENCY), "--concurrency", 1, 256);
  const timeoutSeconds = integer(optionText(a["timeout"]) ?? String(DEFAULT_TIMEOUT_SECONDS), "--timeout", 1, 3600);
  const probe = probeOption(a);
  const shard = shardOption(optionText(a["shard"]));
  const externalId = optionText(a["external-id"]) ?? null;
  if (externalId !== null && !isExternalId(externalId)) throw badInput(classText("badExternalId", { value: externalId }));
  const regionFlag = optionText(a["region"]);
  if (regionFlag && !isRegionName(regionFlag)) throw badInput(classText("badRegion", { value: regionFlag }));
  return {
    labId,
    lang,
    rosterFile,
    organization,
    snapshotDir,
    tagName,
    concurrency,
    timeoutSeconds,
    probe,
    shard,
    externalId,
    regionFlag,
    roleName: optionText(a["role-name"]) ?? ROLE_NAME,
    profile: optionText(a["profile"]),
    out: optionText(a["out"]) ?? "informes",
    labsDir: optionText(a["labs"]),
  };
}

function shardOption(spec: string | undefined): Shard | undefined {
  if (!spec) return undefined;
  try {
    return parseShard(spec);
  } catch (err) {
    if (err instanceof ShardError) throw badInput(err.text);
    throw err;
  }
}

/** Where the students' accounts come from: saved snapshots, or AssumeRole from the instructor's credentials (and their Organization's roster). */
async function openSource(options: ClassOptions, roster: Roster | undefined, env: Io["env"]): Promise<{ source: ClassSource; region: string; roster: Roster; close(): void }> {
  if (options.snapshotDir) return { source: { kind: "snapshots", dir: options.snapshotDir }, region: options.regionFlag ?? "us-east-1", roster: roster!, close() {} };
  const [{ ClientPool }, { resolveRegion }, { instructorIdentity, assumeStudentRole }, { STSClient }] = await Promise.all([
    import("../../collect/clients.js"),
    import("../../collect/region.js"),
    import("../../class/access.js"),
    import("@aws-sdk/client-sts"),
  ]);
  const { profile } = options;
  const region = await resolveRegion(options.regionFlag, profile, env);
  // One pool for the instructor's calls: AssumeRole's quota is the instructor account's, so
  // adaptive retry slows every student's AssumeRole together when AWS throttles.
  const pool = new ClientPool({ ...(profile ? { profile } : {}), retryMode: "adaptive", maxAttempts: 5 });
  try {
    const instructor = await instructorIdentity(pool, region, { profile: profile ?? env["AWS_PROFILE"], endpoint: env["AWS_ENDPOINT_URL"] });
    if (options.organization) {
      const [{ organizationRoster }, { OrganizationsClient }] = await Promise.all([import("../../class/organization.js"), import("@aws-sdk/client-organizations")]);
      try {
        // Organizations lives in us-east-1 whatever region is graded.
        roster = await organizationRoster({ client: pool.get(OrganizationsClient, "us-east-1"), instructor, defaultRoleName: options.roleName, ...(options.tagName !== undefined ? { tagName: options.tagName } : {}) });
      } catch (err) {
        if (err instanceof RosterError) throw badInput(both((l) => describeRosterError(err, l)));
        throw err;
      }
    }
    const sts = pool.get(STSClient, region);
    const context = { instructor, region, defaultExternalId: options.externalId };
    return { source: { kind: "aws", assume: (student) => assumeStudentRole(sts, student, context) }, region, roster: roster!, close: () => pool.destroy() };
  } catch (err) {
    pool.destroy();
    throw err;
  }
}

/** `calificar clase LAB`: grade a whole class; reports, snapshots and notas.csv in --out. */
export async function classCommand(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, classArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(USAGE.clase, classArgs, lang, USAGE.claseFooter));
    return EXIT.passed;
  }
  // Every option is checked before the roster is read, and the roster before any AWS call.
  const options = classOptions(positionals, a, lang);
  const lab = await loadLab(options.labId, labDirs(options.labsDir));
  let roster: Roster | undefined;
  if (options.rosterFile) roster = await readRoster(options.rosterFile, options.roleName, !options.snapshotDir);
  else if (options.snapshotDir) roster = await rosterFromSnapshots(options.snapshotDir);

  const opened = await openSource(options, roster, io.env);
  const students = options.shard ? selectShard(opened.roster.students, options.shard) : opened.roster.students;
  const { runClass } = await import("../../class/run.js");
  const { createProgress } = await import("../../class/progress.js");
  const controller = new AbortController();
  const stopListening = io.onInterrupt?.(() => controller.abort());
  const progress = createProgress({ stream: io.stderr, lang, now: io.now });
  const { shard } = options;
  let run;
  try {
    const starting = { lab: lab.id, count: students.length, concurrency: options.concurrency, shard: shard ? say("startingShard", lang, { index: shard.index, count: shard.count }) : "" };
    io.stderr.write(`calificar: ${say("starting", lang, starting)}\n`);
    run = await runClass({
      lab,
      students,
      out: options.out,
      lang,
      region: opened.region,
      concurrency: options.concurrency,
      deadlineMs: options.timeoutSeconds * 1000,
      resume: a["resume"] === true,
      source: opened.source,
      probe: options.probe,
      ...(a["invoke"] === false ? { noInvoke: true } : {}),
      env: io.env,
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
    opened.close();
  }
  return finishClass(run, lab, options, io);
}

/** notas.csv (one row per roster row of this run, in the roster's order), the summary, the exit code. */
async function finishClass(run: ClassRun, lab: Lab, options: ClassOptions, io: Io): Promise<ExitCode> {
  const [{ hasGrade }, { renderSummary }, { mergeClass }, gradebook, folder, { writeFileAtomic }] = await Promise.all([
    import("../../class/run.js"),
    import("../../class/progress.js"),
    import("../../class/merge.js"),
    import("../../class/gradebook.js"),
    import("../../class/folder.js"),
    import("../../files/write.js"),
  ]);
  const { lang, out } = options;
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
