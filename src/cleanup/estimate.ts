import type { CleanupBeanstalkFacts, CleanupEnvironment } from "./collectors/beanstalk.js";
import type { CleanupAddress, CleanupEc2Facts, CleanupInstance, CleanupNetworkInterface, CleanupVolume } from "./collectors/ec2.js";
import type { CleanupElbv2Facts, CleanupLoadBalancer } from "./collectors/elbv2.js";
import type { CleanupLambdaFacts } from "./collectors/lambda.js";
import type { CleanupLogsFacts } from "./collectors/logs.js";
import type { CleanupBucket, CleanupS3Facts } from "./collectors/s3.js";
import type { CallError, Snapshot } from "../core/snapshot.js";
import { fill, type Lang } from "../core/text.js";
import { GLOBAL_COLLECTORS, MAX_VERSION_PAGES, REGIONAL_COLLECTORS } from "./snapshot.js";
import { deleteCommand as cmd } from "./delete-commands.js";
import { interfaceOwner, loadBalancerKey, type ManagedService } from "./interfaces.js";
import { CLEANUP_MSG as M } from "./messages.js";
import { FREE_TIER_POOLS, type FreeTierPool, type PriceTable } from "./prices.js";
import {
  CLEANUP_REPORT_SCHEMA_VERSION,
  type CleanupError,
  type CleanupItem,
  type CleanupReport,
  type CleanupStatus,
  type CostLine,
  type ItemType,
} from "./report.js";

export interface EstimateOptions {
  lang: Lang;
  tool: { name: string; version: string };
}

type Data = Record<string, string | number>;
type Group = keyof typeof M;

/** USD rounded to cents, so lines, items and totals add up exactly as printed. */
export function cents(usd: number): number {
  return Math.round(usd * 100 + Number.EPSILON * 100) / 100;
}

const sum = (values: number[]) => cents(values.reduce((a, b) => a + b, 0));
const GiB = 1024 ** 3;

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The facts of the cleanup collectors for one region, as the snapshot holds them. */
interface RegionFacts {
  ec2: CleanupEc2Facts | undefined;
  elbv2: CleanupElbv2Facts | undefined;
  beanstalk: CleanupBeanstalkFacts | undefined;
  lambda: CleanupLambdaFacts | undefined;
  logs: CleanupLogsFacts | undefined;
  buckets: CleanupBucket[];
}

function regional<F>(snapshot: Snapshot, collector: string, region: string): F | undefined {
  const byRegion = snapshot.facts[collector] as Record<string, F> | undefined;
  return byRegion?.[region];
}

/** The regions a cleanup snapshot covers. */
export function snapshotRegions(snapshot: Snapshot): string[] {
  const listed = (snapshot.facts["regions"] as { regions?: unknown } | undefined)?.regions;
  return Array.isArray(listed) && listed.every((r) => typeof r === "string") ? [...(listed as string[])].sort() : [snapshot.region];
}

/** Builds items for one region: the pricing and wording, all pure. */
class RegionPricer {
  readonly items: CleanupItem[] = [];
  private readonly hours: number;

  constructor(
    readonly region: string,
    readonly facts: RegionFacts,
    readonly prices: PriceTable,
    readonly lang: Lang,
  ) {
    this.hours = prices.hoursPerMonth;
  }

  t(group: Group, key: string, data: Data = {}): string {
    const text = (M[group] as Record<string, Record<Lang, string>>)[key];
    return text ? fill(text[this.lang], data) : key;
  }

  state(state: string | null): string {
    return state ? this.t("state", state) : "?";
  }

  hourly(label: string, count: number, hourlyUsd: number | undefined, freeTier?: FreeTierPool): CostLine {
    const quantity = count * this.hours;
    return this.line(label, quantity, "h", hourlyUsd, freeTier);
  }

  line(label: string, quantity: number, unit: CostLine["unit"], unitUsd: number | undefined, freeTier?: FreeTierPool): CostLine {
    return {
      label,
      quantity: Math.round(quantity * 1000) / 1000,
      unit,
      unitUsd: unitUsd ?? null,
      monthlyUsd: unitUsd === undefined ? null : cents(quantity * unitUsd),
      ...(freeTier ? { freeTier } : {}),
    };
  }

