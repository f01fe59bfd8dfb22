import type { Collector } from "../collect/collector.js";
import type { CleanupCollectorName } from "./snapshot.js";

/** Cleanup collector name -> lazy loader, as checks/index.ts does for grading. */
export const cleanupCollectors: Record<CleanupCollectorName, () => Promise<{ default: Collector }>> = {
  "cleanup-ec2": () => import("./collectors/ec2.js"),
  "cleanup-elbv2": () => import("./collectors/elbv2.js"),
  "cleanup-beanstalk": () => import("./collectors/beanstalk.js"),
  "cleanup-lambda": () => import("./collectors/lambda.js"),
  "cleanup-logs": () => import("./collectors/logs.js"),
  "cleanup-rds": () => import("./collectors/rds.js"),
  "cleanup-s3": () => import("./collectors/s3.js"),
};

export async function loadCleanupCollector(name: CleanupCollectorName): Promise<Collector> {
  return (await cleanupCollectors[name]()).default;
}
