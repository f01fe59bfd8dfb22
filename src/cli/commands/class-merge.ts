import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import type { Lang } from "../../core/text.js";
import type { Io } from "../io.js";
import { classText, say } from "../../class/messages.js";
import type { ClassSummary } from "../../class/merge.js";

/**
 * `calificar tablero DIR...` and `calificar notas DIR...`: the folders of one or several class
 * runs (the shards of a CI matrix) merged into the dashboard or the gradebook.
 */

const common = {
  folders: { type: "positional", description: { es: "carpetas de informes", en: "reports folders" } },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: { es: "idioma", en: "language" } },
  debug: { type: "boolean", description: { es: "muestra detalles técnicos de los errores", en: "show technical details of errors" } },
  help: { type: "boolean", alias: "h", description: { es: "muestra esta ayuda", en: "show this help" } },
} satisfies ArgSpecs;

export const dashboardArgs = {
  ...common,
  output: { type: "string", alias: "o", valueHint: "ARCHIVO", default: "tablero.html", description: { es: "página que se escribe («-»: la salida estándar)", en: "page to write («-»: standard output)" } },
} satisfies ArgSpecs;

export const gradebookArgs = {
  ...common,
  output: { type: "string", alias: "o", valueHint: "ARCHIVO", description: { es: "archivo que se escribe (notas.csv, o notas-canvas.csv con --canvas; «-»: la salida estándar)", en: "file to write (notas.csv, or notas-canvas.csv with --canvas; «-»: standard output)" } },
  canvas: { type: "boolean", description: { es: "el formato de importación de Canvas (Student, ID, SIS User ID, SIS Login ID, Section, la tarea)", en: "Canvas's import format (Student, ID, SIS User ID, SIS Login ID, Section, the assignment)" } },
  "canvas-assignment": { type: "string", valueHint: "TAREA", description: { es: "con --canvas: la columna de la tarea (por defecto el id del laboratorio; «Título (123)» actualiza la tarea 123)", en: "with --canvas: the assignment column (default: the lab id; «Title (123)» updates assignment 123)" } },
  "canvas-id": { type: "string", valueHint: "email|login|sis", default: "email", description: { es: "con --canvas: cómo reconoce Canvas al alumno: su SIS Login ID es el email o el alumno, o su SIS User ID es el alumno", en: "with --canvas: how Canvas finds the student: their SIS Login ID is the email or the student id, or their SIS User ID is the student id" } },
} satisfies ArgSpecs;

const dashboardUsage = {
  es: "Uso: calificar tablero CARPETA... [--output tablero.html]   (alias: dashboard)\n\nLa clase en una página HTML autocontenida (sin red): resumen, distribución de notas, cada\ncomprobación, la tabla de alumnos con su informe y los que no se pudieron calificar.",
  en: "Usage: calificar dashboard FOLDER... [--output tablero.html]   (alias: tablero)\n\nThe class on one self-contained HTML page (no network): summary, score distribution, each\ncheck, the students' table with their reports and those who could not be graded.",
};

const gradebookUsage = {
  es: "Uso: calificar notas CARPETA... [--output notas.csv] [--canvas]   (alias: gradebook)\n\nEl libro de notas de una o varias carpetas de informes (las partes de una matriz de CI), para\nMoodle (notas.csv) o Canvas (--canvas).",
  en: "Usage: calificar gradebook FOLDER... [--output notas.csv] [--canvas]   (alias: notas)\n\nThe gradebook of one or several reports folders (the parts of a CI matrix), for Moodle\n(notas.csv) or Canvas (--canvas).",
};

async function merged(command: string, folders: string[], io: Io, lang: Lang): Promise<ClassSummary> {
  if (!folders.length) throw badInput(classText("needFolders", { command }));
  const { mergeFolders } = await import("../../class/folder.js");
  const { summary, skipped } = await mergeFolders(folders);
  for (const { file, why } of skipped) io.stderr.write(`calificar: ${say("skippedFile", lang, { file, reason: why[lang] })}\n`);
  if (summary.conflicts.length) {
    const students = summary.conflicts.slice(0, 5).map((c) => c.student).join(", ") + (summary.conflicts.length > 5 ? "…" : "");
    io.stderr.write(`calificar: ${say("conflicts", lang, { count: summary.conflicts.length, students })}\n`);
  }
  return summary;
}

async function write(output: string, text: string, io: Io, lang: Lang, size: number): Promise<void> {
  if (output === "-") {
    io.stdout.write(text);
    return;
  }
  const { writeFileAtomic } = await import("../../files/write.js");
  await writeFileAtomic(output, text);
  io.stderr.write(`calificar: ${say("written", lang, { file: output, size })}\n`);
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** `calificar tablero DIR...`. */
export async function dashboardCommand(argv: string[], io: Io): Promise<ExitCode> {
  const { _: folders, values: a } = parseArgv(argv, dashboardArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(dashboardUsage, dashboardArgs, lang));
    return EXIT.passed;
  }
  const summary = await merged("tablero", folders, io, lang);
  const { renderDashboard } = await import("../../class/dashboard.js");
  await write(str(a["output"]) ?? "tablero.html", renderDashboard(summary, lang), io, lang, summary.size);
  return EXIT.passed;
}

/** `calificar notas DIR...`. */
export async function gradebookCommand(argv: string[], io: Io): Promise<ExitCode> {
  const { _: folders, values: a } = parseArgv(argv, gradebookArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(gradebookUsage, gradebookArgs, lang));
    return EXIT.passed;
  }
  const canvas = a["canvas"] === true;
  const identifyBy = str(a["canvas-id"]) ?? "email";
  if (identifyBy !== "email" && identifyBy !== "login" && identifyBy !== "sis") throw badInput(classText("canvasIdentity"));
  const summary = await merged("notas", folders, io, lang);
  const gradebook = await import("../../class/gradebook.js");
  const rows = summary.entries.map(gradebook.gradebookRowFromEntry);
  let text: string;
  if (canvas) {
    const assignment = str(a["canvas-assignment"]) ?? summary.lab?.id ?? "calificar";
    try {
      text = gradebook.renderCanvasGradebook(rows, { assignment, identifyBy });
    } catch (err) {
      if (err instanceof RangeError) throw badInput(classText("canvasAssignment", { value: assignment }));
      throw err;
    }
  } else {
    text = gradebook.renderGradebook(rows, summary.checks.map((c) => c.id), lang);
  }
  await write(str(a["output"]) ?? (canvas ? "notas-canvas.csv" : "notas.csv"), text, io, lang, summary.size);
  return EXIT.passed;
}
