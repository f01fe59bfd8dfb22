import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  EC2ServiceException,
} from "@aws-sdk/client-ec2";
import {
  DescribeEnvironmentResourcesCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  InsufficientPrivilegesException,
} from "@aws-sdk/client-elastic-beanstalk";
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient, RDSServiceException, type DBInstance, type DBSnapshot } from "@aws-sdk/client-rds";
import {
  GetBucketLocationCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  S3Client,
  S3ServiceException,
  type ObjectVersionStorageClass,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import beanstalk from "../../src/cleanup/collectors/beanstalk.js";
import ec2 from "../../src/cleanup/collectors/ec2.js";
import elbv2 from "../../src/cleanup/collectors/elbv2.js";
import lambda from "../../src/cleanup/collectors/lambda.js";
import logs from "../../src/cleanup/collectors/logs.js";
import rds from "../../src/cleanup/collectors/rds.js";
import s3, { MAX_VERSION_PAGES } from "../../src/cleanup/collectors/s3.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext, type CollectOptions, type Collector } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// Responses are shaped after the API references: EC2's DescribeInstances Reservations[].Instances[],
// DescribeVolumes Volumes[].Attachments[], DescribeAddresses (not paginated), DescribeNatGateways'
// NatGatewayAddresses; ELBv2's LoadBalancers[].State.Code; Beanstalk's EnvironmentResources;
// S3's ListBuckets BucketRegion and ListObjectVersions markers; RDS's DescribeDBInstances DBInstances[]
// and DescribeDBSnapshots DBSnapshots[], paged with Marker.

const mocks = {
  ec2: mockClient(EC2Client),
  elb: mockClient(ElasticLoadBalancingV2Client),
  eb: mockClient(ElasticBeanstalkClient),
  lambda: mockClient(LambdaClient),
  logs: mockClient(CloudWatchLogsClient),
  s3: mockClient(S3Client),
  rds: mockClient(RDSClient),
};
let pool: ClientPool;

beforeEach(() => {
  Object.values(mocks).forEach((m) => m.reset());
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function run<F>(collector: Collector<F & object>, options: CollectOptions = {}, region = "us-east-1", global = false) {
  const errors: CallError[] = [];
  const facts = await collector.collect(makeContext(collector, region, pool, options, errors, { global }));
  return { facts, errors };
}

const ec2Denied = (action: string) =>
  new EC2ServiceException({ name: "UnauthorizedOperation", $fault: "client", $metadata: { httpStatusCode: 403 }, message: `You are not authorized to perform: ${action}` });

function emptyEc2() {
  mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  mocks.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  mocks.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  mocks.ec2.on(DescribeImagesCommand).resolves({ Images: [] });
  mocks.ec2.on(DescribeAddressesCommand).resolves({ Addresses: [] });
  mocks.ec2.on(DescribeNatGatewaysCommand).resolves({ NatGateways: [] });
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
}

describe("cleanup-ec2", () => {
  it("normalizes every listing and resolves which AMI uses which snapshot", async () => {
    emptyEc2();
    mocks.ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          ReservationId: "r-1",
          Instances: [
            {
              InstanceId: "i-0abc",
              InstanceType: "t2.micro",
              State: { Code: 16, Name: "running" },
              PlatformDetails: "Linux/UNIX",
              PublicIpAddress: "54.1.2.3",
              LaunchTime: new Date("2026-11-20T10:00:00Z"),
              Tags: [{ Key: "Name", Value: "mi-servidor" }, { Key: "aws:autoscaling:groupName", Value: "mi-asg" }],
              BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-0root", DeleteOnTermination: false, Status: "attached" } }],
            },
            { InstanceId: "i-0gone", State: { Code: 48, Name: "terminated" } },
          ],
        },
      ],
    });
    mocks.ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [
        { VolumeId: "vol-0root", Size: 8, VolumeType: "gp3", Iops: 3000, Throughput: 125, State: "in-use", Attachments: [{ InstanceId: "i-0abc", State: "attached" }] },
        { VolumeId: "vol-0spare", Size: 20, VolumeType: "gp2", State: "available", Attachments: [], Tags: [{ Key: "Name", Value: "datos" }] },
      ],
    });
    mocks.ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        { SnapshotId: "snap-0mine", OwnerId: "123456789012", VolumeSize: 8, StorageTier: "standard", State: "completed", StartTime: new Date("2026-11-21T00:00:00Z") },
        { SnapshotId: "snap-0public", OwnerId: "801119661308", VolumeSize: 15, State: "completed" },
      ],
    });
    mocks.ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: "ami-0mine", BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { SnapshotId: "snap-0mine" } }] }] });
    mocks.ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: "eipalloc-1", PublicIp: "3.3.3.3", Domain: "vpc" }] });
    mocks.ec2.on(DescribeNatGatewaysCommand).resolves({
      NatGateways: [
        { NatGatewayId: "nat-live", State: "available", VpcId: "vpc-1", NatGatewayAddresses: [{ AllocationId: "eipalloc-2", PublicIp: "3.3.3.4" }] },
        { NatGatewayId: "nat-old", State: "deleted" },
      ],
    });
    mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        { NetworkInterfaceId: "eni-plain", InterfaceType: "interface", Attachment: { InstanceId: "i-0abc" } },
        { NetworkInterfaceId: "eni-rds", InterfaceType: "interface", Description: "RDSNetworkInterface", RequesterId: "amazon-rds", RequesterManaged: true, Status: "in-use" },
        { NetworkInterfaceId: "eni-pub", InterfaceType: "interface", Attachment: { InstanceId: "i-0abc" }, Association: { PublicIp: "54.1.2.3", IpOwnerId: "amazon" } },
      ],
    });
    mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({
      VpcEndpoints: [
        { VpcEndpointId: "vpce-1", VpcEndpointType: "Interface", ServiceName: "com.amazonaws.us-east-1.ssm", State: "Available", SubnetIds: ["subnet-a", "subnet-b"] },
        { VpcEndpointId: "vpce-2", VpcEndpointType: "Interface", State: "Deleted" },
      ],
    });

    const { facts, errors } = await run(ec2, { accountId: "123456789012" });
    expect(errors).toEqual([]);
    expect(facts.instances).toEqual([
      {
        instanceId: "i-0abc",
        name: "mi-servidor",
        state: "running",
        instanceType: "t2.micro",
        platformDetails: "Linux/UNIX",
        lifecycle: null,
        launchTime: "2026-11-20T10:00:00.000Z",
        publicIpAddress: "54.1.2.3",
        autoScalingGroup: "mi-asg",
        beanstalkEnvironmentId: null,
        beanstalkEnvironmentName: null,
        volumes: [{ volumeId: "vol-0root", deleteOnTermination: false }],
      },
    ]);
    expect(facts.volumes.map((v) => [v.volumeId, v.attachedTo, v.name])).toEqual([
      ["vol-0root", "i-0abc", null],
      ["vol-0spare", null, "datos"],
    ]);
    // Only the account's own snapshots, whatever the endpoint answered.
    expect(facts.snapshots.map((s) => [s.snapshotId, s.images])).toEqual([["snap-0mine", ["ami-0mine"]]]);
    expect(facts.addresses).toEqual([expect.objectContaining({ allocationId: "eipalloc-1", publicIp: "3.3.3.3", associationId: null })]);
    expect(facts.natGateways).toEqual([expect.objectContaining({ natGatewayId: "nat-live", allocationIds: ["eipalloc-2"], publicIps: ["3.3.3.4"] })]);
    expect(facts.networkInterfaces.map((n) => n.networkInterfaceId)).toEqual(["eni-rds", "eni-pub"]);
    expect(facts.vpcEndpoints).toEqual([expect.objectContaining({ vpcEndpointId: "vpce-1", subnetCount: 2 })]);
  });

  it("asks for live instances and for the account's own snapshots and images", async () => {
    emptyEc2();
    await run(ec2, { accountId: "123456789012" });
    expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input.Filters).toEqual([
      { Name: "instance-state-name", Values: ["pending", "running", "shutting-down", "stopping", "stopped"] },
    ]);
    expect(mocks.ec2.commandCalls(DescribeSnapshotsCommand)[0]!.args[0].input).toMatchObject({
      OwnerIds: ["self"],
      Filters: [{ Name: "owner-id", Values: ["123456789012"] }],
    });
    expect(mocks.ec2.commandCalls(DescribeImagesCommand)[0]!.args[0].input).toMatchObject({ Owners: ["self"] });
  });

  it("records a denial with its action and region, and keeps every other listing", async () => {
    emptyEc2();
    mocks.ec2.on(DescribeNatGatewaysCommand).rejects(ec2Denied("ec2:DescribeNatGateways"));
    mocks.ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: "eipalloc-1", PublicIp: "3.3.3.3" }] });
    const { facts, errors } = await run(ec2, {}, "eu-west-1");
    expect(errors).toEqual([
      expect.objectContaining({ action: "ec2:DescribeNatGateways", kind: "denied", code: "UnauthorizedOperation", region: "eu-west-1", collector: "cleanup-ec2" }),
    ]);
    expect(facts.natGateways).toEqual([]);
    expect(facts.addresses).toHaveLength(1);
  });

  it("follows DescribeInstances pages through the paginator", async () => {
    emptyEc2();
    mocks.ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: "i-1", State: { Name: "running" } }] }], NextToken: "page2" })
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: "i-2", State: { Name: "stopped" } }] }] });
    const { facts } = await run(ec2);
    expect(facts.instances.map((i) => i.instanceId)).toEqual(["i-1", "i-2"]);
    expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[1]!.args[0].input.NextToken).toBe("page2");
  });
});

