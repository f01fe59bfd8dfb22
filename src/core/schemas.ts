import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";

/**
 * One Ajv configuration for every schema we compile: labs, checks, snapshots, reports.
 * `allErrors` is for the checks' schemas: their errors become evidence, and a student should
 * read every wrong setting at once. Files people give (labs, snapshots) stop at the first error.
 */
export function newAjv(options: { allErrors?: boolean } = {}): Ajv2020 {
  return new Ajv2020({ allErrors: options.allErrors ?? false, strict: true, allowUnionTypes: true });
}

/** Schema errors as one line for people who write lab or snapshot files. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`)
    .join("; ");
}
