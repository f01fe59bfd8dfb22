import { CloudWatchLogsClient, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import { defineCollector } from "../../collect/collector.js";
import { collectPages, isoDate } from "../../collect/pages.js";

/** A log group: Lambda and Beanstalk leave them behind, and their stored bytes bill every month. */
export interface CleanupLogGroup {
  logGroupName: string;
  storedBytes: number;
  /** null: the logs never expire. */
  retentionInDays: number | null;
  creationTime: string | null;
}

export interface CleanupLogsFacts {
  logGroups: CleanupLogGroup[];
}

export default defineCollector<CleanupLogsFacts>({
  service: "cleanup-logs",
  actions: ["logs:DescribeLogGroups"],
  async collect(ctx) {
    const client = ctx.clients.get(CloudWatchLogsClient, ctx.region);
    const groups = await ctx.attempt("logs:DescribeLogGroups", () => collectPages(paginateDescribeLogGroups({ client }, {}), (p) => p.logGroups));
    return {
      logGroups: (groups ?? []).map((g) => ({
        logGroupName: g.logGroupName ?? "",
        storedBytes: g.storedBytes ?? 0,
        retentionInDays: g.retentionInDays ?? null,
        creationTime: isoDate(g.creationTime ? new Date(g.creationTime) : undefined),
      })),
    };
  },
});
