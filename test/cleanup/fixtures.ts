import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CleanupBeanstalkFacts, CleanupEnvironment } from "../../src/cleanup/collectors/beanstalk.js";
import type {
  CleanupAddress,
  CleanupEc2Facts,
  CleanupInstance,
  CleanupNatGateway,
  CleanupNetworkInterface,
  CleanupSnapshot,
  CleanupVolume,
  CleanupVpcEndpoint,
} from "../../src/cleanup/collectors/ec2.js";
import type { CleanupElbv2Facts, CleanupLoadBalancer } from "../../src/cleanup/collectors/elbv2.js";
import type { CleanupLambdaFacts } from "../../src/cleanup/collectors/lambda.js";
import type { CleanupLogsFacts } from "../../src/cleanup/collectors/logs.js";
import type { CleanupDbInstance, CleanupDbSnapshot, CleanupRdsFacts } from "../../src/cleanup/collectors/rds.js";
import type { CleanupBucket } from "../../src/cleanup/collectors/s3.js";
import { estimateCleanup } from "../../src/cleanup/estimate.js";
import type { PriceTable } from "../../src/cleanup/prices.js";
import type { CleanupItem, CleanupReport } from "../../src/cleanup/report.js";
import type { CallError, Snapshot } from "../../src/core/snapshot.js";
import type { Lang } from "../../src/core/text.js";
import { ROOT } from "../support/cli.js";

export const PRICES = JSON.parse(readFileSync(join(ROOT, "data", "prices.json"), "utf8")) as PriceTable;
export const ACCOUNT = { id: "123456789012", arn: "arn:aws:iam::123456789012:user/alumno" };

export const instance = (over: Partial<CleanupInstance> = {}): CleanupInstance => ({
  instanceId: "i-0a1b2c3d4e5f60001",
  name: "mi-servidor",
  state: "running",
  instanceType: "t2.micro",
  platformDetails: "Linux/UNIX",
  lifecycle: null,
  launchTime: "2026-11-20T10:00:00.000Z",
  publicIpAddress: "54.210.1.10",
  autoScalingGroup: null,
  beanstalkEnvironmentId: null,
  beanstalkEnvironmentName: null,
  volumes: [{ volumeId: "vol-0root0000000001", deleteOnTermination: true }],
  ...over,
});

export const volume = (over: Partial<CleanupVolume> = {}): CleanupVolume => ({
  volumeId: "vol-0root0000000001",
  name: null,
  state: "in-use",
  volumeType: "gp3",
  size: 8,
  iops: 3000,
  throughput: 125,
  attachedTo: "i-0a1b2c3d4e5f60001",
  createTime: "2026-11-20T10:00:00.000Z",
  ...over,
});

export const snapshotOfVolume = (over: Partial<CleanupSnapshot> = {}): CleanupSnapshot => ({
  snapshotId: "snap-0a0a0a0a0a0a0a0a1",
  name: null,
  volumeId: "vol-0root0000000001",
  volumeSize: 8,
  fullSizeBytes: null,
  storageTier: "standard",
  startTime: "2026-11-21T10:00:00.000Z",
  description: null,
  images: [],
  ...over,
});

export const address = (over: Partial<CleanupAddress> = {}): CleanupAddress => ({
  allocationId: "eipalloc-0e1e2e3e4e5e6e7e8",
  publicIp: "3.220.1.1",
  associationId: null,
  instanceId: null,
  networkInterfaceId: null,
  domain: "vpc",
  name: null,
  ...over,
});

export const natGateway = (over: Partial<CleanupNatGateway> = {}): CleanupNatGateway => ({
  natGatewayId: "nat-0123456789abcdef0",
  name: "mi-nat",
  state: "available",
  vpcId: "vpc-0aaaaaaaaaaaaaaa1",
  subnetId: "subnet-0aaaaaaaaaaaaaaa1",
  connectivityType: "public",
  publicIps: ["3.220.9.9"],
  allocationIds: ["eipalloc-0nat000000000001"],
  ...over,
});

export const eni = (over: Partial<CleanupNetworkInterface> = {}): CleanupNetworkInterface => ({
  networkInterfaceId: "eni-0f0f0f0f0f0f0f0f1",
  interfaceType: "interface",
  description: null,
  requesterId: null,
  requesterManaged: false,
  status: "in-use",
  instanceId: null,
  publicIp: null,
  allocationId: null,
  ...over,
});

export const endpoint = (over: Partial<CleanupVpcEndpoint> = {}): CleanupVpcEndpoint => ({
  vpcEndpointId: "vpce-0123456789abcdef0",
  name: null,
  vpcEndpointType: "Interface",
  serviceName: "com.amazonaws.us-east-1.ssm",
  state: "available",
  subnetCount: 2,
  ...over,
});

export const ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mi-alb/50dc6c495c0c9188";

export const loadBalancer = (over: Partial<CleanupLoadBalancer> = {}): CleanupLoadBalancer => ({
  loadBalancerArn: ALB_ARN,
  loadBalancerName: "mi-alb",
  type: "application",
  scheme: "internet-facing",
  state: "active",
  ipAddressType: "ipv4",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  dnsName: "mi-alb-1234567890.us-east-1.elb.amazonaws.com",
  createdTime: "2026-11-20T10:00:00.000Z",
  ...over,
});

