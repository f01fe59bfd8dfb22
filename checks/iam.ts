import {
  GetAccountSummaryCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListMFADevices,
  paginateListRolePolicies,
  paginateListRoles,
  paginateListUsers,
  type MFADevice,
  type Role,
} from "@aws-sdk/client-iam";
import { defineCollector, makeContext, type CollectContext, type Collector } from "../src/collect/collector.js";
import { mapLimit } from "../src/collect/map-limit.js";
import { collectPages } from "../src/collect/pages.js";
import { policyDocument, resourcePolicyFacts } from "../src/collect/resource-policy.js";
import type { CallError } from "../src/core/snapshot.js";

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

/** One of a role's permission policies, with its document as AWS stores it (for iam_decision()). */
export interface RolePolicyFacts {
  name: string;
  /** An inline policy of the role, or a managed policy attached to it (AWS's or the account's). */
  kind: "inline" | "managed";
  arn: string | null;
  /** The document; null when it could not be read (see the role's `errors`). */
  document: Record<string, unknown> | null;
}

export interface RoleFacts {
  roleName: string;
  arn: string;
  path: string | null;
  /** Who may assume it (its trust policy's principals): lambda.amazonaws.com, accounts… */
  trustedBy: string[];
  /** Every permission policy, inline and attached; documents read with GetRolePolicy / GetPolicyVersion. */
  policies: RolePolicyFacts[];
  /** Calls about this role alone that failed. */
  errors: CallError[];
}

export interface IamFacts {
  accountId: string | null;
  /** GetAccountSummary's SummaryMap as AWS returns it: AccountMFAEnabled, AccountAccessKeysPresent, Users, … */
  summary: Record<string, number> | null;
  /** null when the caller is unknown (GetCallerIdentity failed) or its MFA devices could not be listed. */
  caller: CallerFacts | null;
  /** The roles a lab asks about (`parameters.iam.read: ["roles"]`), with their policies; null when not read or ListRoles failed. */
  roles: RoleFacts[] | null;
}

/** Roles read at once; each reads its policies at once too. */
const ROLE_CONCURRENCY = 8;

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

/** The principals a trust policy lets assume the role (ListRoles answers it URL-encoded). */
export function trustedBy(role: Pick<Role, "AssumeRolePolicyDocument">): string[] {
  const trust = resourcePolicyFacts(policyDocument(role.AssumeRolePolicyDocument));
  return [...new Set((trust?.statements ?? []).filter((s) => s.effect === "Allow").flatMap((s) => s.principals))];
}

/** A managed policy's default version, read once per collection however many roles attach it. */
type ManagedCache = Map<string, Promise<Record<string, unknown> | null>>;

async function managedDocument(ctx: CollectContext, iam: IAMClient, arn: string, cache: ManagedCache): Promise<Record<string, unknown> | null> {
  let pending = cache.get(arn);
  if (!pending) {
    pending = (async () => {
      const policy = await ctx.attempt("iam:GetPolicy", () => iam.send(new GetPolicyCommand({ PolicyArn: arn })), arn);
      const version = policy?.Policy?.DefaultVersionId;
      if (!version) return null;
      const answer = await ctx.attempt("iam:GetPolicyVersion", () => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version })), arn);
      return policyDocument(answer?.PolicyVersion?.Document);
    })();
    cache.set(arn, pending);
  }
  return pending;
}

/** A role's inline and attached policies with their documents, all read at once. */
async function roleFacts(self: Collector, ctx: CollectContext, iam: IAMClient, role: Role, cache: ManagedCache): Promise<RoleFacts> {
  const errors: CallError[] = [];
  const own = makeContext(self, ctx.region, ctx.clients, ctx.options, errors, { global: true });
  const name = role.RoleName ?? "";
  const [inlineNames, attached] = await Promise.all([
    own.attempt("iam:ListRolePolicies", () => collectPages(paginateListRolePolicies({ client: iam }, { RoleName: name }), (p) => p.PolicyNames), name),
    own.attempt("iam:ListAttachedRolePolicies", () => collectPages(paginateListAttachedRolePolicies({ client: iam }, { RoleName: name }), (p) => p.AttachedPolicies), name),
  ]);
  const [inline, managed] = await Promise.all([
    Promise.all(
      (inlineNames ?? []).map(async (policyName): Promise<RolePolicyFacts> => {
        const answer = await own.attempt("iam:GetRolePolicy", () => iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })), name);
        return { name: policyName, kind: "inline", arn: null, document: policyDocument(answer?.PolicyDocument) };
      }),
    ),
    Promise.all(
      (attached ?? []).map(async (p): Promise<RolePolicyFacts> => ({
        name: p.PolicyName ?? "",
        kind: "managed",
        arn: p.PolicyArn ?? null,
        document: p.PolicyArn ? await managedDocument(own, iam, p.PolicyArn, cache) : null,
      })),
    ),
  ]);
  return { roleName: name, arn: role.Arn ?? "", path: role.Path ?? null, trustedBy: trustedBy(role), policies: [...inline, ...managed], errors };
}

/** The roles a service may assume (every role without `trustedBy`), each with its policies. */
async function rolesFacts(self: Collector, ctx: CollectContext, iam: IAMClient, trusted: string | undefined): Promise<RoleFacts[] | null> {
  const roles = await ctx.attempt("iam:ListRoles", () => collectPages(paginateListRoles({ client: iam }, {}), (p) => p.Roles));
  if (!roles) return null;
  const wanted = trusted ? roles.filter((r) => trustedBy(r).includes(trusted)) : roles;
  const cache: ManagedCache = new Map();
  return mapLimit(wanted, ROLE_CONCURRENCY, (r) => roleFacts(self, ctx, iam, r, cache));
}

/**
 * Account hygiene (root's MFA and access keys from the account summary, and who the caller is) and,
 * when a lab asks, the roles a service assumes with their policies: what a function may do.
 */
const collector: Collector<IamFacts> = defineCollector<IamFacts>({
  service: "iam",
  actions: [
    "iam:GetAccountSummary",
    "iam:ListMFADevices",
    "iam:ListUsers",
    "iam:ListRoles",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "sts:GetCallerIdentity",
  ],
  async collect(ctx) {
    const iam = ctx.clients.get(IAMClient, ctx.region);
    const params = ctx.options.parameters?.iam;
    const read = new Set(params?.read ?? ["account"]);
    const [summary, who, roles] = await Promise.all([
      read.has("account") ? ctx.attempt("iam:GetAccountSummary", () => iam.send(new GetAccountSummaryCommand({}))) : undefined,
      read.has("account") ? callerFacts(ctx, iam) : { accountId: null, caller: null },
      read.has("roles") ? rolesFacts(collector, ctx, iam, params?.rolesTrustedBy) : null,
    ]);
    const map = summary?.SummaryMap;
    return {
      accountId: who.accountId,
      summary: map ? Object.fromEntries(Object.entries(map).filter((e): e is [string, number] => typeof e[1] === "number")) : null,
      caller: who.caller,
      roles,
    };
  },
});

export default collector;
