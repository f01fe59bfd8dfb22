import { optionText, parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import type { Lang } from "../../core/text.js";
import type { Io } from "../io.js";
import { HINT, OPTION, USAGE } from "../messages.js";
import { classText, say } from "../../class/messages.js";
import type { ClassSummary } from "../../class/merge.js";

/**
 * `calificar tablero DIR...` and `calificar notas DIR...`: the folders of one or several class
 * runs (the shards of a CI matrix) merged into the dashboard or the gradebook.
 */

const common = {
  folders: { type: "positional", description: OPTION.mergeFolders },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: OPTION.lang },
  debug: { type: "boolean", description: OPTION.debug },
  help: { type: "boolean", alias: "h", description: OPTION.help },
} satisfies ArgSpecs;

export const dashboardArgs = {
  ...common,
  output: { type: "string", alias: "o", valueHint: HINT.file, default: "tablero.html", description: OPTION.tableroOutput },
} satisfies ArgSpecs;

export const gradebookArgs = {
  ...common,
  output: { type: "string", alias: "o", valueHint: HINT.file, description: OPTION.notasOutput },
  canvas: { type: "boolean", description: OPTION.mergeCanvas },
  "canvas-assignment": { type: "string", valueHint: HINT.assignment, description: OPTION.mergeCanvasAssignment },
  "canvas-id": { type: "string", valueHint: "email|login|sis", default: "email", description: OPTION.mergeCanvasId },
} satisfies ArgSpecs;

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


/** `calificar tablero DIR...`. */
export async function dashboardCommand(argv: string[], io: Io): Promise<ExitCode> {
  const { _: folders, values: a } = parseArgv(argv, dashboardArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(USAGE.tablero, dashboardArgs, lang));
    return EXIT.passed;
  }
  const summary = await merged("tablero", folders, io, lang);
  const { renderDashboard } = await import("../../class/dashboard.js");
  await write(optionText(a["output"]) ?? "tablero.html", renderDashboard(summary, lang), io, lang, summary.size);
  return EXIT.passed;
}

/** `calificar notas DIR...`. */
export async function gradebookCommand(argv: string[], io: Io): Promise<ExitCode> {
  const { _: folders, values: a } = parseArgv(argv, gradebookArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(USAGE.notas, gradebookArgs, lang));
    return EXIT.passed;
  }
  const canvas = a["canvas"] === true;
  const identifyBy = optionText(a["canvas-id"]) ?? "email";
  if (identifyBy !== "email" && identifyBy !== "login" && identifyBy !== "sis") throw badInput(classText("canvasIdentity"));
  const summary = await merged("notas", folders, io, lang);
  const gradebook = await import("../../class/gradebook.js");
  const rows = summary.entries.map(gradebook.gradebookRowFromEntry);
  let text: string;
  if (canvas) {
    const assignment = optionText(a["canvas-assignment"]) ?? summary.lab?.id ?? "calificar";
    try {
      text = gradebook.renderCanvasGradebook(rows, { assignment, identifyBy });
    } catch (err) {
      if (err instanceof RangeError) throw badInput(classText("canvasAssignment", { value: assignment }));
      throw err;
    }
  } else {
    text = gradebook.renderGradebook(rows, summary.checks.map((c) => c.id), lang);
  }
  await write(optionText(a["output"]) ?? (canvas ? "notas-canvas.csv" : "notas.csv"), text, io, lang, summary.size);
  return EXIT.passed;
}
