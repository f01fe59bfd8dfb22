import { query, type CompiledLab } from "./compile.js";
import type { Snapshot } from "./snapshot.js";

export type Facts = Record<string, unknown>;

/** The lab's candidates in a snapshot: `resource.list` over its collector's facts, filtered by `where`. */
export function listCandidates(compiled: CompiledLab, facts: Snapshot["facts"]): Facts[] {
  const spec = compiled.lab.resource;
  const listed = query(spec.list, facts[spec.collector] ?? {});
  const all = (Array.isArray(listed) ? listed : []) as Facts[];
  return all.filter((c) => !compiled.where || compiled.where(c));
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
