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
};

export async function loadCollector(service: string): Promise<Collector> {
  const load = collectors[service];
  if (!load) throw new Error(`unknown collector ${service}`);
  return (await load()).default;
}
