import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { badInput } from "./errors.js";
import { SCHEMAS_DIR } from "./lab.js";
import { describeSchemaErrors, newAjv } from "./schemas.js";

export const SNAPSHOT_SCHEMA_VERSION = 1;

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

/** What was collected from one account, enough to grade it again offline. */
export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  lab?: string;
  collectedAt: string;
  account: { id: string; arn: string } | null;
  region: string;
  endpoint?: string; // set when AWS_ENDPOINT_URL pointed at an emulator
  facts: Record<string, unknown>;
  elsewhere?: Located[];
  skipped?: SkippedAction[];
  errors: CallError[];
}

let validateSnapshotFile: ValidateFunction | undefined;

async function snapshotValidator(): Promise<ValidateFunction> {
  if (!validateSnapshotFile) {
    const schema = JSON.parse(await readFile(join(SCHEMAS_DIR, "snapshot.schema.json"), "utf8"));
    validateSnapshotFile = newAjv().compile(schema);
  }
  return validateSnapshotFile;
}

export async function parseSnapshot(text: string, source: string): Promise<Snapshot> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw badInput(
      { es: `La instantánea ${source} no es JSON válido`, en: `Snapshot ${source} is not valid JSON` },
      (err as Error).message,
    );
  }
  const validate = await snapshotValidator();
  if (!validate(data)) {
    throw badInput(
      {
        es: `La instantánea ${source} no sigue el formato de instantánea (versión ${SNAPSHOT_SCHEMA_VERSION})`,
        en: `Snapshot ${source} does not follow the snapshot format (version ${SNAPSHOT_SCHEMA_VERSION})`,
      },
      describeSchemaErrors(validate.errors),
    );
  }
  return data as Snapshot;
}

export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw badInput({ es: `No se puede leer la instantánea ${file}`, en: `Cannot read snapshot ${file}` });
  }
  return parseSnapshot(text, file);
}
