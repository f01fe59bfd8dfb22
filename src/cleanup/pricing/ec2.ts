import type { CleanupBeanstalkFacts, CleanupEnvironment } from "../collectors/beanstalk.js";
import type { CleanupAddress, CleanupEc2Facts, CleanupInstance, CleanupVolume } from "../collectors/ec2.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem, CostLine } from "../report.js";
import { environmentOf, type EnvironmentIndex } from "./beanstalk.js";
import { costLine, GiB, hourlyLine, makeItem, say, stateWord, type Pricing } from "./context.js";
import { claimAutoIps, type AddressBook } from "./network.js";

/** A volume's storage, and the IOPS and throughput it pays for beyond what its type includes. */
export function volumeLines(p: Pricing, volume: CleanupVolume): CostLine[] {
  const type = volume.volumeType ?? "?";
  const size = volume.size ?? 0;
  const ebs = p.prices.ebs;
  const free = p.prices.freeTier.ebsVolumeTypes.includes(type) ? "ebs-gb" : undefined;
  const lines = [costLine(p, say(p, "line", "ebs", { volumeType: type, size, volume: volume.volumeId }), size, "GB-month", ebs.gbMonth[type], free)];
  if (type === "gp3") {
    const extraIops = Math.max(0, (volume.iops ?? 0) - ebs.gp3.includedIops);
    const extraThroughput = Math.max(0, (volume.throughput ?? 0) - ebs.gp3.includedThroughputMBps);
    if (extraIops) lines.push(costLine(p, say(p, "line", "iops", { iops: extraIops }), extraIops, "IOPS-month", ebs.gp3.iopsMonth));
    if (extraThroughput) {
      lines.push(costLine(p, say(p, "line", "throughput", { throughput: extraThroughput }), extraThroughput, "MBps-month", ebs.gp3.throughputMBpsMonth));
    }
  }
  const iopsPrice = ebs.provisionedIopsMonth[type];
  if (iopsPrice !== undefined && volume.iops) lines.push(costLine(p, say(p, "line", "iops", { iops: volume.iops }), volume.iops, "IOPS-month", iopsPrice));
  return lines;
}

/** What the instance itself bills by the hour: compute while it runs (the Linux price). */
function computeLines(p: Pricing, instance: CleanupInstance, notes: string[]): CostLine[] {
  const type = instance.instanceType ?? "?";
  if (instance.state === "stopped") notes.push(say(p, "note", "stopped"));
  if (!(instance.state === "running" || instance.state === "pending" || instance.state === "stopping")) return [];
  const hourly = p.prices.ec2.linuxOnDemandHourly[type];
  if (hourly === undefined) notes.push(say(p, "note", "unknownInstanceType", { instanceType: type }));
  const free = p.prices.freeTier.ec2InstanceTypes.includes(type) ? "ec2-hours" : undefined;
  const line = hourlyLine(p, say(p, "line", "compute", { instanceType: type }), 1, hourly, free);
  if (instance.platformDetails && !/^Linux\/UNIX/i.test(instance.platformDetails)) notes.push(say(p, "note", "notLinux", { platform: instance.platformDetails }));
  if (instance.lifecycle === "spot") notes.push(say(p, "note", "spot"));
  return [line];
}

/** How to get rid of it: with its environment, through its Auto Scaling group, or on its own. */
function instanceDeletion(p: Pricing, instance: CleanupInstance, env: CleanupEnvironment | undefined, notes: string[]): string[] {
  if (env) {
    notes.unshift(say(p, "note", "partOfEnvironment", { environment: env.environmentName }));
    return [];
  }
  if (instance.autoScalingGroup) {
    notes.unshift(say(p, "note", "autoScaling", { group: instance.autoScalingGroup }));
    return [cmd.deleteAutoScalingGroup(instance.autoScalingGroup, p.region)];
  }
  return [cmd.terminateInstance(instance.instanceId, p.region)];
}

export interface InstanceScope {
  volumes: Map<string, CleanupVolume>;
  /** Volumes priced inside their instance, so they are not listed again on their own. */
  consumed: Set<string>;
  book: AddressBook;
  beanstalk: CleanupBeanstalkFacts | undefined;
  environments: EnvironmentIndex;
}

