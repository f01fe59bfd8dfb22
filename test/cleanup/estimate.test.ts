import { describe, expect, it } from "vitest";
import { cents } from "../../src/cleanup/estimate.js";
import type { CleanupItem } from "../../src/cleanup/report.js";
import { REGIONAL_COLLECTORS } from "../../src/cleanup/snapshot.js";
import {
  ALB_ARN,
  address,
  bucket,
  cleanupSnapshot,
  denied,
  endpoint,
  eni,
  environment,
  estimate,
  instance,
  loadBalancer,
  natGateway,
  priced,
  snapshotOfVolume,
  volume,
} from "./fixtures.js";

// Prices of data/prices.json (us-east-1): t2.micro 0.0116/h, gp3 0.08/GB, gp2 0.10/GB, IPv4 0.005/h,
// NAT 0.045/h, ALB 0.0225/h, 730 h a month.

const costsOf = (item: CleanupItem) => item.costs.map((c) => [c.monthlyUsd, c.freeTier ?? null]);

describe("EC2 instances", () => {
  it.each([
    {
      case: "running t2.micro, 8 GiB gp3, auto-assigned public IPv4",
      facts: { instances: [instance()], volumes: [volume()] },
      monthly: 12.76, // 8.47 compute + 0.64 EBS + 3.65 IPv4
      costs: [[8.47, "ec2-hours"], [0.64, "ebs-gb"], [3.65, "public-ipv4-hours"]],
      billable: true,
    },
    {
      case: "stopped: no compute, no public address, its volume still bills",
      facts: { instances: [instance({ state: "stopped", publicIpAddress: null })], volumes: [volume()] },
      monthly: 0.64,
      costs: [[0.64, "ebs-gb"]],
      billable: true,
    },
    {
      case: "running t3.large (not free tier) on a 20 GiB gp2 root",
      facts: { instances: [instance({ instanceType: "t3.large", publicIpAddress: null })], volumes: [volume({ volumeType: "gp2", size: 20 })] },
      monthly: 62.74, // 60.74 + 2.00
      costs: [[60.74, null], [2, "ebs-gb"]],
      billable: true,
    },
    {
      case: "gp3 with IOPS and throughput above the included ones",
      facts: { instances: [instance({ state: "stopped", publicIpAddress: null })], volumes: [volume({ size: 100, iops: 4000, throughput: 250 })] },
      monthly: 18, // 8.00 + 1000 × 0.005 + 125 × 0.04
      costs: [[8, "ebs-gb"], [5, null], [5, null]],
      billable: true,
    },
    {
      case: "io1 pays for every provisioned IOPS, outside the free tier",
      facts: { instances: [instance({ state: "stopped", publicIpAddress: null })], volumes: [volume({ volumeType: "io1", size: 10, iops: 100 })] },
      monthly: 7.75, // 1.25 + 6.50
      costs: [[1.25, null], [6.5, null]],
      billable: true,
    },
  ])("$case", ({ facts, monthly, costs, billable }) => {
    const { item } = priced({ ec2: facts });
    const i = item("ec2-instance");
    expect(i.monthlyUsd).toBe(monthly);
    expect(costsOf(i)).toEqual(costs);
    expect(i.billable).toBe(billable);
    expect(i.costKnown).toBe(true);
    expect(i.deleteCommands).toEqual(["aws ec2 terminate-instances --instance-ids i-0a1b2c3d4e5f60001 --region us-east-1"]);
  });

  it("marks an unpriced type as unknown cost, still billable, and says why", () => {
    const { item } = priced({ ec2: { instances: [instance({ instanceType: "x2iedn.32xlarge", publicIpAddress: null })], volumes: [volume()] } });
    const i = item("ec2-instance");
    expect(i).toMatchObject({ costKnown: false, billable: true, monthlyUsd: 0.64 });
    expect(i.notes.join(" ")).toContain("x2iedn.32xlarge");
  });

  it("tells Windows and spot prices apart from the Linux table", () => {
    const { item } = priced({ ec2: { instances: [instance({ platformDetails: "Windows", lifecycle: "spot" })], volumes: [volume()] } }, {}, "en");
    expect(item("ec2-instance").notes).toEqual(expect.arrayContaining(["Linux price: with Windows it costs more", "spot instance: its real price is lower and varies"]));
  });

  it("points an Auto Scaling instance at its group, and keeps a volume that outlives the instance", () => {
    const { item } = priced({
      ec2: {
        instances: [instance({ autoScalingGroup: "mi-asg", volumes: [{ volumeId: "vol-0root0000000001", deleteOnTermination: false }] })],
        volumes: [volume()],
      },
    });
    expect(item("ec2-instance").deleteCommands).toEqual([
      "aws autoscaling delete-auto-scaling-group --auto-scaling-group-name mi-asg --force-delete --region us-east-1",
      "aws ec2 delete-volume --volume-id vol-0root0000000001 --region us-east-1",
    ]);
  });

  it("counts an attached volume once, inside its instance, and an unattached one as its own item", () => {
    const { report, item } = priced({
      ec2: { instances: [instance({ publicIpAddress: null })], volumes: [volume(), volume({ volumeId: "vol-0spare000000001", attachedTo: null, state: "available", size: 20 })] },
    });
    expect(report.items.filter((i) => i.type === "ebs-volume").map((i) => i.id)).toEqual(["vol-0spare000000001"]);
    expect(item("ebs-volume")).toMatchObject({ monthlyUsd: 1.6, billable: true, summary: "gp3, 20 GiB, sin conectar" });
    expect(item("ebs-volume").deleteCommands).toEqual(["aws ec2 delete-volume --volume-id vol-0spare000000001 --region us-east-1"]);
  });

  it("does not bill an Elastic IP twice: the instance's address is the EIP's", () => {
    const { report, item } = priced({
      ec2: {
        instances: [instance({ publicIpAddress: "3.220.1.1" })],
        volumes: [volume()],
        addresses: [address({ associationId: "eipassoc-01", instanceId: "i-0a1b2c3d4e5f60001" })],
      },
    });
    expect(item("ec2-instance").costs.map((c) => c.label)).not.toContain("IPv4 pública 3.220.1.1");
    expect(item("elastic-ip")).toMatchObject({ monthlyUsd: 3.65 });
    expect(item("elastic-ip").costs[0]!.freeTier).toBe("public-ipv4-hours");
    expect(report.totals.monthlyUsd).toBe(cents(8.47 + 0.64 + 3.65));
  });
});