export const environment = (over: Partial<CleanupEnvironment> = {}): CleanupEnvironment => ({
  environmentName: "mi-app-env",
  environmentId: "e-7hq2xk3mpa",
  applicationName: "mi-app",
  status: "Ready",
  health: "Green",
  cname: "mi-app-env.eba-7hq2xk3m.us-east-1.elasticbeanstalk.com",
  dateCreated: "2026-11-20T10:00:00.000Z",
  resources: { instances: [], loadBalancers: [], autoScalingGroups: [] },
  ...over,
});

export const bucket = (over: Partial<CleanupBucket> = {}): CleanupBucket => ({
  name: "mi-bucket-de-platzi",
  region: "us-east-1",
  creationDate: "2026-11-20T10:00:00.000Z",
  storage: { bytesByStorageClass: {}, objects: 0, noncurrentVersions: 0, deleteMarkers: 0, versioned: false, complete: true },
  ...over,
});

/** The database the Beanstalk lesson adds: PostgreSQL on db.t4g.micro, 20 GiB gp3, Single-AZ, private. */
export const dbInstance = (over: Partial<CleanupDbInstance> = {}): CleanupDbInstance => ({
  dbInstanceIdentifier: "mi-db",
  dbInstanceClass: "db.t4g.micro",
  engine: "postgres",
  engineVersion: "16.4",
  status: "available",
  storageType: "gp3",
  allocatedStorage: 20,
  iops: 3000,
  multiAz: false,
  publiclyAccessible: false,
  deletionProtection: false,
  automaticRestartTime: null,
  readReplicaSource: null,
  dbClusterIdentifier: null,
  beanstalkEnvironmentName: null,
  createTime: "2026-11-20T10:00:00.000Z",
  ...over,
});

export const dbSnapshot = (over: Partial<CleanupDbSnapshot> = {}): CleanupDbSnapshot => ({
  dbSnapshotIdentifier: "mi-db-final",
  dbInstanceIdentifier: "mi-db",
  engine: "postgres",
  status: "available",
  allocatedStorage: 20,
  createTime: "2026-11-27T10:00:00.000Z",
  ...over,
});

export interface RegionInput {
  ec2: Partial<CleanupEc2Facts>;
  loadBalancers: CleanupLoadBalancer[];
  environments: CleanupEnvironment[];
  functions: CleanupLambdaFacts["functions"];
  logGroups: CleanupLogsFacts["logGroups"];
  /** Left out, the snapshot has no RDS facts for the region, as one taken before calificar read RDS. */
  rds: CleanupRdsFacts;
}

const EMPTY_EC2: CleanupEc2Facts = { instances: [], volumes: [], snapshots: [], addresses: [], natGateways: [], networkInterfaces: [], vpcEndpoints: [] };

/** A cleanup snapshot as src/cleanup/collect.ts writes it, from the facts a test names. */
export function cleanupSnapshot(
  regions: Record<string, Partial<RegionInput>>,
  extra: { buckets?: CleanupBucket[]; errors?: CallError[]; account?: Snapshot["account"] } = {},
): Snapshot {
  const names = Object.keys(regions);
  const per = <F>(pick: (r: Partial<RegionInput>) => F) => Object.fromEntries(names.map((n) => [n, pick(regions[n]!)]));
  return {
    schemaVersion: 1,
    tool: { name: "calificar", version: "0.0.0-test" },
    lab: "cleanup",
    collectedAt: "2026-11-28T10:30:00.000Z",
    account: extra.account === undefined ? ACCOUNT : extra.account,
    region: names[0] ?? "us-east-1",
    facts: {
      regions: { regions: names },
      "cleanup-ec2": per<CleanupEc2Facts>((r) => ({ ...EMPTY_EC2, ...r.ec2 })),
      "cleanup-elbv2": per<CleanupElbv2Facts>((r) => ({ loadBalancers: r.loadBalancers ?? [] })),
      "cleanup-beanstalk": per<CleanupBeanstalkFacts>((r) => ({ environments: r.environments ?? [] })),
      "cleanup-lambda": per<CleanupLambdaFacts>((r) => ({ functions: r.functions ?? [] })),
      "cleanup-logs": per<CleanupLogsFacts>((r) => ({ logGroups: r.logGroups ?? [] })),
      "cleanup-rds": Object.fromEntries(names.flatMap((n) => (regions[n]!.rds ? [[n, regions[n]!.rds]] : []))),
      "cleanup-s3": { buckets: extra.buckets ?? [] },
    },
    errors: extra.errors ?? [],
  };
}

export function estimate(snapshot: Snapshot, lang: Lang = "es"): CleanupReport {
  return estimateCleanup(snapshot, PRICES, { lang, tool: { name: "calificar", version: "0.0.0-test" } });
}

/** The report of one region's facts, and a finder for its items. */
export function priced(region: Partial<RegionInput>, extra: Parameters<typeof cleanupSnapshot>[1] = {}, lang: Lang = "es") {
  const report = estimate(cleanupSnapshot({ "us-east-1": region }, extra), lang);
  const item = (type: CleanupItem["type"], id?: string): CleanupItem => {
    const found = report.items.find((i) => i.type === type && (id === undefined || i.id === id));
    if (!found) throw new Error(`no ${type} ${id ?? ""} in ${JSON.stringify(report.items.map((i) => `${i.type} ${i.id}`))}`);
    return found;
  };
  return { report, item };
}

export const denied = (action: string, region: string | undefined, collector: string, target?: string): CallError => ({
  action,
  code: action.startsWith("ec2:") ? "UnauthorizedOperation" : "AccessDenied",
  kind: "denied",
  message: "You are not authorized to perform this operation.",
  ...(region ? { region } : {}),
  collector,
  ...(target ? { target } : {}),
});
