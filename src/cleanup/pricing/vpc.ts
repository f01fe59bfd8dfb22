import type { CleanupEc2Facts } from "../collectors/ec2.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { hourlyLine, makeItem, say, stateWord, type Pricing } from "./context.js";

export function natGatewayItem(p: Pricing, nat: CleanupEc2Facts["natGateways"][number]): CleanupItem {
  return makeItem(p, {
    type: "nat-gateway",
    id: nat.natGatewayId,
    name: nat.name,
    state: nat.state,
    summary: say(p, "summary", "natGateway", { state: stateWord(p, nat.state), vpc: nat.vpcId ?? "?" }),
    costs: [hourlyLine(p, say(p, "line", "hourly"), 1, p.prices.natGateway.hourly)],
    deleteCommands: [cmd.deleteNatGateway(nat.natGatewayId, p.region)],
    notes: [
      say(p, "note", "natTraffic", { price: p.prices.natGateway.perGbProcessed }),
      ...nat.publicIps.map((ip) => say(p, "note", "natAddress", { ip })),
    ],
  });
}

/** Interface endpoints bill per zone, Gateway Load Balancer endpoints per hour, Gateway endpoints nothing. */
export function vpcEndpointItem(p: Pricing, endpoint: CleanupEc2Facts["vpcEndpoints"][number]): CleanupItem {
  const type = endpoint.vpcEndpointType ?? "Interface";
  const costs =
    type === "Gateway"
      ? []
      : type === "GatewayLoadBalancer"
        ? [hourlyLine(p, say(p, "line", "hourly"), 1, p.prices.vpcEndpoint.gatewayLoadBalancerHourly)]
        : [hourlyLine(p, say(p, "line", "perAz", { count: endpoint.subnetCount }), Math.max(1, endpoint.subnetCount), p.prices.vpcEndpoint.interfaceHourlyPerAz)];
  return makeItem(p, {
    type: "vpc-endpoint",
    id: endpoint.vpcEndpointId,
    name: endpoint.name,
    state: endpoint.state,
    summary: say(p, "summary", "vpcEndpoint", { type, service: endpoint.serviceName ?? "?" }),
    costs,
    deleteCommands: [cmd.deleteVpcEndpoint(endpoint.vpcEndpointId, p.region)],
    notes: type === "Gateway" ? [say(p, "note", "gatewayEndpointFree")] : [],
  });
}
