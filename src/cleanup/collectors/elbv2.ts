import { ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers, type LoadBalancer } from "@aws-sdk/client-elastic-load-balancing-v2";
import { defineCollector } from "../../collect/collector.js";
import { collectPages, isoDate } from "../../collect/pages.js";

/** An Application, Network or Gateway load balancer: billed by the hour from creation to deletion. */
export interface CleanupLoadBalancer {
  loadBalancerArn: string;
  loadBalancerName: string;
  /** application, network, gateway */
  type: string | null;
  /** internet-facing or internal: only internet-facing ones hold public IPv4 addresses. */
  scheme: string | null;
  state: string | null;
  /** ipv4, dualstack, dualstack-without-public-ipv4 */
  ipAddressType: string | null;
  availabilityZones: string[];
  dnsName: string | null;
  createdTime: string | null;
}

export interface CleanupElbv2Facts {
  loadBalancers: CleanupLoadBalancer[];
}

export function loadBalancerOf(lb: LoadBalancer): CleanupLoadBalancer {
  return {
    loadBalancerArn: lb.LoadBalancerArn ?? "",
    loadBalancerName: lb.LoadBalancerName ?? "",
    type: lb.Type ?? null,
    scheme: lb.Scheme ?? null,
    state: lb.State?.Code ?? null,
    ipAddressType: lb.IpAddressType ?? null,
    availabilityZones: (lb.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName ? [z.ZoneName] : [])),
    dnsName: lb.DNSName ?? null,
    createdTime: isoDate(lb.CreatedTime),
  };
}

export default defineCollector<CleanupElbv2Facts>({
  service: "cleanup-elbv2",
  actions: ["elasticloadbalancing:DescribeLoadBalancers"],
  async collect(ctx) {
    const client = ctx.clients.get(ElasticLoadBalancingV2Client, ctx.region);
    const loadBalancers = await ctx.attempt("elasticloadbalancing:DescribeLoadBalancers", () =>
      collectPages(paginateDescribeLoadBalancers({ client }, {}), (p) => p.LoadBalancers),
    );
    return { loadBalancers: (loadBalancers ?? []).map(loadBalancerOf) };
  },
});
