/**
 * The AWS CLI commands that delete what the cleanup report lists. calificar only prints them:
 * it never runs them, and it never calls a deleting API (its policy holds none).
 */

const SAFE = /^[A-Za-z0-9._\/:=@+,-]+$/;

/** A shell word: as is when it is plain, single-quoted otherwise. */
export function shellWord(value: string): string {
  return SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const aws = (service: string, verb: string, args: Record<string, string>, region: string, flags: string[] = []) =>
  ["aws", service, verb, ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, shellWord(v)]), ...flags, "--region", shellWord(region)].join(" ");

export const deleteCommand = {
  terminateInstance: (id: string, region: string) => aws("ec2", "terminate-instances", { "instance-ids": id }, region),
  deleteAutoScalingGroup: (name: string, region: string) =>
    aws("autoscaling", "delete-auto-scaling-group", { "auto-scaling-group-name": name }, region, ["--force-delete"]),
  deleteVolume: (id: string, region: string) => aws("ec2", "delete-volume", { "volume-id": id }, region),
  deleteSnapshot: (id: string, region: string) => aws("ec2", "delete-snapshot", { "snapshot-id": id }, region),
  deregisterImage: (id: string, region: string) => aws("ec2", "deregister-image", { "image-id": id }, region),
  disassociateAddress: (associationId: string, region: string) => aws("ec2", "disassociate-address", { "association-id": associationId }, region),
  releaseAddress: (address: { allocationId: string | null; publicIp: string }, region: string) =>
    address.allocationId
      ? aws("ec2", "release-address", { "allocation-id": address.allocationId }, region)
      : aws("ec2", "release-address", { "public-ip": address.publicIp }, region),
  deleteNatGateway: (id: string, region: string) => aws("ec2", "delete-nat-gateway", { "nat-gateway-id": id }, region),
  deleteLoadBalancer: (arn: string, region: string) => aws("elbv2", "delete-load-balancer", { "load-balancer-arn": arn }, region),
  deleteClassicLoadBalancer: (name: string, region: string) => aws("elb", "delete-load-balancer", { "load-balancer-name": name }, region),
  deleteVpcEndpoint: (id: string, region: string) => aws("ec2", "delete-vpc-endpoints", { "vpc-endpoint-ids": id }, region),
  terminateEnvironment: (name: string, region: string) => aws("elasticbeanstalk", "terminate-environment", { "environment-name": name }, region),
  deleteFunction: (name: string, region: string) => aws("lambda", "delete-function", { "function-name": name }, region),
  /** `--force` empties an unversioned bucket first; a versioned one needs its versions deleted too. */
  deleteBucket: (name: string, region: string, force: boolean) =>
    ["aws", "s3", "rb", shellWord(`s3://${name}`), ...(force ? ["--force"] : []), "--region", shellWord(region)].join(" "),
  deleteLogGroup: (name: string, region: string) => aws("logs", "delete-log-group", { "log-group-name": name }, region),
  /** Deleting fails while deletion protection is on; this turns it off first. */
  disableDbDeletionProtection: (id: string, region: string) =>
    aws("rds", "modify-db-instance", { "db-instance-identifier": id }, region, ["--no-deletion-protection", "--apply-immediately"]),
  /** --skip-final-snapshot: the data is gone for good (the report says so, and how to keep a copy). */
  deleteDbInstance: (id: string, region: string) => aws("rds", "delete-db-instance", { "db-instance-identifier": id }, region, ["--skip-final-snapshot"]),
  deleteDbCluster: (id: string, region: string) => aws("rds", "delete-db-cluster", { "db-cluster-identifier": id }, region, ["--skip-final-snapshot"]),
  deleteDbSnapshot: (id: string, region: string) => aws("rds", "delete-db-snapshot", { "db-snapshot-identifier": id }, region),
  listRdsInstances: (region: string) =>
    aws("rds", "describe-db-instances", { query: "DBInstances[].[DBInstanceIdentifier,DBInstanceClass,DBInstanceStatus]" }, region, ["--output", "text"]),
  /** `<ID>` is a placeholder: the network interfaces that revealed the database do not name it. */
  deleteRdsInstance: (region: string) => `aws rds delete-db-instance --db-instance-identifier <ID> --skip-final-snapshot --region ${shellWord(region)}`,
  deleteEfsMountTarget: (id: string, region: string) => aws("efs", "delete-mount-target", { "mount-target-id": id }, region),
  deleteEfsFileSystem: (id: string, region: string) => aws("efs", "delete-file-system", { "file-system-id": id }, region),
  listElastiCache: (region: string) => aws("elasticache", "describe-cache-clusters", {}, region),
};