  add(
    item: Omit<CleanupItem, "monthlyUsd" | "costKnown" | "billable" | "freeTier" | "region" | "deletedWith" | "notes"> &
      Partial<Pick<CleanupItem, "deletedWith" | "notes">>,
    options: { unknownCost?: boolean; billable?: boolean; alwaysFree?: boolean } = {},
  ): CleanupItem {
    const monthlyUsd = sum(item.costs.flatMap((c) => (c.monthlyUsd === null ? [] : [c.monthlyUsd])));
    const costKnown = !options.unknownCost && item.costs.every((c) => c.monthlyUsd !== null);
    const full: CleanupItem = {
      region: this.region,
      type: item.type,
      id: item.id,
      name: item.name,
      state: item.state,
      summary: item.summary,
      costs: item.costs,
      monthlyUsd,
      costKnown,
      billable: options.billable ?? (!costKnown || monthlyUsd > 0),
      freeTier: { eligible: Boolean(options.alwaysFree) || item.costs.some((c) => c.freeTier), coveredUsd: 0 },
      deleteCommands: item.deleteCommands,
      deletedWith: item.deletedWith ?? null,
      notes: item.notes ?? [],
    };
    this.items.push(full);
    return full;
  }

  run(): CleanupItem[] {
    const ec2 = this.facts.ec2;
    const interfaces = (ec2?.networkInterfaces ?? []).map((n) => ({ n, owner: interfaceOwner(n) }));
    const eipIps = new Set((ec2?.addresses ?? []).map((a) => a.publicIp));
    // A public address that is not an Elastic IP belongs to whatever holds its interface.
    const autoIps = (pick: (owner: ReturnType<typeof interfaceOwner>, n: CleanupNetworkInterface) => boolean) =>
      interfaces.filter(({ n, owner }) => n.publicIp && !n.allocationId && !eipIps.has(n.publicIp) && pick(owner, n)).map(({ n }) => n);
    const claimed = new Set<string>();

    const environments = this.environments();
    const instanceStates = new Map((ec2?.instances ?? []).map((i) => [i.instanceId, i.state]));
    const consumedVolumes = new Set<string>();
    for (const instance of ec2?.instances ?? []) {
      const ips = autoIps((o) => o.kind === "instance" && o.instanceId === instance.instanceId);
      ips.forEach((n) => claimed.add(n.networkInterfaceId));
      this.instance(instance, ips.map((n) => n.publicIp!), eipIps, environments, consumedVolumes);
    }
    for (const volume of ec2?.volumes ?? []) if (!consumedVolumes.has(volume.volumeId)) this.volume(volume);
    for (const snapshot of ec2?.snapshots ?? []) this.snapshot(snapshot);
    const natByAllocation = new Map((ec2?.natGateways ?? []).flatMap((n) => n.allocationIds.map((a) => [a, n.natGatewayId] as const)));
    for (const address of ec2?.addresses ?? []) this.address(address, instanceStates, natByAllocation);
    for (const nat of ec2?.natGateways ?? []) this.natGateway(nat);
    for (const lb of this.facts.elbv2?.loadBalancers ?? []) {
      const ips = autoIps((o) => o.kind === "elbv2" && o.key === loadBalancerKey(lb.loadBalancerArn));
      ips.forEach((n) => claimed.add(n.networkInterfaceId));
      this.loadBalancer(lb, ips.length, environments);
    }
    this.classicLoadBalancers(interfaces, eipIps, claimed, environments);
    this.managedServices(interfaces, eipIps, claimed);
    // What no item claimed is listed on its own: even when its instance or load balancer could not be listed.
    for (const { n } of interfaces) {
      if (!n.publicIp || n.allocationId || eipIps.has(n.publicIp) || claimed.has(n.networkInterfaceId)) continue;
      this.publicIpv4(n);
    }
    for (const endpoint of ec2?.vpcEndpoints ?? []) this.vpcEndpoint(endpoint);
    for (const fn of this.facts.lambda?.functions ?? []) {
      this.add(
        {
          type: "lambda-function",
          id: fn.functionName,
          name: null,
          state: null,
          summary: this.t("summary", "function", { runtime: fn.runtime ?? fn.packageType ?? "?", memory: fn.memorySize ?? "?" }),
          costs: [],
          deleteCommands: [cmd.deleteFunction(fn.functionName, this.region)],
          notes: [this.t("note", "lambdaIdle")],
        },
        { alwaysFree: true },
      );
    }
    for (const group of this.facts.logs?.logGroups ?? []) this.logGroup(group);
    for (const bucket of this.facts.buckets) this.bucket(bucket);
    for (const env of this.items.filter((i) => i.type === "beanstalk-environment")) {
      const kept = this.items.filter((i) => i.billable && i.deletedWith?.type === env.type && i.deletedWith.id === env.id);
      if (kept.length) env.notes.push(this.t("note", "environmentIncludes", { count: kept.length, usd: sum(kept.map((i) => i.monthlyUsd)).toFixed(2) }));
    }
    return this.items;
  }

