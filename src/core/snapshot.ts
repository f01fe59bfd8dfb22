import type { ValidateFunction } from "ajv";
import snapshotSchema from "../../schemas/snapshot.schema.json" with { type: "json" };
import { badInput } from "./errors.js";
import type { CallError as SnapshotCallError, SnapshotDocument } from "./schema-types/snapshot.js";
import { INPUT } from "./messages.js";
import { schemaValidator } from "./compile.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { say } from "./text.js";

/** 2: probe answers live in `probes`, keyed by the candidate's id. 1 (still read): on the candidates. */
export const SNAPSHOT_SCHEMA_VERSION = 2;

// The snapshot's types, derived from schemas/snapshot.schema.json (src/core/schema-types/snapshot.ts
// is generated from it), so what is saved and what is read cannot drift apart.

/** An API or probe error, recorded as data with the action it blocked; evaluation turns it into `error`, never `failed`. */
export type CallError = SnapshotCallError;
/** Why a call produced no data: denied, throttled, credentials, network, timeout, or any other API error. */
export type ErrorKind = CallError["kind"];
/** A grading that was deliberately not done, e.g. `--no-probe`. */
export type SkippedAction = NonNullable<SnapshotDocument["skipped"]>[number];
/** Where the lab's resource was found when the graded region has none. */
export type Located = NonNullable<SnapshotDocument["elsewhere"]>[number];
/** The lab's HTTP probes of one candidate: answers by probe id, and the probes that timed out. */
export type ProbeRecord = NonNullable<SnapshotDocument["probes"]>[string];

/** What was collected from one account, enough to grade it again offline. Facts are each collector's own shape. */
export type Snapshot = Omit<SnapshotDocument, "facts" | "$schema"> & { facts: Record<string, unknown> };

let validateSnapshotFile: ValidateFunction | undefined;

function snapshotValidator(): ValidateFunction {
  validateSnapshotFile ??= schemaValidator(snapshotSchema);
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
