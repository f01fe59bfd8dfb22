import { shippedPolicy } from "../../app/policy.js";
import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import type { Io } from "../io.js";
import { renderInstructorRole, renderPolicyJson } from "../../core/policy.js";

const FORMATS = ["json", "cloudformation"] as const;

export const policyArgs = {
  format: {
    type: "string",
    valueHint: FORMATS.join("|"),
    default: "json",
    description: {
      es: "json: la política IAM; cloudformation: la plantilla del rol de instructor (con ExternalId)",
      en: "json: the IAM policy; cloudformation: the instructor role's template (with ExternalId)",
    },
  },
  invoke: {
    type: "boolean",
    default: true,
    description: {
      es: "sin lambda:InvokeFunction, la única llamada activa (lab-lambda se califica entonces con --no-invoke)",
      en: "without lambda:InvokeFunction, the only active call (lab-lambda is then graded with --no-invoke)",
    },
  },
  instructor: {
    type: "boolean",
    description: {
      es: "la política de TU identidad de instructor para calificar clase (sts:AssumeRole y AWS Organizations), en JSON",
      en: "the policy of YOUR instructor identity for calificar class (sts:AssumeRole and AWS Organizations), as JSON",
    },
  },
  "role-name": {
    type: "string",
    valueHint: "NOMBRE",
    description: { es: "con --instructor: el rol de los alumnos (por defecto calificar-readonly)", en: "with --instructor: the students' role (default calificar-readonly)" },
  },
  lang: { type: "string", default: "es", env: "CALIFICAR_LANG", description: { es: "idioma", en: "language" } },
  help: { type: "boolean", alias: "h", description: { es: "muestra esta ayuda", en: "show this help" } },
} satisfies ArgSpecs;

const usage = {
  es: "Uso: calificar policy [opciones]   (alias: politica)\n\nImprime la política IAM de solo lectura que calificar necesita, derivada de lo que declara cada colector.",
  en: "Usage: calificar policy [options]   (alias: politica)\n\nPrints the read-only IAM policy calificar needs, derived from what every collector declares.",
};

/** `calificar policy`: the IAM policy calificar needs, from what every collector declares. */
export async function policy(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, policyArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(usage, policyArgs, lang));
    return EXIT.passed;
  }
  if (positionals.length > 0) throw badInput({ es: `Sobra el argumento «${positionals[0]}»`, en: `Unexpected argument «${positionals[0]}»` });
  const format = a["format"] ?? "json";
  if (format !== "json" && format !== "cloudformation") {
    throw badInput({
      es: `Formato desconocido: ${String(format)} (disponibles: ${FORMATS.join(", ")})`,
      en: `Unknown format: ${String(format)} (available: ${FORMATS.join(", ")})`,
    });
  }
  if (a["instructor"] === true) {
    if (format !== "json") {
      throw badInput({ es: "--instructor solo se imprime como json", en: "--instructor is only printed as json" });
    }
    const { instructorPolicyDocument } = await import("../../class/policy.js");
    const roleName = typeof a["role-name"] === "string" && a["role-name"] !== "" ? a["role-name"] : undefined;
    if (roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(roleName)) {
      throw badInput({ es: `--role-name «${roleName}» no es un nombre de rol de IAM válido`, en: `--role-name «${roleName}» is not a valid IAM role name` });
    }
    io.stdout.write(renderPolicyJson(instructorPolicyDocument(roleName)));
    return EXIT.passed;
  }
  const document = await shippedPolicy({ invoke: a["invoke"] !== false });
  io.stdout.write(format === "json" ? renderPolicyJson(document) : renderInstructorRole(document));
  return EXIT.passed;
}