  /** Environments first: their instances and load balancers are deleted with them. */
  private environments(): Map<string, CleanupEnvironment> {
    const byResource = new Map<string, CleanupEnvironment>();
    for (const env of this.facts.beanstalk?.environments ?? []) {
      for (const id of [...(env.resources?.instances ?? []), ...(env.resources?.loadBalancers ?? [])]) byResource.set(id, env);
      const terminating = env.status === "Terminating";
      this.add(
        {
          type: "beanstalk-environment",
          id: env.environmentName,
          name: env.applicationName,
          state: env.status,
          summary: this.t("summary", "environment", { status: env.status ?? "?", health: env.health ?? "?" }),
          costs: [],
          deleteCommands: terminating ? [] : [cmd.terminateEnvironment(env.environmentName, this.region)],
          notes: [
            ...(terminating ? [this.t("note", "environmentTerminating")] : []),
            ...(env.resources === null ? [this.t("note", "environmentResourcesUnknown")] : []),
          ],
        },
        // Beanstalk itself is free; what it keeps running is listed (and priced) item by item.
        { unknownCost: env.resources === null, billable: !terminating },
      );
    }
    return byResource;
  }

  private environmentOf(id: string, environments: Map<string, CleanupEnvironment>, tags?: CleanupInstance): CleanupEnvironment | undefined {
    const direct = environments.get(id);
    if (direct) return direct;
    const envs = this.facts.beanstalk?.environments ?? [];
    if (tags?.beanstalkEnvironmentId) return envs.find((e) => e.environmentId === tags.beanstalkEnvironmentId);
    if (tags?.beanstalkEnvironmentName) return envs.find((e) => e.environmentName === tags.beanstalkEnvironmentName);
    return undefined;
  }

  private volumeLines(volume: CleanupVolume): CostLine[] {
    const type = volume.volumeType ?? "?";
    const size = volume.size ?? 0;
    const ebs = this.prices.ebs;
    const free = this.prices.freeTier.ebsVolumeTypes.includes(type) ? "ebs-gb" : undefined;
    const lines = [this.line(this.t("line", "ebs", { volumeType: type, size, volume: volume.volumeId }), size, "GB-month", ebs.gbMonth[type], free)];
    if (type === "gp3") {
      const extraIops = Math.max(0, (volume.iops ?? 0) - ebs.gp3.includedIops);
      const extraThroughput = Math.max(0, (volume.throughput ?? 0) - ebs.gp3.includedThroughputMBps);
      if (extraIops) lines.push(this.line(this.t("line", "iops", { iops: extraIops }), extraIops, "IOPS-month", ebs.gp3.iopsMonth));
      if (extraThroughput) {
        lines.push(this.line(this.t("line", "throughput", { throughput: extraThroughput }), extraThroughput, "MBps-month", ebs.gp3.throughputMBpsMonth));
      }
    }
    const iopsPrice = ebs.provisionedIopsMonth[type];
    if (iopsPrice !== undefined && volume.iops) lines.push(this.line(this.t("line", "iops", { iops: volume.iops }), volume.iops, "IOPS-month", iopsPrice));
    return lines;
  }

