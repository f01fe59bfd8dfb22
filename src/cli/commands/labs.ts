import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { EXIT, type ExitCode } from "../../core/errors.js";
import type { Io } from "../io.js";
import { labDirs, listLabs } from "../../app/labs.js";

export const labsArgs = {
  lang: { type: "string", default: "es", env: "CALIFICAR_LANG", description: { es: "idioma", en: "language" } },
  labs: { type: "string", valueHint: "CARPETA", description: { es: "carpeta con laboratorios propios", en: "folder with your own labs" } },
  format: { type: "string", valueHint: "text|json", default: "text", description: { es: "formato", en: "format" } },
  help: { type: "boolean", alias: "h", description: { es: "muestra esta ayuda", en: "show this help" } },
} satisfies ArgSpecs;

const usage = {
  es: "Uso: calificar labs [opciones]\n\nLista los laboratorios que se pueden calificar.",
  en: "Usage: calificar labs [options]\n\nLists the labs that can be graded.",
};

/** `calificar labs`: what can be graded. */
export async function labs(argv: string[], io: Io): Promise<ExitCode> {
  const { values: a } = parseArgv(argv, labsArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(usage, labsArgs, lang));
    return EXIT.passed;
  }
  const all = await listLabs(labDirs(typeof a["labs"] === "string" ? a["labs"] : undefined));
  if (a["format"] === "json") {
    io.stdout.write(JSON.stringify(all.map((l) => ({ id: l.id, title: l.title[lang], checks: l.checks.map((c) => c.id) })), null, 2) + "\n");
    return EXIT.passed;
  }
  const width = Math.max(...all.map((l) => l.id.length));
  for (const lab of all) io.stdout.write(`${lab.id.padEnd(width)}  ${lab.title[lang]}\n`);
  return EXIT.passed;
}