describe("addresses, NAT gateways, load balancers, endpoints", () => {
  it.each([
    {
      case: "unassociated Elastic IP",
      eip: address(),
      instances: [],
      commands: ["aws ec2 release-address --allocation-id eipalloc-0e1e2e3e4e5e6e7e8 --region us-east-1"],
      freeTier: null,
      summary: "3.220.1.1, sin asociar",
    },
    {
      case: "on a stopped instance: idle, no free tier, disassociate first",
      eip: address({ associationId: "eipassoc-0a", instanceId: "i-0a1b2c3d4e5f60001" }),
      instances: [instance({ state: "stopped", publicIpAddress: null })],
      commands: [
        "aws ec2 disassociate-address --association-id eipassoc-0a --region us-east-1",
        "aws ec2 release-address --allocation-id eipalloc-0e1e2e3e4e5e6e7e8 --region us-east-1",
      ],
      freeTier: null,
      summary: "3.220.1.1, asociada a i-0a1b2c3d4e5f60001",
    },
    {
      case: "a NAT gateway's: delete the NAT first, then release",
      eip: address({ allocationId: "eipalloc-0nat000000000001", publicIp: "3.220.9.9", associationId: "eipassoc-0n", networkInterfaceId: "eni-0nat" }),
      instances: [],
      commands: ["aws ec2 release-address --allocation-id eipalloc-0nat000000000001 --region us-east-1"],
      freeTier: null,
      summary: "3.220.9.9, asociada a nat-0123456789abcdef0",
    },
  ])("Elastic IP: $case", ({ eip, instances, commands, freeTier, summary }) => {
    const { item } = priced({ ec2: { addresses: [eip], instances, volumes: [volume()], natGateways: [natGateway()] } });
    const e = item("elastic-ip");
    expect(e).toMatchObject({ monthlyUsd: 3.65, billable: true, summary, deleteCommands: commands });
    expect(e.costs[0]!.freeTier ?? null).toBe(freeTier);
  });

  it("prices a NAT gateway by the hour and says its traffic is extra", () => {
    const { item } = priced({ ec2: { natGateways: [natGateway()] } }, {}, "en");
    expect(item("nat-gateway")).toMatchObject({
      monthlyUsd: 32.85,
      deleteCommands: ["aws ec2 delete-nat-gateway --nat-gateway-id nat-0123456789abcdef0 --region us-east-1"],
      notes: ["plus 0.045 USD per GB processed", "then release its Elastic IP 3.220.9.9"],
    });
  });

  it.each([
    { case: "internet-facing ALB in 2 zones: hours + 2 public IPv4", lb: loadBalancer(), enis: [], monthly: 23.73, free: "elb-hours" },
    { case: "internal ALB: no public address", lb: loadBalancer({ scheme: "internal" }), enis: [], monthly: 16.43, free: "elb-hours" },
    { case: "dualstack without public IPv4", lb: loadBalancer({ ipAddressType: "dualstack-without-public-ipv4" }), enis: [], monthly: 16.43, free: "elb-hours" },
    { case: "NLB: no free tier", lb: loadBalancer({ type: "network", loadBalancerArn: ALB_ARN.replace("/app/", "/net/") }), enis: [], monthly: 23.73, free: null },
    {
      case: "three interfaces with public addresses outnumber the zones",
      lb: loadBalancer(),
      enis: ["3.1.1.1", "3.1.1.2", "3.1.1.3"].map((ip, n) => eni({ networkInterfaceId: `eni-0lb${n}`, description: "ELB app/mi-alb/50dc6c495c0c9188", publicIp: ip, requesterManaged: true })),
      monthly: 27.38,
      free: "elb-hours",
    },
  ])("load balancer: $case", ({ lb, enis, monthly, free }) => {
    const { report, item } = priced({ loadBalancers: [lb], ec2: { networkInterfaces: enis } });
    expect(item("load-balancer")).toMatchObject({ id: "mi-alb", monthlyUsd: monthly, billable: true });
    expect(item("load-balancer").costs[0]!.freeTier ?? null).toBe(free);
    expect(item("load-balancer").deleteCommands).toEqual([`aws elbv2 delete-load-balancer --load-balancer-arn ${lb.loadBalancerArn} --region us-east-1`]);
    // The load balancer's interfaces are counted in it, never again as loose public addresses.
    expect(report.items.filter((i) => i.type === "public-ipv4")).toEqual([]);
  });

  it.each([
    { type: "Interface", subnetCount: 2, monthly: 14.6, billable: true },
    { type: "Gateway", subnetCount: 0, monthly: 0, billable: false },
  ])("VPC endpoint of type $type", ({ type, subnetCount, monthly, billable }) => {
    const { item } = priced({ ec2: { vpcEndpoints: [endpoint({ vpcEndpointType: type, subnetCount })] } });
    expect(item("vpc-endpoint")).toMatchObject({ monthlyUsd: monthly, billable });
  });
});