  private instance(
    instance: CleanupInstance,
    autoIps: string[],
    eipIps: Set<string>,
    environments: Map<string, CleanupEnvironment>,
    consumedVolumes: Set<string>,
  ): void {
    const r = this.region;
    const type = instance.instanceType ?? "?";
    const running = instance.state === "running" || instance.state === "pending" || instance.state === "stopping";
    const notes: string[] = [];
    const costs: CostLine[] = [];
    let unknownCost = false;
    if (running) {
      const hourly = this.prices.ec2.linuxOnDemandHourly[type];
      if (hourly === undefined) notes.push(this.t("note", "unknownInstanceType", { instanceType: type }));
      const free = this.prices.freeTier.ec2InstanceTypes.includes(type) ? "ec2-hours" : undefined;
      costs.push(this.hourly(this.t("line", "compute", { instanceType: type }), 1, hourly, free));
      if (instance.platformDetails && !/^Linux\/UNIX/i.test(instance.platformDetails)) notes.push(this.t("note", "notLinux", { platform: instance.platformDetails }));
      if (instance.lifecycle === "spot") notes.push(this.t("note", "spot"));
    } else if (instance.state === "stopped") {
      notes.push(this.t("note", "stopped"));
    }
    const volumes = new Map((this.facts.ec2?.volumes ?? []).map((v) => [v.volumeId, v]));
    const keptVolumes: string[] = [];
    for (const { volumeId, deleteOnTermination } of instance.volumes) {
      const volume = volumes.get(volumeId);
      consumedVolumes.add(volumeId);
      if (!volume) {
        unknownCost = true;
        notes.push(this.t("note", "volumeUnknown", { volume: volumeId }));
        continue;
      }
      costs.push(...this.volumeLines(volume));
      if (deleteOnTermination === false) {
        keptVolumes.push(volumeId);
        notes.push(this.t("note", "keepsVolume", { volume: volumeId }));
      }
    }
    const ips = [...new Set([instance.publicIpAddress, ...autoIps])].filter((ip): ip is string => Boolean(ip) && !eipIps.has(ip!));
    for (const ip of ips) costs.push(this.hourly(this.t("line", "ipv4", { ip }), 1, this.prices.publicIpv4Hourly, "public-ipv4-hours"));
    if (ips.length) notes.push(this.t("note", "ipv4Since2024"));

    const env = this.environmentOf(instance.instanceId, environments, instance);
    let deleteCommands: string[];
    if (env) {
      notes.unshift(this.t("note", "partOfEnvironment", { environment: env.environmentName }));
      deleteCommands = [];
    } else if (instance.autoScalingGroup) {
      notes.unshift(this.t("note", "autoScaling", { group: instance.autoScalingGroup }));
      deleteCommands = [cmd.deleteAutoScalingGroup(instance.autoScalingGroup, r)];
    } else {
      deleteCommands = [cmd.terminateInstance(instance.instanceId, r)];
    }
    deleteCommands.push(...keptVolumes.map((v) => cmd.deleteVolume(v, r)));
    this.add(
      {
        type: "ec2-instance",
        id: instance.instanceId,
        name: instance.name,
        state: instance.state,
        summary: this.t("summary", "instance", { instanceType: type, state: this.state(instance.state) }),
        costs,
        deleteCommands,
        deletedWith: env ? { type: "beanstalk-environment", id: env.environmentName } : null,
        notes,
      },
      { unknownCost, billable: instance.state !== "shutting-down" },
    );
  }

  private volume(volume: CleanupVolume): void {
    const data = { volumeType: volume.volumeType ?? "?", size: volume.size ?? "?", state: this.state(volume.state), instance: volume.attachedTo ?? "" };
    this.add({
      type: "ebs-volume",
      id: volume.volumeId,
      name: volume.name,
      state: volume.state,
      summary: this.t("summary", volume.attachedTo ? "volumeAttached" : volume.state === "available" ? "volumeUnattached" : "volume", data),
      costs: this.volumeLines(volume),
      deleteCommands: [cmd.deleteVolume(volume.volumeId, this.region)],
    });
  }

  private snapshot(snapshot: CleanupEc2Facts["snapshots"][number]): void {
    const archived = snapshot.storageTier === "archive";
    const gb = snapshot.fullSizeBytes !== null ? snapshot.fullSizeBytes / GiB : (snapshot.volumeSize ?? 0);
    const price = archived ? this.prices.ebs.snapshotGbMonth.archive : this.prices.ebs.snapshotGbMonth.standard;
    const size = Math.round(gb * 100) / 100;
    this.add({
      type: "ebs-snapshot",
      id: snapshot.snapshotId,
      name: snapshot.name,
      state: null,
      summary: this.t("summary", "snapshot", { size: snapshot.volumeSize ?? "?" }),
      costs: [this.line(this.t("line", "snapshot", { tier: archived ? "archive" : "standard", size }), gb, "GB-month", price, archived ? undefined : "snapshot-gb")],
      deleteCommands: [...snapshot.images.map((i) => cmd.deregisterImage(i, this.region)), cmd.deleteSnapshot(snapshot.snapshotId, this.region)],
      notes: [
        this.t("note", "snapshotUpperBound"),
        ...(snapshot.images.length ? [this.t("note", "snapshotOfImage", { images: snapshot.images.join(", ") })] : []),
      ],
    });
  }

