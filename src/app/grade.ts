import { loadCollector } from "../../checks/index.js";
import { badInput, UserError } from "../core/errors.js";
import type { AwsSettings } from "../collect/clients.js";
import { INPUT } from "../core/messages.js";
import type { Lab } from "../core/lab.js";
import type { Result } from "../core/result.js";
import type { Snapshot } from "../core/snapshot.js";
import { fill, say, type Lang } from "../core/text.js";
import { writeFileAtomic } from "../files/write.js";
import { labDirs, loadLab } from "./labs.js";

/** What to grade and how: the CLI's options after parsing, and the Action's inputs. */
export interface GradeRequest {
  /** A lab id (`lab-ec2`), a path to a lab file, or a lab already loaded (a class run loads it once for every student). */
  lab: string | Lab;
  /** The instructor's labs folder, searched before the bundled one. */
  labsDir?: string;
  lang: Lang;
  region?: string;
  profile?: string;
  /** SDK settings beyond the profile: a class run passes each student's credentials (from AssumeRole) and adaptive retry. */
  aws?: Pick<AwsSettings, "credentials" | "retryMode">;
  /** Grade this saved snapshot instead of the account. */
  snapshotFile?: string;
  saveSnapshot?: string;
  /** Values of the labs' resource options (`instance`, `function`, `bucket`, `environment`, `api`, `queue`); the lab reads its own. */
  select?: Record<string, string | undefined>;
  noInvoke?: boolean;
  /** Send the lab's active probes (`--probar-crud`: lab-crud's walk through the API). Never in a class run. */
  activeProbes?: boolean;
  /** The submission repository, for repository checks. */
  repoDir?: string;
  /** Grade the repository alone, with no AWS call and no credentials (`--repo-only`; needs `repoDir`). */
  repoOnly?: boolean;
  /** Which door asked: an account out of reach is worded for it (no `aws configure` on a runner). */
  door?: "cli" | "action";
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
    const otherLab = snapshot.lab ? { es: snapshot.lab, en: snapshot.lab } : INPUT.anotherLab;
    throw badInput({
      es: fill(INPUT.snapshotOtherLab.es, { file, collector: lab.resource.collector, lab: otherLab.es }),
      en: fill(INPUT.snapshotOtherLab.en, { file, collector: lab.resource.collector, lab: otherLab.en }),
    });
  }
  if (!repoDir || !lab.collectors.includes("repo")) return snapshot;
  const { readRepoDir } = await import("../collect/repo-reader.js");
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
    throw badInput(say(INPUT.badProbeHost, { value: probeHost }));
  }
  return collect({
    lab,
    region: await resolveRegion(request.region, profile, env),
    aws: { ...(profile ? { profile } : {}), ...request.aws },
    options: {
      ...(select ? { select } : {}),
      ...(request.noInvoke ? { noInvoke: true } : {}),
      ...(request.repoDir ? { repoDir: request.repoDir } : {}),
    },
    probe: probe
      ? { ...DEFAULT_PROBE, timeoutMs: probe.timeoutSeconds * 1000, ...(override ? { override } : {}), ...(request.activeProbes ? { active: true } : {}) }
      : undefined,
    searchOtherRegions: true,
    loadCollector,
    env,
    now: request.now,
  });
}

/** The repository alone (`--repo-only`): no AWS call, no credentials, no account facts. */
async function repositorySnapshot(lab: Lab, request: GradeRequest): Promise<Snapshot> {
  if (!request.repoDir) throw badInput(INPUT.repoOnlyNeedsRepo);
  if (request.snapshotFile) throw badInput(INPUT.repoOnlyWithSnapshot);
  const [{ readRepoDir }, { SNAPSHOT_SCHEMA_VERSION }, { TOOL_NAME, toolVersion }] = await Promise.all([
    import("../collect/repo-reader.js"),
    import("../core/snapshot.js"),
    import("../files/version.js"),
  ]);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    lab: lab.id,
    collectedAt: request.now().toISOString(),
    account: null,
    region: request.region ?? "-",
    facts: lab.collectors.includes("repo") ? { repo: await readRepoDir(request.repoDir) } : {},
    errors: [],
  };
}

/** Load the lab, collect (or read a snapshot), evaluate: the grading that the CLI, the Action and the API share. */
export async function gradeLab(request: GradeRequest): Promise<Result> {
  const lab = typeof request.lab === "string" ? await loadLab(request.lab, labDirs(request.labsDir)) : request.lab;
  const select = request.select?.[lab.resource.select ?? ""] || undefined;
  const snapshot = request.repoOnly
    ? await repositorySnapshot(lab, request)
    : request.snapshotFile
      ? await savedSnapshot(lab, request.snapshotFile, request.repoDir)
      : await liveSnapshot(lab, request, select);
  if (request.saveSnapshot) await writeFileAtomic(request.saveSnapshot, JSON.stringify(snapshot, null, 2) + "\n");
  const { evaluate } = await import("../core/evaluate.js");
  const env = request.env ?? process.env;
  try {
    return evaluate(lab, snapshot, {
      lang: request.lang,
      now: request.now(),
      ...(select ? { select } : {}),
      ...(request.repoOnly ? { repoOnly: true } : {}),
      where: { profile: request.profile ?? env["AWS_PROFILE"], door: request.door ?? "cli" },
    });
  } catch (err) {
    // Facts are free-form in the snapshot format: a saved file whose facts have the wrong shape is
    // bad input, not a bug. A live collection's facts come from our collectors: that stays a crash.
    if (!request.snapshotFile || err instanceof UserError) throw err;
    throw badInput(say(INPUT.snapshotUnreadable, { file: request.snapshotFile }), err instanceof Error ? err.message : String(err));
  }
}
