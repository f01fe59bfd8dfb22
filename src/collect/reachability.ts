import { cannotGrade } from "../core/errors.js";
import { credentialsProblem, unreachableText, type Whereabouts } from "../core/reach.js";
import type { CallError } from "../core/snapshot.js";

export { credentialsProblem, type Whereabouts };

/** The UserError (exit code 3) for an account that cannot be reached. */
export function cannotReachAws(error: CallError, where: Whereabouts) {
  return cannotGrade(unreachableText(error, where), error.message);
}
