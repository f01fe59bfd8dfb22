import { randomBytes } from "node:crypto";
import { candidateId, type Facts } from "../core/candidates.js";
import { query, type CompiledLab } from "../core/compile.js";
import type { ProbeSpec } from "../core/lab.js";
import type { ProbeRecord } from "../core/snapshot.js";
import { probeAgent, probeResource, type ProbeRequest, type ProbeSettings } from "./probes.js";

/** A fresh id for one probe of one candidate: what a CRUD walk creates, reads and deletes. */
export function uniqueId(): string {
  return `calificar-${randomBytes(4).toString("hex")}`;
}

/** `{name}` placeholders in a string replaced by their values; unknown names stay as written. */
function fillText(text: string, vars: Record<string, string>): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** A request body with the vars written into its strings and its keys. */
function fillValue(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return fillText(value, vars);
  if (Array.isArray(value)) return value.map((v) => fillValue(v, vars));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [fillText(k, vars), fillValue(v, vars)]));
  }
  return value;
}

const usesUnique = (spec: ProbeSpec) => JSON.stringify(spec.requests).includes("{unique}");

/**
 * The probe's vars for one candidate (its `vars` over the candidate, and `unique`), and the probe
 * with them written in; null values when a var is missing, and then nothing is sent.
 */
export function resolveProbe(spec: ProbeSpec, candidate: Facts, unique: string): { vars: Record<string, string | null>; spec: ProbeSpec | null } {
  const vars: Record<string, string | null> = {};
  for (const [name, expression] of Object.entries(spec.vars ?? {})) {
    const value = query(expression, candidate);
    vars[name] = typeof value === "string" || typeof value === "number" ? String(value) : null;
  }
  if (usesUnique(spec)) vars["unique"] = unique;
  if (Object.values(vars).some((v) => v === null)) return { vars, spec: null };
  const known = vars as Record<string, string>;
  const requests = spec.requests.map((r): ProbeRequest => ({ ...r, path: fillText(r.path, known), ...(r.body !== undefined ? { body: fillValue(r.body, known) as ProbeRequest["body"] } : {}) }));
  return { vars, spec: { ...spec, requests } };
}

/**
 * The lab's HTTP probes of every candidate, keyed by the candidate's id: the answers are data of
 * their own, not fields written into the collectors' facts. Active probes are sent only when
 * `settings.active` says so (`--probar-crud`).
 */
export async function probeCandidates(
  compiled: CompiledLab,
  candidates: Facts[],
  settings: ProbeSettings,
): Promise<Record<string, ProbeRecord>> {
  const specs = (compiled.lab.probes ?? []).filter((p) => !p.active || settings.active);
  const agent = probeAgent(settings);
  const records: Record<string, ProbeRecord> = {};
  try {
    await Promise.all(
      candidates.map(async (candidate) => {
        const record: ProbeRecord = { answers: {}, errors: [] };
        for (const declared of specs) {
          const { vars, spec } = resolveProbe(declared, candidate, uniqueId());
          if (Object.keys(vars).length) record.vars = { ...record.vars, [declared.id]: vars };
          if (!spec) {
            // A route or stage to probe is missing: say so on every request, send none.
            record.answers[declared.id] = declared.requests.filter((r) => !r.cleanup).map((r) => ({ path: r.path, url: "", error: { code: "no-target" } }));
            continue;
          }
          const host = query(spec.host, candidate);
          const { answers, errors } = await probeResource(typeof host === "string" && host ? host : null, [spec], settings, agent);
          Object.assign(record.answers, answers);
          record.errors.push(...errors);
        }
        records[candidateId(compiled, candidate)] = record;
      }),
    );
  } finally {
    await agent.close();
  }
  return records;
}
