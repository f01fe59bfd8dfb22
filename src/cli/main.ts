import { langFromArgv } from "./args.js";
import { EXIT, UserError, type ExitCode } from "../core/errors.js";
import type { Io } from "./io.js";
import { fill } from "../core/text.js";
import { toolVersion } from "../files/version.js";
import { BUG } from "./messages.js";

type Command = (argv: string[], io: Io) => Promise<ExitCode>;

/** Subcommand -> lazy module. Anything else in first position is a lab id. */
const commands: Record<string, () => Promise<Command>> = {
  labs: async () => (await import("./commands/labs.js")).labs,
  limpieza: async () => (await import("./commands/cleanup.js")).cleanup,
  cleanup: async () => (await import("./commands/cleanup.js")).cleanup,
  politica: async () => (await import("./commands/policy.js")).policy,
  policy: async () => (await import("./commands/policy.js")).policy,
  clase: async () => (await import("./commands/class.js")).classCommand,
  class: async () => (await import("./commands/class.js")).classCommand,
  tablero: async () => (await import("./commands/class-merge.js")).dashboardCommand,
  dashboard: async () => (await import("./commands/class-merge.js")).dashboardCommand,
  notas: async () => (await import("./commands/class-merge.js")).gradebookCommand,
  gradebook: async () => (await import("./commands/class-merge.js")).gradebookCommand,
};

/** Runs the CLI and returns the exit code; never throws, never prints a stack unless --debug. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  const lang = langFromArgv(argv, io.env);
  const debug = argv.includes("--debug");
  try {
    if (argv.includes("--version") || (argv.length === 1 && argv[0] === "-v")) {
      io.stdout.write(`${toolVersion()}\n`);
      return EXIT.passed;
    }
    // A subcommand comes first (`calificar limpieza --region …`) and answers its own --help.
    // Own keys only: `calificar constructor` is an unknown lab, not Object's constructor.
    const sub = argv[0] !== undefined && Object.hasOwn(commands, argv[0]) ? commands[argv[0]] : undefined;
    if (sub) return await (await sub())(argv.slice(1), io);
    if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
      const { gradeHelp } = await import("./commands/grade-args.js");
      io.stdout.write(gradeHelp(lang));
      return argv.length === 0 ? EXIT.badInput : EXIT.passed;
    }
    const { grade } = await import("./commands/grade.js");
    return await grade(argv, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr.write(`calificar: ${err.text[lang]}${err.detail ? `\n  ${err.detail}` : ""}\n`);
      if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`calificar: ${fill(BUG.unexpected[lang], { message })}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT.cannotGrade;
  }
}