describe("cleanup-elbv2", () => {
  it("lists load balancers with their scheme, zones and address type", async () => {
    mocks.elb.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [
        {
          LoadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mi-alb/50dc6c495c0c9188",
          LoadBalancerName: "mi-alb",
          Type: "application",
          Scheme: "internet-facing",
          State: { Code: "active" },
          IpAddressType: "ipv4",
          AvailabilityZones: [{ ZoneName: "us-east-1a", SubnetId: "subnet-a" }, { ZoneName: "us-east-1b", SubnetId: "subnet-b" }],
          DNSName: "mi-alb-1.us-east-1.elb.amazonaws.com",
          CreatedTime: new Date("2026-11-20T10:00:00Z"),
        },
      ],
    });
    const { facts, errors } = await run(elbv2);
    expect(errors).toEqual([]);
    expect(facts.loadBalancers).toEqual([
      {
        loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mi-alb/50dc6c495c0c9188",
        loadBalancerName: "mi-alb",
        type: "application",
        scheme: "internet-facing",
        state: "active",
        ipAddressType: "ipv4",
        availabilityZones: ["us-east-1a", "us-east-1b"],
        dnsName: "mi-alb-1.us-east-1.elb.amazonaws.com",
        createdTime: "2026-11-20T10:00:00.000Z",
      },
    ]);
  });
});

