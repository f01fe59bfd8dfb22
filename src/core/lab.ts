// A lab's types, derived from schemas/lab.schema.json (src/core/schema-types/lab.ts is generated
// from it), so the code cannot drift from what validates a lab at load time.
import type {
  Check as CheckDocument,
  IamParameters,
  Join,
  LabDocument,
  LambdaParameters as LambdaDocument,
  Probe,
  Resource,
  S3Parameters,
} from "./schema-types/lab.js";

export type Lab = LabDocument;
export type Check = CheckDocument;
export type ResourceSpec = Resource;
export type ProbeSpec = Probe;
export type JoinSpec = Join;

/** What the lambda collector reads or runs for a lab (`parameters.lambda`). */
export type LambdaParameters = Omit<LambdaDocument, "event"> & { event?: Record<string, unknown> };

/** lab-lambda: the event of its one invocation, the field holding the message, and what its function looks like. */
export type LambdaRun = Required<Pick<LambdaParameters, "event" | "messageField" | "match">>;

/** The run a lab asks for, when it gives all three of event, messageField and match (the schema allows all or none). */
export function lambdaRun(params: LambdaParameters | undefined): LambdaRun | undefined {
  return params?.event && params.messageField && params.match ? { event: params.event, messageField: params.messageField, match: params.match } : undefined;
}

/** What the lab's collectors need to know about this lab, by collector name. */
export interface LabParameters {
  lambda?: LambdaParameters;
  s3?: S3Parameters;
  iam?: IamParameters;
}
