import type { CleanupNetworkInterface } from "../collectors/ec2.js";
import type { CleanupLoadBalancer } from "../collectors/elbv2.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import { loadBalancerKey } from "../interfaces.js";
import type { PriceTable } from "../prices.js";
import type { CleanupItem } from "../report.js";
import type { EnvironmentIndex } from "./beanstalk.js";
import { hourlyLine, makeItem, say, stateWord, type Pricing } from "./context.js";
import { claimAutoIps, isAutoAssigned, type AddressBook } from "./network.js";

/** An Application, Network or Gateway load balancer: its hours and the public IPv4 of each zone's node. */
export function loadBalancerItem(p: Pricing, lb: CleanupLoadBalancer, book: AddressBook, environments: EnvironmentIndex): CleanupItem {
  const interfaceIps = claimAutoIps(book, (o) => o.kind === "elbv2" && o.key === loadBalancerKey(lb.loadBalancerArn)).length;
  const type = (lb.type ?? "application") as keyof PriceTable["loadBalancerHourly"];
  const env = environments.get(lb.loadBalancerArn) ?? environments.get(lb.loadBalancerName);
  const publicV4 = lb.scheme === "internet-facing" && lb.ipAddressType !== "dualstack-without-public-ipv4";
  // Each zone's node holds a public address; an emulator may create no interfaces at all.
  const ipCount = publicV4 ? Math.max(interfaceIps, lb.availabilityZones.length) : 0;
  const notes = [
    ...(env ? [say(p, "note", "partOfEnvironment", { environment: env.environmentName })] : []),
    say(p, "note", "lbTraffic"),
    ...(publicV4 && interfaceIps < ipCount ? [say(p, "note", "lbIpv4Estimated")] : []),
  ];
  const free = p.prices.freeTier.loadBalancerTypes.includes(type) ? "elb-hours" : undefined;
  return makeItem(p, {
    type: "load-balancer",
    id: lb.loadBalancerName,
    name: null,
    state: lb.state,
    summary: say(p, "summary", "loadBalancer", { type, scheme: lb.scheme ?? "?", state: stateWord(p, lb.state) }),
    costs: [
      hourlyLine(p, say(p, "line", "hourly"), 1, p.prices.loadBalancerHourly[type], free),
      ...(ipCount ? [hourlyLine(p, say(p, "line", "ipv4Count", { count: ipCount }), ipCount, p.prices.publicIpv4Hourly)] : []),
    ],
    deleteCommands: env ? [] : [cmd.deleteLoadBalancer(lb.loadBalancerArn, p.region)],
    deletedWith: env ? { type: "beanstalk-environment", id: env.environmentName } : null,
    notes,
  });
}

/** Classic Load Balancers have no client here; their interfaces («ELB name») reveal them. */
export function classicLoadBalancerItems(p: Pricing, book: AddressBook, environments: EnvironmentIndex): CleanupItem[] {
  const byName = new Map<string, CleanupNetworkInterface[]>();
  for (const { n, owner } of book.interfaces) if (owner.kind === "elb-classic") byName.set(owner.name, [...(byName.get(owner.name) ?? []), n]);
  return [...byName].map(([name, enis]) => {
    const ips = enis.filter((n) => isAutoAssigned(book, n));
    enis.forEach((n) => book.claimed.add(n.networkInterfaceId));
    const env = environments.get(name);
    return makeItem(p, {
      type: "load-balancer",
      id: name,
      name: null,
      state: null,
      summary: say(p, "summary", "loadBalancer", { type: "classic", scheme: ips.length ? "internet-facing" : "internal", state: "?" }),
      costs: [
        hourlyLine(p, say(p, "line", "hourly"), 1, p.prices.loadBalancerHourly.classic, "elb-hours"),
        ...(ips.length ? [hourlyLine(p, say(p, "line", "ipv4Count", { count: ips.length }), ips.length, p.prices.publicIpv4Hourly)] : []),
      ],
      deleteCommands: env ? [] : [cmd.deleteClassicLoadBalancer(name, p.region)],
      deletedWith: env ? { type: "beanstalk-environment", id: env.environmentName } : null,
      notes: env ? [say(p, "note", "partOfEnvironment", { environment: env.environmentName })] : [],
    });
  });
}
