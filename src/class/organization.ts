import {
  DescribeOrganizationCommand,
  paginateListAccounts,
  paginateListTagsForResource,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { classifyAwsError } from "../collect/aws-errors.js";
import { mapLimit } from "../collect/map-limit.js";
import { cannotGrade } from "../core/errors.js";
import type { Instructor } from "./access.js";
import { classText } from "./messages.js";
import { rosterFromAccounts, type OrganizationAccount, type Roster } from "./roster.js";

/**
 * `calificar clase --organizacion`: the roster is the member accounts of the instructor's AWS
 * Organization. The calls are the instructor's, declared in src/class/policy.ts.
 */

export interface OrganizationRosterRequest {
  client: OrganizationsClient;
  instructor: Instructor;
  /** `--tag-alumno`: the student id comes from this tag (ListTagsForResource, one call per account). */
  tagName?: string;
  defaultRoleName: string;
  /** Tag look-ups at a time: Organizations allows a few requests per second per account. */
  concurrency?: number;
}

/** Any failure here stops the run before a student is graded: the instructor's own access fails (exit 3). */
function organizationsFailure(err: unknown, instructor: Instructor): never {
  const classified = classifyAwsError(err);
  if (!classified) throw err;
  const data = { account: instructor.accountId, caller: instructor.arn, code: classified.code, message: classified.message };
  if (classified.code === "AWSOrganizationsNotInUseException") throw cannotGrade(classText("orgNotInUse", data));
  if (classified.kind === "denied") throw cannotGrade(classText("orgDenied", data), classified.message);
  throw cannotGrade(classText("orgFailed", data));
}

/**
 * The organization's ACTIVE member accounts as a roster. The management account (from
 * DescribeOrganization, which also names it for a delegated administrator) and the instructor's
 * own account are never students.
 */
export async function organizationRoster(request: OrganizationRosterRequest): Promise<Roster> {
  const { client, instructor } = request;
  let managementAccountId: string;
  const accounts: OrganizationAccount[] = [];
  try {
    const organization = await client.send(new DescribeOrganizationCommand({}));
    managementAccountId = organization.Organization?.MasterAccountId ?? instructor.accountId;
    for await (const page of paginateListAccounts({ client }, {})) {
      for (const account of page.Accounts ?? []) {
        if (!account.Id || account.Id === instructor.accountId) continue;
        accounts.push({
          id: account.Id,
          name: account.Name ?? "",
          email: account.Email ?? "",
          // `Status` is being retired for `State`; emulators may still send only the former.
          status: account.State ?? account.Status ?? "",
        });
      }
    }
    const tagName = request.tagName;
    if (tagName !== undefined) {
      await mapLimit(accounts.filter((a) => a.status === "ACTIVE"), request.concurrency ?? 4, async (account) => {
        const tags: Record<string, string> = {};
        for await (const page of paginateListTagsForResource({ client }, { ResourceId: account.id })) {
          for (const tag of page.Tags ?? []) if (tag.Key !== undefined && tag.Value !== undefined) tags[tag.Key] = tag.Value;
        }
        account.tags = tags;
      });
    }
  } catch (err) {
    organizationsFailure(err, instructor);
  }
  const roster = rosterFromAccounts(accounts, {
    managementAccountId,
    defaultRoleName: request.defaultRoleName,
    ...(request.tagName !== undefined ? { tagName: request.tagName } : {}),
  });
  if (!roster.students.length) throw cannotGrade(classText("orgEmpty"));
  return roster;
}
