import {
  DescribeEnvironmentResourcesCommand,
  ElasticBeanstalkClient,
  type EnvironmentDescription,
  type EnvironmentResourceDescription,
} from "@aws-sdk/client-elastic-beanstalk";
import { listEnvironments } from "../../../checks/elasticbeanstalk.js";
import { defineCollector } from "../../collect/collector.js";
import { isoDate } from "../../collect/pages.js";

/** An environment that still exists, with the resources it keeps running (and billing). */
export interface CleanupEnvironment {
  environmentName: string;
  environmentId: string | null;
  applicationName: string | null;
  status: string | null;
  health: string | null;
  cname: string | null;
  dateCreated: string | null;
  /** null when DescribeEnvironmentResources could not be read. */
  resources: {
    instances: string[];
    /** Names as Beanstalk gives them: an ARN for ALB/NLB, a name for a Classic Load Balancer. */
    loadBalancers: string[];
    autoScalingGroups: string[];
  } | null;
}

export interface CleanupBeanstalkFacts {
  environments: CleanupEnvironment[];
}

export function resourcesOf(r: EnvironmentResourceDescription | undefined): CleanupEnvironment["resources"] {
  if (!r) return null;
  const names = (list: { Name?: string | undefined }[] | undefined) => (list ?? []).flatMap((x) => (x.Name ? [x.Name] : []));
  return {
    instances: (r.Instances ?? []).flatMap((i) => (i.Id ? [i.Id] : [])),
    loadBalancers: names(r.LoadBalancers),
    autoScalingGroups: names(r.AutoScalingGroups),
  };
}

export function environmentOf(env: EnvironmentDescription, resources: EnvironmentResourceDescription | undefined): CleanupEnvironment {
  return {
    environmentName: env.EnvironmentName ?? "",
    environmentId: env.EnvironmentId || null,
    applicationName: env.ApplicationName ?? null,
    status: env.Status ?? null,
    health: env.Health ?? null,
    cname: env.CNAME || null,
    dateCreated: isoDate(env.DateCreated),
    resources: resourcesOf(resources),
  };
}


export default defineCollector<CleanupBeanstalkFacts>({
  service: "cleanup-beanstalk",
  actions: ["elasticbeanstalk:DescribeEnvironments", "elasticbeanstalk:DescribeEnvironmentResources"],
  async collect(ctx) {
    const client = ctx.clients.get(ElasticBeanstalkClient, ctx.region);
    const listed = ((await listEnvironments(ctx)) ?? []).filter((e) => e.Status !== "Terminated");
    const environments = await Promise.all(
      listed.map(async (env) => {
        const name = env.EnvironmentName ?? "";
        const answer = await ctx.attempt(
          "elasticbeanstalk:DescribeEnvironmentResources",
          () => client.send(new DescribeEnvironmentResourcesCommand(env.EnvironmentId ? { EnvironmentId: env.EnvironmentId } : { EnvironmentName: name })),
          name,
        );
        return environmentOf(env, answer?.EnvironmentResources);
      }),
    );
    return { environments };
  },
});
