import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRegionsCommand, EC2Client, EC2ServiceException } from "@aws-sdk/client-ec2";
import { DescribeEnvironmentsCommand, ElasticBeanstalkClient } from "@aws-sdk/client-elastic-beanstalk";
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from "@aws-sdk/client-rds";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { collectCleanup } from "../../src/cleanup/collect.js";
import { UserError } from "../../src/core/errors.js";
import { estimate } from "./fixtures.js";

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);
const eb = mockClient(ElasticBeanstalkClient);
const lambda = mockClient(LambdaClient);
const logs = mockClient(CloudWatchLogsClient);
const s3 = mockClient(S3Client);
const rds = mockClient(RDSClient);
const mocks = [sts, ec2, elb, eb, lambda, logs, s3, rds];
const credentials = async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" });
const request = (extra: Partial<Parameters<typeof collectCleanup>[0]> = {}) => ({
  homeRegion: "us-east-1",
  aws: { credentials },
  env: {},
  now: () => new Date("2026-11-28T10:30:00Z"),
  tool: { name: "calificar", version: "0.0.0-test" },
  ...extra,
});

beforeEach(() => {
  mocks.forEach((m) => m.reset());
  sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/alumno", UserId: "AIDA" });
  // Every EC2 listing answers "nothing" unless a test says otherwise.
  ec2.onAnyCommand().resolves({});
  elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  eb.on(DescribeEnvironmentsCommand).resolves({ Environments: [] });
  lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
});

describe("collectCleanup", () => {
  it("reads every enabled region the account lists, once each, into one snapshot", async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: "us-east-1" }, { RegionName: "sa-east-1" }, { RegionName: "eu-west-1" }] });
    const snapshot = await collectCleanup(request());
    expect(snapshot).toMatchObject({ lab: "cleanup", region: "us-east-1", account: { id: "123456789012" }, collectedAt: "2026-11-28T10:30:00.000Z", errors: [] });
    expect(snapshot.facts["regions"]).toEqual({ regions: ["eu-west-1", "sa-east-1", "us-east-1"] });
    for (const collector of ["cleanup-ec2", "cleanup-elbv2", "cleanup-beanstalk", "cleanup-lambda", "cleanup-logs", "cleanup-rds"]) {
      expect(Object.keys(snapshot.facts[collector] as object).sort(), collector).toEqual(["eu-west-1", "sa-east-1", "us-east-1"]);
    }
    expect(snapshot.facts["cleanup-s3"]).toEqual({ buckets: [] });
    expect(elb.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(3);
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(3);
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(1);
  });

  it("does not list regions when they are given", async () => {
    const snapshot = await collectCleanup(request({ regions: ["eu-west-1"], homeRegion: "eu-west-1" }));
    expect(ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
    expect(snapshot.facts["regions"]).toEqual({ regions: ["eu-west-1"] });
  });

  it("falls back to the home region when the region list is denied, and the report says so", async () => {
    ec2.on(DescribeRegionsCommand).rejects(new EC2ServiceException({ name: "UnauthorizedOperation", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "no" }));
    const snapshot = await collectCleanup(request());
    expect(snapshot.facts["regions"]).toEqual({ regions: ["us-east-1"] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ action: "ec2:DescribeRegions", kind: "denied" })]);
    expect(estimate(snapshot).notes).toEqual(["solo se revisó us-east-1: no se pudo obtener la lista de regiones"]);
    expect(estimate(snapshot, "en").errors[0]!.text).toBe("could not check the list of regions in us-east-1: the permission ec2:DescribeRegions is missing (UnauthorizedOperation)");
  });

  it("stops with exit code 3 when the credentials are refused, before any listing", async () => {
    sts.on(GetCallerIdentityCommand).rejects(new STSServiceException({ name: "InvalidClientTokenId", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "bad token" }));
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: "us-east-1" }] });
    const failure = await collectCleanup(request()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).exitCode).toBe(3);
    expect((failure as UserError).text.es).toContain("No hay credenciales de AWS válidas (InvalidClientTokenId)");
    expect(elb.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(0);
  });
});
