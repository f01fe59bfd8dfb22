import { query, type CompiledLab } from "./compile.js";
import type { JoinSpec } from "./lab.js";
import type { Snapshot } from "./snapshot.js";

export type Facts = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]);

const isFacts = (value: unknown): value is Facts => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A candidate with the records of other collectors that belong to it (`resource.join`): an API's
 * functions, their roles. The join is data, so a check's subject stays JMESPath over one candidate
 * and each collector stays one service. What failed about a joined record (its own `errors`) is
 * the candidate's too: a function whose policy could not be read makes the API's permission
 * check an error, not a failure.
 */
export function joinRelated(candidate: Facts, joins: readonly JoinSpec[], facts: Snapshot["facts"]): Facts {
  let joined: Facts = candidate;
  for (const spec of joins) {
    const records = asList(query(spec.list, facts[spec.collector] ?? {})).filter(isFacts);
    let related = records;
    if (spec.key !== undefined && spec.refs !== undefined) {
      const refs = new Set(asList(query(spec.refs, joined)).flat().filter((r) => typeof r === "string" || typeof r === "number"));
      related = records.filter((r) => refs.has(query(spec.key!, r) as string));
    }
    const errors = related.flatMap((r) => (Array.isArray(r["errors"]) ? (r["errors"] as unknown[]) : []));
    joined = {
      ...joined,
      [spec.as]: related,
      ...(errors.length ? { errors: [...asList(joined["errors"]), ...errors.filter((e) => !asList(joined["errors"]).includes(e))] } : {}),
    };
  }
  return joined;
}

/**
 * The lab's candidates in a snapshot: `resource.list` over its collector's facts, with their
 * related records joined (`resource.join`), filtered by `where`.
 */
export function listCandidates(compiled: CompiledLab, facts: Snapshot["facts"]): Facts[] {
  const spec = compiled.lab.resource;
  const listed = query(spec.list, facts[spec.collector] ?? {});
  const all = (Array.isArray(listed) ? listed : []) as Facts[];
  const joins = spec.join ?? [];
  return all.map((c) => (joins.length && isFacts(c) ? joinRelated(c, joins, facts) : c)).filter((c) => !compiled.where || compiled.where(c));
}

function asText(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

/** A candidate's id as the lab names it (`instanceId`, `functionName`); probes are keyed by it. */
export function candidateId(compiled: CompiledLab, candidate: Facts): string {
  return asText(query(compiled.lab.resource.id, candidate)) ?? "?";
}

export function candidateName(compiled: CompiledLab, candidate: Facts): string | null {
  const name = compiled.lab.resource.name;
  return name ? asText(query(name, candidate)) : null;
}

export function candidateRegion(compiled: CompiledLab, candidate: Facts): string | null {
  const region = compiled.lab.resource.region;
  return region ? asText(query(region, candidate)) : null;
}
