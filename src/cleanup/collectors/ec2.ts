import {
  DescribeAddressesCommand,
  EC2Client,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeNatGateways,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  type Address,
  type Image,
  type Instance,
  type NatGateway,
  type NetworkInterface,
  type Snapshot,
  type Volume,
  type VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { defineCollector } from "../../collect/collector.js";
import { collectPages, isoDate, tagMap } from "../../collect/pages.js";

/** An instance that still exists (not terminated), with what decides its cost. */
export interface CleanupInstance {
  instanceId: string;
  name: string | null;
  state: string | null;
  instanceType: string | null;
  /** "Linux/UNIX", "Windows", "Red Hat Enterprise Linux"…: the price table holds Linux prices. */
  platformDetails: string | null;
  /** "spot" or "scheduled"; null for on-demand. */
  lifecycle: string | null;
  launchTime: string | null;
  publicIpAddress: string | null;
  /** Set when an Auto Scaling group owns it: terminating it only makes the group launch another. */
  autoScalingGroup: string | null;
  beanstalkEnvironmentId: string | null;
  beanstalkEnvironmentName: string | null;
  volumes: { volumeId: string; deleteOnTermination: boolean | null }[];
}

export interface CleanupVolume {
  volumeId: string;
  name: string | null;
  state: string | null;
  volumeType: string | null;
  size: number | null;
  iops: number | null;
  throughput: number | null;
  attachedTo: string | null;
  createTime: string | null;
}

export interface CleanupSnapshot {
  snapshotId: string;
  name: string | null;
  volumeId: string | null;
  /** GiB of the source volume: what the snapshot holds at most. */
  volumeSize: number | null;
  /** Bytes written to the source volume when the snapshot was taken, when AWS says. */
  fullSizeBytes: number | null;
  storageTier: string | null;
  startTime: string | null;
  description: string | null;
  /** AMIs of this account made from it: they must be deregistered before it can be deleted. */
  images: string[];
}

export interface CleanupAddress {
  allocationId: string | null;
  publicIp: string;
  associationId: string | null;
  instanceId: string | null;
  networkInterfaceId: string | null;
  domain: string | null;
  name: string | null;
}

export interface CleanupNatGateway {
  natGatewayId: string;
  name: string | null;
  state: string | null;
  vpcId: string | null;
  subnetId: string | null;
  connectivityType: string | null;
  publicIps: string[];
  allocationIds: string[];
}

/** A network interface worth a look: it holds a public IPv4 or a service created it. */
export interface CleanupNetworkInterface {
  networkInterfaceId: string;
  interfaceType: string | null;
  description: string | null;
  requesterId: string | null;
  requesterManaged: boolean;
  status: string | null;
  instanceId: string | null;
  publicIp: string | null;
  /** Set when the public address is an Elastic IP (then it is counted with the addresses). */
  allocationId: string | null;
}

export interface CleanupVpcEndpoint {
  vpcEndpointId: string;
  name: string | null;
  vpcEndpointType: string | null;
  serviceName: string | null;
  state: string | null;
  subnetCount: number;
}

export interface CleanupEc2Facts {
  instances: CleanupInstance[];
  volumes: CleanupVolume[];
  snapshots: CleanupSnapshot[];
  addresses: CleanupAddress[];
  natGateways: CleanupNatGateway[];
  networkInterfaces: CleanupNetworkInterface[];
  vpcEndpoints: CleanupVpcEndpoint[];
}

const LIVE_INSTANCE_STATES = ["pending", "running", "shutting-down", "stopping", "stopped"];
const GONE = new Set(["deleted", "deleting", "failed", "rejected", "expired"]);

export function instanceOf(i: Instance): CleanupInstance {
  const tags = tagMap(i.Tags);
  return {
    instanceId: i.InstanceId ?? "",
    name: tags["Name"] ?? null,
    state: i.State?.Name ?? null,
    instanceType: i.InstanceType ?? null,
    platformDetails: i.PlatformDetails ?? null,
    lifecycle: i.InstanceLifecycle ?? null,
    launchTime: isoDate(i.LaunchTime),
    publicIpAddress: i.PublicIpAddress || null,
    autoScalingGroup: tags["aws:autoscaling:groupName"] ?? null,
    beanstalkEnvironmentId: tags["elasticbeanstalk:environment-id"] ?? null,
    beanstalkEnvironmentName: tags["elasticbeanstalk:environment-name"] ?? null,
    volumes: (i.BlockDeviceMappings ?? []).flatMap((m) =>
      m.Ebs?.VolumeId ? [{ volumeId: m.Ebs.VolumeId, deleteOnTermination: m.Ebs.DeleteOnTermination ?? null }] : [],
    ),
  };
}

export function volumeOf(v: Volume): CleanupVolume {
  const attachment = (v.Attachments ?? []).find((a) => a.InstanceId);
  return {
    volumeId: v.VolumeId ?? "",
    name: tagMap(v.Tags)["Name"] ?? null,
    state: v.State ?? null,
    volumeType: v.VolumeType ?? null,
    size: v.Size ?? null,
    iops: v.Iops ?? null,
    throughput: v.Throughput ?? null,
    attachedTo: attachment?.InstanceId ?? null,
    createTime: isoDate(v.CreateTime),
  };
}

export function snapshotOf(s: Snapshot, imagesBySnapshot: Map<string, string[]>): CleanupSnapshot {
  const id = s.SnapshotId ?? "";
  return {
    snapshotId: id,
    name: tagMap(s.Tags)["Name"] ?? null,
    volumeId: s.VolumeId ?? null,
    volumeSize: s.VolumeSize ?? null,
    fullSizeBytes: s.FullSnapshotSizeInBytes ?? null,
    storageTier: s.StorageTier ?? null,
    startTime: isoDate(s.StartTime),
    description: s.Description || null,
    images: imagesBySnapshot.get(id) ?? [],
  };
}

export function addressOf(a: Address): CleanupAddress {
  return {
    allocationId: a.AllocationId || null,
    publicIp: a.PublicIp ?? "",
    associationId: a.AssociationId || null,
    instanceId: a.InstanceId || null,
    networkInterfaceId: a.NetworkInterfaceId || null,
    domain: a.Domain ?? null,
    name: tagMap(a.Tags)["Name"] ?? null,
  };
}

export function natGatewayOf(n: NatGateway): CleanupNatGateway {
  const addresses = n.NatGatewayAddresses ?? [];
  return {
    natGatewayId: n.NatGatewayId ?? "",
    name: tagMap(n.Tags)["Name"] ?? null,
    state: n.State ?? null,
    vpcId: n.VpcId ?? null,
    subnetId: n.SubnetId ?? null,
    connectivityType: n.ConnectivityType ?? null,
    publicIps: addresses.flatMap((a) => (a.PublicIp ? [a.PublicIp] : [])),
    allocationIds: addresses.flatMap((a) => (a.AllocationId ? [a.AllocationId] : [])),
  };
}

export function networkInterfaceOf(n: NetworkInterface): CleanupNetworkInterface {
  return {
    networkInterfaceId: n.NetworkInterfaceId ?? "",
    interfaceType: n.InterfaceType ?? null,
    description: n.Description || null,
    requesterId: n.RequesterId ?? null,
    requesterManaged: n.RequesterManaged ?? false,
    status: n.Status ?? null,
    instanceId: n.Attachment?.InstanceId ?? null,
    publicIp: n.Association?.PublicIp || null,
    allocationId: n.Association?.AllocationId || null,
  };
}

/** Interfaces that cost nothing and say nothing (an instance's own, with no public address) are left out. */
function worthALook(n: CleanupNetworkInterface): boolean {
  return n.publicIp !== null || n.requesterManaged || (n.interfaceType !== null && n.interfaceType !== "interface");
}

export function vpcEndpointOf(e: VpcEndpoint): CleanupVpcEndpoint {
  return {
    vpcEndpointId: e.VpcEndpointId ?? "",
    name: tagMap(e.Tags)["Name"] ?? null,
    vpcEndpointType: e.VpcEndpointType ?? null,
    serviceName: e.ServiceName ?? null,
    state: e.State ?? null,
    subnetCount: (e.SubnetIds ?? []).length,
  };
}

function imagesBySnapshot(images: Image[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const image of images) {
    for (const mapping of image.BlockDeviceMappings ?? []) {
      const snapshotId = mapping.Ebs?.SnapshotId;
      if (!snapshotId || !image.ImageId) continue;
      map.set(snapshotId, [...(map.get(snapshotId) ?? []), image.ImageId]);
    }
  }
  return map;
}

/** What EC2 bills while idle in one region: instances, volumes, snapshots, addresses, NAT, endpoints. */
export default defineCollector<CleanupEc2Facts>({
  service: "cleanup-ec2",
  actions: [
    "ec2:DescribeInstances",
    "ec2:DescribeVolumes",
    "ec2:DescribeSnapshots",
    "ec2:DescribeImages",
    "ec2:DescribeAddresses",
    "ec2:DescribeNatGateways",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeVpcEndpoints",
  ],
  async collect(ctx) {
    const client = ctx.clients.get(EC2Client, ctx.region);
    const account = ctx.options.accountId;
    // "self" is enough for AWS; the owner-id filter also keeps out the public AMI snapshots that emulators list.
    const ownSnapshots = { OwnerIds: ["self"], ...(account ? { Filters: [{ Name: "owner-id", Values: [account] }] } : {}) };
    const [reservations, volumes, snapshots, images, addresses, natGateways, interfaces, endpoints] = await Promise.all([
      ctx.attempt("ec2:DescribeInstances", () =>
        collectPages(
          paginateDescribeInstances({ client }, { Filters: [{ Name: "instance-state-name", Values: LIVE_INSTANCE_STATES }] }),
          (p) => p.Reservations,
        ),
      ),
      ctx.attempt("ec2:DescribeVolumes", () => collectPages(paginateDescribeVolumes({ client }, {}), (p) => p.Volumes)),
      ctx.attempt("ec2:DescribeSnapshots", () => collectPages(paginateDescribeSnapshots({ client }, ownSnapshots), (p) => p.Snapshots)),
      ctx.attempt("ec2:DescribeImages", () => collectPages(paginateDescribeImages({ client }, { Owners: ["self"] }), (p) => p.Images)),
      ctx.attempt("ec2:DescribeAddresses", async () => (await client.send(new DescribeAddressesCommand({}))).Addresses ?? []),
      ctx.attempt("ec2:DescribeNatGateways", () => collectPages(paginateDescribeNatGateways({ client }, {}), (p) => p.NatGateways)),
      ctx.attempt("ec2:DescribeNetworkInterfaces", () =>
        collectPages(paginateDescribeNetworkInterfaces({ client }, {}), (p) => p.NetworkInterfaces),
      ),
      ctx.attempt("ec2:DescribeVpcEndpoints", () => collectPages(paginateDescribeVpcEndpoints({ client }, {}), (p) => p.VpcEndpoints)),
    ]);
    const byImage = imagesBySnapshot(images ?? []);
    return {
      instances: (reservations ?? [])
        .flatMap((r) => r.Instances ?? [])
        .filter((i) => i.State?.Name !== "terminated")
        .map(instanceOf),
      volumes: (volumes ?? []).map(volumeOf),
      snapshots: (snapshots ?? [])
        .filter((s) => !account || !s.OwnerId || s.OwnerId === account)
        .map((s) => snapshotOf(s, byImage)),
      addresses: (addresses ?? []).filter((a) => a.PublicIp).map(addressOf),
      natGateways: (natGateways ?? []).filter((n) => !GONE.has(n.State ?? "")).map(natGatewayOf),
      networkInterfaces: (interfaces ?? []).map(networkInterfaceOf).filter(worthALook),
      vpcEndpoints: (endpoints ?? []).filter((e) => !GONE.has((e.State ?? "").toLowerCase())).map(vpcEndpointOf),
    };
  },
});