describe("cleanup-beanstalk", () => {
  it("reads each live environment's resources, skipping terminated ones", async () => {
    mocks.eb.on(DescribeEnvironmentsCommand).resolves({
      Environments: [
        { EnvironmentName: "mi-app-env", EnvironmentId: "e-1", ApplicationName: "mi-app", Status: "Ready", Health: "Green", CNAME: "mi-app-env.eba.us-east-1.elasticbeanstalk.com" },
        { EnvironmentName: "viejo", EnvironmentId: "e-2", Status: "Terminated" },
      ],
    });
    mocks.eb.on(DescribeEnvironmentResourcesCommand, { EnvironmentId: "e-1" }).resolves({
      EnvironmentResources: {
        EnvironmentName: "mi-app-env",
        AutoScalingGroups: [{ Name: "awseb-e-1-stack-AWSEBAutoScalingGroup-ABC" }],
        Instances: [{ Id: "i-0eb1" }, { Id: "i-0eb2" }],
        LoadBalancers: [{ Name: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/awseb-AWSEB-1ABC/0123" }],
        LaunchConfigurations: [],
        LaunchTemplates: [],
        Triggers: [],
        Queues: [],
      },
    });
    const { facts, errors } = await run(beanstalk);
    expect(errors).toEqual([]);
    expect(facts.environments).toEqual([
      expect.objectContaining({
        environmentName: "mi-app-env",
        status: "Ready",
        resources: {
          instances: ["i-0eb1", "i-0eb2"],
          loadBalancers: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/awseb-AWSEB-1ABC/0123"],
          autoScalingGroups: ["awseb-e-1-stack-AWSEBAutoScalingGroup-ABC"],
        },
      }),
    ]);
    expect(mocks.eb.commandCalls(DescribeEnvironmentsCommand)[0]!.args[0].input).toMatchObject({ IncludeDeleted: false });
    expect(mocks.eb.commandCalls(DescribeEnvironmentResourcesCommand)).toHaveLength(1);
  });

  it("keeps the environment when its resources are denied, naming it in the error", async () => {
    mocks.eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [{ EnvironmentName: "mi-app-env", EnvironmentId: "e-1", Status: "Ready" }] });
    mocks.eb
      .on(DescribeEnvironmentResourcesCommand)
      .rejects(new InsufficientPrivilegesException({ $metadata: { httpStatusCode: 403 }, message: "not authorized" }));
    const { facts, errors } = await run(beanstalk);
    expect(facts.environments).toEqual([expect.objectContaining({ environmentName: "mi-app-env", resources: null })]);
    expect(errors).toEqual([expect.objectContaining({ action: "elasticbeanstalk:DescribeEnvironmentResources", kind: "denied", target: "mi-app-env" })]);
  });
});

