import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";

/** One Ajv configuration for every schema we compile: labs, checks, snapshots, reports. */
export function newAjv(): Ajv2020 {
  return new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
}

/** Schema errors as one line for people who write lab or snapshot files. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`)
    .join("; ");
}
