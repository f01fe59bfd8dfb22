import {
  DescribeAddressesCommand,
  DescribeInstanceTypesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
  type Address,
  type DescribeInstanceTypesCommandOutput,
  type DescribeInstancesCommandOutput,
  type DescribeSecurityGroupsCommandOutput,
  type DescribeVolumesCommandOutput,
  type Instance,
  type InstanceTypeInfo,
  type SecurityGroup,
  type Volume,
} from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { ingressRules, type Ec2Facts, type IngressRule } from "../../checks/ec2.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// Shapes follow the EC2 API reference (DescribeInstances → Reservations[].Instances[],
// DescribeSecurityGroups → SecurityGroups[].IpPermissions[], DescribeVolumes → Volumes[],
// DescribeAddresses → Addresses[]), as the SDK hands them over after parsing the XML.

const ec2 = mockClient(EC2Client);
let pool: ClientPool;

beforeEach(() => {
  ec2.reset();
  tokensSent = {};
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect(region = "us-east-1") {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, region, pool, {}, errors))) as Ec2Facts;
  return { facts, errors };
}

const ACCOUNT = "123456789012";
const META = { httpStatusCode: 200, requestId: "59dbff89-35bd-4eac-99ed-be587EXAMPLE", attempts: 1, totalRetryDelay: 0 };

/** An instance as DescribeInstances returns it for a student's Amazon Linux server. */
function instance(id: string, more: Partial<Instance> = {}): Instance {
  return {
    AmiLaunchIndex: 0,
    ImageId: "ami-0c101f26f147fa7fd",
    InstanceId: id,
    InstanceType: "t2.micro",
    KeyName: "labsuser",
    LaunchTime: new Date("2026-11-27T18:02:11.000Z"),
    Monitoring: { State: "disabled" },
    Placement: { AvailabilityZone: "us-east-1a", GroupName: "", Tenancy: "default" },
    PrivateDnsName: "ip-172-31-20-5.ec2.internal",
    PrivateIpAddress: "172.31.20.5",
    ProductCodes: [],
    PublicDnsName: "ec2-54-210-33-7.compute-1.amazonaws.com",
    PublicIpAddress: "54.210.33.7",
    State: { Code: 16, Name: "running" },
    StateTransitionReason: "",
    SubnetId: "subnet-0e3f1a2b3c4d5e6f7",
    VpcId: "vpc-0a1b2c3d4e5f60718",
    Architecture: "x86_64",
    BlockDeviceMappings: [
      {
        DeviceName: "/dev/xvda",
        Ebs: { AttachTime: new Date("2026-11-27T18:02:12.000Z"), DeleteOnTermination: true, Status: "attached", VolumeId: `vol-root-${id}` },
      },
    ],
    ClientToken: "terraform-20261127180210",
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: "xen",
    RootDeviceName: "/dev/xvda",
    RootDeviceType: "ebs",
    SecurityGroups: [{ GroupName: "launch-wizard-1", GroupId: "sg-0ssh0000000000001" }],
    SourceDestCheck: true,
    Tags: [{ Key: "Name", Value: "mi-servidor" }],
    VirtualizationType: "hvm",
    PlatformDetails: "Linux/UNIX",
    UsageOperation: "RunInstances",
    ...more,
  };
}

function volume(id: string, instanceId: string, device: string, size: number, type: Volume["VolumeType"]): Volume {
  return {
    Attachments: [
      { AttachTime: new Date("2026-11-27T18:02:12.000Z"), Device: device, InstanceId: instanceId, State: "attached", VolumeId: id, DeleteOnTermination: true },
    ],
    AvailabilityZone: "us-east-1a",
    CreateTime: new Date("2026-11-27T18:02:12.000Z"),
    Encrypted: false,
    Size: size,
    SnapshotId: "snap-0a1b2c3d4e5f60718",
    State: "in-use",
    VolumeId: id,
    Iops: type === "gp3" ? 3000 : 100,
    VolumeType: type,
    MultiAttachEnabled: false,
    ...(type === "gp3" ? { Throughput: 125 } : {}),
  };
}

