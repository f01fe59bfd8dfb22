import { REACH } from "./messages.js";
import type { CallError } from "./snapshot.js";
import { say, type Text } from "./text.js";

// GetCallerIdentity needs no permission: when it is denied, the credentials themselves are refused
// (a suspended account, an organization's policy), and nothing else can work either.
const OUT_OF_REACH = new Set<CallError["kind"]>(["credentials", "network", "timeout", "denied"]);

/** The STS failure (credentials, network, no answer, refused) that means nothing else in the account can work either. */
export function credentialsProblem(errors: readonly CallError[]): CallError | undefined {
  return errors.find((e) => e.action === "sts:GetCallerIdentity" && OUT_OF_REACH.has(e.kind));
}

/** Where the account was asked, for the words of an unreachable account. */
export interface Whereabouts {
  profile?: string | undefined;
  endpoint?: string | undefined;
  /** The Action's advice differs from the terminal's: no `aws configure` on a runner. */
  door?: "cli" | "action";
}

/** Why nothing in the account can be reached, in the student's words, with the fix for their door. */
export function unreachableText(error: CallError, where: Whereabouts): Text {
  const { profile, endpoint } = where;
  const data = { code: error.code, profile: profile ?? "", endpoint: endpoint ?? "" };
  if (error.kind === "credentials") {
    if (/Expired|TokenRefresh/i.test(error.code)) return say(REACH.credentialsExpired, data);
    // A mistyped --profile or AWS_PROFILE reads as "no credentials" in the SDK's words: name it.
    if (profile) return say(REACH.profileHasNoCredentials, data);
    return say(where.door === "action" ? REACH.noCredentialsInAction : REACH.noCredentials, data);
  }
  if (error.kind === "denied") return say(REACH.identityDenied, data);
  // A timeout means the connection was made and nobody answered: not a connection problem.
  if (error.kind === "timeout") return say(endpoint ? REACH.noAnswerEndpoint : REACH.noAnswer, data);
  return say(endpoint ? REACH.cannotConnectEndpoint : REACH.cannotConnect, data);
}
