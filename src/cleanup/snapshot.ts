// What a cleanup snapshot holds, shared by its collectors, its pricing and the CLI; no SDK code.

/** Cleanup collectors read once per region; the global ones once per account. */
export const REGIONAL_COLLECTORS = ["cleanup-ec2", "cleanup-elbv2", "cleanup-beanstalk", "cleanup-lambda", "cleanup-logs", "cleanup-rds"] as const;
export const GLOBAL_COLLECTORS = ["cleanup-s3"] as const;
export type CleanupCollectorName = (typeof REGIONAL_COLLECTORS)[number] | (typeof GLOBAL_COLLECTORS)[number];

/** The snapshot's `lab` for a cleanup collection, so `calificar lab-ec2 --snapshot` can refuse it by name. */
export const CLEANUP_SNAPSHOT_LAB = "cleanup";

/** ListObjectVersions pages read per bucket (1000 versions each): past it, a bucket's size is a lower bound. */
export const MAX_VERSION_PAGES = 5;
