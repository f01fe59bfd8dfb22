import { GetAccountSummaryCommand, IAMClient, IAMServiceException, ListMFADevicesCommand, ListUsersCommand, NoSuchEntityException } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { callerOf, type IamFacts } from "../../checks/iam.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// Shapes follow the IAM API reference: GetAccountSummary's SummaryMap (a map of counts and
// quotas, AccountMFAEnabled and AccountAccessKeysPresent being 0 or 1), ListMFADevices'
// MFADevices[] {UserName, SerialNumber, EnableDate} with IsTruncated/Marker, ListUsers' Users[];
// and STS GetCallerIdentity's Arn for root, an IAM user and an assumed role.

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
let pool: ClientPool;

const ACCOUNT = "123456789012";

/** As the IAM API reference's GetAccountSummary example answers, for an account with root MFA on. */
const SUMMARY_MAP = {
  AccessKeysPerUserQuota: 2,
  AccountAccessKeysPresent: 0,
  AccountMFAEnabled: 1,
  AccountSigningCertificatesPresent: 0,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  GroupPolicySizeQuota: 5120,
  Groups: 15,
  GroupsPerUserQuota: 10,
  GroupsQuota: 100,
  MFADevices: 6,
  MFADevicesInUse: 3,
  Policies: 8,
  PoliciesQuota: 1000,
  PolicySizeQuota: 5120,
  PolicyVersionsInUse: 22,
  PolicyVersionsInUseQuota: 10000,
  ServerCertificates: 1,
  ServerCertificatesQuota: 20,
  SigningCertificatesPerUserQuota: 2,
  UserPolicySizeQuota: 2048,
  Users: 27,
  UsersQuota: 5000,
  VersionsPerPolicyQuota: 5,
};

const device = (user: string, serial = `arn:aws:iam::${ACCOUNT}:mfa/${user}`) => ({ UserName: user, SerialNumber: serial, EnableDate: new Date("2026-11-01T12:00:00Z") });

function callerIs(arn: string) {
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: arn, UserId: "AIDACKCEVSQ6C2EXAMPLE" });
}

