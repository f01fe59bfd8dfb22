import type { ValidateFunction } from "ajv";

/** Validators by the JSON text of their schema; `get` builds a validator the first time it is asked for. */
export interface Precompiled {
  readonly size: number;
  has(schemaText: string): boolean;
  get(schemaText: string): ValidateFunction | undefined;
}

/**
 * Validators compiled when the package is built (ajv's standalone code). Empty here, in the
 * sources; both bundles (`npm run build`, `npm run build:action`) replace this module with the code
 * scripts/precompile-schemas.ts generates for the shipped labs and the published contracts
 * (scripts/bundle-plugins.mjs). Only `compile.ts` reads it.
 */
export const precompiled: Precompiled = new Map<string, ValidateFunction>();
