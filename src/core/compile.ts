import { compile as compileQuery, TreeInterpreter, type JSONValue } from "@jmespath-community/jmespath";
import type { AnySchema, ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { Check, Lab } from "./lab.js";
import { precompiled } from "./precompiled.js";

/**
 * ajv's code generator (./schemas.js, `newAjv`), loaded only when a schema has no precompiled
 * code: a run of the shipped labs never loads it. In the sources nothing is precompiled, so it is
 * loaded with this module, and every schema compiles as it always did.
 */
let newAjv: (() => Ajv2020) | undefined = precompiled.size === 0 ? (await import("./schemas.js")).newAjv : undefined;

/** Loads ajv's code generator now, unless the build compiled every schema given (all of them when none is given). */
export async function loadSchemaCompiler(schemas?: readonly AnySchema[]): Promise<void> {
  if (newAjv || (schemas && schemas.every((s) => precompiled.has(JSON.stringify(s))))) return;
  newAjv = (await import("./schemas.js")).newAjv;
}

/** A lab's schemas and queries, compiled once per process and reused for every candidate and account. */
export interface CompiledLab {
  lab: Lab;
  where?: ValidateFunction;
  checks: Map<Check, CompiledCheck>;
  query: (expression: string, data: unknown) => unknown;
}

export interface CompiledCheck {
  validate: ValidateFunction;
  /** The check's `notes`, each with its `when` compiled. */
  notes?: { validate: ValidateFunction; text: Check["title"] }[];
}

type Ast = ReturnType<typeof compileQuery>;
const queries = new Map<string, Ast>();

/** Runs a JMESPath expression; results are plain JSON, `null` when nothing matches. */
export function query(expression: string, data: unknown): unknown {
  let ast = queries.get(expression);
  if (!ast) {
    ast = compileQuery(expression);
    queries.set(expression, ast);
  }
  return TreeInterpreter.search(ast, data as JSONValue);
}

/**
 * The validator of one JSON Schema: the build's code for it when the build compiled this very
 * schema, otherwise compiled now by `ajv()`. The shipped labs and the contracts are compiled when
 * the package is built (ajv's standalone code: scripts/precompile-schemas.ts), which saves a
 * start-up of ajv code generation; the key is the schema's whole JSON text, so a lab edited after the build,
 * or read from `--labs`, is never judged by code generated from another schema. Both ways use the
 * same `newAjv()` options: the build generates with them. Synchronous: a schema that may have no
 * precompiled code needs `await loadSchemaCompiler(…)` first.
 */
export function schemaValidator(schema: AnySchema, ajv: () => Ajv2020 = runtimeAjv): ValidateFunction {
  return precompiled.get(JSON.stringify(schema)) ?? ajv().compile(schema);
}

function runtimeAjv(): Ajv2020 {
  // A caller that may meet schemas the build did not compile awaits loadSchemaCompiler first (parseLab does).
  if (!newAjv) throw new Error("a schema without precompiled code, and ajv's compiler was not loaded (loadSchemaCompiler)");
  return newAjv();
}

/** Every JSON Schema of a lab, in the order compileLab compiles them (the build precompiles these). */
export function labSchemas(lab: Lab): AnySchema[] {
  return [
    ...lab.checks.flatMap((c) => [c.expected, ...(c.notes ?? []).map((n) => n.when)]),
    ...(lab.resource.where ? [lab.resource.where] : []),
  ];
}

const compiled = new WeakMap<Lab, CompiledLab>();

/** Compiles every schema and query of a lab; throws on the first that does not compile. */
export function compileLab(lab: Lab): CompiledLab {
  const cached = compiled.get(lab);
  if (cached) return cached;
  // One ajv for the lab's schemas that the build did not compile, made only if there is one.
  let runtime: Ajv2020 | undefined;
  const ajv = () => (runtime ??= runtimeAjv());
  const validator = (schema: AnySchema) => schemaValidator(schema, ajv);
  const checks = new Map<Check, CompiledCheck>();
  for (const check of lab.checks) {
    try {
      checks.set(check, {
        validate: validator(check.expected),
        ...(check.notes ? { notes: check.notes.map((n) => ({ validate: validator(n.when), text: n.text })) } : {}),
      });
      for (const expr of [check.subject, check.found, check.location]) if (expr) query(expr, {});
    } catch (err) {
      throw new Error(`check «${check.id}»: ${(err as Error).message}`);
    }
  }
  for (const expr of [lab.resource.list, lab.resource.id, lab.resource.name, lab.resource.region, ...(lab.probes ?? []).map((p) => p.host)]) {
    if (expr) query(expr, {});
  }
  const result: CompiledLab = {
    lab,
    checks,
    query,
    ...(lab.resource.where ? { where: validator(lab.resource.where) } : {}),
  };
  compiled.set(lab, result);
  return result;
}
