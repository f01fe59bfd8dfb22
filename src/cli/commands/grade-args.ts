// The grading command's options and --help, apart from the command itself: `calificar --help`
// loads this and not the grading stack.
import { renderHelp, type ArgSpecs } from "../args.js";
import { FORMATS } from "../../report/index.js";
import type { Lang } from "../../core/text.js";
import { HINT, OPTION, USAGE } from "../messages.js";

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
  api: { type: "string", valueHint: HINT.idOrName, description: OPTION.api },
  queue: { type: "string", valueHint: HINT.name, description: OPTION.queue },
  invoke: { type: "boolean", default: true, description: OPTION.invoke },
  "probar-crud": { type: "boolean", alias: "try-crud", description: OPTION.tryCrud },
  repo: { type: "string", valueHint: HINT.folder, description: OPTION.repo },
  "repo-only": { type: "boolean", alias: "solo-repo", description: OPTION.repoOnly },
  debug: { type: "boolean", description: OPTION.debug },
} satisfies ArgSpecs;

export function gradeHelp(lang: Lang): string {
  return renderHelp(USAGE.grade, gradeArgs, lang, USAGE.gradeFooter);
}
