import { setMaxListeners } from "node:events";
import { listCandidates } from "../core/candidates.js";
import { compileLab } from "../core/compile.js";
import type { Lab } from "../core/lab.js";
import { SNAPSHOT_SCHEMA_VERSION, type CallError, type Located, type ProbeRecord, type Snapshot, type SkippedAction } from "../core/snapshot.js";
import { TOOL_NAME, toolVersion } from "../files/version.js";
import { ClientPool, type AwsSettings } from "./clients.js";
import { makeContext, type CollectOptions, type Collector } from "./collector.js";
import { locateElsewhere } from "./locate.js";
import { probeCandidates } from "./probe-stage.js";
import type { ProbeSettings } from "./probes.js";
import { credentialsProblem } from "./reachability.js";

/** Collector name -> collector; the grading registry is checks/index.ts. */
export type CollectorLoader = (name: string) => Promise<Collector>;

export interface CollectRequest {
  lab: Lab;
  region: string;
  aws: AwsSettings;
  options: CollectOptions;
  /** `undefined` turns probes off (recorded as skipped). */
  probe: ProbeSettings | undefined;
  /** Look in other regions when the graded one has nothing. */
  searchOtherRegions: boolean;
  loadCollector: CollectorLoader;
  /** The environment the SDK reads (AWS_ENDPOINT_URL, AWS_PROFILE), recorded and named in messages. */
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

/** How long one run may wait for AWS in all, in seconds, unless CALIFICAR_AWS_TIMEOUT says otherwise. */
export const DEFAULT_AWS_DEADLINE_SECONDS = 90;
/** A single call's idle limit (the SDK's requestTimeout); never more than the whole run's. */
const REQUEST_TIMEOUT_MS = 15_000;

/** The run's deadline for AWS calls, from CALIFICAR_AWS_TIMEOUT (seconds) or the default. */
export function awsDeadlineMs(env: Readonly<Record<string, string | undefined>>): number {
  const seconds = Number(env["CALIFICAR_AWS_TIMEOUT"]);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_AWS_DEADLINE_SECONDS) * 1000;
}

/** Lab -> the collectors it needs -> one snapshot of the account. All I/O of grading happens here. */
export async function collect(request: CollectRequest): Promise<Snapshot> {
  const { lab, region } = request;
  // Every AWS call of the run shares one deadline: per-call limits are idle timers, which an
  // endpoint that trickles bytes defeats, and retries multiply them. Calls still waiting at the
  // deadline become `timeout` errors and grading goes on with what arrived.
  const deadlineMs = awsDeadlineMs(request.env);
  const stop = new AbortController();
  // Every call of the run listens to it: more than Node's 10 listeners is expected, not a leak.
  setMaxListeners(0, stop.signal);
  const deadline = setTimeout(() => stop.abort(new Error(`calificar stopped waiting for AWS after ${deadlineMs / 1000} s`)), deadlineMs);
  const clients = new ClientPool({
    requestTimeout: Math.min(REQUEST_TIMEOUT_MS, deadlineMs),
    ...request.aws,
    signal: stop.signal,
    ...(request.env["AWS_ENDPOINT_URL"] ? { endpoint: request.env["AWS_ENDPOINT_URL"] } : {}),
  });
  const errors: CallError[] = [];
  const facts: Record<string, unknown> = {};
  try {
    const options = { ...request.options, ...(lab.parameters ? { parameters: lab.parameters } : {}) };
    const [sts, ...loaded] = await Promise.all(["sts", ...lab.collectors].map(request.loadCollector));
    const collectors = loaded.filter((c) => c.wanted?.(options) ?? true);
    // Identity and every collector overlap: the critical path is the slowest listing, not their sum.
    const context = (c: Collector) => makeContext(c, region, clients, options, errors);
    let stoppedAt: number | undefined;
    const identityCall = (sts!.collect(context(sts!)) as Promise<{ account: string | null; arn: string | null }>).then((identity) => {
      // Without credentials or a connection nothing else can answer: stop waiting for it.
      if (credentialsProblem(errors)) {
        stoppedAt = errors.length;
        stop.abort(new Error("no identity"));
      }
      return identity;
    });
    // Aborted calls end at once, so a failed identity does not wait for the listings.
    const [identity] = await Promise.all([
      identityCall,
      ...collectors.map(async (c) => {
        facts[c.service] = await c.collect(context(c));
      }),
    ]);
    // The calls aborted for want of an identity failed because of it: they carry the identity's cause.
    const cause = stoppedAt !== undefined ? credentialsProblem(errors) : undefined;
    if (cause) {
      for (const e of errors.slice(stoppedAt)) if (e.code === "DeadlineExceeded") Object.assign(e, { kind: cause.kind, code: cause.code, message: cause.message });
    }
    // An account out of reach (no credentials, no network) is recorded, not thrown: the caller still
    // gets a snapshot, so a report can say why nothing was graded, and repository checks still run.
    const reached = !credentialsProblem(errors);
    const compiled = compileLab(lab);
    const candidates = reached ? listCandidates(compiled, facts) : [];
    const skipped: SkippedAction[] = [];
    let probes: Record<string, ProbeRecord> | undefined;
    if (reached && lab.probes?.length) {
      if (request.probe) probes = await probeCandidates(compiled, candidates, request.probe);
      else skipped.push({ action: "http:GET", reason: "--no-probe" });
      // An active probe (a CRUD walk) is only sent when asked for: its checks say how to ask.
      if (lab.probes.some((p) => p.active) && !request.probe?.active) {
        skipped.push(request.probe ? { action: "http:active", reason: "--probar-crud", optIn: true } : { action: "http:active", reason: "--no-probe" });
      }
    }
    let elsewhere: Located[] | undefined;
    const owner = collectors.find((c) => c.service === lab.resource.collector);
    const listingFailed = errors.some((e) => lab.resource.requires?.includes(e.action));
    if (reached && request.searchOtherRegions && candidates.length === 0 && !listingFailed && owner?.locate) {
      const regionsCollector = await request.loadCollector("regions");
      // Errors in other regions carry their region: evaluation keeps them apart from the graded region's.
      elsewhere = await locateElsewhere({ owner, regionsCollector, region, clients, options, errors });
    }
    const endpoint = request.env["AWS_ENDPOINT_URL"];
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: toolVersion() },
      lab: lab.id,
      collectedAt: request.now().toISOString(),
      account: identity.account && identity.arn ? { id: identity.account, arn: identity.arn } : null,
      region,
      ...(endpoint ? { endpoint } : {}),
      facts,
      ...(probes ? { probes } : {}),
      ...(elsewhere ? { elsewhere } : {}),
      ...(skipped.length ? { skipped } : {}),
      errors,
    };
  } finally {
    clearTimeout(deadline);
    clients.destroy();
  }
}
