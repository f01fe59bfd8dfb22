import type { Collector } from "../src/collect/collector.js";

/** Service name -> lazy loader, so a lab loads only the SDK clients it needs. */
export const collectors: Record<string, () => Promise<{ default: Collector }>> = {
  sts: () => import("./sts.js"),
  regions: () => import("./regions.js"),
  ec2: () => import("./ec2.js"),
  lambda: () => import("./lambda.js"),
  s3: () => import("./s3.js"),
  iam: () => import("./iam.js"),
  elasticbeanstalk: () => import("./elasticbeanstalk.js"),
  apigateway: () => import("./apigateway.js"),
  sqs: () => import("./sqs.js"),
  dynamodb: () => import("./dynamodb.js"),
  // The submission repository: files, not AWS; read by the collection stage's own reader.
  repo: () => import("../src/collect/repo.js"),
};

export function isCollectorName(name: string): boolean {
  return Object.hasOwn(collectors, name);
}

/** The collector named `service`; a module that fails to load is calificar's bug, not the user's. */
export async function loadCollector(service: string): Promise<Collector> {
  const load = collectors[service];
  if (!load) throw new Error(`unknown collector ${service}`);
  return (await load()).default;
}
