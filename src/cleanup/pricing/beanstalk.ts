import type { CleanupBeanstalkFacts, CleanupEnvironment } from "../collectors/beanstalk.js";
import type { CleanupInstance } from "../collectors/ec2.js";
import { deleteCommand as cmd } from "../delete-commands.js";
import type { CleanupItem } from "../report.js";
import { makeItem, say, sum, type Pricing } from "./context.js";

/** Environment by the id of an instance or load balancer it holds. */
export type EnvironmentIndex = Map<string, CleanupEnvironment>;

/** Environments come first: their instances and load balancers are deleted with them. */
export function environmentItems(p: Pricing, facts: CleanupBeanstalkFacts | undefined): { items: CleanupItem[]; byResource: EnvironmentIndex } {
  const byResource: EnvironmentIndex = new Map();
  const items = (facts?.environments ?? []).map((env) => {
    for (const id of [...(env.resources?.instances ?? []), ...(env.resources?.loadBalancers ?? [])]) byResource.set(id, env);
    const terminating = env.status === "Terminating";
    return makeItem(
      p,
      {
        type: "beanstalk-environment",
        id: env.environmentName,
        name: env.applicationName,
        state: env.status,
        summary: say(p, "summary", "environment", { status: env.status ?? "?", health: env.health ?? "?" }),
        costs: [],
        deleteCommands: terminating ? [] : [cmd.terminateEnvironment(env.environmentName, p.region)],
        notes: [
          ...(terminating ? [say(p, "note", "environmentTerminating")] : []),
          ...(env.resources === null ? [say(p, "note", "environmentResourcesUnknown")] : []),
        ],
      },
      // Beanstalk itself is free; what it keeps running is listed (and priced) item by item.
      { unknownCost: env.resources === null, billable: !terminating },
    );
  });
  return { items, byResource };
}

/** The environment that owns a resource: by its listed resources, else by the instance's Beanstalk tags. */
export function environmentOf(
  facts: CleanupBeanstalkFacts | undefined,
  byResource: EnvironmentIndex,
  id: string,
  tags?: CleanupInstance,
): CleanupEnvironment | undefined {
  const direct = byResource.get(id);
  if (direct) return direct;
  const envs = facts?.environments ?? [];
  if (tags?.beanstalkEnvironmentId) return envs.find((e) => e.environmentId === tags.beanstalkEnvironmentId);
  if (tags?.beanstalkEnvironmentName) return envs.find((e) => e.environmentName === tags.beanstalkEnvironmentName);
  return undefined;
}

/** Each environment says what it carries with it, once every item is priced. */
export function noteEnvironmentContents(p: Pricing, items: CleanupItem[]): void {
  for (const env of items.filter((i) => i.type === "beanstalk-environment")) {
    const kept = items.filter((i) => i.billable && i.deletedWith?.type === env.type && i.deletedWith.id === env.id);
    if (kept.length) env.notes.push(say(p, "note", "environmentIncludes", { count: kept.length, usd: sum(kept.map((i) => i.monthlyUsd)).toFixed(2) }));
  }
}
