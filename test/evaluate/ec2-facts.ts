import type { IngressRule, InstanceFacts } from "../../checks/ec2.js";
import type { HttpAnswer } from "../../src/core/evidence.js";
import type { CallError } from "../../src/core/snapshot.js";

/** One inbound rule as checks/ec2.ts normalizes it (one source per row, numeric ports). */
export function rule(
  fromPort: number,
  source: string,
  more: Partial<Omit<IngressRule, "fromPort" | "source">> & { toPort?: number } = {},
): IngressRule {
  const sourceKind: IngressRule["sourceKind"] = source.startsWith("sg-")
    ? "group"
    : source.startsWith("pl-")
      ? "prefix-list"
      : source.includes(":")
        ? "ipv6"
        : "ipv4";
  return {
    groupId: "sg-0a1b2c3d4e5f60718",
    protocol: "tcp",
    toPort: more.toPort ?? fromPort,
    sourceKind,
    description: null,
    ...more,
    fromPort,
    source,
  };
}

export const PUBLIC_IP = "54.210.167.204";
const APP = `http://${PUBLIC_IP}:5000`;

/** probes.web as checks/http.ts records it: one answer per request of the lab's probe. */
export function web(answer: (path: string) => Omit<HttpAnswer, "path" | "url">): HttpAnswer[] {
  return ["/", "/members", "/hello/calificar/"].map((path) => ({ path, url: `${APP}${path}`, ...answer(path) }));
}

/** The course's app.py answering every path the probe tries. */
export const COURSE_APP = web((path) =>
  path === "/"
    ? { status: 200, body: "Index!" }
    : path === "/members"
      ? { status: 200, body: "Members" }
      : { status: 200, body: "<html><head><title>Platzi</title></head><body><h1>Hello calificar!</h1></body></html>" },
);

/** What checks/http.ts records when a probe does not answer in time: on the candidate, not region-wide. */
export const PROBE_TIMEOUT: CallError = {
  action: "http:GET",
  code: "timeout",
  kind: "timeout",
  message: "Headers Timeout Error",
  target: `${APP}/`,
};

/** A student who did everything right: passes every check of lab-ec2. */
export const SERVER = {
  instanceId: "i-0f3a9c2b7d1e45a60",
  name: "mi-servidor",
  tags: { Name: "mi-servidor" },
  state: "running",
  instanceType: "t2.micro",
  keyName: "labsuser",
  launchTime: "2026-11-28T09:12:44.000Z",
  availabilityZone: "us-east-1a",
  imageId: "ami-0fc5d935ebf8bc3bc",
  platformDetails: "Linux/UNIX",
  publicIpAddress: PUBLIC_IP,
  publicDnsName: `ec2-${PUBLIC_IP.replaceAll(".", "-")}.compute-1.amazonaws.com`,
  privateIpAddress: "172.31.22.9",
  securityGroups: [{ groupId: "sg-0a1b2c3d4e5f60718", groupName: "launch-wizard-1" }],
  ingress: [rule(22, "203.0.113.7/32"), rule(5000, "0.0.0.0/0")],
  rootVolume: { volumeId: "vol-0c1d2e3f4a5b6c7d8", volumeType: "gp3", size: 8, encrypted: false },
  elasticIp: { allocationId: "eipalloc-0123456789abcdef0", publicIp: PUBLIC_IP },
  // An account created before 15 July 2025: the legacy Free Tier's type in us-east-1.
  freeTierEligibleTypes: ["t2.micro"],
  probes: { web: COURSE_APP },
  errors: [] as CallError[],
} satisfies InstanceFacts & { probes: Record<string, HttpAnswer[]>; errors: CallError[] };

/** A region-wide denial as ctx.attempt records it. */
export function denied(action: string, region = "us-east-1"): CallError {
  const code = action.startsWith("ec2:") ? "UnauthorizedOperation" : "AccessDenied";
  return {
    action,
    code,
    kind: "denied",
    message: `You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ana is not authorized to perform: ${action}`,
    region,
    collector: action.split(":")[0]!,
  };
}
