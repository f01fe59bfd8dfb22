import type { ValidateFunction } from "ajv";

/** Validators by the JSON text of their schema; `get` builds a validator the first time it is asked for. */
export interface Precompiled {
  readonly size: number;
  has(schemaText: string): boolean;
  get(schemaText: string): ValidateFunction | undefined;
}

/**
 * Validators compiled when the package is built (ajv's standalone code). Empty here, in the
 * sources; `npm run build` (scripts/build.mjs) replaces this module in the bundle with the code it
 * generates for the shipped labs and the published contracts. Only `compile.ts` reads it.
 */
export const precompiled: Precompiled = new Map<string, ValidateFunction>();