describe("snapshots, buckets, functions, log groups", () => {
  it.each([
    { case: "8 GiB standard", snap: snapshotOfVolume(), monthly: 0.4, commands: ["aws ec2 delete-snapshot --snapshot-id snap-0a0a0a0a0a0a0a0a1 --region us-east-1"] },
    { case: "archived", snap: snapshotOfVolume({ storageTier: "archive", volumeSize: 100 }), monthly: 1.25, commands: ["aws ec2 delete-snapshot --snapshot-id snap-0a0a0a0a0a0a0a0a1 --region us-east-1"] },
    { case: "full size known: 2 GiB written of 8", snap: snapshotOfVolume({ fullSizeBytes: 2 * 1024 ** 3 }), monthly: 0.1, commands: ["aws ec2 delete-snapshot --snapshot-id snap-0a0a0a0a0a0a0a0a1 --region us-east-1"] },
    {
      case: "behind an AMI: deregister first",
      snap: snapshotOfVolume({ images: ["ami-0abc"] }),
      monthly: 0.4,
      commands: ["aws ec2 deregister-image --image-id ami-0abc --region us-east-1", "aws ec2 delete-snapshot --snapshot-id snap-0a0a0a0a0a0a0a0a1 --region us-east-1"],
    },
  ])("snapshot: $case", ({ snap, monthly, commands }) => {
    const { item } = priced({ ec2: { snapshots: [snap] } });
    expect(item("ebs-snapshot")).toMatchObject({ monthlyUsd: monthly, billable: true, deleteCommands: commands });
  });

  const GB = 1024 ** 3;
  it.each([
    { case: "empty", b: bucket(), monthly: 0, known: true, billable: false, command: "aws s3 rb s3://mi-bucket-de-platzi --region us-east-1" },
    {
      case: "10 GB Standard + 100 GB Glacier",
      b: bucket({ storage: { bytesByStorageClass: { STANDARD: 10 * GB, GLACIER: 100 * GB }, objects: 3, noncurrentVersions: 0, deleteMarkers: 0, versioned: false, complete: true } }),
      monthly: 0.59, // 0.23 + 0.36
      known: true,
      billable: true,
      command: "aws s3 rb s3://mi-bucket-de-platzi --force --region us-east-1",
    },
    {
      case: "versioned: rb without --force, after emptying it in the console",
      b: bucket({ storage: { bytesByStorageClass: { STANDARD: 10 * GB }, objects: 1, noncurrentVersions: 4, deleteMarkers: 1, versioned: true, complete: true } }),
      monthly: 0.23,
      known: true,
      billable: true,
      command: "aws s3 rb s3://mi-bucket-de-platzi --region us-east-1",
    },
    {
      case: "more versions than the listing reads: a lower bound",
      b: bucket({ storage: { bytesByStorageClass: { STANDARD: 1024 }, objects: 5000, noncurrentVersions: 0, deleteMarkers: 0, versioned: false, complete: false } }),
      monthly: 0,
      known: false,
      billable: true,
      command: "aws s3 rb s3://mi-bucket-de-platzi --force --region us-east-1",
    },
    { case: "contents unreadable", b: bucket({ storage: null }), monthly: 0, known: false, billable: true, command: "aws s3 rb s3://mi-bucket-de-platzi --force --region us-east-1" },
  ])("bucket: $case", ({ b, monthly, known, billable, command }) => {
    const { item } = priced({}, { buckets: [b] });
    expect(item("s3-bucket")).toMatchObject({ monthlyUsd: monthly, costKnown: known, billable, deleteCommands: [command] });
  });

  it("lists a bucket under its own region, whichever region was asked first", () => {
    const report = estimate(cleanupSnapshot({ "us-east-1": {} }, { buckets: [bucket({ region: "eu-west-1" })] }));
    expect(report.items.map((i) => [i.region, i.type])).toEqual([["eu-west-1", "s3-bucket"]]);
  });

  it("lists functions as free while idle, marked free tier, with their delete command", () => {
    const { item } = priced({ functions: [{ functionName: "hola", runtime: "python3.12", memorySize: 128, codeSize: 300, packageType: "Zip", lastModified: null }] });
    expect(item("lambda-function")).toMatchObject({
      monthlyUsd: 0,
      billable: false,
      costKnown: true,
      freeTier: { eligible: true, coveredUsd: 0 },
      deleteCommands: ["aws lambda delete-function --function-name hola --region us-east-1"],
    });
  });

  it.each([
    { bytes: 2048, monthly: 0, billable: false },
    { bytes: 10 * GB, monthly: 0.3, billable: true },
  ])("log group of $bytes bytes", ({ bytes, monthly, billable }) => {
    const { item } = priced({ logGroups: [{ logGroupName: "/aws/lambda/hola", storedBytes: bytes, retentionInDays: null, creationTime: null }] });
    expect(item("log-group")).toMatchObject({ monthlyUsd: monthly, billable, deleteCommands: ["aws logs delete-log-group --log-group-name /aws/lambda/hola --region us-east-1"] });
  });
});

