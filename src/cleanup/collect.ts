import { loadCollector } from "../../checks/index.js";
import type { RegionFacts } from "../../checks/regions.js";
import type { StsFacts } from "../../checks/sts.js";
import { ClientPool, type AwsSettings } from "../aws.js";
import { makeContext, type Collector } from "../collector.js";
import { cannotReachAws, credentialsProblem } from "../collect.js";
import { SNAPSHOT_SCHEMA_VERSION, type CallError, type Snapshot } from "../snapshot.js";
import { CLEANUP_SNAPSHOT_LAB, GLOBAL_COLLECTORS, REGIONAL_COLLECTORS } from "./collectors.js";
import { mapLimit } from "../map-limit.js";

export interface CleanupRequest {
  /** Where STS, the region list and S3's bucket list are asked. */
  homeRegion: string;
  /** Only these regions (`--region`); every enabled region when absent. */
  regions?: string[];
  aws: AwsSettings;
  now: () => Date;
  /** Who collects, as the snapshot records it. */
  tool: { name: string; version: string };
  /** Regions read at once; each region's collectors and their calls overlap within it. */
  concurrency?: number;
}

export const REGION_CONCURRENCY = 10;


/**
 * Every enabled region (or the chosen ones) → one snapshot of what may bill. All the I/O of the
 * cleanup report; pricing and wording happen later, offline, from the snapshot.
 */
export async function collectCleanup(request: CleanupRequest): Promise<Snapshot> {
  const clients = new ClientPool(request.aws);
  const errors: CallError[] = [];
  const home = request.homeRegion;
  try {
    const [sts, regionsCollector, regional, global] = await Promise.all([
      loadCollector("sts"),
      loadCollector("regions"),
      Promise.all(REGIONAL_COLLECTORS.map(loadCollector)),
      Promise.all(GLOBAL_COLLECTORS.map(loadCollector)),
    ]);
    // Identity and the region list in one round trip: both are needed before the fan-out.
    const [identity, listed] = await Promise.all([
      sts.collect(makeContext(sts, home, clients, {}, errors)) as Promise<StsFacts>,
      request.regions ? undefined : (regionsCollector.collect(makeContext(regionsCollector, home, clients, {}, errors)) as Promise<RegionFacts>),
    ]);
    const problem = credentialsProblem(errors);
    if (problem) throw cannotReachAws(problem, request.aws.profile ?? process.env["AWS_PROFILE"]);
    const regions = request.regions ?? (listed?.regions.length ? listed.regions : [home]);
    const options = { ...(identity.account ? { accountId: identity.account } : {}), regions };

    const facts: Record<string, Record<string, unknown>> = Object.fromEntries(REGIONAL_COLLECTORS.map((c) => [c, {}]));
    const collectIn = async (region: string) => {
      await Promise.all(
        regional.map(async (c: Collector) => {
          facts[c.service]![region] = await c.collect(makeContext(c, region, clients, options, errors));
        }),
      );
    };
    const [, globalFacts] = await Promise.all([
      mapLimit(regions, request.concurrency ?? REGION_CONCURRENCY, collectIn),
      Promise.all(global.map(async (c) => [c.service, await c.collect(makeContext(c, home, clients, options, errors, { global: true }))] as const)),
    ]);

    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: request.tool,
      lab: CLEANUP_SNAPSHOT_LAB,
      collectedAt: request.now().toISOString(),
      account: identity.account && identity.arn ? { id: identity.account, arn: identity.arn } : null,
      region: home,
      ...(process.env["AWS_ENDPOINT_URL"] ? { endpoint: process.env["AWS_ENDPOINT_URL"] } : {}),
      facts: { regions: { regions: [...regions].sort() }, ...facts, ...Object.fromEntries(globalFacts) },
      errors,
    };
  } finally {
    clients.destroy();
  }
}
