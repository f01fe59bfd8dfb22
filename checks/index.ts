import type { Collector } from "../src/collector.js";

/** Service name -> lazy loader, so a lab loads only the SDK clients it needs. */
export const collectors: Record<string, () => Promise<{ default: Collector }>> = {
  sts: () => import("./sts.js"),
  regions: () => import("./regions.js"),
  ec2: () => import("./ec2.js"),
  lambda: () => import("./lambda.js"),
  s3: () => import("./s3.js"),
  iam: () => import("./iam.js"),
  elasticbeanstalk: () => import("./elasticbeanstalk.js"),
  repo: () => import("./repo.js"),
  "cleanup-ec2": () => import("./cleanup-ec2.js"),
  "cleanup-elbv2": () => import("./cleanup-elbv2.js"),
  "cleanup-beanstalk": () => import("./cleanup-beanstalk.js"),
  "cleanup-lambda": () => import("./cleanup-lambda.js"),
  "cleanup-logs": () => import("./cleanup-logs.js"),
  "cleanup-s3": () => import("./cleanup-s3.js"),
};

export async function loadCollector(service: string): Promise<Collector> {
  const load = collectors[service];
  if (!load) throw new Error(`unknown collector ${service}`);
  return (await load()).default;
}
