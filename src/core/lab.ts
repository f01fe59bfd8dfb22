// A lab's types, derived from schemas/lab.schema.json (src/core/schema-types/lab.ts is generated
// from it), so the code cannot drift from what validates a lab at load time.
import type { Check as CheckDocument, LabDocument, LambdaParameters as LambdaDocument, Probe, Resource } from "./schema-types/lab.js";

export type Lab = LabDocument;
export type Check = CheckDocument;
export type ResourceSpec = Resource;
export type ProbeSpec = Probe;

/** lab-lambda: the event of its one invocation, the field holding the message, and what its function looks like. */
export type LambdaParameters = Omit<LambdaDocument, "event"> & { event: Record<string, unknown> };

/** What the lab's collectors need to know about this lab, by collector name. */
export interface LabParameters {
  lambda?: LambdaParameters;
}