describe("cleanup-lambda and cleanup-logs", () => {
  it("lists functions over every page", async () => {
    mocks.lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [{ FunctionName: "hola", Runtime: "python3.12", MemorySize: 128, CodeSize: 299, PackageType: "Zip", LastModified: "2026-11-20T10:00:00.000+0000" }], NextMarker: "m2" })
      .resolvesOnce({ Functions: [{ FunctionName: "adios", Runtime: "nodejs20.x" }] });
    const { facts } = await run(lambda);
    expect(facts.functions.map((f) => [f.functionName, f.runtime])).toEqual([
      ["hola", "python3.12"],
      ["adios", "nodejs20.x"],
    ]);
  });

  it("lists log groups with their stored bytes and retention", async () => {
    mocks.logs.on(DescribeLogGroupsCommand).resolves({
      logGroups: [
        { logGroupName: "/aws/lambda/hola", storedBytes: 2048, creationTime: 1795884997217 },
        { logGroupName: "/aws/elasticbeanstalk/mi-app-env/var/log/web.stdout.log", storedBytes: 0, retentionInDays: 7 },
      ],
    });
    const { facts } = await run(logs);
    expect(facts.logGroups).toEqual([
      { logGroupName: "/aws/lambda/hola", storedBytes: 2048, retentionInDays: null, creationTime: new Date(1795884997217).toISOString() },
      { logGroupName: "/aws/elasticbeanstalk/mi-app-env/var/log/web.stdout.log", storedBytes: 0, retentionInDays: 7, creationTime: null },
    ]);
  });
});

