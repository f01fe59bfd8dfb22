import {
  DescribeAddressesCommand,
  EC2Client,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  type Address,
  type Instance,
  type IpPermission,
  type SecurityGroup,
  type Volume,
} from "@aws-sdk/client-ec2";
import { defineCollector, type CollectContext } from "../src/collect/collector.js";
import { collectPages, isoDate, tagMap } from "../src/collect/pages.js";

/** One inbound rule, one source per row, ports always numeric so labs can compare them. */
export interface IngressRule {
  groupId: string;
  protocol: string; // tcp, udp, icmp, icmpv6, all, or the IANA number
  fromPort: number;
  toPort: number;
  source: string; // CIDR, IPv6 CIDR, security group id or prefix list id
  sourceKind: "ipv4" | "ipv6" | "group" | "prefix-list";
  description: string | null;
}

export interface InstanceFacts {
  instanceId: string;
  name: string | null;
  tags: Record<string, string>;
  state: string | null;
  instanceType: string | null;
  keyName: string | null;
  launchTime: string | null;
  availabilityZone: string | null;
  imageId: string | null;
  platformDetails: string | null;
  publicIpAddress: string | null;
  publicDnsName: string | null;
  privateIpAddress: string | null;
  securityGroups: { groupId: string; groupName: string | null }[];
  ingress: IngressRule[];
  rootVolume: { volumeId: string; volumeType: string | null; size: number | null; encrypted: boolean | null } | null;
  elasticIp: { allocationId: string | null; publicIp: string } | null;
  /**
   * The instance types this account may run on the AWS Free Tier in this region, as the account
   * says (DescribeInstanceTypes, filter free-tier-eligible=true): t2.micro on accounts created
   * before 15 July 2025, t3.micro, t4g.micro… on the Free Plan. The same list on every instance;
   * null when the account could not be asked.
   */
  freeTierEligibleTypes: string[] | null;
}

export interface Ec2Facts {
  instances: InstanceFacts[];
}

