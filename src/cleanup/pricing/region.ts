import type { CleanupItem } from "../report.js";
import { environmentItems, noteEnvironmentContents } from "./beanstalk.js";
import type { Pricing, RegionFacts } from "./context.js";
import { addressItem, instanceItem, snapshotItem, volumeItem, type InstanceScope } from "./ec2.js";
import { classicLoadBalancerItems, loadBalancerItem } from "./elb.js";
import { functionItem } from "./lambda.js";
import { logGroupItem } from "./logs.js";
import { addressBook, managedServiceItems, unclaimedAddressItems } from "./network.js";
import { rdsItems } from "./rds.js";
import { bucketItem } from "./s3.js";
import { natGatewayItem, vpcEndpointItem } from "./vpc.js";

/**
 * One region's items, in an order that matters: what owns a public address (instances, load
 * balancers, managed services) claims it before the leftovers are listed as loose addresses.
 */
export function priceRegion(p: Pricing, facts: RegionFacts): CleanupItem[] {
  const ec2 = facts.ec2;
  const book = addressBook(ec2);
  const { items: environments, byResource } = environmentItems(p, facts.beanstalk);
  const scope: InstanceScope = {
    volumes: new Map((ec2?.volumes ?? []).map((v) => [v.volumeId, v])),
    consumed: new Set<string>(),
    book,
    beanstalk: facts.beanstalk,
    environments: byResource,
  };
  const instances = (ec2?.instances ?? []).map((i) => instanceItem(p, i, scope));
  const instanceStates = new Map((ec2?.instances ?? []).map((i) => [i.instanceId, i.state]));
  const natByAllocation = new Map((ec2?.natGateways ?? []).flatMap((n) => n.allocationIds.map((a) => [a, n.natGatewayId] as const)));
  const items = [
    ...environments,
    ...instances,
    ...(ec2?.volumes ?? []).filter((v) => !scope.consumed.has(v.volumeId)).map((v) => volumeItem(p, v)),
    ...(ec2?.snapshots ?? []).map((s) => snapshotItem(p, s)),
    ...(ec2?.addresses ?? []).map((a) => addressItem(p, a, instanceStates, natByAllocation)),
    ...(ec2?.natGateways ?? []).map((n) => natGatewayItem(p, n)),
    ...(facts.elbv2?.loadBalancers ?? []).map((lb) => loadBalancerItem(p, lb, book, byResource)),
    ...classicLoadBalancerItems(p, book, byResource),
    ...rdsItems(p, facts.rds, book),
    ...managedServiceItems(p, book),
    ...unclaimedAddressItems(p, book),
    ...(ec2?.vpcEndpoints ?? []).map((e) => vpcEndpointItem(p, e)),
    ...(facts.lambda?.functions ?? []).map((fn) => functionItem(p, fn)),
    ...(facts.logs?.logGroups ?? []).map((g) => logGroupItem(p, g)),
    ...facts.buckets.map((b) => bucketItem(p, b)),
  ];
  noteEnvironmentContents(p, items);
  return items;
}
