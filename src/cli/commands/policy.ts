import { shippedPolicy } from "../../app/policy.js";
import { optionText, parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { isRoleName } from "../../core/aws-names.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import type { Io } from "../io.js";
import { say } from "../../core/text.js";
import { ARGS, HINT, OPTION, USAGE } from "../messages.js";
import { renderInstructorRole, renderPolicyJson } from "../../core/policy.js";

const FORMATS = ["json", "cloudformation"] as const;

export const policyArgs = {
  format: { type: "string", valueHint: FORMATS.join("|"), default: "json", description: OPTION.policyFormat },
  invoke: { type: "boolean", default: true, description: OPTION.policyInvoke },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: OPTION.lang },
  instructor: { type: "boolean", description: OPTION.policyInstructor },
  "role-name": { type: "string", valueHint: HINT.name, description: OPTION.policyRoleName },
  help: { type: "boolean", alias: "h", description: OPTION.help },
} satisfies ArgSpecs;

/** `calificar policy`: the IAM policy calificar needs, from what every collector declares. */
export async function policy(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, policyArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(renderHelp(USAGE.policy, policyArgs, lang));
    return EXIT.passed;
  }
  if (positionals.length > 0) throw badInput(say(ARGS.extraArgument, { value: positionals[0]! }));
  const format = a["format"] ?? "json";
  if (format !== "json" && format !== "cloudformation") {
    throw badInput(say(ARGS.unknownFormat, { format: String(format), formats: FORMATS.join(", ") }));
  }
  if (a["instructor"] === true) {
    if (format !== "json") {
      throw badInput(ARGS.instructorJsonOnly);
    }
    const { instructorPolicyDocument } = await import("../../class/policy.js");
    const roleName = optionText(a["role-name"]);
    if (roleName !== undefined && !isRoleName(roleName)) {
      throw badInput(say(ARGS.badRoleName, { value: roleName }));
    }
    io.stdout.write(renderPolicyJson(instructorPolicyDocument(roleName)));
    return EXIT.passed;
  }
  const document = await shippedPolicy({ invoke: a["invoke"] !== false });
  io.stdout.write(format === "json" ? renderPolicyJson(document) : renderInstructorRole(document));
  return EXIT.passed;
}
