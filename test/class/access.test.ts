import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  type AccountState,
  OrganizationsServiceException,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accessProblem, instructorIdentity, sessionName, type AccessCode, type Instructor } from "../../src/class/access.js";
import { organizationRoster } from "../../src/class/organization.js";
import { CLASS_ACTIONS, instructorPolicyDocument } from "../../src/class/policy.js";
import { ClientPool } from "../../src/collect/clients.js";
import type { ClassifiedError } from "../../src/collect/aws-errors.js";
import { EXIT, UserError } from "../../src/core/errors.js";
import { renderPolicyJson } from "../../src/core/policy.js";
import { main } from "../../src/cli/main.js";
import { ROOT } from "../support/cli.js";

const INSTRUCTOR: Instructor = { accountId: "111122223333", arn: "arn:aws:iam::111122223333:user/profe" };
const ROLE = "arn:aws:iam::444455556666:role/calificar-readonly";
const context = { instructor: INSTRUCTOR, region: "eu-south-2", defaultExternalId: null };

describe("sessionName", () => {
  it.each([
    ["ana", "calificar-ana"],
    ["ana.garcia@uni.es", "calificar-ana.garcia@uni.es"],
    ["Ana García (2)", "calificar-Ana-Garc-a--2-"],
    ["x".repeat(80), `calificar-${"x".repeat(54)}`],
  ])("%s → %s (AWS allows [\\w+=,.@-], up to 64)", (id, name) => {
    expect(sessionName(id)).toBe(name);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe("accessProblem: what AWS's answer to AssumeRole means to the instructor", () => {
  const error = (kind: ClassifiedError["kind"], code: string, message = "m"): ClassifiedError => ({ kind, code, message });
  const trustMessage = `User: ${INSTRUCTOR.arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;
  it.each<[string, ClassifiedError, string | null, AccessCode, string[]]>([
    ["a role that is missing, distrusts the account or wants another ExternalId", error("denied", "AccessDenied", trustMessage), "curso-2026", "role-denied", ["444455556666", "111122223333", "«curso-2026»", "--parameter-overrides InstructorAccountId=111122223333 ExternalId=curso-2026"]],
    ["the same with no ExternalId given: the course's role requires one", error("denied", "AccessDenied", trustMessage), null, "role-denied", ["external_id", "--external-id", "InstructorAccountId=111122223333"]],
    ["the instructor's own policy is what is missing", error("denied", "AccessDenied", `${trustMessage} because no identity-based policy allows the sts:AssumeRole action`), "x1", "instructor-policy", ["policies/instructor-policy.json", INSTRUCTOR.arn]],
    ["throttled past the retries", error("throttled", "Throttling", "Rate exceeded"), "x1", "throttled", ["--resume", "--concurrency", "111122223333"]],
    ["a timeout", error("timeout", "TimeoutError"), "x1", "timeout", ["--resume", ROLE]],
    ["a dropped connection", error("network", "ECONNRESET"), "x1", "timeout", ["--resume"]],
    ["the instructor's keys expired mid-run", error("credentials", "ExpiredToken"), "x1", "instructor-credentials", ["ExpiredToken", "--resume"]],
    ["STS off in the region", error("api", "RegionDisabledException"), "x1", "region-disabled", ["eu-south-2"]],
    ["anything else, with AWS's words", error("api", "MalformedPolicyDocument", "bad"), "x1", "sts-error", ["MalformedPolicyDocument", "bad"]],
  ])("%s", (_, classified, externalId, code, says) => {
    const problem = accessProblem(classified, ROLE, externalId, context);
    expect(problem.code).toBe(code);
    for (const words of says) {
      expect(problem.why.es).toContain(words);
      expect(problem.why.en).toContain(words);
    }
    expect(problem.detail).toContain(classified.code);
  });
});

describe("instructorIdentity: the instructor's own credentials", () => {
  const sts = mockClient(STSClient);
  let pool: ClientPool;
  beforeEach(() => {
    sts.reset();
    pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAPROFE", secretAccessKey: "x" }) });
  });
  afterEach(() => pool.destroy());

  it("names the account every role must trust", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: "111122223333", Arn: INSTRUCTOR.arn, UserId: "AIDA" });
    expect(await instructorIdentity(pool, "us-east-1", { profile: undefined, endpoint: undefined })).toEqual(INSTRUCTOR);
  });

  it("stops the class with exit 3 when they do not work", async () => {
    sts.on(GetCallerIdentityCommand).rejects(new STSServiceException({ name: "InvalidClientTokenId", $fault: "client", message: "The security token included in the request is invalid.", $metadata: {} }));
    const failure = await instructorIdentity(pool, "us-east-1", { profile: "profe", endpoint: undefined }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).exitCode).toBe(EXIT.cannotGrade);
    expect((failure as UserError).text.es).toContain("«profe»");
  });
});

describe("organizationRoster: the accounts of the instructor's organization", () => {
  const org = mockClient(OrganizationsClient);
  const client = new OrganizationsClient({ region: "us-east-1", credentials: { accessKeyId: "AKIAPROFE", secretAccessKey: "x" } });
  beforeEach(() => org.reset());

  const account = (Id: string, Name: string, State: AccountState = "ACTIVE") => ({ Id, Arn: `arn:aws:organizations::111122223333:account/o-abc/${Id}`, Name, Email: `${Id}@uni.es`, State, JoinedMethod: "CREATED" as const });

  it("lists every page, leaves out the management and the instructor's accounts and anything not ACTIVE", async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-abc", MasterAccountId: "999988887777" } });
    org.on(ListAccountsCommand, {}).resolves({ Accounts: [account("999988887777", "gestion"), account("200000000001", "Ana García")], NextToken: "p2" });
    org.on(ListAccountsCommand, { NextToken: "p2" }).resolves({ Accounts: [account("111122223333", "profe"), account("200000000002", "Luis"), account("200000000003", "Baja", "SUSPENDED")] });
    const roster = await organizationRoster({ client, instructor: INSTRUCTOR, defaultRoleName: "calificar-readonly" });
    expect(roster.students.map((s) => [s.student, s.accountId, s.roleArn])).toEqual([
      ["ana-garcia", "200000000001", "arn:aws:iam::200000000001:role/calificar-readonly"],
      ["luis", "200000000002", "arn:aws:iam::200000000002:role/calificar-readonly"],
    ]);
    expect(org.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
  });

  it("takes ids from --tag-alumno, asking only for the tags of active accounts", async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-abc", MasterAccountId: "111122223333" } });
    org.on(ListAccountsCommand).resolves({ Accounts: [account("200000000001", "Cuenta 1"), account("200000000002", "Cuenta 2"), account("200000000003", "Baja", "CLOSED")] });
    org.on(ListTagsForResourceCommand, { ResourceId: "200000000001" }).resolves({ Tags: [{ Key: "alumno", Value: "a.garcia" }] });
    org.on(ListTagsForResourceCommand, { ResourceId: "200000000002" }).resolves({ Tags: [{ Key: "curso", Value: "2026" }, { Key: "alumno", Value: "l.perez" }] });
    const roster = await organizationRoster({ client, instructor: INSTRUCTOR, defaultRoleName: "calificar-readonly", tagName: "alumno" });
    expect(roster.students.map((s) => s.student)).toEqual(["a.garcia", "l.perez"]);
    expect(org.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceId).sort()).toEqual(["200000000001", "200000000002"]);
  });

  it.each([
    ["AWSOrganizationsNotInUseException", "--roster"],
    ["AccessDeniedException", "policies/instructor-policy.json"],
  ])("%s stops the class with exit 3 and says what to do", async (name, says) => {
    org.on(DescribeOrganizationCommand).rejects(new OrganizationsServiceException({ name, $fault: "client", message: "no", $metadata: { httpStatusCode: 400 } }));
    const failure = (await organizationRoster({ client, instructor: INSTRUCTOR, defaultRoleName: "calificar-readonly" }).catch((e: unknown) => e)) as UserError;
    expect(failure).toBeInstanceOf(UserError);
    expect(failure.exitCode).toBe(EXIT.cannotGrade);
    expect(failure.text.es).toContain(says);
  });

  it("sends only what the instructor policy allows", async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-abc", MasterAccountId: "999988887777" } });
    org.on(ListAccountsCommand).resolves({ Accounts: [account("200000000001", "Ana")] });
    org.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: "alumno", Value: "ana" }] });
    await organizationRoster({ client, instructor: INSTRUCTOR, defaultRoleName: "calificar-readonly", tagName: "alumno" });
    const sent = new Set(org.calls().map((c) => `organizations:${(c.args[0] as object).constructor.name.replace(/Command$/, "")}`));
    expect([...sent].sort()).toEqual([...CLASS_ACTIONS.organization].sort());
  });
});

describe("the instructor's policy (policies/instructor-policy.json)", () => {
  it("is exactly what `calificar policy --instructor` prints", async () => {
    let stdout = "";
    const code = await main(["policy", "--instructor"], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, env: {}, now: () => new Date() });
    expect(code).toBe(EXIT.passed);
    expect(stdout).toBe(renderPolicyJson(instructorPolicyDocument()));
    expect(readFileSync(join(ROOT, "policies", "instructor-policy.json"), "utf8")).toBe(stdout);
  });

  it("allows AssumeRole only on the students' role, and the Organizations listings", () => {
    const policy = instructorPolicyDocument("mi-rol");
    expect(policy.Statement).toEqual([
      { Sid: "AssumeStudentRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "arn:aws:iam::*:role/mi-rol" },
      { Sid: "ListOrganizationAccounts", Effect: "Allow", Action: ["organizations:DescribeOrganization", "organizations:ListAccounts", "organizations:ListTagsForResource"], Resource: "*" },
    ]);
  });
});
