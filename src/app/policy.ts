import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { collectors } from "../../checks/index.js";
import { cleanupCollectors } from "../cleanup/registry.js";
import type { Collector } from "../collect/collector.js";
import { ACTIVE_ACTIONS, type PolicyDocument } from "../core/policy.js";
import { packageDir } from "../files/package-root.js";

/** Every collector calificar has, grading's and cleanup's: the policy serves every lab and `limpieza`. */
export async function allCollectors(): Promise<Collector[]> {
  const loaders = { ...collectors, ...cleanupCollectors };
  return Promise.all(Object.keys(loaders).sort().map(async (name) => (await loaders[name as keyof typeof loaders]!()).default));
}

/**
 * The shipped policy (policies/calificar-readonly.json), which test/meta/policy.test.ts keeps equal
 * to the union of what every collector declares: printing it loads no SDK code.
 */
export async function shippedPolicy(options: { invoke: boolean }): Promise<PolicyDocument> {
  const policy = JSON.parse(await readFile(join(packageDir("policies"), "calificar-readonly.json"), "utf8")) as PolicyDocument;
  if (options.invoke) return policy;
  const active = new Set(Object.values(ACTIVE_ACTIONS));
  return { ...policy, Statement: policy.Statement.filter((s) => !active.has(s.Sid)) };
}
