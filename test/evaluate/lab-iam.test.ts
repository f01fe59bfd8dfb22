import { describe, expect, it } from "vitest";
import type { CallerFacts, IamFacts } from "../../checks/iam.js";
import type { CallError } from "../../src/core/snapshot.js";
import { checkTable, gradeOne, readLab } from "../support/check-table.js";

// Tables in the shape of ESLint's RuleTester. ACCOUNT passes every check of lab-iam: root has
// MFA and no keys, and the student grades as the IAM user «ana», who has a virtual MFA device.

/** GetAccountSummary's SummaryMap, abridged, as the IAM API reference shows it. */
const SUMMARY = {
  AccountMFAEnabled: 1,
  AccountAccessKeysPresent: 0,
  AccountSigningCertificatesPresent: 0,
  Users: 1,
  UsersQuota: 5000,
  Groups: 1,
  MFADevices: 2,
  MFADevicesInUse: 2,
  Policies: 0,
  Roles: 3,
};

const ANA: CallerFacts = {
  arn: "arn:aws:iam::123456789012:user/ana",
  type: "user",
  name: "ana",
  mfaDevices: ["arn:aws:iam::123456789012:mfa/ana"],
};

const ACCOUNT = { accountId: "123456789012", summary: SUMMARY, caller: ANA } satisfies IamFacts;

const ROOT: CallerFacts = { arn: "arn:aws:iam::123456789012:root", type: "root", name: null, mfaDevices: [] };

function denied(action: string): CallError {
  return {
    action,
    code: "AccessDenied",
    kind: "denied",
    message: `User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action} on resource: arn:aws:iam::123456789012:*`,
    collector: "iam",
    region: "us-east-1",
  };
}

const SUMMARY_DENIED = {
  facts: { summary: null },
  errors: [denied("iam:GetAccountSummary")],
  says: {
    es: "falta el permiso iam:GetAccountSummary (AccessDenied)",
    en: "the permission iam:GetAccountSummary is missing (AccessDenied)",
  },
};

checkTable("lab-iam", "root-mfa", ACCOUNT, {
  passes: [{ summary: { ...SUMMARY, AccountMFAEnabled: 1 } }, { summary: { ...SUMMARY, AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 } }],
  fails: [
    {
      facts: { summary: { ...SUMMARY, AccountMFAEnabled: 0 } },
      found: "0",
      expected: "1 (activado)",
      says: {
        es: "MFA de la cuenta raíz (AccountMFAEnabled): se esperaba 1 (activado), se encontró 0",
        en: "root account MFA (AccountMFAEnabled): expected 1 (enabled), found 0",
      },
    },
  ],
  errors: [SUMMARY_DENIED],
});

checkTable("lab-iam", "no-root-access-keys", ACCOUNT, {
  passes: [{ summary: { ...SUMMARY, AccountAccessKeysPresent: 0 } }],
  fails: [
    {
      facts: { summary: { ...SUMMARY, AccountAccessKeysPresent: 1 } },
      found: "1",
      expected: "0 (ninguna)",
      says: {
        es: "claves de acceso de la cuenta raíz (AccountAccessKeysPresent): se esperaba 0 (ninguna), se encontró 1",
        en: "root account access keys (AccountAccessKeysPresent): expected 0 (none), found 1",
      },
    },
  ],
  errors: [SUMMARY_DENIED],
});

checkTable("lab-iam", "iam-user-with-mfa", ACCOUNT, {
  passes: [
    { caller: ANA },
    { caller: { ...ANA, arn: "arn:aws:iam::123456789012:user/alumnos/ana", mfaDevices: ["arn:aws:iam::123456789012:mfa/mi-telefono", "arn:aws:iam::123456789012:u2f/user/ana/llave-ABCD"] } },
    // An instructor grading through a read-only role: the account's IAM users' devices count.
    {
      caller: {
        arn: "arn:aws:sts::123456789012:assumed-role/calificar-readonly/clase-2026",
        type: "assumed-role",
        name: "calificar-readonly/clase-2026",
        mfaDevices: ["arn:aws:iam::123456789012:mfa/ana"],
      },
    },
  ],
  fails: [
    {
      facts: { caller: ROOT },
      found: "root",
      says: {
        es: "tipo de identidad (root = la cuenta raíz): se esperaba un usuario IAM (user) con un dispositivo MFA, no la cuenta raíz, se encontró root",
        en: "identity type (root = the root account): expected an IAM user (user) with an MFA device, not the root account, found root",
      },
    },
    {
      facts: { caller: { ...ANA, mfaDevices: [] } },
      found: null,
      says: {
        es: "dispositivos MFA de tu usuario IAM: se esperaba al menos 1, no se encontró nada",
        en: "your IAM user's MFA devices: expected at least 1, found nothing",
      },
    },
    {
      facts: { caller: { arn: "arn:aws:sts::123456789012:assumed-role/calificar-readonly/clase", type: "assumed-role", name: "calificar-readonly/clase", mfaDevices: [] } },
      found: null,
    },
  ],
  errors: [
    {
      facts: { caller: null },
      errors: [denied("iam:ListMFADevices")],
      says: { es: "falta el permiso iam:ListMFADevices", en: "the permission iam:ListMFADevices is missing" },
    },
    { facts: { caller: null }, errors: [denied("iam:ListUsers")], says: { es: "iam:ListUsers", en: "iam:ListUsers" } },
  ],
});

describe("lab-iam grades the account itself", () => {
  const LAB = readLab("lab-iam");

  it("names the account and the caller, and passes a tidy account", () => {
    const result = gradeOne(LAB, ACCOUNT);
    expect(result.resource).toMatchObject({ kind: "cuenta de AWS", id: "123456789012", name: ANA.arn, others: [] });
    expect(result.passed).toBe(true);
    expect(result.checks.find((c) => c.id === "iam-user-with-mfa")?.message).toBe(
      "identidad con la que calificas: tipo de identidad (root = la cuenta raíz): user · dispositivos MFA de tu usuario IAM: arn:aws:iam::123456789012:mfa/ana",
    );
  });

  it("fails a student working as root, with keys and no MFA, and does not pass the lab", () => {
    const result = gradeOne(LAB, { ...ACCOUNT, caller: ROOT, summary: { ...SUMMARY, AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } }, {}, "en");
    expect(result.checks.map((c) => c.status)).toEqual(["failed", "failed", "failed"]);
    expect(result.checks.find((c) => c.id === "iam-user-with-mfa")?.hint).toContain("Do not work as root");
    expect(result.passed).toBe(false);
  });

  it("makes every check an error, not a failure, for a caller with no IAM read permission", () => {
    const result = gradeOne(LAB, { ...ACCOUNT, summary: null, caller: null }, { errors: [denied("iam:GetAccountSummary"), denied("iam:ListMFADevices")] });
    expect(result.checks.map((c) => c.status)).toEqual(["error", "error", "error"]);
    expect(result.checks.map((c) => c.message).join(" ")).toMatch(/iam:GetAccountSummary[\s\S]*iam:ListMFADevices/);
    expect(result.ungradable).toBe(true);
  });
});
