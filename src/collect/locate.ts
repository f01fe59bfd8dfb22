import type { Located } from "../core/snapshot.js";
import type { ClientPool } from "./clients.js";
import { makeContext, type CollectOptions, type Collector } from "./collector.js";
import { mapLimit } from "./map-limit.js";
import type { CallError } from "../core/snapshot.js";

// One cheap call per region; AWS enables 17 regions by default, so this is about one wave.
const LOCATE_CONCURRENCY = 16;

export interface LocateRequest {
  owner: Collector;
  /** The `regions` collector, which lists the account's enabled regions. */
  regionsCollector: Collector;
  region: string;
  clients: ClientPool;
  options: CollectOptions;
  errors: CallError[];
}

/** Where the lab's resource is when the graded region has none: the commonest student mistake. */
export async function locateElsewhere(request: LocateRequest): Promise<Located[]> {
  const { owner, regionsCollector, region, clients, options, errors } = request;
  const { regions } = (await regionsCollector.collect(makeContext(regionsCollector, region, clients, options, errors))) as { regions: string[] };
  const others = regions.filter((r) => r !== region);
  const located = await mapLimit(others, LOCATE_CONCURRENCY, async (other) => {
    const ids = await owner.locate!(makeContext(owner, other, clients, options, errors));
    return { region: other, count: ids?.length ?? 0, ids: ids ?? [] };
  });
  return located.filter((l) => l.count > 0);
}