const accessDenied = (action: string) =>
  new IAMServiceException({
    name: "AccessDenied",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:iam::${ACCOUNT}:user/ana is not authorized to perform: ${action} on resource: *`,
  });

beforeEach(() => {
  iam.reset();
  sts.reset();
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: SUMMARY_MAP });
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect() {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, "us-east-1", pool, {}, errors))) as IamFacts;
  return { facts, errors };
}

describe("iam collector", () => {
  it("reads the account summary and the calling IAM user's MFA devices, naming the user", async () => {
    callerIs(`arn:aws:iam::${ACCOUNT}:user/alumnos/ana`);
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [device("ana")], IsTruncated: false });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts).toEqual({
      accountId: ACCOUNT,
      summary: SUMMARY_MAP,
      caller: { arn: `arn:aws:iam::${ACCOUNT}:user/alumnos/ana`, type: "user", name: "ana", mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/ana`] },
      // lab-iam asks for no roles: none are listed.
      roles: null,
    });
    expect(iam.commandCalls(ListMFADevicesCommand).map((c) => c.args[0].input.UserName)).toEqual(["ana"]);
    expect(iam.commandCalls(ListUsersCommand)).toHaveLength(0);
  });

  it("follows ListMFADevices' Marker across pages", async () => {
    callerIs(`arn:aws:iam::${ACCOUNT}:user/ana`);
    iam.on(ListMFADevicesCommand)
      .resolvesOnce({ MFADevices: [device("ana", `arn:aws:iam::${ACCOUNT}:mfa/telefono`)], IsTruncated: true, Marker: "m1" })
      .resolvesOnce({ MFADevices: [device("ana", `arn:aws:iam::${ACCOUNT}:u2f/user/ana/llave-1A2B`)], IsTruncated: false });
    const { facts } = await collect();
    expect(facts.caller?.mfaDevices).toEqual([`arn:aws:iam::${ACCOUNT}:mfa/telefono`, `arn:aws:iam::${ACCOUNT}:u2f/user/ana/llave-1A2B`]);
  });

  it("records root as root, without asking for its MFA devices (AccountMFAEnabled says that)", async () => {
    callerIs(`arn:aws:iam::${ACCOUNT}:root`);
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { ...SUMMARY_MAP, AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.caller).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:root`, type: "root", name: null, mfaDevices: [] });
    expect(facts.summary).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 });
    expect(iam.commandCalls(ListMFADevicesCommand)).toHaveLength(0);
  });

  it("through a role (an instructor's), gathers the MFA devices of every IAM user of the account", async () => {
    callerIs(`arn:aws:sts::${ACCOUNT}:assumed-role/calificar-readonly/clase-2026`);
    iam.on(ListUsersCommand)
      .resolvesOnce({ Users: [{ UserName: "ana", UserId: "AIDA1", Arn: `arn:aws:iam::${ACCOUNT}:user/ana`, Path: "/", CreateDate: new Date("2026-10-01") }], IsTruncated: true, Marker: "u1" })
      .resolvesOnce({ Users: [{ UserName: "luis", UserId: "AIDA2", Arn: `arn:aws:iam::${ACCOUNT}:user/luis`, Path: "/", CreateDate: new Date("2026-10-02") }], IsTruncated: false });
    iam.on(ListMFADevicesCommand, { UserName: "ana" }).resolves({ MFADevices: [device("ana")], IsTruncated: false });
    iam.on(ListMFADevicesCommand, { UserName: "luis" }).resolves({ MFADevices: [], IsTruncated: false });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.caller).toEqual({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/calificar-readonly/clase-2026`,
      type: "assumed-role",
      name: "calificar-readonly/clase-2026",
      mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/ana`],
    });
  });

  it("records a denied GetAccountSummary as an error naming the action, and still reads the caller", async () => {
    callerIs(`arn:aws:iam::${ACCOUNT}:user/ana`);
    iam.on(GetAccountSummaryCommand).rejects(accessDenied("iam:GetAccountSummary"));
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [device("ana")], IsTruncated: false });
    const { facts, errors } = await collect();
    expect(facts.summary).toBeNull();
    expect(facts.caller?.type).toBe("user");
    expect(errors).toEqual([expect.objectContaining({ action: "iam:GetAccountSummary", kind: "denied", code: "AccessDenied", collector: "iam" })]);
  });

  it("leaves the caller unknown when its MFA devices cannot be listed, naming iam:ListMFADevices", async () => {
    callerIs(`arn:aws:iam::${ACCOUNT}:user/ana`);
    iam.on(ListMFADevicesCommand).rejects(accessDenied("iam:ListMFADevices"));
    const { facts, errors } = await collect();
    expect(facts.caller).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ action: "iam:ListMFADevices", kind: "denied", target: "ana" })]);
  });

  it("records an IAM user that no longer exists as an API error, not a crash", async () => {
    callerIs(`arn:aws:iam::${ACCOUNT}:user/borrado`);
    iam.on(ListMFADevicesCommand).rejects(
      new NoSuchEntityException({ $metadata: { httpStatusCode: 404 }, message: "The user with name borrado cannot be found." }),
    );
    const { facts, errors } = await collect();
    expect(facts.caller).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ action: "iam:ListMFADevices", kind: "api", code: "NoSuchEntityException" })]);
  });

  it.each([
    [`arn:aws:iam::${ACCOUNT}:root`, "root", null],
    [`arn:aws:iam::${ACCOUNT}:user/ana`, "user", "ana"],
    [`arn:aws:iam::${ACCOUNT}:user/division/equipo/ana`, "user", "ana"],
    [`arn:aws-cn:iam::${ACCOUNT}:user/li`, "user", "li"],
    [`arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/ana@example.com`, "assumed-role", "AWSReservedSSO_Admin_0123456789abcdef/ana@example.com"],
    [`arn:aws:sts::${ACCOUNT}:federated-user/ana`, "federated-user", "ana"],
    // moto's default identity.
    [`arn:aws:sts::${ACCOUNT}:user/moto`, "user", "moto"],
    ["no-es-un-arn", "other", null],
  ])("reads %s as %s", (arn, type, name) => {
    expect(callerOf(arn)).toMatchObject({ type, name });
  });
});
