import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import { useColor, type Io } from "../io.js";
import { gradeLab } from "../../app/grade.js";
import { writeFileAtomic } from "../../files/write.js";
import { FORMATS, renderers } from "../../report/index.js";
import type { Lang } from "../../core/text.js";

export const gradeArgs = {
  lab: { type: "positional", description: { es: "laboratorio", en: "lab" } },
  region: { type: "string", valueHint: "REGIÓN", description: { es: "región de AWS a calificar (por defecto la de tu perfil, o us-east-1)", en: "AWS region to grade (default: your profile's, or us-east-1)" } },
  profile: { type: "string", valueHint: "PERFIL", description: { es: "perfil de ~/.aws a usar", en: "~/.aws profile to use" } },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: { es: "idioma del informe", en: "report language" } },
  format: { type: "string", valueHint: FORMATS.join("|"), default: "text", description: { es: "formato del informe", en: "report format" } },
  output: { type: "string", alias: "o", valueHint: "ARCHIVO", description: { es: "escribe el informe en ARCHIVO (y el resumen en la terminal)", en: "write the report to FILE (and the summary to the terminal)" } },
  snapshot: { type: "string", valueHint: "ARCHIVO", description: { es: "califica una instantánea guardada, sin acceder a AWS", en: "grade a saved snapshot, with no AWS access" } },
  "save-snapshot": { type: "string", valueHint: "ARCHIVO", description: { es: "guarda lo recogido de la cuenta en ARCHIVO", en: "save what was collected from the account to FILE" } },
  labs: { type: "string", valueHint: "CARPETA", description: { es: "carpeta con laboratorios propios (del instructor)", en: "folder with your own labs (instructor's)" } },
  "probe-host": { type: "string", valueHint: "HOST[:PUERTO]", env: "CALIFICAR_PROBE_HOST", description: { es: "prueba HTTP contra este host en lugar de la IP pública (emuladores, pruebas)", en: "send HTTP probes to this host instead of the public IP (emulators, tests)" } },
  "probe-timeout": { type: "string", valueHint: "SEGUNDOS", default: "5", description: { es: "tiempo máximo de cada prueba HTTP", en: "time limit of each HTTP probe" } },
  probe: { type: "boolean", default: true, description: { es: "no hacer pruebas HTTP (las comprobaciones que las necesitan se omiten)", en: "make no HTTP probes (checks that need them are skipped)" } },
  instance: { type: "string", valueHint: "ID|NOMBRE", description: { es: "califica esta instancia (lab-ec2)", en: "grade this instance (lab-ec2)" } },
  function: { type: "string", valueHint: "NOMBRE", description: { es: "califica esta función (lab-lambda)", en: "grade this function (lab-lambda)" } },
  bucket: { type: "string", valueHint: "NOMBRE", description: { es: "califica este bucket (lab-s3)", en: "grade this bucket (lab-s3)" } },
  environment: { type: "string", valueHint: "NOMBRE", description: { es: "califica este entorno (lab-beanstalk)", en: "grade this environment (lab-beanstalk)" } },
  invoke: {
    type: "boolean",
    default: true,
    description: {
      es: "no invocar la función Lambda: leer su último registro en CloudWatch Logs (invocar es la única llamada activa de calificar)",
      en: "do not invoke the Lambda function: read its latest CloudWatch Logs stream (invoking is calificar's only active call)",
    },
  },
  repo: { type: "string", valueHint: "CARPETA", description: { es: "repositorio de la entrega, para las comprobaciones de archivos", en: "submission repository, for file checks" } },
  debug: { type: "boolean", description: { es: "muestra detalles técnicos de los errores", en: "show technical details of errors" } },
} satisfies ArgSpecs;

export const gradeUsage = {
  es: "Uso: calificar <laboratorio> [opciones]\n\nInspecciona tu cuenta de AWS (solo lectura) y califica el laboratorio.\nEjemplo: npx calificar lab-ec2 --region us-east-1",
  en: "Usage: calificar <lab> [options]\n\nInspects your AWS account (read-only) and grades the lab.\nExample: npx calificar lab-ec2 --region us-east-1",
};

const footer = {
  es: "Comandos: calificar labs (lista los laboratorios) · calificar limpieza (lo que aún cuesta dinero) · calificar policy (la política IAM que necesita).\nInstructores: calificar clase (toda la clase) · calificar tablero (la clase en una página) · calificar notas (libro de notas). Cada uno con --help.\nCódigos de salida: 0 aprobado · 1 calificado, no aprobado · 2 entrada incorrecta · 3 no se pudo calificar.",
  en: "Commands: calificar labs (list labs) · calificar cleanup (what still costs money) · calificar policy (the IAM policy it needs).\nInstructors: calificar class (the whole class) · calificar dashboard (the class on one page) · calificar gradebook (gradebook). Each with --help.\nExit codes: 0 passed · 1 graded, not passed · 2 bad input · 3 could not grade.",
};

export function gradeHelp(lang: Lang): string {
  return renderHelp(gradeUsage, gradeArgs, lang, footer);
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
    throw badInput({ es: `Formato desconocido: ${format} (disponibles: ${FORMATS.join(", ")})`, en: `Unknown format: ${format} (available: ${FORMATS.join(", ")})` });
  }
  const labId = positionals[0];
  if (!labId) throw badInput({ es: "Indica el laboratorio, p. ej.: calificar lab-ec2", en: "Name the lab, e.g.: calificar lab-ec2" });
  if (positionals.length > 1) throw badInput({ es: `Sobra el argumento «${positionals[1]}»`, en: `Unexpected argument «${positionals[1]}»` });
  const timeoutSeconds = Number(str(a["probe-timeout"]) ?? "5");
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 120)) {
    throw badInput({ es: "--probe-timeout debe ser un número de segundos entre 0 y 120", en: "--probe-timeout must be a number of seconds between 0 and 120" });
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
