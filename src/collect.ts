import { loadCollector } from "../checks/index.js";
import type { StsFacts } from "../checks/sts.js";
import type { RegionFacts } from "../checks/regions.js";
import { ClientPool, type AwsSettings } from "./aws.js";
import { mapLimit } from "./map-limit.js";
import { makeContext, type CollectOptions, type Collector } from "./collector.js";
import { compileLab, query } from "./compile.js";
import { badInput, cannotGrade } from "./errors.js";
import type { Lab } from "./lab.js";
import { SNAPSHOT_SCHEMA_VERSION, type CallError, type Located, type Snapshot, type SkippedAction } from "./snapshot.js";
import { TOOL_NAME, toolVersion } from "./version.js";
import type { ProbeSettings } from "../checks/http.js";

export interface CollectRequest {
  lab: Lab;
  region: string;
  aws: AwsSettings;
  options: CollectOptions;
  /** `undefined` turns probes off (recorded as skipped). */
  probe: ProbeSettings | undefined;
  /** Look in other regions when the graded one has nothing. */
  searchOtherRegions: boolean;
  now: () => Date;
}

// One cheap call per region; AWS enables 17 regions by default, so this is about one wave.
const LOCATE_CONCURRENCY = 16;

/** The STS failure (credentials, network) that means nothing else can work either. */
export function credentialsProblem(errors: CallError[]): CallError | undefined {
  return errors.find((e) => e.action === "sts:GetCallerIdentity" && (e.kind === "credentials" || e.kind === "network" || e.kind === "timeout"));
}

/** Why nothing can be graded, in the student's words; the CLI exits with 3. */
export function cannotReachAws(error: CallError, profile: string | undefined) {
  if (error.kind === "credentials") {
    const expired = /Expired|TokenRefresh/i.test(error.code);
    return cannotGrade(
      // A mistyped --profile or AWS_PROFILE reads as "no credentials" in the SDK's words: name it.
      !expired && profile
        ? {
            es: `No hay credenciales de AWS válidas para el perfil «${profile}» (${error.code}). Comprueba que existe («aws configure list-profiles») o inicia sesión con «aws sso login --profile ${profile}».`,
            en: `No valid AWS credentials for profile «${profile}» (${error.code}). Check that it exists («aws configure list-profiles») or sign in with «aws sso login --profile ${profile}».`,
          }
        : expired
        ? {
            es: `Tus credenciales de AWS caducaron (${error.code}). Renuévalas: «aws sso login», o copia las nuevas claves de tu laboratorio.`,
            en: `Your AWS credentials have expired (${error.code}). Renew them: «aws sso login», or copy your lab's new keys.`,
          }
        : {
            es: `No hay credenciales de AWS válidas (${error.code}). Configúralas con «aws configure» (o «aws sso login»), o usa --profile NOMBRE.`,
            en: `No valid AWS credentials (${error.code}). Set them up with «aws configure» (or «aws sso login»), or use --profile NAME.`,
          },
      error.message,
    );
  }
  const endpoint = process.env["AWS_ENDPOINT_URL"];
  return cannotGrade(
    {
      es: `No se pudo conectar con AWS${endpoint ? ` en ${endpoint}` : ""} (${error.code}). Revisa tu conexión${endpoint ? " y AWS_ENDPOINT_URL" : ""}.`,
      en: `Could not connect to AWS${endpoint ? ` at ${endpoint}` : ""} (${error.code}). Check your connection${endpoint ? " and AWS_ENDPOINT_URL" : ""}.`,
    },
    error.message,
  );
}

async function loadAll(names: string[]): Promise<Collector[]> {
  return Promise.all(
    names.map(async (name) => {
      try {
        return await loadCollector(name);
      } catch {
        throw badInput({ es: `El laboratorio usa un colector desconocido: ${name}`, en: `The lab uses an unknown collector: ${name}` });
      }
    }),
  );
}