// Two security groups on the graded instance: SSH to one address and to all of IPv6 (the commonest
// slip), the web port to everyone; a second group that trusts the first and a prefix list.
const SSH_GROUP: SecurityGroup = {
  Description: "launch-wizard-1 created 2026-11-27",
  GroupName: "launch-wizard-1",
  GroupId: "sg-0ssh0000000000001",
  OwnerId: ACCOUNT,
  VpcId: "vpc-0a1b2c3d4e5f60718",
  SecurityGroupArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0ssh0000000000001`,
  IpPermissions: [
    {
      IpProtocol: "tcp",
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: "203.0.113.7/32", Description: "mi casa" }],
      Ipv6Ranges: [{ CidrIpv6: "::/0" }],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    },
    {
      IpProtocol: "tcp",
      FromPort: 5000,
      ToPort: 5000,
      IpRanges: [{ CidrIp: "0.0.0.0/0" }],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    },
  ],
  IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
};

const APP_GROUP: SecurityGroup = {
  Description: "app servers",
  GroupName: "app",
  GroupId: "sg-0app0000000000002",
  OwnerId: ACCOUNT,
  VpcId: "vpc-0a1b2c3d4e5f60718",
  IpPermissions: [
    // Everything from members of the SSH group: a group reference, not an address.
    { IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-0ssh0000000000001", UserId: ACCOUNT, Description: "from ssh hosts" }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] },
    { IpProtocol: "6", FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: "pl-3b927c52", Description: "CloudFront" }], IpRanges: [], Ipv6Ranges: [], UserIdGroupPairs: [] },
    { IpProtocol: "icmp", FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: "10.0.0.0/16" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    // A protocol number with no ports (ESP): AWS keeps no port range for it.
    { IpProtocol: "50", IpRanges: [{ CidrIp: "198.51.100.0/24" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
  ],
  IpPermissionsEgress: [],
};

const DEFAULT_GROUP: SecurityGroup = {
  Description: "default VPC security group",
  GroupName: "default",
  GroupId: "sg-0default00000003",
  OwnerId: ACCOUNT,
  VpcId: "vpc-0a1b2c3d4e5f60718",
  IpPermissions: [{ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-0default00000003", UserId: ACCOUNT }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] }],
  IpPermissionsEgress: [],
};

// The graded server (with an Elastic IP and a data volume), a stopped one with no public address
// whose root is not its first mapping, and, on the second page, a t3.small in the default group.
const SERVER = instance("i-0server000000001", {
  SecurityGroups: [
    { GroupName: "launch-wizard-1", GroupId: "sg-0ssh0000000000001" },
    { GroupName: "app", GroupId: "sg-0app0000000000002" },
  ],
  BlockDeviceMappings: [
    { DeviceName: "/dev/xvda", Ebs: { AttachTime: new Date("2026-11-27T18:02:12.000Z"), DeleteOnTermination: true, Status: "attached", VolumeId: "vol-0root000000000001" } },
    { DeviceName: "/dev/sdf", Ebs: { AttachTime: new Date("2026-11-27T18:10:00.000Z"), DeleteOnTermination: false, Status: "attached", VolumeId: "vol-0data000000000001" } },
  ],
});
const STOPPED = instance("i-0stopped00000002", {
  State: { Code: 80, Name: "stopped" },
  StateTransitionReason: "User initiated (2026-11-28 09:40:00 GMT)",
  PublicDnsName: "",
  PublicIpAddress: undefined,
  RootDeviceName: "/dev/sda1",
  BlockDeviceMappings: [
    { DeviceName: "/dev/sdb", Ebs: { AttachTime: new Date("2026-11-27T18:10:00.000Z"), DeleteOnTermination: false, Status: "attached", VolumeId: "vol-0data000000000002" } },
    { DeviceName: "/dev/sda1", Ebs: { AttachTime: new Date("2026-11-27T18:02:12.000Z"), DeleteOnTermination: true, Status: "attached", VolumeId: "vol-0root000000000002" } },
  ],
  Tags: [{ Key: "Name", Value: "prueba" }, { Key: "curso", Value: "aws" }],
});
const OTHER = instance("i-0other0000000003", {
  InstanceType: "t3.small",
  KeyName: undefined,
  PublicIpAddress: "3.91.40.12",
  PublicDnsName: "ec2-3-91-40-12.compute-1.amazonaws.com",
  SecurityGroups: [{ GroupName: "default", GroupId: "sg-0default00000003" }],
  BlockDeviceMappings: [
    { DeviceName: "/dev/xvda", Ebs: { AttachTime: new Date("2026-11-27T18:02:12.000Z"), DeleteOnTermination: true, Status: "attached", VolumeId: "vol-0root000000000003" } },
  ],
  Tags: [],
});

const INSTANCE_PAGES: Record<string, DescribeInstancesCommandOutput> = {
  first: {
    $metadata: META,
    Reservations: [
      { ReservationId: "r-0aaa00000000000001", OwnerId: ACCOUNT, Groups: [], Instances: [SERVER] },
      { ReservationId: "r-0bbb00000000000002", OwnerId: ACCOUNT, Groups: [], Instances: [STOPPED] },
    ],
    NextToken: "instances-page-2",
  },
  "instances-page-2": {
    $metadata: META,
    Reservations: [{ ReservationId: "r-0ccc00000000000003", OwnerId: ACCOUNT, Groups: [], Instances: [OTHER] }],
  },
};

const GROUP_PAGES: Record<string, DescribeSecurityGroupsCommandOutput> = {
  first: { $metadata: META, SecurityGroups: [SSH_GROUP], NextToken: "groups-page-2" },
  "groups-page-2": { $metadata: META, SecurityGroups: [APP_GROUP, DEFAULT_GROUP] },
};

const VOLUME_PAGES: Record<string, DescribeVolumesCommandOutput> = {
  first: {
    $metadata: META,
    Volumes: [
      volume("vol-0data000000000001", SERVER.InstanceId!, "/dev/sdf", 100, "gp2"),
      volume("vol-0root000000000001", SERVER.InstanceId!, "/dev/xvda", 8, "gp3"),
    ],
    NextToken: "volumes-page-2",
  },
  "volumes-page-2": {
    $metadata: META,
    Volumes: [
      volume("vol-0data000000000002", STOPPED.InstanceId!, "/dev/sdb", 50, "st1"),
      volume("vol-0root000000000002", STOPPED.InstanceId!, "/dev/sda1", 30, "standard"),
      volume("vol-0root000000000003", OTHER.InstanceId!, "/dev/xvda", 16, "io1"),
    ],
  },
};

const ADDRESSES: Address[] = [
  {
    AllocationId: "eipalloc-0a1b2c3d4e5f60718",
    AssociationId: "eipassoc-0b2c3d4e5f6071829",
    Domain: "vpc",
    InstanceId: SERVER.InstanceId!,
    NetworkInterfaceId: "eni-0c3d4e5f607182930",
    NetworkInterfaceOwnerId: ACCOUNT,
    PrivateIpAddress: "172.31.20.5",
    PublicIp: "54.210.33.7",
    PublicIpv4Pool: "amazon",
    NetworkBorderGroup: "us-east-1",
  },
  // Allocated, never associated: costs money, belongs to no instance.
  { AllocationId: "eipalloc-0f1e2d3c4b5a69788", Domain: "vpc", PublicIp: "44.205.1.9", PublicIpv4Pool: "amazon", NetworkBorderGroup: "us-east-1" },
];

/** An instance type as DescribeInstanceTypes describes it (abridged: the fields around FreeTierEligible). */
function instanceType(name: string, freeTierEligible: boolean, arch: "x86_64" | "arm64" = "x86_64"): InstanceTypeInfo {
  return {
    InstanceType: name as InstanceTypeInfo["InstanceType"],
    CurrentGeneration: true,
    FreeTierEligible: freeTierEligible,
    SupportedUsageClasses: ["on-demand", "spot"],
    SupportedRootDeviceTypes: ["ebs"],
    SupportedVirtualizationTypes: ["hvm"],
    BareMetal: false,
    Hypervisor: "nitro",
    ProcessorInfo: { SupportedArchitectures: [arch], SustainedClockSpeedInGhz: 2.5 },
    VCpuInfo: { DefaultVCpus: 2, DefaultCores: 1, DefaultThreadsPerCore: 2 },
    MemoryInfo: { SizeInMiB: name.endsWith(".micro") ? 1024 : name.endsWith(".small") ? 2048 : 4096 },
    InstanceStorageSupported: false,
    BurstablePerformanceSupported: name.startsWith("t"),
  };
}

// A Free Plan account (created from 15 July 2025): what the free-tier-eligible=true filter answers, in two pages.
const FREE_TYPE_PAGES: Record<string, DescribeInstanceTypesCommandOutput> = {
  first: { $metadata: META, InstanceTypes: [instanceType("t3.micro", true), instanceType("t4g.micro", true, "arm64"), instanceType("t3.small", true)], NextToken: "types-page-2" },
  "types-page-2": { $metadata: META, InstanceTypes: [instanceType("t4g.small", true, "arm64"), instanceType("m7i-flex.large", true), instanceType("c7i-flex.large", true)] },
};

/** NextToken of every page request, by command, read when sent (the paginator reuses its input object). */
let tokensSent: Record<string, (string | undefined)[]> = {};

/** Pages are chosen by the NextToken the paginator sends, so a lost token shows up as a wrong page. */
function pageOf<P>(pages: Record<string, P>, command: string) {
  return (input: { NextToken?: string }) => {
    (tokensSent[command] ??= []).push(input.NextToken);
    const page = pages[input.NextToken ?? "first"];
    if (!page) throw new Error(`no page for token ${input.NextToken}`);
    return page;
  };
}

function mockAccount() {
  ec2.on(DescribeInstancesCommand).callsFake(pageOf(INSTANCE_PAGES, "DescribeInstances"));
  ec2.on(DescribeSecurityGroupsCommand).callsFake(pageOf(GROUP_PAGES, "DescribeSecurityGroups"));
  ec2.on(DescribeVolumesCommand).callsFake(pageOf(VOLUME_PAGES, "DescribeVolumes"));
  ec2.on(DescribeAddressesCommand).resolves({ $metadata: META, Addresses: ADDRESSES });
  ec2.on(DescribeInstanceTypesCommand).callsFake(pageOf(FREE_TYPE_PAGES, "DescribeInstanceTypes"));
}

function denied(action: string): EC2ServiceException {
  return new EC2ServiceException({
    name: "UnauthorizedOperation",
    $fault: "client",
    $metadata: { ...META, httpStatusCode: 403 },
    message: `You are not authorized to perform this operation. User: arn:aws:iam::${ACCOUNT}:user/ana is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
  });
}

