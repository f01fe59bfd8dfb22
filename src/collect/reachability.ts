import { cannotGrade } from "../core/errors.js";
import type { CallError } from "../core/snapshot.js";
import { say, type Text } from "../core/text.js";
import { REACH } from "./messages.js";

/** The STS failure (credentials, network) that means nothing else can work either. */
export function credentialsProblem(errors: CallError[]): CallError | undefined {
  return errors.find((e) => e.action === "sts:GetCallerIdentity" && (e.kind === "credentials" || e.kind === "network" || e.kind === "timeout"));
}

/** Where the account was asked, for the words of an unreachable account. */
export interface Whereabouts {
  profile: string | undefined;
  endpoint: string | undefined;
  /** The Action's advice differs from the terminal's: no `aws configure` on a runner. */
  door?: "cli" | "action";
}

/** Why nothing can be reached, in the student's words. */
export function unreachableText(error: CallError, where: Whereabouts): Text {
  const { profile, endpoint } = where;
  const data = { code: error.code, profile: profile ?? "", endpoint: endpoint ?? "" };
  if (error.kind === "credentials") {
    if (/Expired|TokenRefresh/i.test(error.code)) return say(REACH.credentialsExpired, data);
    // A mistyped --profile or AWS_PROFILE reads as "no credentials" in the SDK's words: name it.
    if (profile) return say(REACH.profileHasNoCredentials, data);
    return say(where.door === "action" ? REACH.noCredentialsInAction : REACH.noCredentials, data);
  }
  // A timeout means the connection was made and nobody answered: not a connection problem.
  if (error.kind === "timeout") return say(endpoint ? REACH.noAnswerEndpoint : REACH.noAnswer, data);
  return say(endpoint ? REACH.cannotConnectEndpoint : REACH.cannotConnect, data);
}

/** The UserError (exit code 3) for an account that cannot be reached. */
export function cannotReachAws(error: CallError, where: Whereabouts) {
  return cannotGrade(unreachableText(error, where), error.message);
}
