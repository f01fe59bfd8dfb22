import type { CleanupEc2Facts, CleanupNetworkInterface } from "../collectors/ec2.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import { interfaceOwner, type InterfaceOwner, type ManagedService } from "../interfaces.js";
import type { CleanupItem, ItemType } from "../report.js";
import { hourlyLine, makeItem, say, type Pricing } from "./context.js";

export interface OwnedInterface {
  n: CleanupNetworkInterface;
  owner: InterfaceOwner;
}

/** The region's interfaces by owner, the Elastic IPs apart, and which interfaces an item already counts. */
export interface AddressBook {
  interfaces: OwnedInterface[];
  eipIps: Set<string>;
  claimed: Set<string>;
}

export function addressBook(ec2: CleanupEc2Facts | undefined): AddressBook {
  return {
    interfaces: (ec2?.networkInterfaces ?? []).map((n) => ({ n, owner: interfaceOwner(n) })),
    eipIps: new Set((ec2?.addresses ?? []).map((a) => a.publicIp)),
    claimed: new Set<string>(),
  };
}

/** A public address that is not an Elastic IP belongs to whatever holds its interface. */
export function isAutoAssigned(book: AddressBook, n: CleanupNetworkInterface): boolean {
  return Boolean(n.publicIp) && !n.allocationId && !book.eipIps.has(n.publicIp!);
}

/** Auto-assigned public addresses on the interfaces `pick` chooses; the item that asks claims them. */
export function claimAutoIps(book: AddressBook, pick: (owner: InterfaceOwner) => boolean): CleanupNetworkInterface[] {
  const ips = book.interfaces.filter(({ n, owner }) => isAutoAssigned(book, n) && pick(owner)).map(({ n }) => n);
  ips.forEach((n) => book.claimed.add(n.networkInterfaceId));
  return ips;
}

/** RDS, EFS, ElastiCache…: no client for them, but their interfaces show they exist. */
export function managedServiceItems(p: Pricing, book: AddressBook): CleanupItem[] {
  const groups = new Map<string, { service: ManagedService; key: string; enis: CleanupNetworkInterface[]; details: string[] }>();
  for (const { n, owner } of book.interfaces) {
    // Claimed: the service itself was read (RDS), and its items hold these interfaces.
    if (owner.kind !== "service" || book.claimed.has(n.networkInterfaceId)) continue;
    const id = `${owner.service}:${owner.key}`;
    const group = groups.get(id) ?? { service: owner.service, key: owner.key, enis: [], details: [] };
    group.enis.push(n);
    if (owner.detail) group.details.push(owner.detail);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ service, key, enis, details }) => {
    enis.forEach((n) => book.claimed.add(n.networkInterfaceId));
    const ips = enis.filter((n) => isAutoAssigned(book, n));
    const serviceName = say(p, "service", service);
    const type: ItemType = service === "rds" || service === "efs" || service === "elasticache" ? service : "managed-service";
    const { deleteCommands, notes } = howToDelete(p, service, key, details, serviceName);
    return makeItem(
      p,
      {
        type,
        id: key || service,
        name: null,
        state: null,
        summary: say(p, "summary", "managed", { service: serviceName, count: enis.length }),
        costs: ips.map((n) => hourlyLine(p, say(p, "line", "ipv4", { ip: n.publicIp! }), 1, p.prices.publicIpv4Hourly)),
        deleteCommands,
        notes: [say(p, "note", "detectedByInterfaces", { service: serviceName }), ...notes],
      },
      { unknownCost: true },
    );
  });
}

function howToDelete(p: Pricing, service: ManagedService, key: string, details: string[], serviceName: string): { deleteCommands: string[]; notes: string[] } {
  const r = p.region;
  if (service === "rds") return { deleteCommands: [cmd.listRdsInstances(r), cmd.deleteRdsInstance(r)], notes: [say(p, "note", "rdsFind")] };
  if (service === "efs" && key) return { deleteCommands: [...details.map((d) => cmd.deleteEfsMountTarget(d, r)), cmd.deleteEfsFileSystem(key, r)], notes: [] };
  if (service === "elasticache") return { deleteCommands: [cmd.listElastiCache(r)], notes: [say(p, "note", "useConsole", { service: serviceName })] };
  return { deleteCommands: [], notes: [say(p, "note", "useConsole", { service: serviceName })] };
}

/** What no item claimed is listed on its own: even when its instance or load balancer could not be listed. */
export function unclaimedAddressItems(p: Pricing, book: AddressBook): CleanupItem[] {
  return book.interfaces
    .filter(({ n }) => isAutoAssigned(book, n) && !book.claimed.has(n.networkInterfaceId))
    .map(({ n }) => {
      const owner = n.description ?? n.networkInterfaceId;
      return makeItem(p, {
        type: "public-ipv4",
        id: n.publicIp!,
        name: null,
        state: n.status,
        summary: say(p, "summary", "publicIpv4", { ip: n.publicIp!, owner }),
        costs: [hourlyLine(p, say(p, "line", "ipv4", { ip: n.publicIp! }), 1, p.prices.publicIpv4Hourly)],
        deleteCommands: [],
        notes: [
          say(p, "note", "publicIpv4Owner", { owner: `${n.networkInterfaceId}${n.description ? `: ${n.description}` : ""}` }),
          say(p, "note", "ipv4Since2024"),
        ],
      });
    });
}