/** An instance with its compute, its volumes and its public addresses (Elastic IPs are items of their own). */
export function instanceItem(p: Pricing, instance: CleanupInstance, scope: InstanceScope): CleanupItem {
  const notes: string[] = [];
  const costs = computeLines(p, instance, notes);
  const autoIps = claimAutoIps(scope.book, (o) => o.kind === "instance" && o.instanceId === instance.instanceId).map((n) => n.publicIp!);
  let unknownCost = false;
  const keptVolumes: string[] = [];
  for (const { volumeId, deleteOnTermination } of instance.volumes) {
    const volume = scope.volumes.get(volumeId);
    scope.consumed.add(volumeId);
    if (!volume) {
      unknownCost = true;
      notes.push(say(p, "note", "volumeUnknown", { volume: volumeId }));
      continue;
    }
    costs.push(...volumeLines(p, volume));
    if (deleteOnTermination === false) {
      keptVolumes.push(volumeId);
      notes.push(say(p, "note", "keepsVolume", { volume: volumeId }));
    }
  }
  const ips = [...new Set([instance.publicIpAddress, ...autoIps])].filter((ip): ip is string => Boolean(ip) && !scope.book.eipIps.has(ip!));
  for (const ip of ips) costs.push(hourlyLine(p, say(p, "line", "ipv4", { ip }), 1, p.prices.publicIpv4Hourly, "public-ipv4-hours"));
  if (ips.length) notes.push(say(p, "note", "ipv4Since2024"));
  const env = environmentOf(scope.beanstalk, scope.environments, instance.instanceId, instance);
  const deleteCommands = [...instanceDeletion(p, instance, env, notes), ...keptVolumes.map((v) => cmd.deleteVolume(v, p.region))];
  const type = instance.instanceType ?? "?";
  return makeItem(
    p,
    {
      type: "ec2-instance",
      id: instance.instanceId,
      name: instance.name,
      state: instance.state,
      summary: say(p, "summary", "instance", { instanceType: type, state: stateWord(p, instance.state) }),
      costs,
      deleteCommands,
      deletedWith: env ? { type: "beanstalk-environment", id: env.environmentName } : null,
      notes,
    },
    { unknownCost, billable: instance.state !== "shutting-down" },
  );
}

export function volumeItem(p: Pricing, volume: CleanupVolume): CleanupItem {
  const data = { volumeType: volume.volumeType ?? "?", size: volume.size ?? "?", state: stateWord(p, volume.state), instance: volume.attachedTo ?? "" };
  return makeItem(p, {
    type: "ebs-volume",
    id: volume.volumeId,
    name: volume.name,
    state: volume.state,
    summary: say(p, "summary", volume.attachedTo ? "volumeAttached" : volume.state === "available" ? "volumeUnattached" : "volume", data),
    costs: volumeLines(p, volume),
    deleteCommands: [cmd.deleteVolume(volume.volumeId, p.region)],
  });
}

export function snapshotItem(p: Pricing, snapshot: CleanupEc2Facts["snapshots"][number]): CleanupItem {
  const archived = snapshot.storageTier === "archive";
  const gb = snapshot.fullSizeBytes !== null ? snapshot.fullSizeBytes / GiB : (snapshot.volumeSize ?? 0);
  const price = archived ? p.prices.ebs.snapshotGbMonth.archive : p.prices.ebs.snapshotGbMonth.standard;
  const size = Math.round(gb * 100) / 100;
  return makeItem(p, {
    type: "ebs-snapshot",
    id: snapshot.snapshotId,
    name: snapshot.name,
    state: null,
    summary: say(p, "summary", "snapshot", { size: snapshot.volumeSize ?? "?" }),
    costs: [costLine(p, say(p, "line", "snapshot", { tier: archived ? "archive" : "standard", size }), gb, "GB-month", price, archived ? undefined : "snapshot-gb")],
    deleteCommands: [...snapshot.images.map((i) => cmd.deregisterImage(i, p.region)), cmd.deleteSnapshot(snapshot.snapshotId, p.region)],
    notes: [
      say(p, "note", "snapshotUpperBound"),
      ...(snapshot.images.length ? [say(p, "note", "snapshotOfImage", { images: snapshot.images.join(", ") })] : []),
    ],
  });
}

/** An Elastic IP: in use on a running instance is what the free tier covers; idle addresses always bill. */
export function addressItem(p: Pricing, address: CleanupAddress, instanceStates: Map<string, string | null>, natByAllocation: Map<string, string>): CleanupItem {
  const r = p.region;
  const nat = address.allocationId ? natByAllocation.get(address.allocationId) : undefined;
  const instanceState = address.instanceId ? instanceStates.get(address.instanceId) : undefined;
  const inUseOnInstance = Boolean(address.instanceId) && instanceState !== "stopped";
  const target = nat ?? address.instanceId ?? address.networkInterfaceId;
  const notes = [say(p, "note", "ipv4Since2024")];
  if (nat) notes.push(say(p, "note", "eipOnNat", { nat }));
  else if (address.instanceId && instanceState === "stopped") notes.push(say(p, "note", "eipOnStopped"));
  else if (!address.instanceId && address.networkInterfaceId) notes.push(say(p, "note", "eipOnInterface", { eni: address.networkInterfaceId }));
  return makeItem(p, {
    type: "elastic-ip",
    id: address.allocationId ?? address.publicIp,
    name: address.name,
    state: address.associationId ? "associated" : "unassociated",
    summary: target ? say(p, "summary", "eipAssociated", { ip: address.publicIp, target }) : say(p, "summary", "eipIdle", { ip: address.publicIp }),
    costs: [hourlyLine(p, say(p, "line", "ipv4", { ip: address.publicIp }), 1, p.prices.publicIpv4Hourly, inUseOnInstance ? "public-ipv4-hours" : undefined)],
    deleteCommands: [...(address.associationId && !nat ? [cmd.disassociateAddress(address.associationId, r)] : []), cmd.releaseAddress(address, r)],
    notes,
  });
}
