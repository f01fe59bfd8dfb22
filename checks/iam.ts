import { GetAccountSummaryCommand, IAMClient, paginateListMFADevices, paginateListUsers, type MFADevice } from "@aws-sdk/client-iam";
import { defineCollector, type CollectContext } from "../src/collect/collector.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { collectPages } from "../src/collect/pages.js";

/** What kind of identity signs the calls, from the shape of its ARN. */
export type CallerType = "root" | "user" | "assumed-role" | "federated-user" | "other";

export interface CallerFacts {
  arn: string;
  type: CallerType;
  /** The IAM user's name, the role and session («rol/sesión»), or the federated user's name. */
  name: string | null;
  /**
   * Serial numbers (ARNs) of MFA devices: the calling IAM user's own; for a role (an instructor
   * grading through a read-only role) those of every IAM user of the account; none for root,
   * whose MFA is `AccountMFAEnabled`.
   */
  mfaDevices: string[];
}

export interface IamFacts {
  accountId: string | null;
  /** GetAccountSummary's SummaryMap as AWS returns it: AccountMFAEnabled, AccountAccessKeysPresent, Users, … */
  summary: Record<string, number> | null;
  /** null when the caller is unknown (GetCallerIdentity failed) or its MFA devices could not be listed. */
  caller: CallerFacts | null;
}

/** How many users' MFA devices are listed at once when grading through a role. */
const USER_CONCURRENCY = 8;

const ARN = /^arn:[^:]+:(?:iam|sts)::(\d*):(.+)$/;

/** root, user/path/name, assumed-role/role/session, federated-user/name. */
export function callerOf(arn: string): Omit<CallerFacts, "mfaDevices"> & { accountId: string | null } {
  const m = ARN.exec(arn);
  const resource = m?.[2] ?? "";
  const accountId = m?.[1] || null;
  if (resource === "root") return { arn, accountId, type: "root", name: null };
  const [kind, ...rest] = resource.split("/");
  if (kind === "user" && rest.length > 0) return { arn, accountId, type: "user", name: rest[rest.length - 1] ?? null };
  if (kind === "assumed-role" && rest.length > 0) return { arn, accountId, type: "assumed-role", name: rest.join("/") };
  if (kind === "federated-user" && rest.length > 0) return { arn, accountId, type: "federated-user", name: rest.join("/") };
  return { arn, accountId, type: "other", name: null };
}

function serials(devices: MFADevice[]): string[] {
  return devices.flatMap((d) => (d.SerialNumber ? [d.SerialNumber] : []));
}

async function mfaDevicesOf(ctx: CollectContext, iam: IAMClient, userName: string): Promise<string[] | undefined> {
  return ctx.attempt(
    "iam:ListMFADevices",
    async () => {
      return serials(await collectPages(paginateListMFADevices({ client: iam }, { UserName: userName }), (p) => p.MFADevices));
    },
    userName,
  );
}

/** A role says nothing about who uses it: look for the account's IAM users that have MFA. */
async function everyUsersMfa(ctx: CollectContext, iam: IAMClient): Promise<string[] | undefined> {
  const users = await ctx.attempt("iam:ListUsers", () => collectPages(paginateListUsers({ client: iam }, {}), (p) => p.Users));
  if (!users) return undefined;
  const names = users.flatMap((u) => (u.UserName ? [u.UserName] : []));
  const found = await mapLimit(names, USER_CONCURRENCY, (name) => mfaDevicesOf(ctx, iam, name));
  return found.some((f) => f === undefined) ? undefined : found.flat() as string[];
}

async function callerFacts(ctx: CollectContext, iam: IAMClient): Promise<{ accountId: string | null; caller: CallerFacts | null }> {
  const who = await ctx.attempt("sts:GetCallerIdentity", () => ctx.clients.callerIdentity(ctx.region));
  if (!who?.Arn) return { accountId: who?.Account ?? null, caller: null };
  const { accountId, ...caller } = callerOf(who.Arn);
  let mfaDevices: string[] | undefined = [];
  // ListMFADevices without a user name fails for anything but an IAM user: name the user.
  if (caller.type === "user" && caller.name) mfaDevices = await mfaDevicesOf(ctx, iam, caller.name);
  else if (caller.type === "assumed-role" || caller.type === "federated-user") mfaDevices = await everyUsersMfa(ctx, iam);
  return { accountId: who.Account ?? accountId, caller: mfaDevices ? { ...caller, mfaDevices } : null };
}

/** Account hygiene: root's MFA and access keys from the account summary, and who the caller is. */
export default defineCollector<IamFacts>({
  service: "iam",
  actions: ["iam:GetAccountSummary", "iam:ListMFADevices", "iam:ListUsers", "sts:GetCallerIdentity"],
  async collect(ctx) {
    const iam = ctx.clients.get(IAMClient, ctx.region);
    const [summary, who] = await Promise.all([
      ctx.attempt("iam:GetAccountSummary", () => iam.send(new GetAccountSummaryCommand({}))),
      callerFacts(ctx, iam),
    ]);
    const map = summary?.SummaryMap;
    return {
      accountId: who.accountId,
      summary: map ? Object.fromEntries(Object.entries(map).filter((e): e is [string, number] => typeof e[1] === "number")) : null,
      caller: who.caller,
    };
  },
});
