import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { classifyAwsError, type ClassifiedError } from "../collect/aws-errors.js";
import type { ClientPool } from "../collect/clients.js";
import { cannotReachAws, type Whereabouts } from "../collect/reachability.js";
import { cannotGrade, UserError } from "../core/errors.js";
import type { Text } from "../core/text.js";
import { classText } from "./messages.js";
import type { RosterStudent } from "./roster.js";

/**
 * Into each student's account: `sts:AssumeRole` on the role the roster names, and AWS's refusals
 * turned into sentences an instructor can act on. The instructor's own side (who they are, which
 * IAM actions they need) is here too.
 */

/** What AssumeRole is asked: a 15-minute session is enough for one student, and expires soon after. */
export const SESSION_SECONDS = 900;

/** The instructor, as GetCallerIdentity names them: the account the students' roles must trust. */
export interface Instructor {
  accountId: string;
  arn: string;
}

/** Why a student's account could not be entered: a stable code for tools and tests, the words in `why`. */
export type AccessCode =
  | "role-denied"
  | "instructor-policy"
  | "instructor-credentials"
  | "throttled"
  | "timeout"
  | "region-disabled"
  | "sts-error";

export interface AccessProblem {
  code: AccessCode;
  why: Text;
  /** AWS's own words, kept in the record for whoever debugs it. */
  detail: string;
}

export type Access = { ok: true; credentials: AwsCredentialIdentity } | { ok: false; problem: AccessProblem };

/**
 * `calificar-<student>`: CloudTrail in the student's account shows who looked. AWS allows
 * `[\w+=,.@-]`, 2 to 64 characters; roster ids are already close to that, Organization tags may not be.
 */
export function sessionName(student: string): string {
  return `calificar-${student.replace(/[^\w+=,.@-]/g, "-")}`.slice(0, 64);
}

export interface AssumeContext {
  instructor: Instructor;
  /** The region whose STS endpoint is asked (named when STS is disabled there). */
  region: string;
  /** --external-id, for rows that do not give their own. */
  defaultExternalId: string | null;
}

export const externalIdOf = (student: RosterStudent, context: Pick<AssumeContext, "defaultExternalId">) =>
  student.externalId ?? context.defaultExternalId;

/** What an AssumeRole failure means. Pure: `error` is what classifyAwsError made of the SDK's error. */
export function accessProblem(error: ClassifiedError, role: string, externalId: string | null, context: AssumeContext): AccessProblem {
  const { instructor } = context;
  const detail = `${error.code}: ${error.message}`;
  const data = { role, instructor: instructor.accountId, caller: instructor.arn, code: error.code, region: context.region, message: error.message };
  if (error.kind === "denied") {
    // Newer AWS messages say when the caller's own policies are what is missing; a role that is
    // missing, does not trust the caller or wants another ExternalId all read the same.
    if (/identity-based policy|permissions boundary|service control policy/i.test(error.message)) {
      return { code: "instructor-policy", why: classText("instructorPolicy", data), detail };
    }
    return {
      code: "role-denied",
      why: externalId ? classText("roleDenied", { ...data, externalId }) : classText("roleDeniedNoExternalId", data),
      detail,
    };
  }
  if (error.kind === "credentials") return { code: "instructor-credentials", why: classText("instructorCredentials", data), detail };
  if (error.kind === "throttled") return { code: "throttled", why: classText("throttled", data), detail };
  if (error.kind === "timeout" || error.kind === "network") return { code: "timeout", why: classText("stsTimeout", data), detail };
  if (error.code === "RegionDisabledException") return { code: "region-disabled", why: classText("regionDisabled", data), detail };
  return { code: "sts-error", why: classText("stsOther", data), detail };
}

/** AssumeRole into the student's role; an SDK error becomes an AccessProblem, anything else is our bug. */
export async function assumeStudentRole(sts: STSClient, student: RosterStudent, context: AssumeContext): Promise<Access> {
  const role = student.roleArn!;
  const externalId = externalIdOf(student, context);
  try {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: role,
        RoleSessionName: sessionName(student.student),
        DurationSeconds: SESSION_SECONDS,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    );
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      const error = { kind: "api" as const, code: "MalformedResponse", message: "AssumeRole returned no credentials" };
      return { ok: false, problem: accessProblem(error, role, externalId, context) };
    }
    return {
      ok: true,
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      },
    };
  } catch (err) {
    const classified = classifyAwsError(err);
    if (!classified) throw err;
    return { ok: false, problem: accessProblem(classified, role, externalId, context) };
  }
}

/**
 * Who the instructor is (GetCallerIdentity, which needs no permission): the account every
 * student's role must trust, named in the sentences above. Failing here means the instructor's
 * own credentials fail, and nobody can be graded (exit 3).
 */
export async function instructorIdentity(pool: ClientPool, region: string, where: Whereabouts): Promise<Instructor> {
  try {
    const who = await pool.callerIdentity(region);
    if (who.Account && who.Arn) return { accountId: who.Account, arn: who.Arn };
    throw cannotGrade(classText("instructorUnknown", { reason: "GetCallerIdentity" }));
  } catch (err) {
    if (err instanceof UserError) throw err;
    const classified = classifyAwsError(err);
    if (!classified) throw err;
    if (classified.kind === "credentials" || classified.kind === "network" || classified.kind === "timeout") {
      throw cannotReachAws({ action: "sts:GetCallerIdentity", ...classified }, where);
    }
    throw cannotGrade(classText("instructorUnknown", { reason: `${classified.code}: ${classified.message}` }));
  }
}
