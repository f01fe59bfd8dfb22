import type { CleanupNetworkInterface } from "./collectors/ec2.js";

/** Services calificar has no client for, whose network interfaces still reveal them. */
export const MANAGED_SERVICES = ["rds", "elasticache", "efs", "redshift", "opensearch", "eks", "transit-gateway", "dms", "directory"] as const;
export type ManagedService = (typeof MANAGED_SERVICES)[number];

/** Who owns a network interface, read from what AWS writes in it. */
export type InterfaceOwner =
  | { kind: "instance"; instanceId: string }
  | { kind: "elbv2"; key: string } // "app/name/id", the tail of the load balancer's ARN
  | { kind: "elb-classic"; name: string }
  | { kind: "nat-gateway" }
  | { kind: "vpc-endpoint" }
  | { kind: "lambda" }
  | { kind: "service"; service: ManagedService; key: string; detail: string | null }
  | { kind: "unknown" };

type Rule = (n: CleanupNetworkInterface, description: string) => InterfaceOwner | null;

const service = (s: ManagedService, key = "", detail: string | null = null): InterfaceOwner => ({ kind: "service", service: s, key, detail });

// Descriptions are the ones AWS writes when a service creates the interface; first match wins.
const RULES: Rule[] = [
  (n) => (n.instanceId ? { kind: "instance", instanceId: n.instanceId } : null),
  (_, d) => {
    const m = /^ELB ((?:app|net|gwy)\/[^/\s]+\/[0-9a-f]+)$/.exec(d);
    return m ? { kind: "elbv2", key: m[1]! } : null;
  },
  (_, d) => {
    const m = /^ELB ([A-Za-z0-9-]+)$/.exec(d);
    return m ? { kind: "elb-classic", name: m[1]! } : null;
  },
  (n, d) => (n.interfaceType === "nat_gateway" || n.interfaceType === "natGateway" || d.startsWith("Interface for NAT Gateway") ? { kind: "nat-gateway" } : null),
  (n, d) =>
    n.interfaceType === "vpc_endpoint" || n.interfaceType === "gateway_load_balancer_endpoint" || d.startsWith("VPC Endpoint Interface")
      ? { kind: "vpc-endpoint" }
      : null,
  (n, d) => (n.interfaceType === "lambda" || d.startsWith("AWS Lambda VPC ENI") ? { kind: "lambda" } : null),
  (n, d) => (d === "RDSNetworkInterface" || n.requesterId === "amazon-rds" ? service("rds") : null),
  (n, d) => {
    const m = /^ElastiCache (\S+)/.exec(d);
    return m || n.requesterId === "amazon-elasticache" ? service("elasticache", m?.[1] ?? "") : null;
  },
  (n, d) => {
    const m = /^EFS mount target for (fs-[0-9a-f]+)(?: \((fsmt-[0-9a-f]+)\))?/.exec(d);
    return m ? service("efs", m[1]!, m[2] ?? null) : n.interfaceType === "efs" ? service("efs") : null;
  },
  (_, d) => (d === "RedshiftNetworkInterface" ? service("redshift") : null),
  (_, d) => {
    const m = /^ES (\S+)$/.exec(d);
    return m ? service("opensearch", m[1]!) : null;
  },
  (_, d) => {
    const m = /^Amazon EKS (\S+)$/.exec(d);
    return m ? service("eks", m[1]!) : null;
  },
  (n) => (n.interfaceType === "transit_gateway" ? service("transit-gateway") : null),
  (_, d) => (d === "DMSNetworkInterface" ? service("dms") : null),
  (_, d) => {
    const m = /^AWS created network interface for directory (d-[0-9a-f]+)/.exec(d);
    return m ? service("directory", m[1]!) : null;
  },
];

export function interfaceOwner(n: CleanupNetworkInterface): InterfaceOwner {
  const description = n.description ?? "";
  for (const rule of RULES) {
    const owner = rule(n, description);
    if (owner) return owner;
  }
  return { kind: "unknown" };
}

/** "app/name/id" from arn:aws:elasticloadbalancing:…:loadbalancer/app/name/id, as the interfaces name it. */
export function loadBalancerKey(arn: string): string {
  return arn.split(":loadbalancer/")[1] ?? arn;
}