describe("cleanup-s3", () => {
  it("finds each bucket's region, skips regions not asked for, and sums every version by storage class", async () => {
    mocks.s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: "en-virginia", CreationDate: new Date("2026-11-20T10:00:00Z"), BucketRegion: "us-east-1" },
        { Name: "sin-region" },
        { Name: "viejo-eu" },
        { Name: "en-tokio", BucketRegion: "ap-northeast-1" },
      ],
    });
    mocks.s3.on(GetBucketLocationCommand, { Bucket: "sin-region" }).resolves({});
    mocks.s3.on(GetBucketLocationCommand, { Bucket: "viejo-eu" }).resolves({ LocationConstraint: "EU" });
    // Generic answer first: aws-sdk-client-mock lets the later, more specific one win.
    mocks.s3.on(ListObjectVersionsCommand).resolves({ IsTruncated: false });
    mocks.s3.on(ListObjectVersionsCommand, { Bucket: "en-virginia" }).resolves({
      IsTruncated: false,
      Versions: [
        { Key: "a.txt", VersionId: "v2", IsLatest: true, Size: 1000, StorageClass: "STANDARD" },
        { Key: "a.txt", VersionId: "v1", IsLatest: false, Size: 900, StorageClass: "STANDARD" },
        // The SDK types only STANDARD, but AWS answers every class the version is stored in.
        { Key: "b.bin", VersionId: "v1", IsLatest: true, Size: 5000, StorageClass: "GLACIER" as ObjectVersionStorageClass },
      ],
      DeleteMarkers: [{ Key: "c.txt", VersionId: "d1", IsLatest: true }],
    });
    const { facts, errors } = await run(s3, { regions: ["us-east-1", "eu-west-1"] }, "us-east-1", true);
    expect(errors).toEqual([]);
    expect(facts.buckets).toEqual([
      {
        name: "en-virginia",
        region: "us-east-1",
        creationDate: "2026-11-20T10:00:00.000Z",
        storage: { bytesByStorageClass: { STANDARD: 1900, GLACIER: 5000 }, objects: 2, noncurrentVersions: 1, deleteMarkers: 1, versioned: true, complete: true },
      },
      { name: "sin-region", region: "us-east-1", creationDate: null, storage: expect.objectContaining({ objects: 0, versioned: false }) },
      { name: "viejo-eu", region: "eu-west-1", creationDate: null, storage: expect.objectContaining({ objects: 0 }) },
    ]);
    expect(mocks.s3.commandCalls(ListObjectVersionsCommand).map((c) => c.args[0].input.Bucket).sort()).toEqual(["en-virginia", "sin-region", "viejo-eu"]);
  });

  it("follows the version markers and stops at the page limit, saying the sums are a lower bound", async () => {
    mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "enorme", BucketRegion: "us-east-1" }] });
    mocks.s3.on(ListObjectVersionsCommand).callsFake((input: { KeyMarker?: string }) => {
      const page = Number(input.KeyMarker ?? "0");
      return { IsTruncated: true, NextKeyMarker: String(page + 1), NextVersionIdMarker: "null", Versions: [{ Key: `k${page}`, VersionId: "null", IsLatest: true, Size: 10 }] };
    });
    const { facts } = await run(s3, {}, "us-east-1", true);
    const calls = mocks.s3.commandCalls(ListObjectVersionsCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(MAX_VERSION_PAGES);
    expect(calls[1]).toMatchObject({ KeyMarker: "1", VersionIdMarker: "null" });
    expect(facts.buckets[0]!.storage).toMatchObject({ objects: MAX_VERSION_PAGES, complete: false, versioned: false, bytesByStorageClass: { STANDARD: 10 * MAX_VERSION_PAGES } });
  });

  it("keeps a bucket whose contents are denied, with no storage and an error naming it", async () => {
    mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "privado", BucketRegion: "us-east-1" }] });
    mocks.s3
      .on(ListObjectVersionsCommand)
      .rejects(new S3ServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "Access Denied" }));
    const { facts, errors } = await run(s3, {}, "us-east-1", true);
    expect(facts.buckets).toEqual([expect.objectContaining({ name: "privado", storage: null })]);
    expect(errors).toEqual([{ action: "s3:ListBucketVersions", code: "AccessDenied", kind: "denied", message: "Access Denied", collector: "cleanup-s3", target: "privado" }]);
  });
});

/** A database as DescribeDBInstances describes it (abridged), made in the Beanstalk lesson. */
function dbInstance(id: string, more: Partial<DBInstance> = {}): DBInstance {
  return {
    DBInstanceIdentifier: id,
    DBInstanceClass: "db.t4g.micro",
    Engine: "postgres",
    EngineVersion: "16.4",
    DBInstanceStatus: "available",
    MasterUsername: "ebroot",
    DBName: "ebdb",
    Endpoint: { Address: `${id}.c9akciq32.us-east-1.rds.amazonaws.com`, Port: 5432, HostedZoneId: "Z2R2ITUGPM61AM" },
    AllocatedStorage: 20,
    InstanceCreateTime: new Date("2026-11-20T10:00:00.000Z"),
    BackupRetentionPeriod: 7,
    AvailabilityZone: "us-east-1a",
    MultiAZ: false,
    StorageType: "gp3",
    Iops: 3000,
    StorageThroughput: 125,
    PubliclyAccessible: false,
    StorageEncrypted: true,
    DeletionProtection: false,
    DBInstanceArn: `arn:aws:rds:us-east-1:123456789012:db:${id}`,
    TagList: [],
    ...more,
  };
}

