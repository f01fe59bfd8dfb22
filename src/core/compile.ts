import { compile as compileQuery, TreeInterpreter, type JSONValue } from "@jmespath-community/jmespath";
import type { ValidateFunction } from "ajv";
import "./jmespath-functions.js"; // iam_decision, arn_like: registered before any lab compiles
import type { Check, Lab } from "./lab.js";
import { newAjv } from "./schemas.js";

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

/** Runs a JMESPath expression; results are plain JSON, `null` when nothing matches. */
export function query(expression: string, data: unknown): unknown {
  let ast = queries.get(expression);
  if (!ast) {
    ast = compileQuery(expression);
    queries.set(expression, ast);
  }
  try {
    return TreeInterpreter.search(ast, data as JSONValue);
  } catch {
    // A function given the wrong type (join() over a number in a hand-edited snapshot): JMESPath
    // throws at run time; to a check that is a fact not found, never a crash. Expressions that do
    // not compile are refused when the lab loads.
    return null;
  }
}

const compiled = new WeakMap<Lab, CompiledLab>();

/** Compiles every schema and query of a lab; throws on the first that does not compile. */
export function compileLab(lab: Lab): CompiledLab {
  const cached = compiled.get(lab);
  if (cached) return cached;
  // Every error of a failed check, not the first: evidence names each wrong part (src/core/evidence.ts).
  const ajv = newAjv({ allErrors: true });
  const checks = new Map<Check, CompiledCheck>();
  for (const check of lab.checks) {
    try {
      checks.set(check, {
        validate: ajv.compile(check.expected),
        ...(check.notes ? { notes: check.notes.map((n) => ({ validate: ajv.compile(n.when), text: n.text })) } : {}),
        ...(check.hints ? { hints: check.hints.map((h) => ({ validate: ajv.compile(h.when), text: h.text })) } : {}),
      });
      for (const expr of [check.subject, check.found, check.location]) if (expr) query(expr, {});
    } catch (err) {
      throw new Error(`check «${check.id}»: ${(err as Error).message}`);
    }
  }
  const joins = (lab.resource.join ?? []).flatMap((j) => [j.list, j.key, j.refs]);
  const probeVars = (lab.probes ?? []).flatMap((p) => [p.host, ...Object.values(p.vars ?? {})]);
  for (const expr of [lab.resource.list, lab.resource.id, lab.resource.name, lab.resource.region, ...joins, ...probeVars]) {
    if (expr) query(expr, {});
  }
  const result: CompiledLab = {
    lab,
    checks,
    query,
    ...(lab.resource.where ? { where: ajv.compile(lab.resource.where) } : {}),
  };
  compiled.set(lab, result);
  return result;
}
