import type { ValidateFunction } from "ajv";
import snapshotSchema from "../../schemas/snapshot.schema.json" with { type: "json" };
import { badInput } from "./errors.js";
import type { HttpAnswer } from "./evidence.js";
import { INPUT } from "./messages.js";
import { describeSchemaErrors, newAjv } from "./schemas.js";
import { say } from "./text.js";

/** 2: probe answers live in `probes`, keyed by the candidate's id. 1 (still read): on the candidates. */
export const SNAPSHOT_SCHEMA_VERSION = 2;

/** Why a call produced no data. Evaluation turns these into `error` outcomes, never `failed`. */
export type ErrorKind =
  | "denied" // missing IAM permission
  | "throttled" // rate limited past retries
  | "credentials" // no, invalid or expired credentials
  | "network" // endpoint unreachable, DNS, reset
  | "timeout" // a call or probe that did not answer in time
  | "api"; // any other error AWS answered with

/** An API or probe error, recorded as data with the action it blocked. */
export interface CallError {
  action: string; // "ec2:DescribeSecurityGroups", "http:GET"
  code: string; // AWS error name, or a probe code such as "timeout"
  kind: ErrorKind;
  message: string;
  region?: string; // absent for global calls
  collector?: string;
  target?: string; // what the call was about: a URL, a bucket
}

/** A grading that was deliberately not done, e.g. `--no-probe`. */
export interface SkippedAction {
  action: string;
  reason: string;
}

/** Where the lab's resource was found when the graded region has none. */
export interface Located {
  region: string;
  count: number;
  ids: string[];
}

/** The lab's HTTP probes of one candidate: answers by probe id, and the probes that timed out. */
export interface ProbeRecord {
  answers: Record<string, HttpAnswer[]>;
  errors: CallError[];
}

/** What was collected from one account, enough to grade it again offline. */
export interface Snapshot {
  schemaVersion: 1 | 2;
  tool: { name: string; version: string };
  lab?: string;
  collectedAt: string;
  account: { id: string; arn: string } | null;
  region: string;
  endpoint?: string; // set when AWS_ENDPOINT_URL pointed at an emulator
  facts: Record<string, unknown>;
  /** Probe answers by candidate id (`i-0abc…`): data of their own, never written into `facts`. */
  probes?: Record<string, ProbeRecord>;
  elsewhere?: Located[];
  skipped?: SkippedAction[];
  errors: CallError[];
}

let validateSnapshotFile: ValidateFunction | undefined;

function snapshotValidator(): ValidateFunction {
  validateSnapshotFile ??= newAjv().compile(snapshotSchema);
  return validateSnapshotFile;
}

export async function parseSnapshot(text: string, source: string): Promise<Snapshot> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw badInput(
      say(INPUT.snapshotNotJson, { source }),
      (err as Error).message,
    );
  }
  const validate = snapshotValidator();
  if (!validate(data)) {
    throw badInput(
      say(INPUT.snapshotNotFormat, { source, version: SNAPSHOT_SCHEMA_VERSION }),
      describeSchemaErrors(validate.errors),
    );
  }
  return data as Snapshot;
}
