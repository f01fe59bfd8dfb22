import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { EXIT, type ExitCode } from "../../core/errors.js";
import type { Io } from "../io.js";
import { HINT, OPTION, USAGE } from "../messages.js";
import { labDirs, listLabs } from "../../app/labs.js";

export const labsArgs = {
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: OPTION.lang },
  labs: { type: "string", valueHint: HINT.folder, description: OPTION.labs },
  format: { type: "string", valueHint: "text|json", default: "text", description: OPTION.format },
  help: { type: "boolean", alias: "h", description: OPTION.help },
} satisfies ArgSpecs;

/** `calificar labs`: what can be graded. */
export async function labs(argv: string[], io: Io): Promise<ExitCode> {
  const { values: a } = parseArgv(argv, labsArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(USAGE.labs, labsArgs, lang));
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