describe("Elastic Beanstalk", () => {
  const envInstance = instance({ instanceId: "i-0eb0000000000001", publicIpAddress: "54.1.1.1", beanstalkEnvironmentId: "e-7hq2xk3mpa" });
  const envVolume = volume({ volumeId: "vol-0eb00000000001", attachedTo: "i-0eb0000000000001" });
  const envFacts = {
    ec2: { instances: [{ ...envInstance, volumes: [{ volumeId: "vol-0eb00000000001", deleteOnTermination: true }] }], volumes: [envVolume] },
    loadBalancers: [loadBalancer({ loadBalancerName: "awseb-AWSEB-1ABC", loadBalancerArn: ALB_ARN.replace("mi-alb", "awseb-AWSEB-1ABC") })],
  };

  it("terminates the environment, and deletes its instances and load balancer with it", () => {
    const lbArn = ALB_ARN.replace("mi-alb", "awseb-AWSEB-1ABC");
    const { report, item } = priced({
      ...envFacts,
      environments: [environment({ resources: { instances: ["i-0eb0000000000001"], loadBalancers: [lbArn], autoScalingGroups: ["awseb-asg"] } })],
    });
    const env = item("beanstalk-environment");
    expect(env).toMatchObject({ billable: true, costKnown: true, monthlyUsd: 0 });
    expect(env.deleteCommands).toEqual(["aws elasticbeanstalk terminate-environment --environment-name mi-app-env --region us-east-1"]);
    expect(env.notes.join(" ")).toContain("2 recurso(s) con coste (36.49 USD/mes)"); // 12.76 + 23.73
    for (const child of [item("ec2-instance"), item("load-balancer")]) {
      expect(child.deletedWith).toEqual({ type: "beanstalk-environment", id: "mi-app-env" });
      expect(child.deleteCommands).toEqual([]);
    }
    expect(report.totals.monthlyUsd).toBe(36.49);
  });

  it("finds its instances by their tags when its resources could not be read, and says the cost is unknown", () => {
    const { item } = priced({ ...envFacts, environments: [environment({ resources: null })] });
    expect(item("beanstalk-environment")).toMatchObject({ costKnown: false, billable: true });
    expect(item("ec2-instance").deletedWith).toEqual({ type: "beanstalk-environment", id: "mi-app-env" });
  });
});

