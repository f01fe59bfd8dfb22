import type { LabParameters } from "../core/lab.js";
import { classifyAwsError } from "./aws-errors.js";
import type { ClientPool } from "./clients.js";
import type { CallError } from "../core/snapshot.js";

/** Options a collector may read; each belongs to one service's labs or to the cleanup report. */
export interface CollectOptions {
  /** Pick a function / bucket / environment by name instead of the best match. */
  select?: string;
  /** lab-lambda: read CloudWatch Logs instead of invoking. */
  noInvoke?: boolean;
  /** The submission repository, for repository checks (`--repo DIR`). */
  repoDir?: string;
  /** The graded lab's `parameters`: what its collectors need to know about it (lab-lambda's event). */
  parameters?: LabParameters;
  /** Cleanup: the account's id (from STS), for resources that name their owner. */
  accountId?: string;
  /** Cleanup: the regions being read, for the global collectors that list resources of every region. */
  regions?: string[];
}

export interface CollectContext {
  region: string;
  clients: ClientPool;
  options: CollectOptions;
  /**
   * Runs one API call (or one paginated listing) for `action`; an SDK error is recorded
   * as data and yields `undefined`. Any other error is a bug and propagates.
   */
  attempt<T>(action: string, call: () => Promise<T>, target?: string): Promise<T | undefined>;
}

export interface Collector<F extends object = object> {
  /** The collector's name in lab files and in snapshot facts. */
  service: string;
  /** Every IAM action this collector may call; the shipped policy is their union. */
  actions: readonly string[];
  /** Whether this grading asks for its facts at all (the repository reader needs --repo); default yes. */
  wanted?(options: CollectOptions): boolean;
  /** Facts for the graded region. */
  collect(ctx: CollectContext): Promise<F>;
  /** Ids of the lab's resources in another region, for "your instance is in eu-west-1". */
  locate?(ctx: CollectContext): Promise<string[] | undefined>;
}

/** Identity helper that gives collector modules their types, like ESLint's rule objects. */
export function defineCollector<F extends object>(collector: Collector<F>): Collector<F> {
  return collector;
}

/** A context whose `attempt` records errors into `errors`, tagged with collector and region. */
export function makeContext(
  collector: Pick<Collector, "service" | "actions">,
  region: string,
  clients: ClientPool,
  options: CollectOptions,
  errors: CallError[],
  scope: { global?: boolean } = {},
): CollectContext {
  return {
    region,
    clients,
    options,
    async attempt(action, call, target) {
      if (!collector.actions.includes(action)) {
        throw new Error(`collector ${collector.service} calls undeclared action ${action}`);
      }
      try {
        return await call();
      } catch (err) {
        let classified = classifyAwsError(err);
        if (!classified) throw err;
        // A call the run's deadline cut while its answer streamed in fails as a reset, not an AbortError.
        const stopped = clients.settings.signal;
        if (stopped?.aborted && classified.kind === "network") {
          classified = { kind: "timeout", code: "DeadlineExceeded", message: stopped.reason instanceof Error ? stopped.reason.message : String(stopped.reason) };
        }
        errors.push({
          action,
          ...classified,
          collector: collector.service,
          ...(scope.global ? {} : { region }),
          ...(target ? { target } : {}),
        });
        return undefined;
      }
    },
  };
}
