import { describe, expect, it } from "vitest";
import { deleteCommand, shellWord } from "../../src/cleanup/delete-commands.js";
import { interfaceOwner, loadBalancerKey } from "../../src/cleanup/interfaces.js";
import { eni } from "./fixtures.js";

describe("shellWord", () => {
  it.each([
    ["i-0abc", "i-0abc"],
    ["/aws/lambda/hola", "/aws/lambda/hola"],
    ["s3://mi-bucket", "s3://mi-bucket"],
    ["mi función", "'mi función'"],
    ["it's", `'it'\\''s'`],
    ["a;rm -rf ~", "'a;rm -rf ~'"],
  ])("%s → %s", (value, expected) => {
    expect(shellWord(value)).toBe(expected);
  });

  it("quotes names a student chose, so a printed command cannot run something else", () => {
    expect(deleteCommand.deleteLogGroup("/x $(whoami)", "us-east-1")).toBe("aws logs delete-log-group --log-group-name '/x $(whoami)' --region us-east-1");
  });

  it("prints only deleting commands of the AWS CLI", () => {
    const r = "us-east-1";
    const all = [
      deleteCommand.terminateInstance("i-1", r),
      deleteCommand.deleteVolume("vol-1", r),
      deleteCommand.deleteSnapshot("snap-1", r),
      deleteCommand.releaseAddress({ allocationId: null, publicIp: "3.3.3.3" }, r),
      deleteCommand.deleteNatGateway("nat-1", r),
      deleteCommand.deleteLoadBalancer("arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/b", r),
      deleteCommand.terminateEnvironment("env", r),
      deleteCommand.deleteBucket("b", r, true),
      deleteCommand.deleteDbInstance("mi-db", r),
      deleteCommand.deleteDbSnapshot("mi-db-final", r),
      deleteCommand.deleteDbCluster("mi-cluster", r),
    ];
    expect(all.every((c) => c.startsWith("aws ") && c.endsWith("--region us-east-1"))).toBe(true);
    expect(all[3]).toBe("aws ec2 release-address --public-ip 3.3.3.3 --region us-east-1");
    expect(all.slice(-3)).toEqual([
      "aws rds delete-db-instance --db-instance-identifier mi-db --skip-final-snapshot --region us-east-1",
      "aws rds delete-db-snapshot --db-snapshot-identifier mi-db-final --region us-east-1",
      "aws rds delete-db-cluster --db-cluster-identifier mi-cluster --skip-final-snapshot --region us-east-1",
    ]);
  });

  it("turns off a database's deletion protection as the only non-deleting command, and only to delete it", () => {
    expect(deleteCommand.disableDbDeletionProtection("mi-db", "eu-west-1")).toBe(
      "aws rds modify-db-instance --db-instance-identifier mi-db --no-deletion-protection --apply-immediately --region eu-west-1",
    );
  });
});

describe("interfaceOwner: who a network interface belongs to", () => {
  it.each([
    [{ instanceId: "i-1", publicIp: "1.1.1.1" }, { kind: "instance", instanceId: "i-1" }],
    [{ description: "ELB app/mi-alb/50dc6c495c0c9188" }, { kind: "elbv2", key: "app/mi-alb/50dc6c495c0c9188" }],
    [{ description: "ELB net/mi-nlb/0123abcd" }, { kind: "elbv2", key: "net/mi-nlb/0123abcd" }],
    [{ description: "ELB awseb-e-x-AWSEBLoa-1ABC" }, { kind: "elb-classic", name: "awseb-e-x-AWSEBLoa-1ABC" }],
    [{ interfaceType: "nat_gateway", description: "Interface for NAT Gateway nat-1" }, { kind: "nat-gateway" }],
    [{ interfaceType: "vpc_endpoint" }, { kind: "vpc-endpoint" }],
    [{ interfaceType: "lambda" }, { kind: "lambda" }],
    [{ description: "RDSNetworkInterface", requesterId: "amazon-rds" }, { kind: "service", service: "rds", key: "", detail: null }],
    [{ description: "ElastiCache mi-cache-0001-001" }, { kind: "service", service: "elasticache", key: "mi-cache-0001-001", detail: null }],
    [{ description: "EFS mount target for fs-0abc (fsmt-0def)" }, { kind: "service", service: "efs", key: "fs-0abc", detail: "fsmt-0def" }],
    [{ description: "Amazon EKS mi-cluster" }, { kind: "service", service: "eks", key: "mi-cluster", detail: null }],
    [{ interfaceType: "transit_gateway" }, { kind: "service", service: "transit-gateway", key: "", detail: null }],
    [{ description: "mi interfaz" }, { kind: "unknown" }],
    [{}, { kind: "unknown" }],
  ])("%j → %j", (facts, owner) => {
    expect(interfaceOwner(eni(facts))).toEqual(owner);
  });

  it("keys a load balancer by its ARN's tail, as its interfaces name it", () => {
    expect(loadBalancerKey("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mi-alb/50dc6c495c0c9188")).toBe("app/mi-alb/50dc6c495c0c9188");
  });
});