/** `DescribeInstancesCommand` -> `ec2:DescribeInstances`: the IAM action of every command sent. */
function actionsSent(): string[] {
  return ec2.calls().map((call) => `ec2:${(call.args[0] as object).constructor.name.replace(/Command$/, "")}`);
}

describe("ec2 collector", () => {
  it("reads every page of every listing and every reservation, in order", async () => {
    mockAccount();
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.instances.map((i) => i.instanceId)).toEqual(["i-0server000000001", "i-0stopped00000002", "i-0other0000000003"]);
    // The paginators passed each NextToken back, and stopped when there was none.
    expect(tokensSent).toEqual({
      DescribeInstances: [undefined, "instances-page-2"],
      DescribeSecurityGroups: [undefined, "groups-page-2"],
      DescribeVolumes: [undefined, "volumes-page-2"],
      DescribeInstanceTypes: [undefined, "types-page-2"],
    });
    expect(ec2.commandCalls(DescribeAddressesCommand)).toHaveLength(1);
  });

  it("asks the account which types its Free Tier covers, across pages, and gives every instance the sorted list", async () => {
    mockAccount();
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    const FREE = ["c7i-flex.large", "m7i-flex.large", "t3.micro", "t3.small", "t4g.micro", "t4g.small"];
    expect(facts.instances.map((i) => i.freeTierEligibleTypes)).toEqual([FREE, FREE, FREE]);
    const filters = ec2.commandCalls(DescribeInstanceTypesCommand).map((c) => c.args[0].input.Filters);
    expect(filters).toEqual([
      [{ Name: "free-tier-eligible", Values: ["true"] }],
      [{ Name: "free-tier-eligible", Values: ["true"] }],
    ]);
  });

  it("keeps only eligible types when an emulator ignores the filter", async () => {
    mockAccount();
    ec2.on(DescribeInstanceTypesCommand).resolves({ $metadata: META, InstanceTypes: [instanceType("t2.micro", false), instanceType("t3.micro", true), instanceType("m5.large", false)] });
    const { facts } = await collect();
    expect(facts.instances[0]!.freeTierEligibleTypes).toEqual(["t3.micro"]);
  });

  it("records a denied DescribeInstanceTypes as data: the list is unknown (null), not empty", async () => {
    mockAccount();
    ec2.on(DescribeInstanceTypesCommand).rejects(denied("ec2:DescribeInstanceTypes"));
    const { facts, errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind, e.code])).toEqual([["ec2:DescribeInstanceTypes", "denied", "UnauthorizedOperation"]]);
    expect(facts.instances.map((i) => i.freeTierEligibleTypes)).toEqual([null, null, null]);
    expect(facts.instances[0]!.instanceType).toBe("t2.micro");
  });

  it("normalizes an instance into facts in AWS's words", async () => {
    mockAccount();
    const { facts } = await collect();
    expect(facts.instances[0]).toMatchObject({
      instanceId: "i-0server000000001",
      name: "mi-servidor",
      tags: { Name: "mi-servidor" },
      state: "running",
      instanceType: "t2.micro",
      keyName: "labsuser",
      launchTime: "2026-11-27T18:02:11.000Z",
      availabilityZone: "us-east-1a",
      imageId: "ami-0c101f26f147fa7fd",
      platformDetails: "Linux/UNIX",
      publicIpAddress: "54.210.33.7",
      publicDnsName: "ec2-54-210-33-7.compute-1.amazonaws.com",
      privateIpAddress: "172.31.20.5",
      securityGroups: [
        { groupId: "sg-0ssh0000000000001", groupName: "launch-wizard-1" },
        { groupId: "sg-0app0000000000002", groupName: "app" },
      ],
    });
    // Probe answers are data of their own (snapshot.probes), not fields the collector reserves.
    expect(facts.instances[0]).not.toHaveProperty("probes");
    expect(facts.instances[0]).not.toHaveProperty("errors");
    expect(facts.instances[2]).toMatchObject({ instanceType: "t3.small", keyName: null, name: null, tags: {} });
  });

  it("gives an instance the inbound rules of all its security groups, one source per row", async () => {
    mockAccount();
    const { facts } = await collect();
    const rule = (groupId: string, protocol: string, fromPort: number, toPort: number, source: string, sourceKind: IngressRule["sourceKind"], description: string | null = null): IngressRule =>
      ({ groupId, protocol, fromPort, toPort, source, sourceKind, description });
    expect(facts.instances[0]!.ingress).toEqual([
      rule("sg-0ssh0000000000001", "tcp", 22, 22, "203.0.113.7/32", "ipv4", "mi casa"),
      rule("sg-0ssh0000000000001", "tcp", 22, 22, "::/0", "ipv6"),
      rule("sg-0ssh0000000000001", "tcp", 5000, 5000, "0.0.0.0/0", "ipv4"),
      rule("sg-0app0000000000002", "all", 0, 65535, "sg-0ssh0000000000001", "group", "from ssh hosts"),
      rule("sg-0app0000000000002", "tcp", 443, 443, "pl-3b927c52", "prefix-list", "CloudFront"),
      rule("sg-0app0000000000002", "icmp", -1, -1, "10.0.0.0/16", "ipv4"),
      rule("sg-0app0000000000002", "50", -1, -1, "198.51.100.0/24", "ipv4"),
    ]);
    // Egress rules are not inbound rules.
    expect(facts.instances[0]!.ingress.some((r) => r.source === "0.0.0.0/0" && r.protocol === "all")).toBe(false);
    expect(facts.instances[2]!.ingress).toEqual([rule("sg-0default00000003", "all", 0, 65535, "sg-0default00000003", "group")]);
  });

  it("joins the root volume by RootDeviceName, not by the first mapping", async () => {
    mockAccount();
    const { facts } = await collect();
    const [server, stopped, other] = facts.instances;
    expect(server!.rootVolume).toEqual({ volumeId: "vol-0root000000000001", volumeType: "gp3", size: 8, encrypted: false });
    expect(stopped!.rootVolume).toEqual({ volumeId: "vol-0root000000000002", volumeType: "standard", size: 30, encrypted: false });
    expect(other!.rootVolume).toEqual({ volumeId: "vol-0root000000000003", volumeType: "io1", size: 16, encrypted: false });
  });

  it("associates an Elastic IP with its instance only, and keeps an instance with no public address", async () => {
    mockAccount();
    const { facts } = await collect();
    const [server, stopped, other] = facts.instances;
    expect(server!.elasticIp).toEqual({ allocationId: "eipalloc-0a1b2c3d4e5f60718", publicIp: "54.210.33.7" });
    expect(other!.elasticIp).toBeNull();
    expect(other!.publicIpAddress).toBe("3.91.40.12");
    expect(stopped).toMatchObject({ state: "stopped", publicIpAddress: null, publicDnsName: null, elasticIp: null, name: "prueba" });
  });

  it("records a denied DescribeSecurityGroups as data and still returns the instances", async () => {
    mockAccount();
    ec2.on(DescribeSecurityGroupsCommand).rejects(denied("ec2:DescribeSecurityGroups"));
    const { facts, errors } = await collect("eu-west-1");
    expect(errors).toEqual([
      {
        action: "ec2:DescribeSecurityGroups",
        code: "UnauthorizedOperation",
        kind: "denied",
        message: expect.stringContaining("not authorized"),
        collector: "ec2",
        region: "eu-west-1",
      },
    ]);
    expect(facts.instances.map((i) => i.instanceId)).toEqual(["i-0server000000001", "i-0stopped00000002", "i-0other0000000003"]);
    // Nothing is invented: without the groups there are no rules, and the other listings are intact.
    expect(facts.instances[0]!.ingress).toEqual([]);
    expect(facts.instances[0]!.securityGroups).toHaveLength(2);
    expect(facts.instances[0]!.rootVolume?.size).toBe(8);
    expect(facts.instances[0]!.elasticIp?.publicIp).toBe("54.210.33.7");
  });

  it("keeps the root volume's id when DescribeVolumes is denied, and records the denial", async () => {
    mockAccount();
    ec2.on(DescribeVolumesCommand).rejects(denied("ec2:DescribeVolumes"));
    const { facts, errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["ec2:DescribeVolumes", "denied"]]);
    expect(facts.instances[0]!.rootVolume).toEqual({ volumeId: "vol-0root000000000001", volumeType: null, size: null, encrypted: null });
  });

  it("lets an error that is not the SDK's (our bug) propagate", async () => {
    mockAccount();
    ec2.on(DescribeVolumesCommand).rejects(new TypeError("Cannot read properties of undefined (reading 'Size')"));
    await expect(collect()).rejects.toThrow(TypeError);
  });

  it("sends only commands whose IAM action it declares, when collecting and when locating", async () => {
    mockAccount();
    await collect();
    await collector.locate!(makeContext(collector, "eu-west-1", pool, {}, []));
    const sent = actionsSent();
    expect(new Set(sent)).toEqual(
      new Set(["ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:DescribeVolumes", "ec2:DescribeAddresses", "ec2:DescribeInstanceTypes"]),
    );
    for (const action of sent) expect(collector.actions).toContain(action);
  });

  it("locates instances in another region, across pages, ignoring terminated ones", async () => {
    ec2.on(DescribeInstancesCommand).callsFake(pageOf(INSTANCE_PAGES, "DescribeInstances"));
    const ids = await collector.locate!(makeContext(collector, "eu-west-1", pool, {}, []));
    expect(ids).toEqual(["i-0server000000001", "i-0stopped00000002", "i-0other0000000003"]);
    const filters = ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input.Filters);
    expect(filters[0]).toEqual([{ Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] }]);
    expect(filters).toHaveLength(2);
  });

  it("locating records a denial and returns nothing rather than throwing", async () => {
    ec2.on(DescribeInstancesCommand).rejects(denied("ec2:DescribeInstances"));
    const errors: CallError[] = [];
    const ids = await collector.locate!(makeContext(collector, "ap-south-1", pool, {}, errors));
    expect(ids).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ action: "ec2:DescribeInstances", kind: "denied", region: "ap-south-1" })]);
  });
});