  private address(address: CleanupAddress, instanceStates: Map<string, string | null>, natByAllocation: Map<string, string>): void {
    const r = this.region;
    const nat = address.allocationId ? natByAllocation.get(address.allocationId) : undefined;
    const instanceState = address.instanceId ? instanceStates.get(address.instanceId) : undefined;
    // In use on a running instance is what the free tier covers; idle addresses always bill.
    const inUseOnInstance = Boolean(address.instanceId) && instanceState !== "stopped";
    const target = nat ?? address.instanceId ?? address.networkInterfaceId;
    const notes = [this.t("note", "ipv4Since2024")];
    if (nat) notes.push(this.t("note", "eipOnNat", { nat }));
    else if (address.instanceId && instanceState === "stopped") notes.push(this.t("note", "eipOnStopped"));
    else if (!address.instanceId && address.networkInterfaceId) notes.push(this.t("note", "eipOnInterface", { eni: address.networkInterfaceId }));
    const deleteCommands = [
      ...(address.associationId && !nat ? [cmd.disassociateAddress(address.associationId, r)] : []),
      cmd.releaseAddress(address, r),
    ];
    this.add({
      type: "elastic-ip",
      id: address.allocationId ?? address.publicIp,
      name: address.name,
      state: address.associationId ? "associated" : "unassociated",
      summary: target
        ? this.t("summary", "eipAssociated", { ip: address.publicIp, target })
        : this.t("summary", "eipIdle", { ip: address.publicIp }),
      costs: [this.hourly(this.t("line", "ipv4", { ip: address.publicIp }), 1, this.prices.publicIpv4Hourly, inUseOnInstance ? "public-ipv4-hours" : undefined)],
      deleteCommands,
      notes,
    });
  }

  private natGateway(nat: CleanupEc2Facts["natGateways"][number]): void {
    this.add({
      type: "nat-gateway",
      id: nat.natGatewayId,
      name: nat.name,
      state: nat.state,
      summary: this.t("summary", "natGateway", { state: this.state(nat.state), vpc: nat.vpcId ?? "?" }),
      costs: [this.hourly(this.t("line", "hourly"), 1, this.prices.natGateway.hourly)],
      deleteCommands: [cmd.deleteNatGateway(nat.natGatewayId, this.region)],
      notes: [
        this.t("note", "natTraffic", { price: this.prices.natGateway.perGbProcessed }),
        ...nat.publicIps.map((ip) => this.t("note", "natAddress", { ip })),
      ],
    });
  }

  private loadBalancer(lb: CleanupLoadBalancer, interfaceIps: number, environments: Map<string, CleanupEnvironment>): void {
    const type = (lb.type ?? "application") as keyof PriceTable["loadBalancerHourly"];
    const env = environments.get(lb.loadBalancerArn) ?? environments.get(lb.loadBalancerName);
    const publicV4 = lb.scheme === "internet-facing" && lb.ipAddressType !== "dualstack-without-public-ipv4";
    // Each zone's node holds a public address; an emulator may create no interfaces at all.
    const ipCount = publicV4 ? Math.max(interfaceIps, lb.availabilityZones.length) : 0;
    const notes = [
      ...(env ? [this.t("note", "partOfEnvironment", { environment: env.environmentName })] : []),
      this.t("note", "lbTraffic"),
      ...(publicV4 && interfaceIps < ipCount ? [this.t("note", "lbIpv4Estimated")] : []),
    ];
    const free = this.prices.freeTier.loadBalancerTypes.includes(type) ? "elb-hours" : undefined;
    this.add(
      {
        type: "load-balancer",
        id: lb.loadBalancerName,
        name: null,
        state: lb.state,
        summary: this.t("summary", "loadBalancer", { type, scheme: lb.scheme ?? "?", state: this.state(lb.state) }),
        costs: [
          this.hourly(this.t("line", "hourly"), 1, this.prices.loadBalancerHourly[type], free),
          ...(ipCount ? [this.hourly(this.t("line", "ipv4Count", { count: ipCount }), ipCount, this.prices.publicIpv4Hourly)] : []),
        ],
        deleteCommands: env ? [] : [cmd.deleteLoadBalancer(lb.loadBalancerArn, this.region)],
        deletedWith: env ? { type: "beanstalk-environment", id: env.environmentName } : null,
        notes,
      },
    );
  }

  /** Classic Load Balancers have no client here; their interfaces («ELB name») reveal them. */
  private classicLoadBalancers(
    interfaces: { n: CleanupNetworkInterface; owner: ReturnType<typeof interfaceOwner> }[],
    eipIps: Set<string>,
    claimed: Set<string>,
    environments: Map<string, CleanupEnvironment>,
  ): void {
    const byName = new Map<string, CleanupNetworkInterface[]>();
    for (const { n, owner } of interfaces) if (owner.kind === "elb-classic") byName.set(owner.name, [...(byName.get(owner.name) ?? []), n]);
    for (const [name, enis] of byName) {
      const ips = enis.filter((n) => n.publicIp && !n.allocationId && !eipIps.has(n.publicIp));
      enis.forEach((n) => claimed.add(n.networkInterfaceId));
      const env = environments.get(name);
      this.add({
        type: "load-balancer",
        id: name,
        name: null,
        state: null,
        summary: this.t("summary", "loadBalancer", { type: "classic", scheme: ips.length ? "internet-facing" : "internal", state: "?" }),
        costs: [
          this.hourly(this.t("line", "hourly"), 1, this.prices.loadBalancerHourly.classic, "elb-hours"),
          ...(ips.length ? [this.hourly(this.t("line", "ipv4Count", { count: ips.length }), ips.length, this.prices.publicIpv4Hourly)] : []),
        ],
        deleteCommands: env ? [] : [cmd.deleteClassicLoadBalancer(name, this.region)],
        deletedWith: env ? { type: "beanstalk-environment", id: env.environmentName } : null,
        notes: env ? [this.t("note", "partOfEnvironment", { environment: env.environmentName })] : [],
      });
    }
  }

