import { candidateId, type Facts } from "../core/candidates.js";
import { query, type CompiledLab } from "../core/compile.js";
import type { ProbeRecord } from "../core/snapshot.js";
import { probeAgent, probeResource, type ProbeSettings } from "./probes.js";

/**
 * The lab's HTTP probes of every candidate, keyed by the candidate's id: the answers are data of
 * their own, not fields written into the collectors' facts.
 */
export async function probeCandidates(
  compiled: CompiledLab,
  candidates: Facts[],
  settings: ProbeSettings,
): Promise<Record<string, ProbeRecord>> {
  const specs = compiled.lab.probes ?? [];
  const agent = probeAgent(settings);
  const records: Record<string, ProbeRecord> = {};
  try {
    await Promise.all(
      candidates.map(async (candidate) => {
        const record: ProbeRecord = { answers: {}, errors: [] };
        for (const spec of specs) {
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
