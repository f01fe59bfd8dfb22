import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

const ADMIN = { accessKeyId: "testing", secretAccessKey: "testing" };
export const ACCOUNT = "123456789012";

/** Credentials as the CLI's environment takes them. */
export type KeyEnv = Record<"AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY", string> & { AWS_SESSION_TOKEN?: string };

/** An IAM user with access keys and, optionally, a virtual MFA device enabled, as the course creates one. */
export async function seedUser(endpoint: string, name: string, { mfa = true } = {}): Promise<KeyEnv & { serial?: string }> {
  const iam = new IAMClient({ region: "us-east-1", endpoint, credentials: ADMIN });
  try {
    await iam.send(new CreateUserCommand({ UserName: name }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    let serial: string | undefined;
    if (mfa) {
      const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
      serial = device.VirtualMFADevice!.SerialNumber!;
      await iam.send(new EnableMFADeviceCommand({ UserName: name, SerialNumber: serial, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }));
    }
    return { AWS_ACCESS_KEY_ID: key.AccessKey!.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.AccessKey!.SecretAccessKey!, ...(serial ? { serial } : {}) };
  } finally {
    iam.destroy();
  }
}

/** The instructor's way in: a read-only role in the student's account, assumed. */
export async function assumeRole(endpoint: string, roleName = "calificar-readonly"): Promise<KeyEnv> {
  const iam = new IAMClient({ region: "us-east-1", endpoint, credentials: ADMIN });
  const sts = new STSClient({ region: "us-east-1", endpoint, credentials: ADMIN });
  try {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };
    await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, RoleSessionName: "clase-2026" }));
    return { AWS_ACCESS_KEY_ID: c!.AccessKeyId!, AWS_SECRET_ACCESS_KEY: c!.SecretAccessKey!, AWS_SESSION_TOKEN: c!.SessionToken! };
  } finally {
    iam.destroy();
    sts.destroy();
  }
}

/** GetAccountSummary as IAM answers it (query protocol, XML), for what moto cannot set: root's MFA and keys. */
export function accountSummaryXml(values: { AccountMFAEnabled: number; AccountAccessKeysPresent: number; Users?: number }): string {
  const map = { Users: 1, UsersQuota: 5000, Groups: 0, MFADevices: 2, MFADevicesInUse: 2, AccountSigningCertificatesPresent: 0, ...values };
  const entries = Object.entries(map)
    .map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`)
    .join("");
  return `<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountSummaryResult><SummaryMap>${entries}</SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></GetAccountSummaryResponse>`;
}

/** GetCallerIdentity as STS answers it, e.g. for root, whose keys moto cannot issue. */
export function callerIdentityXml(arn: string, userId = ACCOUNT): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}
