import { optionText, probeOption, parseArgv, parseLang } from "../args.js";
import { gradeArgs } from "./grade-args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import { useColor, type Io } from "../io.js";
import { gradeLab } from "../../app/grade.js";
import { writeFileAtomic } from "../../files/write.js";
import { FORMATS, renderers } from "../../report/index.js";
import type { Result } from "../../core/result.js";
import { say } from "../../core/text.js";
import { ARGS, WAIT } from "../messages.js";
import { startSpinner } from "../spinner.js";

/** `calificar <lab>`: collect (or read a snapshot), evaluate, render, exit code. */
export async function grade(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, gradeArgs, io.env);
  const lang = parseLang(a["lang"]);
  const format = optionText(a["format"]) ?? "text";
  if (!renderers[format]) {
    throw badInput(say(ARGS.unknownFormat, { format, formats: FORMATS.join(", ") }));
  }
  const labId = positionals[0];
  if (!labId) throw badInput(ARGS.missingLab);
  if (positionals.length > 1) throw badInput(say(ARGS.extraArgument, { value: positionals[1]! }));
  const probe = probeOption(a);

  // A live grading may wait on AWS (or an endpoint that never answers): show that it is waiting.
  const stopSpinner = optionText(a["snapshot"]) || a["repo-only"] === true ? () => undefined : startSpinner(io, WAIT.grading, lang);
  const result = await gradeLab({
    lab: labId,
    labsDir: optionText(a["labs"]),
    lang,
    region: optionText(a["region"]),
    profile: optionText(a["profile"]),
    snapshotFile: optionText(a["snapshot"]),
    saveSnapshot: optionText(a["save-snapshot"]),
    select: Object.fromEntries(Object.entries(a).map(([k, v]) => [k, optionText(v)])),
    noInvoke: a["invoke"] === false,
    activeProbes: a["probar-crud"] === true,
    repoDir: optionText(a["repo"]),
    repoOnly: a["repo-only"] === true,
    probe,
    env: io.env,
    now: io.now,
  }).finally(stopSpinner);
  await writeReport(result, format, optionText(a["output"]), io);
  if (result.scope.account === "unreachable" || result.ungradable) return EXIT.cannotGrade;
  return result.passed ? EXIT.passed : EXIT.notPassed;
}

/**
 * The report where it was asked for: stdout, or a file (`-o -` is stdout) with a one-line summary
 * in the terminal. An account out of reach is one sentence on stderr; machine formats still get a
 * whole, valid report for scripts and the Action, and so does text when the repository was graded.
 */
async function writeReport(result: Result, format: string, output: string | undefined, io: Io): Promise<void> {
  const unreachable = result.scope.account === "unreachable";
  if (unreachable) io.stderr.write(`calificar: ${result.scope.reason}\n`);
  const render = await renderers[format]!();
  if (output && output !== "-") {
    await writeFileAtomic(output, await render(result, { color: false, env: io.env }));
    const { renderSummary } = await import("../../report/text.js");
    io.stdout.write(renderSummary(result, { color: useColor(io), file: output }));
    return;
  }
  if (unreachable && format === "text" && result.scope.repository !== "graded") return;
  io.stdout.write(await render(result, { color: useColor(io), env: io.env }));
}
