import { defineCollector } from "../src/collect/collector.js";

export interface StsFacts {
  account: string | null;
  arn: string | null;
  userId: string | null;
}

/** Who is being graded. Needs no permission, so its failure means credentials or network. */
export default defineCollector<StsFacts>({
  service: "sts",
  actions: ["sts:GetCallerIdentity"],
  async collect(ctx) {
    const who = await ctx.attempt("sts:GetCallerIdentity", () => ctx.clients.callerIdentity(ctx.region));
    return { account: who?.Account ?? null, arn: who?.Arn ?? null, userId: who?.UserId ?? null };
  },
});