describe("what the network interfaces reveal", () => {
  it.each([
    {
      case: "an RDS database",
      enis: [eni({ description: "RDSNetworkInterface", requesterId: "amazon-rds", requesterManaged: true, publicIp: "34.1.1.1" })],
      type: "rds",
      id: "rds",
      monthly: 3.65,
      commands: [
        "aws rds describe-db-instances --query 'DBInstances[].[DBInstanceIdentifier,DBInstanceClass,DBInstanceStatus]' --output text --region us-east-1",
        "aws rds delete-db-instance --db-instance-identifier <ID> --skip-final-snapshot --region us-east-1",
      ],
    },
    {
      case: "an EFS file system and its mount targets",
      enis: ["fsmt-0a1", "fsmt-0b2"].map((m, n) => eni({ networkInterfaceId: `eni-0efs${n}`, description: `EFS mount target for fs-0123abcd (${m})`, requesterManaged: true })),
      type: "efs",
      id: "fs-0123abcd",
      monthly: 0,
      commands: [
        "aws efs delete-mount-target --mount-target-id fsmt-0a1 --region us-east-1",
        "aws efs delete-mount-target --mount-target-id fsmt-0b2 --region us-east-1",
        "aws efs delete-file-system --file-system-id fs-0123abcd --region us-east-1",
      ],
    },
  ])("$case: unknown cost, billable, with a way to delete it", ({ enis, type, id, monthly, commands }) => {
    const { item } = priced({ ec2: { networkInterfaces: enis } });
    const found = item(type as CleanupItem["type"], id);
    expect(found).toMatchObject({ costKnown: false, billable: true, monthlyUsd: monthly, deleteCommands: commands });
  });

  it("prices a Classic Load Balancer found by its «ELB name» interfaces", () => {
    const enis = ["3.2.2.1", "3.2.2.2"].map((ip, n) => eni({ networkInterfaceId: `eni-0clb${n}`, description: "ELB mi-clasico", publicIp: ip, requesterManaged: true }));
    const { item } = priced({ ec2: { networkInterfaces: enis } });
    expect(item("load-balancer", "mi-clasico")).toMatchObject({
      monthlyUsd: 25.55, // 18.25 + 2 × 3.65
      deleteCommands: ["aws elb delete-load-balancer --load-balancer-name mi-clasico --region us-east-1"],
    });
  });

  it("lists a public address nobody else claims as its own item", () => {
    const { report, item } = priced({ ec2: { networkInterfaces: [eni({ description: "something custom", publicIp: "18.1.1.1" })] } });
    expect(item("public-ipv4", "18.1.1.1")).toMatchObject({ monthlyUsd: 3.65, billable: true, deleteCommands: [] });
    expect(report.items).toHaveLength(1);
  });

  it("still bills an instance's public address when the instances themselves could not be listed", () => {
    const { item } = priced(
      { ec2: { networkInterfaces: [eni({ instanceId: "i-0hidden", description: "Primary network interface", publicIp: "54.9.9.9" })] } },
      { errors: [denied("ec2:DescribeInstances", "us-east-1", "cleanup-ec2")] },
    );
    expect(item("public-ipv4", "54.9.9.9")).toMatchObject({ monthlyUsd: 3.65, billable: true });
  });

  it("never lists a NAT gateway's or an endpoint's interfaces apart", () => {
    const { report } = priced({
      ec2: {
        networkInterfaces: [
          eni({ interfaceType: "nat_gateway", description: "Interface for NAT Gateway nat-0123", publicIp: "3.220.9.9", allocationId: "eipalloc-0nat000000000001" }),
          eni({ networkInterfaceId: "eni-0vpce", interfaceType: "vpc_endpoint", description: "VPC Endpoint Interface vpce-0123", requesterManaged: true }),
          eni({ networkInterfaceId: "eni-0lambda", interfaceType: "lambda", description: "AWS Lambda VPC ENI-hola", requesterManaged: true }),
        ],
      },
    });
    expect(report.items).toEqual([]);
    expect(report.status).toBe("clean");
  });
});

