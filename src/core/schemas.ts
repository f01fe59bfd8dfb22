import { Ajv2020 } from "ajv/dist/2020.js";

/**
 * One Ajv configuration for every schema we compile: labs, checks, snapshots, reports. The build
 * compiles the shipped ones with this same function (scripts/precompile-schemas.ts), and
 * compile.ts loads this module only for a schema the build did not compile: ajv's code generator
 * is the largest part of start-up when it runs.
 * `allErrors` is for the checks' schemas: their errors become evidence, and a student should
 * read every wrong setting at once. Files people give (labs, snapshots) stop at the first error.
 */
export function newAjv(options: { allErrors?: boolean } = {}): Ajv2020 {
  return new Ajv2020({ allErrors: options.allErrors ?? false, strict: true, allowUnionTypes: true });
}