  /** RDS, EFS, ElastiCache…: no client for them, but their interfaces show they exist. */
  private managedServices(
    interfaces: { n: CleanupNetworkInterface; owner: ReturnType<typeof interfaceOwner> }[],
    eipIps: Set<string>,
    claimed: Set<string>,
  ): void {
    const groups = new Map<string, { service: ManagedService; key: string; enis: CleanupNetworkInterface[]; details: string[] }>();
    for (const { n, owner } of interfaces) {
      if (owner.kind !== "service") continue;
      const id = `${owner.service}:${owner.key}`;
      const group = groups.get(id) ?? { service: owner.service, key: owner.key, enis: [], details: [] };
      group.enis.push(n);
      if (owner.detail) group.details.push(owner.detail);
      groups.set(id, group);
    }
    const r = this.region;
    for (const { service, key, enis, details } of groups.values()) {
      enis.forEach((n) => claimed.add(n.networkInterfaceId));
      const ips = enis.filter((n) => n.publicIp && !n.allocationId && !eipIps.has(n.publicIp));
      const serviceName = this.t("service", service);
      const type: ItemType = service === "rds" || service === "efs" || service === "elasticache" ? service : "managed-service";
      let deleteCommands: string[] = [];
      const notes = [this.t("note", "detectedByInterfaces", { service: serviceName })];
      if (service === "rds") {
        deleteCommands = [cmd.listRdsInstances(r), cmd.deleteRdsInstance(r)];
        notes.push(this.t("note", "rdsFind"));
      } else if (service === "efs" && key) {
        deleteCommands = [...details.map((d) => cmd.deleteEfsMountTarget(d, r)), cmd.deleteEfsFileSystem(key, r)];
      } else if (service === "elasticache") {
        deleteCommands = [cmd.listElastiCache(r)];
        notes.push(this.t("note", "useConsole", { service: serviceName }));
      } else {
        notes.push(this.t("note", "useConsole", { service: serviceName }));
      }
      this.add(
        {
          type,
          id: key || service,
          name: null,
          state: null,
          summary: this.t("summary", "managed", { service: serviceName, count: enis.length }),
          costs: ips.map((n) => this.hourly(this.t("line", "ipv4", { ip: n.publicIp! }), 1, this.prices.publicIpv4Hourly)),
          deleteCommands,
          notes,
        },
        { unknownCost: true },
      );
    }
  }

  private publicIpv4(n: CleanupNetworkInterface): void {
    const owner = n.description ?? n.networkInterfaceId;
    this.add({
      type: "public-ipv4",
      id: n.publicIp!,
      name: null,
      state: n.status,
      summary: this.t("summary", "publicIpv4", { ip: n.publicIp!, owner }),
      costs: [this.hourly(this.t("line", "ipv4", { ip: n.publicIp! }), 1, this.prices.publicIpv4Hourly)],
      deleteCommands: [],
      notes: [this.t("note", "publicIpv4Owner", { owner: `${n.networkInterfaceId}${n.description ? `: ${n.description}` : ""}` }), this.t("note", "ipv4Since2024")],
    });
  }

  private vpcEndpoint(endpoint: CleanupEc2Facts["vpcEndpoints"][number]): void {
    const type = endpoint.vpcEndpointType ?? "Interface";
    const costs =
      type === "Gateway"
        ? []
        : type === "GatewayLoadBalancer"
          ? [this.hourly(this.t("line", "hourly"), 1, this.prices.vpcEndpoint.gatewayLoadBalancerHourly)]
          : [this.hourly(this.t("line", "perAz", { count: endpoint.subnetCount }), Math.max(1, endpoint.subnetCount), this.prices.vpcEndpoint.interfaceHourlyPerAz)];
    this.add({
      type: "vpc-endpoint",
      id: endpoint.vpcEndpointId,
      name: endpoint.name,
      state: endpoint.state,
      summary: this.t("summary", "vpcEndpoint", { type, service: endpoint.serviceName ?? "?" }),
      costs,
      deleteCommands: [cmd.deleteVpcEndpoint(endpoint.vpcEndpointId, this.region)],
      notes: type === "Gateway" ? [this.t("note", "gatewayEndpointFree")] : [],
    });
  }