/** Lab -> the collectors it needs -> one snapshot of the account. All I/O of grading happens here. */
export async function collect(request: CollectRequest): Promise<Snapshot> {
  const { lab, region } = request;
  const clients = new ClientPool(request.aws);
  const errors: CallError[] = [];
  const skipped: SkippedAction[] = [];
  const facts: Record<string, unknown> = {};
  try {
    const [sts, ...collectors] = await loadAll(["sts", ...lab.collectors]);
    // Identity and every collector overlap: the critical path is the slowest listing, not their sum.
    const [identity] = await Promise.all([
      sts!.collect(makeContext(sts!, region, clients, request.options, errors)) as Promise<StsFacts>,
      ...collectors.map(async (c) => {
        facts[c.service] = await c.collect(makeContext(c, region, clients, request.options, errors));
      }),
    ]);
    const problem = credentialsProblem(errors);
    if (problem) throw cannotReachAws(problem, request.aws.profile ?? process.env["AWS_PROFILE"]);

    const compiled = compileLab(lab);
    const listed = query(lab.resource.list, facts[lab.resource.collector] ?? {});
    const candidates = (Array.isArray(listed) ? listed : []).filter(
      (c) => !compiled.where || compiled.where(c),
    ) as Record<string, unknown>[];

    if (lab.probes?.length) {
      if (!request.probe) {
        skipped.push({ action: "http:GET", reason: "--no-probe" });
      } else {
        const { probeAgent, probeResource } = await import("../checks/http.js");
        const agent = probeAgent(request.probe);
        try {
          await Promise.all(
            candidates.map(async (candidate) => {
              for (const spec of lab.probes!) {
                const host = query(spec.host, candidate);
                const { answers, errors: probeErrors } = await probeResource(
                  typeof host === "string" && host ? host : null, [spec], request.probe!, agent,
                );
                candidate["probes"] = { ...(candidate["probes"] as object | undefined), ...answers };
                candidate["errors"] = [...((candidate["errors"] as unknown[] | undefined) ?? []), ...probeErrors];
              }
            }),
          );
        } finally {
          await agent.close();
        }
      }
    }

    let elsewhere: Located[] | undefined;
    const owner = collectors.find((c) => c.service === lab.resource.collector);
    const listingFailed = errors.some((e) => lab.resource.requires?.includes(e.action));
    if (request.searchOtherRegions && candidates.length === 0 && !listingFailed && owner?.locate) {
      elsewhere = await locateElsewhere(owner, request, clients, errors);
    }

    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: toolVersion() },
      lab: lab.id,
      collectedAt: request.now().toISOString(),
      account: identity.account && identity.arn ? { id: identity.account, arn: identity.arn } : null,
      region,
      ...(process.env["AWS_ENDPOINT_URL"] ? { endpoint: process.env["AWS_ENDPOINT_URL"] } : {}),
      facts,
      ...(elsewhere ? { elsewhere } : {}),
      ...(skipped.length ? { skipped } : {}),
      errors,
    };
  } finally {
    clients.destroy();
  }
}

/** Where the lab's resource is when the graded region has none: the commonest student mistake. */
async function locateElsewhere(
  owner: Collector,
  request: CollectRequest,
  clients: ClientPool,
  errors: CallError[],
): Promise<Located[]> {
  const regionsCollector = await loadCollector("regions");
  const { regions } = (await regionsCollector.collect(
    makeContext(regionsCollector, request.region, clients, request.options, errors),
  )) as RegionFacts;
  const others = regions.filter((r) => r !== request.region);
  // Errors in other regions are not the graded region's: keep them apart from the report's checks.
  const located = await mapLimit(others, LOCATE_CONCURRENCY, async (region) => {
    const ids = await owner.locate!(makeContext(owner, region, clients, request.options, errors));
    return { region, count: ids?.length ?? 0, ids: ids ?? [] };
  });
  return located.filter((l) => l.count > 0);
}
