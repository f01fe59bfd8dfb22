import { ROLE_NAME, type PolicyDocument } from "../core/policy.js";

/**
 * What the INSTRUCTOR's identity needs to run `calificar clase` (the students' side is
 * policies/instructor-role.yaml). `calificar policy --instructor` prints it and
 * policies/instructor-policy.json is that output; test/class/instructor-policy.test.ts keeps both
 * equal to what the class code sends. sts:GetCallerIdentity is left out: AWS allows it to everyone.
 */
export const CLASS_ACTIONS = {
  /** Into each student's account (src/class/access.ts). */
  assumeRole: ["sts:AssumeRole"],
  /** `--organizacion` (src/class/organization.ts): who the organization's management account is, its accounts, their tags. */
  organization: ["organizations:DescribeOrganization", "organizations:ListAccounts", "organizations:ListTagsForResource"],
} as const;

export function instructorPolicyDocument(roleName: string = ROLE_NAME): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      // Only roles of that name, in any account: the students' accounts are not known in advance.
      { Sid: "AssumeStudentRole", Effect: "Allow", Action: [...CLASS_ACTIONS.assumeRole], Resource: `arn:aws:iam::*:role/${roleName}` },
      // Organizations has no resource-level permission for ListAccounts or DescribeOrganization.
      { Sid: "ListOrganizationAccounts", Effect: "Allow", Action: [...CLASS_ACTIONS.organization], Resource: "*" },
    ],
  };
}