const PROTOCOLS: Record<string, string> = { "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

export function ingressRules(group: SecurityGroup): IngressRule[] {
  return (group.IpPermissions ?? []).flatMap((perm: IpPermission) => {
    const raw = perm.IpProtocol ?? "-1";
    const protocol = PROTOCOLS[raw] ?? raw;
    // "all" and port-less tcp/udp rules cover every port; say so in numbers.
    const ported = protocol === "tcp" || protocol === "udp";
    const fromPort = protocol === "all" || (ported && perm.FromPort === undefined) ? 0 : (perm.FromPort ?? -1);
    const toPort = protocol === "all" || (ported && perm.ToPort === undefined) ? 65535 : (perm.ToPort ?? -1);
    const rule = (source: string, sourceKind: IngressRule["sourceKind"], description?: string): IngressRule => ({
      groupId: group.GroupId ?? "",
      protocol,
      fromPort,
      toPort,
      source,
      sourceKind,
      description: description ?? null,
    });
    return [
      ...(perm.IpRanges ?? []).map((r) => rule(r.CidrIp ?? "", "ipv4", r.Description)),
      ...(perm.Ipv6Ranges ?? []).map((r) => rule(r.CidrIpv6 ?? "", "ipv6", r.Description)),
      ...(perm.UserIdGroupPairs ?? []).map((p) => rule(p.GroupId ?? p.GroupName ?? "", "group", p.Description)),
      ...(perm.PrefixListIds ?? []).map((p) => rule(p.PrefixListId ?? "", "prefix-list", p.Description)),
    ];
  });
}

export function instanceFacts(
  instance: Instance,
  groups: Map<string, SecurityGroup>,
  volumes: Map<string, Volume>,
  addresses: Address[],
  freeTierEligibleTypes: string[] | null = null,
): InstanceFacts {
  const tags = tagMap(instance.Tags);
  const rootMapping = (instance.BlockDeviceMappings ?? []).find((m) => m.DeviceName === instance.RootDeviceName);
  const rootId = rootMapping?.Ebs?.VolumeId;
  const volume = rootId ? volumes.get(rootId) : undefined;
  const address = addresses.find((a) => a.InstanceId === instance.InstanceId && a.PublicIp);
  const securityGroups = (instance.SecurityGroups ?? []).map((g) => ({
    groupId: g.GroupId ?? "",
    groupName: g.GroupName ?? null,
  }));
  return {
    instanceId: instance.InstanceId ?? "",
    name: tags["Name"] ?? null,
    tags,
    state: instance.State?.Name ?? null,
    instanceType: instance.InstanceType ?? null,
    keyName: instance.KeyName ?? null,
    launchTime: isoDate(instance.LaunchTime),
    availabilityZone: instance.Placement?.AvailabilityZone ?? null,
    imageId: instance.ImageId ?? null,
    platformDetails: instance.PlatformDetails ?? null,
    publicIpAddress: instance.PublicIpAddress ?? null,
    publicDnsName: instance.PublicDnsName || null,
    privateIpAddress: instance.PrivateIpAddress ?? null,
    securityGroups,
    ingress: securityGroups.flatMap((g) => {
      const group = groups.get(g.groupId);
      return group ? ingressRules(group) : [];
    }),
    rootVolume: rootId
      ? {
          volumeId: rootId,
          volumeType: volume?.VolumeType ?? null,
          size: volume?.Size ?? null,
          encrypted: volume?.Encrypted ?? null,
        }
      : null,
    elasticIp: address ? { allocationId: address.AllocationId ?? null, publicIp: address.PublicIp! } : null,
    freeTierEligibleTypes,
  };
}

/** The account's Free Tier instance types in the region, sorted; null when they could not be read. */
async function freeTierEligibleTypes(ctx: CollectContext, client: EC2Client): Promise<string[] | null> {
  const types = await ctx.attempt("ec2:DescribeInstanceTypes", () =>
    collectPages(
      paginateDescribeInstanceTypes({ client }, { Filters: [{ Name: "free-tier-eligible", Values: ["true"] }] }),
      (p) => p.InstanceTypes,
    ),
  );
  if (!types) return null;
  // An emulator that ignores the filter still says FreeTierEligible: false of the others.
  const eligible = types.flatMap((t) => (t.InstanceType && t.FreeTierEligible !== false ? [t.InstanceType] : []));
  return [...new Set(eligible)].sort();
}

export default defineCollector<Ec2Facts>({
  service: "ec2",
  actions: ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:DescribeVolumes", "ec2:DescribeAddresses", "ec2:DescribeInstanceTypes"],
  async collect(ctx) {
    const client = ctx.clients.get(EC2Client, ctx.region);
    // Five independent listings: one round trip of wall time, not five.
    const [reservations, groups, volumes, addresses, freeTier] = await Promise.all([
      ctx.attempt("ec2:DescribeInstances", () =>
        collectPages(paginateDescribeInstances({ client }, {}), (p) => p.Reservations),
      ),
      ctx.attempt("ec2:DescribeSecurityGroups", () =>
        collectPages(paginateDescribeSecurityGroups({ client }, {}), (p) => p.SecurityGroups),
      ),
      ctx.attempt("ec2:DescribeVolumes", () => collectPages(paginateDescribeVolumes({ client }, {}), (p) => p.Volumes)),
      ctx.attempt("ec2:DescribeAddresses", async () => (await client.send(new DescribeAddressesCommand({}))).Addresses ?? []),
      freeTierEligibleTypes(ctx, client),
    ]);
    const groupById = new Map((groups ?? []).map((g) => [g.GroupId ?? "", g]));
    const volumeById = new Map((volumes ?? []).map((v) => [v.VolumeId ?? "", v]));
    const instances = (reservations ?? [])
      .flatMap((r) => r.Instances ?? [])
      .map((i) => instanceFacts(i, groupById, volumeById, addresses ?? [], freeTier));
    return { instances };
  },
  async locate(ctx) {
    const client = ctx.clients.get(EC2Client, ctx.region);
    const reservations = await ctx.attempt("ec2:DescribeInstances", () =>
      collectPages(
        paginateDescribeInstances(
          { client },
          { Filters: [{ Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] }] },
        ),
        (p) => p.Reservations,
      ),
    );
    return reservations?.flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId ?? ""));
  },
});
