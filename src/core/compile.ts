import { compile as compileQuery, TreeInterpreter, type JSONValue } from "@jmespath-community/jmespath";
import type { AnySchema, ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import "./jmespath-functions.js"; // iam_decision, arn_like: registered before any lab compiles
import type { Check, Lab } from "./lab.js";
import { precompiled } from "./precompiled.js";

/** How a schema is judged: a check's with every error (evidence names each wrong part), a document's contract at the first. */
export interface SchemaMode {
  allErrors: boolean;
}
export const CHECK_MODE: SchemaMode = { allErrors: true };
export const CONTRACT_MODE: SchemaMode = { allErrors: false };

/** The key of a schema's precompiled validator: its mode and its whole JSON text. */
export function schemaKey(schema: AnySchema, mode: SchemaMode): string {
  return `${mode.allErrors ? "all" : "first"}:${JSON.stringify(schema)}`;
}

type AjvFactory = (options?: { allErrors?: boolean }) => Ajv2020;

/**
 * ajv's code generator (./schemas.js, `newAjv`), loaded only when a schema has no precompiled
 * code: a run of the shipped labs never loads it. In the sources nothing is precompiled, so it is
 * loaded with this module, and every schema compiles as it always did.
 */
let newAjv: AjvFactory | undefined = precompiled.size === 0 ? (await import("./schemas.js")).newAjv : undefined;

/** Loads ajv's code generator now, unless the build compiled every schema given (all of them when none is given). */
export async function loadSchemaCompiler(schemas?: readonly AnySchema[], mode: SchemaMode = CHECK_MODE): Promise<void> {
  if (newAjv || (schemas && schemas.every((s) => precompiled.has(schemaKey(s, mode))))) return;
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
  /** The check's situational `hints`, each with its `when` compiled. */
  hints?: { validate: ValidateFunction; text: Check["title"] }[];
}

type Ast = ReturnType<typeof compileQuery>;
const queries = new Map<string, Ast>();

function astOf(expression: string): Ast {
  let ast = queries.get(expression);
  if (!ast) {
    ast = compileQuery(expression);
    queries.set(expression, ast);
  }
  return ast;
}

/** Runs a JMESPath expression; results are plain JSON, `null` when nothing matches. */
export function query(expression: string, data: unknown): unknown {
  const ast = astOf(expression);
  try {
    return TreeInterpreter.search(ast, data as JSONValue);
  } catch {
    // A function given the wrong type (join() over a number in a hand-edited snapshot): JMESPath
    // throws at run time; to a check that is a fact not found, never a crash. The lab's own
    // mistakes are refused when it loads (checkQuery).
    return null;
  }
}

/** JMESPath finds these only when it runs an expression; they are the lab's mistakes, whatever the data. */
const LAB_MISTAKE = /^(Unknown function|Invalid arity)/;

/**
 * Refuses an expression that does not compile, or that calls a function that does not exist or with
 * the wrong number of arguments (found by running it on empty data). A type error on empty data is
 * not refused: `length(tags)` is right, and only finds nothing there.
 */
function checkQuery(expression: string): void {
  const ast = astOf(expression);
  try {
    TreeInterpreter.search(ast, {});
  } catch (err) {
    if (LAB_MISTAKE.test((err as Error).message)) throw err;
  }
}

/**
 * The validator of one JSON Schema: the build's code for it when the build compiled this very
 * schema in this mode, otherwise compiled now by `ajv()`. The shipped labs and the contracts are
 * compiled when the package is built (ajv's standalone code: scripts/precompile-schemas.ts), which
 * saves a start-up of ajv code generation; the key is the schema's whole JSON text, so a lab edited
 * after the build, or read from `--labs`, is never judged by code generated from another schema.
 * Both ways use the same `newAjv()` options: the build generates with them. Synchronous: a schema
 * that may have no precompiled code needs `await loadSchemaCompiler(…)` first.
 */
export function schemaValidator(schema: AnySchema, mode: SchemaMode = CONTRACT_MODE, ajv: () => Ajv2020 = () => runtimeAjv(mode)): ValidateFunction {
  return precompiled.get(schemaKey(schema, mode)) ?? ajv().compile(schema);
}

function runtimeAjv(mode: SchemaMode): Ajv2020 {
  // A caller that may meet schemas the build did not compile awaits loadSchemaCompiler first (parseLab does).
  if (!newAjv) throw new Error("a schema without precompiled code, and ajv's compiler was not loaded (loadSchemaCompiler)");
  return newAjv(mode);
}

/** Every JSON Schema of a lab, in the order compileLab compiles them (the build precompiles these, in CHECK_MODE). */
export function labSchemas(lab: Lab): AnySchema[] {
  return [
    ...lab.checks.flatMap((c) => [c.expected, ...(c.notes ?? []).map((n) => n.when), ...(c.hints ?? []).map((h) => h.when)]),
    ...(lab.resource.where ? [lab.resource.where] : []),
  ];
}

const compiled = new WeakMap<Lab, CompiledLab>();

/** Compiles every schema and query of a lab; throws on the first that does not compile. */
export function compileLab(lab: Lab): CompiledLab {
  const cached = compiled.get(lab);
  if (cached) return cached;
  // One ajv for the lab's schemas that the build did not compile, made only if there is one; every
  // error of a failed check, not the first: evidence names each wrong part (src/core/evidence.ts).
  let runtime: Ajv2020 | undefined;
  const ajv = () => (runtime ??= runtimeAjv(CHECK_MODE));
  const validator = (schema: AnySchema) => schemaValidator(schema, CHECK_MODE, ajv);
  const checks = new Map<Check, CompiledCheck>();
  for (const check of lab.checks) {
    try {
      checks.set(check, {
        validate: validator(check.expected),
        ...(check.notes ? { notes: check.notes.map((n) => ({ validate: validator(n.when), text: n.text })) } : {}),
        ...(check.hints ? { hints: check.hints.map((h) => ({ validate: validator(h.when), text: h.text })) } : {}),
      });
      for (const expr of [check.subject, check.found, check.location]) if (expr) checkQuery(expr);
    } catch (err) {
      throw new Error(`check «${check.id}»: ${(err as Error).message}`);
    }
  }
  const joins = (lab.resource.join ?? []).flatMap((j) => [j.list, j.key, j.refs]);
  const probeVars = (lab.probes ?? []).flatMap((p) => [p.host, ...Object.values(p.vars ?? {})]);
  for (const expr of [lab.resource.list, lab.resource.id, lab.resource.name, lab.resource.region, ...joins, ...probeVars]) {
    if (expr) checkQuery(expr);
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