  private logGroup(group: CleanupLogsFacts["logGroups"][number]): void {
    const gb = group.storedBytes / GiB;
    this.add(
      {
        type: "log-group",
        id: group.logGroupName,
        name: null,
        state: null,
        summary: this.t("summary", "logGroup", { size: formatBytes(group.storedBytes) }),
        costs: [this.line(this.t("line", "logs", { size: Math.round(gb * 1000) / 1000 }), gb, "GB-month", this.prices.logsGbMonth, "logs-gb")],
        deleteCommands: [cmd.deleteLogGroup(group.logGroupName, this.region)],
        notes: group.retentionInDays === null && group.storedBytes > 0 ? [this.t("note", "logsNeverExpire")] : [],
      },
      { alwaysFree: true },
    );
  }

  private bucket(bucket: CleanupBucket): void {
    const storage = bucket.storage;
    const notes: string[] = [];
    const costs: CostLine[] = [];
    let bytes = 0;
    if (storage) {
      for (const [storageClass, classBytes] of Object.entries(storage.bytesByStorageClass).sort()) {
        bytes += classBytes;
        const gb = classBytes / GiB;
        costs.push(
          this.line(
            this.t("line", "storageClass", { storageClass, size: Math.round(gb * 1000) / 1000 }),
            gb,
            "GB-month",
            this.prices.s3GbMonth[storageClass],
            storageClass === "STANDARD" ? "s3-standard-gb" : undefined,
          ),
        );
      }
      if (!storage.complete) notes.push(this.t("note", "bucketPartial", { count: MAX_VERSION_PAGES * 1000 }));
      if (storage.versioned) notes.push(this.t("note", "bucketVersioned"));
      if (bytes > 0) notes.push(this.t("note", "s3Requests"));
    } else {
      notes.push(this.t("note", "bucketUnreadable"));
    }
    if (!bucket.region) notes.push(this.t("note", "bucketRegionUnknown"));
    const objects = storage ? storage.objects + storage.noncurrentVersions : 0;
    const empty = storage !== null && objects === 0 && storage.deleteMarkers === 0;
    this.add(
      {
        type: "s3-bucket",
        id: bucket.name,
        name: null,
        state: null,
        summary: !storage
          ? this.t("summary", "bucketUnread")
          : empty
            ? this.t("summary", "bucketEmpty")
            : this.t("summary", "bucket", { objects, size: formatBytes(bytes) }),
        costs,
        deleteCommands: [cmd.deleteBucket(bucket.name, this.region, !empty && !storage?.versioned)],
        notes,
      },
      { unknownCost: !storage || !storage.complete },
    );
  }
}

/** Hands each pool's allowance to the lines that use it, in report order, and records what it covers. */
export function applyFreeTier(items: CleanupItem[], prices: PriceTable): number {
  const remaining = Object.fromEntries(FREE_TIER_POOLS.map((p) => [p, prices.freeTier.pools[p]?.amount ?? 0])) as Record<FreeTierPool, number>;
  let total = 0;
  for (const item of items) {
    for (const line of item.costs) {
      if (!line.freeTier || line.unitUsd === null || line.monthlyUsd === null) continue;
      const quantity = Math.min(remaining[line.freeTier], line.quantity);
      if (quantity <= 0) continue;
      remaining[line.freeTier] -= quantity;
      const covered = Math.min(line.monthlyUsd, cents(quantity * line.unitUsd));
      item.freeTier.coveredUsd = cents(item.freeTier.coveredUsd + covered);
      total += covered;
    }
  }
  return cents(total);
}

function errorText(error: CallError, lang: Lang): string {
  const what = fill((M.resource[error.action] ?? { es: error.action, en: error.action })[lang], { target: error.target ?? "" });
  // S3 is listed once for the whole account: its errors have no region.
  const where = error.region ?? (error.action.startsWith("s3:") ? "S3" : M.error["account"]![lang]);
  return fill(M.error[error.kind]![lang], { what, where, action: error.action, code: error.code, message: error.message });
}

const TYPE_ORDER = new Map<string, number>([
  "beanstalk-environment",
  "ec2-instance",
  "load-balancer",
  "nat-gateway",
  "elastic-ip",
  "public-ipv4",
  "ebs-volume",
  "ebs-snapshot",
  "vpc-endpoint",
  "rds",
  "efs",
  "elasticache",
  "managed-service",
  "s3-bucket",
  "lambda-function",
  "log-group",
].map((t, i) => [t, i]));