describe("ingressRules", () => {
  const group = (perm: SecurityGroup["IpPermissions"]): SecurityGroup => ({ GroupId: "sg-1", IpPermissions: perm });
  it.each([
    { name: "protocol -1 covers every port", perm: { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, want: ["all", 0, 65535, "0.0.0.0/0", "ipv4"] },
    { name: "protocol number 6 is tcp", perm: { IpProtocol: "6", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, want: ["tcp", 22, 22, "0.0.0.0/0", "ipv4"] },
    { name: "protocol number 17 is udp", perm: { IpProtocol: "17", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "10.0.0.0/8" }] }, want: ["udp", 53, 53, "10.0.0.0/8", "ipv4"] },
    { name: "a port-less tcp rule covers every port", perm: { IpProtocol: "tcp", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, want: ["tcp", 0, 65535, "0.0.0.0/0", "ipv4"] },
    { name: "IPv6 ::/0", perm: { IpProtocol: "tcp", FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: "::/0" }] }, want: ["tcp", 22, 22, "::/0", "ipv6"] },
    { name: "a port range", perm: { IpProtocol: "tcp", FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, want: ["tcp", 0, 65535, "0.0.0.0/0", "ipv4"] },
    { name: "a group referenced by name only (default VPC)", perm: { IpProtocol: "tcp", FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupName: "bastion", UserId: ACCOUNT }] }, want: ["tcp", 22, 22, "bastion", "group"] },
    { name: "icmpv6 with no ports stays port-less", perm: { IpProtocol: "58", Ipv6Ranges: [{ CidrIpv6: "::/0" }] }, want: ["icmpv6", -1, -1, "::/0", "ipv6"] },
  ])("$name", ({ perm, want }) => {
    const [rule] = ingressRules(group([perm]));
    expect([rule!.protocol, rule!.fromPort, rule!.toPort, rule!.source, rule!.sourceKind]).toEqual(want);
  });

  it("yields one row per source of a permission, and none for a permission with no source", () => {
    const rules = ingressRules(group([
      { IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "1.2.3.4/32" }, { CidrIp: "5.6.7.8/32" }], Ipv6Ranges: [{ CidrIpv6: "2001:db8::/32" }] },
      { IpProtocol: "tcp", FromPort: 81, ToPort: 81, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]));
    expect(rules.map((r) => r.source)).toEqual(["1.2.3.4/32", "5.6.7.8/32", "2001:db8::/32"]);
  });
});