function dbSnapshot(id: string, more: Partial<DBSnapshot> = {}): DBSnapshot {
  return {
    DBSnapshotIdentifier: id,
    DBInstanceIdentifier: "mi-db",
    SnapshotCreateTime: new Date("2026-11-27T10:00:00.000Z"),
    Engine: "postgres",
    AllocatedStorage: 20,
    Status: "available",
    Port: 5432,
    AvailabilityZone: "us-east-1a",
    SnapshotType: "manual",
    StorageType: "gp3",
    Encrypted: true,
    DBSnapshotArn: `arn:aws:rds:us-east-1:123456789012:snapshot:${id}`,
    ...more,
  };
}

describe("cleanup-rds", () => {
  it("lists databases with class, engine, storage, Multi-AZ and status, over every page", async () => {
    const markers: (string | undefined)[] = [];
    mocks.rds.on(DescribeDBInstancesCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      return input.Marker === "db-page-2"
        ? { DBInstances: [dbInstance("otra-db", { DBInstanceClass: "db.t3.micro", Engine: "mysql", StorageType: "gp2", MultiAZ: true, DBInstanceStatus: "stopped", AutomaticRestartTime: new Date("2026-12-04T10:00:00.000Z") })] }
        : {
            DBInstances: [
              dbInstance("mi-db", {
                PubliclyAccessible: true,
                DeletionProtection: true,
                TagList: [{ Key: "elasticbeanstalk:environment-name", Value: "mi-app-env" }],
              }),
            ],
            Marker: "db-page-2",
          };
    });
    mocks.rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [dbSnapshot("mi-db-final")] });
    const { facts, errors } = await run(rds);
    expect(errors).toEqual([]);
    expect(markers).toEqual([undefined, "db-page-2"]);
    expect(facts.dbInstances).toEqual([
      {
        dbInstanceIdentifier: "mi-db",
        dbInstanceClass: "db.t4g.micro",
        engine: "postgres",
        engineVersion: "16.4",
        status: "available",
        storageType: "gp3",
        allocatedStorage: 20,
        iops: 3000,
        multiAz: false,
        publiclyAccessible: true,
        deletionProtection: true,
        automaticRestartTime: null,
        readReplicaSource: null,
        dbClusterIdentifier: null,
        beanstalkEnvironmentName: "mi-app-env",
        createTime: "2026-11-20T10:00:00.000Z",
      },
      expect.objectContaining({ dbInstanceIdentifier: "otra-db", engine: "mysql", multiAz: true, status: "stopped", automaticRestartTime: "2026-12-04T10:00:00.000Z" }),
    ]);
    expect(facts.dbSnapshots).toEqual([
      { dbSnapshotIdentifier: "mi-db-final", dbInstanceIdentifier: "mi-db", engine: "postgres", status: "available", allocatedStorage: 20, createTime: "2026-11-27T10:00:00.000Z" },
    ]);
  });

  it("asks only for manual snapshots: automated backups go with their database", async () => {
    mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    mocks.rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [dbSnapshot("a"), dbSnapshot("rds:mi-db-2026-11-27-06-10", { SnapshotType: "automated" })] });
    const { facts } = await run(rds);
    expect(mocks.rds.commandCalls(DescribeDBSnapshotsCommand).map((c) => c.args[0].input)).toEqual([{ SnapshotType: "manual" }]);
    expect(facts.dbSnapshots!.map((s) => s.dbSnapshotIdentifier)).toEqual(["a"]);
  });

  it("records a denied DescribeDBInstances as unknown (null), not as no databases, and still lists snapshots", async () => {
    mocks.rds.on(DescribeDBInstancesCommand).rejects(
      new RDSServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "User is not authorized to perform: rds:DescribeDBInstances" }),
    );
    mocks.rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [dbSnapshot("mi-db-final")] });
    const { facts, errors } = await run(rds, {}, "eu-west-1");
    expect(facts.dbInstances).toBeNull();
    expect(facts.dbSnapshots).toHaveLength(1);
    expect(errors).toEqual([expect.objectContaining({ action: "rds:DescribeDBInstances", kind: "denied", collector: "cleanup-rds", region: "eu-west-1" })]);
  });
});

describe("declared actions", () => {
  it.each([ec2, elbv2, beanstalk, lambda, logs, s3, rds] as Collector[])("$service declares only read actions", (collector) => {
    expect(collector.actions.length).toBeGreaterThan(0);
    expect(collector.actions.filter((a) => !/^[a-z0-9-]+:(Describe|Get|List)[A-Z]/.test(a))).toEqual([]);
  });
});