function byImportance(a: CleanupItem, b: CleanupItem): number {
  return (
    a.region.localeCompare(b.region) ||
    Number(b.billable) - Number(a.billable) ||
    (TYPE_ORDER.get(a.type) ?? 99) - (TYPE_ORDER.get(b.type) ?? 99) ||
    b.monthlyUsd - a.monthlyUsd ||
    a.id.localeCompare(b.id)
  );
}

/**
 * A cleanup snapshot → what still costs money, priced with `prices`. Pure: no I/O, no clock;
 * the same snapshot and table always give the same report.
 */
export function estimateCleanup(snapshot: Snapshot, prices: PriceTable, options: EstimateOptions): CleanupReport {
  const { lang } = options;
  const regions = snapshotRegions(snapshot);
  const s3 = snapshot.facts["cleanup-s3"] as CleanupS3Facts | undefined;
  const bucketsByRegion = new Map<string, CleanupBucket[]>();
  for (const bucket of s3?.buckets ?? []) {
    const region = bucket.region ?? snapshot.region;
    bucketsByRegion.set(region, [...(bucketsByRegion.get(region) ?? []), bucket]);
  }
  const allRegions = [...new Set([...regions, ...bucketsByRegion.keys()])].sort();
  const items = allRegions
    .flatMap((region) =>
      new RegionPricer(
        region,
        {
          ec2: regional(snapshot, "cleanup-ec2", region),
          elbv2: regional(snapshot, "cleanup-elbv2", region),
          beanstalk: regional(snapshot, "cleanup-beanstalk", region),
          lambda: regional(snapshot, "cleanup-lambda", region),
          logs: regional(snapshot, "cleanup-logs", region),
          buckets: bucketsByRegion.get(region) ?? [],
        },
        prices,
        lang,
      ).run(),
    )
    .sort(byImportance);

  const freeTierCoveredUsd = applyFreeTier(items, prices);
  const errors: CleanupError[] = snapshot.errors.map((e) => ({
    action: e.action,
    code: e.code,
    kind: e.kind,
    message: e.message,
    region: e.region ?? null,
    collector: e.collector ?? null,
    target: e.target ?? null,
    text: errorText(e, lang),
  }));
  const notes: string[] = [];
  if (snapshot.errors.some((e) => e.action === "ec2:DescribeRegions")) {
    notes.push(fill(M.error["regionsFallback"]![lang], { region: regions.join(", ") }));
  }

  const billable = items.filter((i) => i.billable);
  const monthlyUsd = sum(items.map((i) => i.monthlyUsd));
  // Every listing of every region failed: nothing was checked at all.
  const pairs = [...REGIONAL_COLLECTORS.flatMap((c) => regions.map((r) => `${c}@${r}`)), ...GLOBAL_COLLECTORS.map((c) => `${c}@`)];
  const failedPairs = new Set(snapshot.errors.map((e) => `${e.collector ?? ""}@${GLOBAL_COLLECTORS.includes(e.collector as never) ? "" : (e.region ?? "")}`));
  const status: CleanupStatus = billable.length
    ? "billable"
    : errors.length === 0
      ? "clean"
      : pairs.every((p) => failedPairs.has(p))
        ? "unreadable"
        : "incomplete";

  return {
    schemaVersion: CLEANUP_REPORT_SCHEMA_VERSION,
    tool: options.tool,
    kind: "cleanup",
    lang,
    collectedAt: snapshot.collectedAt,
    account: snapshot.account,
    ...(snapshot.endpoint ? { endpoint: snapshot.endpoint } : {}),
    regions,
    prices: { asOf: prices.asOf, region: prices.region, currency: prices.currency, hoursPerMonth: prices.hoursPerMonth, sources: prices.sources },
    status,
    items,
    errors,
    notes,
    totals: {
      monthlyUsd,
      costComplete: items.every((i) => i.costKnown),
      unknownCostItems: items.filter((i) => !i.costKnown).length,
      billableItems: billable.length,
      items: items.length,
      freeTierCoveredUsd,
      afterFreeTierUsd: cents(monthlyUsd - freeTierCoveredUsd),
      byRegion: allRegions.map((region) => {
        const inRegion = items.filter((i) => i.region === region);
        return {
          region,
          monthlyUsd: sum(inRegion.map((i) => i.monthlyUsd)),
          billableItems: inRegion.filter((i) => i.billable).length,
          items: inRegion.length,
        };
      }),
    },
  };
}
