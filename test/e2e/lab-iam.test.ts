import { describe, expect, it } from "vitest";
import { emulatedAws } from "../support/emulated-aws.js";
import { runCli } from "../support/cli.js";
import { ACCOUNT, accountSummaryXml, assumeRole, callerIdentityXml, seedUser, type KeyEnv } from "../support/iam-seed.js";
import { awsEnv } from "../support/moto.js";
import { readReport } from "../support/report-schema.js";

// The built CLI against aws.moto, which emulates IAM users, their access keys, virtual MFA devices,
// ListMFADevices, the account summary and STS (GetCallerIdentity answers for whichever user's keys
// sign the call; AssumeRole issues a role's credentials). What moto cannot be — the root user,
// whose MFA and access keys it never reports — the loopback fake answers as IAM and STS do.

const aws = emulatedAws();


const XML = { "content-type": "text/xml" };

/** A tidy account: root has MFA and no access keys (moto reports 0 and 0). */
function rootIsTidy({ mfa = 1, keys = 0 } = {}) {
  aws.fake.on("iam:GetAccountSummary", { status: 200, headers: XML, body: accountSummaryXml({ AccountMFAEnabled: mfa, AccountAccessKeysPresent: keys }) });
}

async function grade(keys: KeyEnv | Record<string, never>, extra: string[] = []) {
  const run = await runCli(["lab-iam", "--format", "json", ...extra], { ...awsEnv(aws.fake.url), ...keys });
  return readReport(run);
}

const denied = (action: string) => ({ code: "AccessDenied", status: 403, message: `User: arn:aws:iam::${ACCOUNT}:user/ana is not authorized to perform: ${action}` });

describe("lab-iam end to end against moto and the fake", () => {
  it("passes a student who grades as an IAM user with a virtual MFA device, root being tidy", async () => {
    const ana = await seedUser(aws.moto.url, "ana");
    rootIsTidy();
    const { code, report, status, check } = await grade(ana);
    expect(status).toEqual({ "root-mfa": "passed", "no-root-access-keys": "passed", "iam-user-with-mfa": "passed" });
    expect(report.resource).toMatchObject({ kind: "cuenta de AWS", id: ACCOUNT, name: `arn:aws:iam::${ACCOUNT}:user/ana` });
    expect(check("iam-user-with-mfa").message).toContain(ana.serial);
    expect(report.passed).toBe(true);
    expect(code).toBe(0);
    // The caller's own devices, asked by name (aws.moto, like IAM for non-users, wants one).
    expect(aws.fake.calls).toEqual(expect.arrayContaining(["sts:GetCallerIdentity", "iam:GetAccountSummary", "iam:ListMFADevices"]));
  });

  it("fails root's missing MFA with moto's own account summary", async () => {
    const ana = await seedUser(aws.moto.url, "ana");
    const { code, report, check } = await grade(ana);
    expect(check("root-mfa")).toMatchObject({
      status: "failed",
      found: "0",
      message: "MFA de la cuenta raíz (AccountMFAEnabled): se esperaba 1 (activado), se encontró 0",
    });
    expect(check("no-root-access-keys").status).toBe("passed");
    // root-mfa is required: no pass however many points.
    expect(report.passed).toBe(false);
    expect(code).toBe(1);
  });

  it("fails root access keys, in Spanish and in English", async () => {
    const ana = await seedUser(aws.moto.url, "ana");
    rootIsTidy({ keys: 1 });
    const es = await grade(ana);
    expect(es.check("no-root-access-keys")).toMatchObject({
      status: "failed",
      message: "claves de acceso de la cuenta raíz (AccountAccessKeysPresent): se esperaba 0 (ninguna), se encontró 1",
    });
    const en = await grade(ana, ["--lang", "en"]);
    expect(en.check("no-root-access-keys").message).toBe("root account access keys (AccountAccessKeysPresent): expected 0 (none), found 1");
  });

  it("fails iam-user-with-mfa for a student who grades as root, explaining why, without listing MFA devices", async () => {
    rootIsTidy();
    aws.fake.on("sts:GetCallerIdentity", { status: 200, headers: XML, body: callerIdentityXml(`arn:aws:iam::${ACCOUNT}:root`) });
    const es = await grade({});
    expect(es.check("iam-user-with-mfa")).toMatchObject({
      status: "failed",
      found: "root",
      message:
        "tipo de identidad (root = la cuenta raíz): se esperaba un usuario IAM (user) con un dispositivo MFA, no la cuenta raíz, se encontró root",
    });
    expect(es.check("iam-user-with-mfa").hint).toContain("No trabajes como raíz");
    expect(aws.fake.calls).not.toContain("iam:ListMFADevices");
    const en = await grade({}, ["--lang", "en"]);
    expect(en.check("iam-user-with-mfa").message).toBe(
      "identity type (root = the root account): expected an IAM user (user) with an MFA device, not the root account, found root",
    );
    expect(en.report.account).toEqual({ id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it("fails an IAM user without MFA", async () => {
    const luis = await seedUser(aws.moto.url, "luis", { mfa: false });
    rootIsTidy();
    const { check } = await grade(luis);
    expect(check("iam-user-with-mfa")).toMatchObject({
      status: "failed",
      found: null,
      message: "dispositivos MFA de tu usuario IAM: se esperaba al menos 1, no se encontró nada",
    });
  });

  it("through an instructor's role, passes when an IAM user of the account has MFA", async () => {
    await seedUser(aws.moto.url, "ana");
    await seedUser(aws.moto.url, "luis", { mfa: false });
    const role = await assumeRole(aws.moto.url);
    rootIsTidy();
    const { status, report } = await grade(role);
    expect(status["iam-user-with-mfa"]).toBe("passed");
    expect(report.resource.name).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/calificar-readonly/clase-2026`);
    expect(aws.fake.calls).toContain("iam:ListUsers");
  });

  it("gives error outcomes naming the IAM actions, not failures, to a caller without IAM read permission", async () => {
    const ana = await seedUser(aws.moto.url, "ana");
    aws.fake.fail("iam:GetAccountSummary", denied("iam:GetAccountSummary"));
    aws.fake.fail("iam:ListMFADevices", denied("iam:ListMFADevices"));
    const { code, report, status, check } = await grade(ana);
    expect(status).toEqual({ "root-mfa": "error", "no-root-access-keys": "error", "iam-user-with-mfa": "error" });
    expect(check("root-mfa").message).toContain("falta el permiso iam:GetAccountSummary (AccessDenied)");
    expect(check("no-root-access-keys").message).toContain("iam:GetAccountSummary");
    expect(check("iam-user-with-mfa").message).toContain("falta el permiso iam:ListMFADevices (AccessDenied)");
    expect(report.errors.map((e: any) => e.action).sort()).toEqual(["iam:GetAccountSummary", "iam:ListMFADevices"]);
    expect(report.ungradable).toBe(true);
    expect(code).toBe(3);
  });
});
