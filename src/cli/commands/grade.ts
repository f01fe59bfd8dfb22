import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import { useColor, type Io } from "../io.js";
import { gradeLab } from "../../app/grade.js";
import { writeFileAtomic } from "../../files/write.js";
import { FORMATS, renderers } from "../../report/index.js";
import { say, type Lang } from "../../core/text.js";
import { ARGS, HINT, OPTION, USAGE } from "../messages.js";

export const gradeArgs = {
  lab: { type: "positional", description: OPTION.lab },
  region: { type: "string", valueHint: HINT.region, description: OPTION.region },
  profile: { type: "string", valueHint: HINT.profile, description: OPTION.profile },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: OPTION.reportLang },
  format: { type: "string", valueHint: FORMATS.join("|"), default: "text", description: OPTION.reportFormat },
  output: { type: "string", alias: "o", valueHint: HINT.file, description: OPTION.output },
  snapshot: { type: "string", valueHint: HINT.file, description: OPTION.snapshot },
  "save-snapshot": { type: "string", valueHint: HINT.file, description: OPTION.saveSnapshot },
  labs: { type: "string", valueHint: HINT.folder, description: OPTION.labs },
  "probe-host": { type: "string", valueHint: HINT.hostPort, env: "CALIFICAR_PROBE_HOST", description: OPTION.probeHost },
  "probe-timeout": { type: "string", valueHint: HINT.seconds, default: "5", description: OPTION.probeTimeout },
  probe: { type: "boolean", default: true, description: OPTION.probe },
  instance: { type: "string", valueHint: HINT.idOrName, description: OPTION.instance },
  function: { type: "string", valueHint: HINT.name, description: OPTION.function },
  bucket: { type: "string", valueHint: HINT.name, description: OPTION.bucket },
  environment: { type: "string", valueHint: HINT.name, description: OPTION.environment },
  invoke: { type: "boolean", default: true, description: OPTION.invoke },
  repo: { type: "string", valueHint: HINT.folder, description: OPTION.repo },
  debug: { type: "boolean", description: OPTION.debug },
} satisfies ArgSpecs;

export function gradeHelp(lang: Lang): string {
  return renderHelp(USAGE.grade, gradeArgs, lang, USAGE.gradeFooter);
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** `calificar <lab>`: collect (or read a snapshot), evaluate, render, exit code. */
export async function grade(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, gradeArgs, io.env);
  const lang = parseLang(a["lang"]);
  const format = str(a["format"]) ?? "text";
  if (!renderers[format]) {
    throw badInput(say(ARGS.unknownFormat, { format, formats: FORMATS.join(", ") }));
  }
  const labId = positionals[0];
  if (!labId) throw badInput(ARGS.missingLab);
  if (positionals.length > 1) throw badInput(say(ARGS.extraArgument, { value: positionals[1]! }));
  const timeoutSeconds = Number(str(a["probe-timeout"]) ?? "5");
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 120)) {
    throw badInput(ARGS.badProbeTimeout);
  }
  const probeHost = str(a["probe-host"]);

  const result = await gradeLab({
    lab: labId,
    labsDir: str(a["labs"]),
    lang,
    region: str(a["region"]),
    profile: str(a["profile"]),
    snapshotFile: str(a["snapshot"]),
    saveSnapshot: str(a["save-snapshot"]),
    select: Object.fromEntries(Object.entries(a).map(([k, v]) => [k, str(v)])),
    noInvoke: a["invoke"] === false,
    repoDir: str(a["repo"]),
    probe: a["probe"] === false ? false : { timeoutSeconds, ...(probeHost ? { host: probeHost } : {}) },
    env: io.env,
    now: io.now,
  });
  const render = await renderers[format]!();
  const output = str(a["output"]);
  if (output) {
    await writeFileAtomic(output, await render(result, { color: false, env: io.env }));
    if (format !== "text" || output) {
      const text = await (await renderers["text"]!())(result, { color: useColor(io) });
      io.stdout.write(text);
    }
  } else {
    io.stdout.write(await render(result, { color: useColor(io), env: io.env }));
  }
  if (result.ungradable) return EXIT.cannotGrade;
  return result.passed ? EXIT.passed : EXIT.notPassed;
}