describe("free tier, totals and status", () => {
  it("shares 750 hours among two t2.micro: one month for the first, 20 hours for the second", () => {
    const second = instance({ instanceId: "i-0a1b2c3d4e5f60002", publicIpAddress: null, volumes: [] });
    const first = instance({ publicIpAddress: null, volumes: [] });
    const { report } = priced({ ec2: { instances: [first, second] } });
    expect(report.items.map((i) => i.freeTier.coveredUsd)).toEqual([8.47, 0.23]);
    expect(report.totals).toMatchObject({ monthlyUsd: 16.94, freeTierCoveredUsd: 8.7, afterFreeTierUsd: 8.24 });
  });

  it("adds totals by region, exactly the sum of the items shown", () => {
    const report = estimate(
      cleanupSnapshot({
        "us-east-1": { ec2: { instances: [instance()], volumes: [volume()] } },
        "eu-west-1": { ec2: { addresses: [address()], natGateways: [natGateway({ publicIps: [] })] } },
        "ap-south-1": {},
      }),
    );
    expect(report.regions).toEqual(["ap-south-1", "eu-west-1", "us-east-1"]);
    expect(report.totals.byRegion).toEqual([
      { region: "ap-south-1", monthlyUsd: 0, billableItems: 0, items: 0 },
      { region: "eu-west-1", monthlyUsd: 36.5, billableItems: 2, items: 2 },
      { region: "us-east-1", monthlyUsd: 12.76, billableItems: 1, items: 1 },
    ]);
    expect(report.totals.monthlyUsd).toBe(49.26);
    expect(report.totals.monthlyUsd).toBe(cents(report.items.reduce((s, i) => s + i.monthlyUsd, 0)));
    expect(report.status).toBe("billable");
  });

  it.each([
    { case: "nothing at all", regions: { "us-east-1": {}, "eu-west-1": {} }, errors: [], status: "clean" },
    { case: "only free things", regions: { "us-east-1": { functions: [{ functionName: "f", runtime: null, memorySize: null, codeSize: null, packageType: null, lastModified: null }] } }, errors: [], status: "clean" },
    {
      case: "nothing found, but a listing was denied",
      regions: { "us-east-1": {} },
      errors: [denied("elasticloadbalancing:DescribeLoadBalancers", "us-east-1", "cleanup-elbv2")],
      status: "incomplete",
    },
    {
      case: "every listing of every collector failed",
      regions: { "us-east-1": {} },
      errors: [
        ...REGIONAL_COLLECTORS.map((c) => denied(`${c}:List`, "us-east-1", c)),
        denied("s3:ListAllMyBuckets", undefined, "cleanup-s3"),
      ],
      status: "unreadable",
    },
  ])("status when $case: $status", ({ regions, errors, status }) => {
    expect(estimate(cleanupSnapshot(regions as never, { errors })).status).toBe(status);
  });

  it("reports a denial as data, naming the permission and the region, in Spanish and English", () => {
    const errors = [denied("ec2:DescribeNatGateways", "eu-west-1", "cleanup-ec2"), denied("s3:ListBucketVersions", undefined, "cleanup-s3", "mi-bucket")];
    const es = estimate(cleanupSnapshot({ "eu-west-1": {} }, { errors }), "es");
    const en = estimate(cleanupSnapshot({ "eu-west-1": {} }, { errors }), "en");
    expect(es.errors.map((e) => e.text)).toEqual([
      "no se pudieron revisar los gateways NAT en eu-west-1: falta el permiso ec2:DescribeNatGateways (UnauthorizedOperation)",
      "no se pudo revisar el contenido del bucket mi-bucket en S3: falta el permiso s3:ListBucketVersions (AccessDenied)",
    ]);
    expect(en.errors[0]!.text).toBe("could not check NAT gateways in eu-west-1: the permission ec2:DescribeNatGateways is missing (UnauthorizedOperation)");
    expect(es.status).toBe("incomplete");
  });
});
