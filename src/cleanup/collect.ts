import { loadCollector } from "../../checks/index.js";
import type { RegionFacts } from "../../checks/regions.js";
import type { StsFacts } from "../../checks/sts.js";
import { ClientPool, type AwsSettings } from "../collect/clients.js";
import { makeContext, type Collector } from "../collect/collector.js";
import { mapLimit } from "../collect/map-limit.js";
import { cannotReachAws, credentialsProblem } from "../collect/reachability.js";
import { SNAPSHOT_SCHEMA_VERSION, type CallError, type Snapshot } from "../core/snapshot.js";
import { loadCleanupCollector } from "./registry.js";
import { CLEANUP_SNAPSHOT_LAB, GLOBAL_COLLECTORS, REGIONAL_COLLECTORS } from "./snapshot.js";

export interface CleanupRequest {
  /** Where STS, the region list and S3's bucket list are asked. */
  homeRegion: string;
  /** Only these regions (`--region`); every enabled region when absent. */
  regions?: string[];
  aws: AwsSettings;
  /** The environment the SDK reads (AWS_ENDPOINT_URL, AWS_PROFILE), recorded and named in messages. */
  env: Readonly<Record<string, string | undefined>>;
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
  const clients = new ClientPool({ ...request.aws, ...(request.env["AWS_ENDPOINT_URL"] ? { endpoint: request.env["AWS_ENDPOINT_URL"] } : {}) });
  const errors: CallError[] = [];
  const home = request.homeRegion;
  try {
    const [sts, regionsCollector, regional, global] = await Promise.all([
      loadCollector("sts"),
      loadCollector("regions"),
      Promise.all(REGIONAL_COLLECTORS.map(loadCleanupCollector)),
      Promise.all(GLOBAL_COLLECTORS.map(loadCleanupCollector)),
    ]);
    // Identity and the region list in one round trip: both are needed before the fan-out.
    const [identity, listed] = await Promise.all([
      sts.collect(makeContext(sts, home, clients, {}, errors)) as Promise<StsFacts>,
      request.regions ? undefined : (regionsCollector.collect(makeContext(regionsCollector, home, clients, {}, errors)) as Promise<RegionFacts>),
    ]);
    const problem = credentialsProblem(errors);
    if (problem) {
      throw cannotReachAws(problem, { profile: request.aws.profile ?? request.env["AWS_PROFILE"], endpoint: request.env["AWS_ENDPOINT_URL"] });
    }
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
      ...(request.env["AWS_ENDPOINT_URL"] ? { endpoint: request.env["AWS_ENDPOINT_URL"] } : {}),
      facts: { regions: { regions: [...regions].sort() }, ...facts, ...Object.fromEntries(globalFacts) },
      errors,
    };
  } finally {
    clients.destroy();
  }
}
