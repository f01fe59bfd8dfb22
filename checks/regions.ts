import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { defineCollector } from "../src/collect/collector.js";

export interface RegionFacts {
  /** Regions enabled for the account (DescribeRegions without AllRegions lists only those). */
  regions: string[];
}

export default defineCollector<RegionFacts>({
  service: "regions",
  actions: ["ec2:DescribeRegions"],
  async collect(ctx) {
    const ec2 = ctx.clients.get(EC2Client, ctx.region);
    const answer = await ctx.attempt("ec2:DescribeRegions", () => ec2.send(new DescribeRegionsCommand({})));
    const regions = (answer?.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
    return { regions: regions.sort() };
  },
});
