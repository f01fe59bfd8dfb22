import { DescribeRegionsCommand, EC2Client, EC2ServiceException, type Region } from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import collector, { type RegionFacts } from "../../checks/regions.js";
import { ClientPool } from "../../src/collect/clients.js";
import { makeContext } from "../../src/collect/collector.js";
import type { CallError } from "../../src/core/snapshot.js";

// DescribeRegions per the EC2 API reference: Regions[] of {Endpoint, RegionName, OptInStatus};
// without AllRegions it lists only the regions enabled for the account.

const ec2 = mockClient(EC2Client);
let pool: ClientPool;

beforeEach(() => {
  ec2.reset();
  pool = new ClientPool({ credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example" }) });
});
afterEach(() => pool.destroy());

async function collect(region = "us-east-1") {
  const errors: CallError[] = [];
  const facts = (await collector.collect(makeContext(collector, region, pool, {}, errors))) as RegionFacts;
  return { facts, errors };
}

const region = (name: string, optIn = "opt-in-not-required"): Region => ({ Endpoint: `ec2.${name}.amazonaws.com`, RegionName: name, OptInStatus: optIn });

describe("regions collector", () => {
  it("lists the enabled regions, sorted, asking only for enabled ones", async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [region("sa-east-1"), region("eu-west-1"), region("ap-south-2", "opted-in"), region("us-east-1"), { Endpoint: "ec2.example" }],
    });
    const { facts, errors } = await collect();
    expect(errors).toEqual([]);
    expect(facts.regions).toEqual(["ap-south-2", "eu-west-1", "sa-east-1", "us-east-1"]);
    const [call] = ec2.commandCalls(DescribeRegionsCommand);
    expect(call!.args[0].input.AllRegions).toBeUndefined();
  });

  it("records a denial and yields no regions", async () => {
    ec2.on(DescribeRegionsCommand).rejects(
      new EC2ServiceException({ name: "UnauthorizedOperation", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "You are not authorized to perform this operation." }),
    );
    const { facts, errors } = await collect("eu-west-1");
    expect(facts.regions).toEqual([]);
    expect(errors).toEqual([
      { action: "ec2:DescribeRegions", code: "UnauthorizedOperation", kind: "denied", message: "You are not authorized to perform this operation.", collector: "regions", region: "eu-west-1" },
    ]);
  });

  it("records throttling past the SDK's retries as throttled", async () => {
    ec2.on(DescribeRegionsCommand).rejects(
      new EC2ServiceException({ name: "RequestLimitExceeded", $fault: "client", $metadata: { httpStatusCode: 503, attempts: 3 }, message: "Request limit exceeded." }),
    );
    const { errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind, e.code])).toEqual([["ec2:DescribeRegions", "throttled", "RequestLimitExceeded"]]);
  });

  it("lets an error that is not the SDK's propagate", async () => {
    ec2.on(DescribeRegionsCommand).rejects(new RangeError("Invalid array length"));
    await expect(collect()).rejects.toThrow(RangeError);
  });

  it("sends only DescribeRegions", async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [region("us-east-1")] });
    await collect();
    const sent = ec2.calls().map((c) => `ec2:${(c.args[0] as object).constructor.name.replace(/Command$/, "")}`);
    expect(sent).toEqual(["ec2:DescribeRegions"]);
    for (const action of sent) expect(collector.actions).toContain(action);
  });
});
