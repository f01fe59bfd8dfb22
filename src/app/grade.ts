import { loadCollector } from "../../checks/index.js";
import { badInput, UserError } from "../core/errors.js";
import { MSG } from "../core/messages.js";
import { fill } from "../core/text.js";
import type { Lab } from "../core/lab.js";
import type { Result } from "../core/result.js";
import type { Snapshot } from "../core/snapshot.js";
import type { Lang } from "../core/text.js";
import { writeFileAtomic } from "../files/write.js";
import { labDirs, loadLab } from "./labs.js";

/** What to grade and how: the CLI's options after parsing, and the Action's inputs. */
export interface GradeRequest {
  /** A lab id (`lab-ec2`) or a path to a lab file. */
  lab: string;
  /** The instructor's labs folder, searched before the bundled one. */
  labsDir?: string;
  lang: Lang;
  region?: string;
  profile?: string;
  /** Grade this saved snapshot instead of the account. */
  snapshotFile?: string;
  saveSnapshot?: string;
  /** Values of the labs' resource options (`instance`, `function`, `bucket`, `environment`); the lab reads its own. */
  select?: Record<string, string | undefined>;
  noInvoke?: boolean;
  /** The submission repository, for repository checks. */
  repoDir?: string;
  /** `false` turns probes off; `host` sends them to HOST[:PORT] instead of the resource's address. */
  probe: false | { timeoutSeconds: number; host?: string };
  /** The environment the SDK and calificar read (AWS_PROFILE, AWS_ENDPOINT_URL…); process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

/** A saved snapshot for this lab; the account as it was, the repository as it is now. */
async function savedSnapshot(lab: Lab, file: string, repoDir: string | undefined): Promise<Snapshot> {
  const { readSnapshot } = await import("./snapshot-file.js");
  const snapshot = await readSnapshot(file);
  if (!(lab.resource.collector in snapshot.facts)) {
    throw badInput({
      es: `La instantánea ${file} no tiene datos de ${lab.resource.collector}: se recogió para ${snapshot.lab ?? "otro laboratorio"}`,
      en: `Snapshot ${file} has no ${lab.resource.collector} data: it was collected for ${snapshot.lab ?? "another lab"}`,
    });
  }
  if (!repoDir || !lab.collectors.includes("repo")) return snapshot;
  const { readRepoDir } = await import("../collect/repo.js");
  return { ...snapshot, facts: { ...snapshot.facts, repo: await readRepoDir(repoDir) } };
}

/** The account, collected now. */
async function liveSnapshot(lab: Lab, request: GradeRequest, select: string | undefined): Promise<Snapshot> {
  const [{ collect }, { resolveRegion }, { DEFAULT_PROBE, parseProbeHost }] = await Promise.all([
    import("../collect/collect.js"),
    import("../collect/region.js"),
    import("../collect/probes.js"),
  ]);
  const { probe, profile } = request;
  const env = request.env ?? process.env;
  const probeHost = probe ? probe.host : undefined;
  const override = probeHost ? parseProbeHost(probeHost) : undefined;
  if (probeHost && !override) {
    throw badInput({ es: `--probe-host no válido: ${probeHost} (usa HOST o HOST:PUERTO)`, en: `Invalid --probe-host: ${probeHost} (use HOST or HOST:PORT)` });
  }
  return collect({
    lab,
    region: await resolveRegion(request.region, profile, env),
    aws: profile ? { profile } : {},
    options: {
      ...(select ? { select } : {}),
      ...(request.noInvoke ? { noInvoke: true } : {}),
      ...(request.repoDir ? { repoDir: request.repoDir } : {}),
    },
    probe: probe ? { ...DEFAULT_PROBE, timeoutMs: probe.timeoutSeconds * 1000, ...(override ? { override } : {}) } : undefined,
    searchOtherRegions: true,
    loadCollector,
    env,
    now: request.now,
  });
}

/** Load the lab, collect (or read a snapshot), evaluate: the grading that the CLI, the Action and the API share. */
export async function gradeLab(request: GradeRequest): Promise<Result> {
  const lab = await loadLab(request.lab, labDirs(request.labsDir));
  const select = request.select?.[lab.resource.select ?? ""] || undefined;
  const snapshot = request.snapshotFile
    ? await savedSnapshot(lab, request.snapshotFile, request.repoDir)
    : await liveSnapshot(lab, request, select);
  if (request.saveSnapshot) await writeFileAtomic(request.saveSnapshot, JSON.stringify(snapshot, null, 2) + "\n");
  const { evaluate } = await import("../core/evaluate.js");
  try {
    return evaluate(lab, snapshot, { lang: request.lang, now: request.now(), ...(select ? { select } : {}) });
  } catch (err) {
    // Facts are free-form in the snapshot format: a saved file whose facts have the wrong shape is
    // bad input, not a bug. A live collection's facts come from our collectors: that stays a crash.
    if (!request.snapshotFile || err instanceof UserError) throw err;
    throw badInput(
      { es: fill(MSG.snapshotUnreadable.es, { file: request.snapshotFile }), en: fill(MSG.snapshotUnreadable.en, { file: request.snapshotFile }) },
      err instanceof Error ? err.message : String(err),
    );
  }
}
