import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { defineCollector } from "../../collect/collector.js";
import { collectPages } from "../../collect/pages.js";

/** A function: free while nobody invokes it, so it is listed for completeness, not for its cost. */
export interface CleanupFunction {
  functionName: string;
  runtime: string | null;
  memorySize: number | null;
  codeSize: number | null;
  packageType: string | null;
  lastModified: string | null;
}

export interface CleanupLambdaFacts {
  functions: CleanupFunction[];
}

export default defineCollector<CleanupLambdaFacts>({
  service: "cleanup-lambda",
  actions: ["lambda:ListFunctions"],
  async collect(ctx) {
    const client = ctx.clients.get(LambdaClient, ctx.region);
    const functions = await ctx.attempt("lambda:ListFunctions", () => collectPages(paginateListFunctions({ client }, {}), (p) => p.Functions));
    return {
      functions: (functions ?? []).map((f) => ({
        functionName: f.FunctionName ?? "",
        runtime: f.Runtime ?? null,
        memorySize: f.MemorySize ?? null,
        codeSize: f.CodeSize ?? null,
        packageType: f.PackageType ?? null,
        lastModified: f.LastModified ?? null,
      })),
    };
  },
});
