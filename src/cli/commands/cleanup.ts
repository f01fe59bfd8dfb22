import { parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { CLEANUP_SNAPSHOT_LAB } from "../../cleanup/snapshot.js";
import type { CleanupStatus } from "../../cleanup/report.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import { useColor, type Io } from "../io.js";
import { writeFileAtomic } from "../../files/write.js";
import type { Snapshot } from "../../core/snapshot.js";
import type { Lang } from "../../core/text.js";
import { TOOL_NAME, toolVersion } from "../../files/version.js";

const FORMATS = ["text", "json"] as const;

export const cleanupArgs = {
  region: {
    type: "string",
    valueHint: "REGIÓN[,REGIÓN…]",
    description: {
      es: "revisa solo esta(s) región(es) (por defecto, todas las habilitadas en tu cuenta)",
      en: "check only this region (or these, comma-separated; default: every region enabled in your account)",
    },
  },
  profile: { type: "string", valueHint: "PERFIL", description: { es: "perfil de ~/.aws a usar", en: "~/.aws profile to use" } },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: { es: "idioma del informe", en: "report language" } },
  format: { type: "string", valueHint: FORMATS.join("|"), default: "text", description: { es: "formato del informe", en: "report format" } },
  output: {
    type: "string",
    alias: "o",
    valueHint: "ARCHIVO",
    description: { es: "escribe el informe en ARCHIVO (y el resumen en la terminal)", en: "write the report to FILE (and the summary to the terminal)" },
  },
  snapshot: { type: "string", valueHint: "ARCHIVO", description: { es: "usa una instantánea guardada, sin acceder a AWS", en: "use a saved snapshot, with no AWS access" } },
  "save-snapshot": {
    type: "string",
    valueHint: "ARCHIVO",
    description: { es: "guarda lo recogido de la cuenta en ARCHIVO", en: "save what was collected from the account to FILE" },
  },
  help: { type: "boolean", alias: "h", description: { es: "muestra esta ayuda", en: "show this help" } },
  debug: { type: "boolean", description: { es: "muestra detalles técnicos de los errores", en: "show technical details of errors" } },
} satisfies ArgSpecs;

const usage = {
  es: [
    "Uso: calificar limpieza [opciones]   (alias: calificar cleanup)",
    "",
    "Lista lo que sigue costando dinero en tu cuenta de AWS, región por región, con un coste",
    "mensual estimado y el comando que lo borra. Solo lee: nunca borra ni cambia nada.",
  ].join("\n"),
  en: [
    "Usage: calificar cleanup [options]   (alias: calificar limpieza)",
    "",
    "Lists what still costs money in your AWS account, region by region, with an estimated",
    "monthly cost and the command that deletes it. Read-only: it never deletes or changes anything.",
  ].join("\n"),
};

const footer = {
  es: "Códigos de salida: 0 no queda nada con coste · 1 queda algo con coste (o no se pudo revisar todo) · 2 entrada incorrecta · 3 no se pudo revisar la cuenta.",
  en: "Exit codes: 0 nothing billable left · 1 something billable left (or not everything could be checked) · 2 bad input · 3 the account could not be checked.",
};

export function cleanupHelp(lang: Lang): string {
  return renderHelp(usage, cleanupArgs, lang, footer);
}

export const EXIT_BY_STATUS: Record<CleanupStatus, ExitCode> = {
  clean: EXIT.passed,
  billable: EXIT.notPassed,
  incomplete: EXIT.notPassed,
  unreadable: EXIT.cannotGrade,
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function parseRegions(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const regions = [...new Set(value.split(",").map((r) => r.trim()).filter(Boolean))];
  const wrong = regions.find((r) => !REGION.test(r));
  if (!regions.length || wrong !== undefined) {
    throw badInput({
      es: `Región no válida: «${wrong ?? value}» (p. ej. us-east-1, o varias separadas por comas)`,
      en: `Invalid region: «${wrong ?? value}» (e.g. us-east-1, or several separated by commas)`,
    });
  }
  return regions;
}

/** A saved cleanup snapshot, narrowed to the regions asked for. */
async function readCleanupSnapshot(file: string, regions: string[] | undefined): Promise<Snapshot> {
  const { readSnapshot } = await import("../../app/snapshot-file.js");
  const snapshot = await readSnapshot(file);
  if (snapshot.lab !== CLEANUP_SNAPSHOT_LAB || !("cleanup-ec2" in snapshot.facts)) {
    throw badInput({
      es: `La instantánea ${file} no es de limpieza: se recogió para ${snapshot.lab ?? "un laboratorio"}`,
      en: `Snapshot ${file} is not a cleanup snapshot: it was collected for ${snapshot.lab ?? "a lab"}`,
    });
  }
  if (!regions) return snapshot;
  const { snapshotRegions } = await import("../../cleanup/estimate.js");
  const kept = snapshotRegions(snapshot).filter((r) => regions.includes(r));
  if (!kept.length) {
    throw badInput({ es: `La instantánea ${file} no tiene datos de ${regions.join(", ")}`, en: `Snapshot ${file} has no data for ${regions.join(", ")}` });
  }
  const s3 = snapshot.facts["cleanup-s3"] as { buckets?: { region: string | null }[] } | undefined;
  return {
    ...snapshot,
    facts: {
      ...snapshot.facts,
      regions: { regions: kept },
      ...(s3?.buckets ? { "cleanup-s3": { ...s3, buckets: s3.buckets.filter((b) => b.region !== null && kept.includes(b.region)) } } : {}),
    },
    errors: snapshot.errors.filter((e) => !e.region || kept.includes(e.region)),
  };
}

/** `calificar limpieza`: what still costs money, in every enabled region; prints deletions, runs none. */
export async function cleanup(argv: string[], io: Io): Promise<ExitCode> {
  const { _: positionals, values: a } = parseArgv(argv, cleanupArgs, io.env);
  const lang = parseLang(a["lang"]);
  if (a["help"] === true) {
    io.stdout.write(cleanupHelp(lang));
    return EXIT.passed;
  }
  if (positionals.length) throw badInput({ es: `Sobra el argumento «${positionals[0]}»`, en: `Unexpected argument «${positionals[0]}»` });
  const format = str(a["format"]) ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw badInput({ es: `Formato desconocido: ${format} (disponibles: ${FORMATS.join(", ")})`, en: `Unknown format: ${format} (available: ${FORMATS.join(", ")})` });
  }
  const regions = parseRegions(str(a["region"]));
  const snapshotFile = str(a["snapshot"]);

  let snapshot: Snapshot;
  if (snapshotFile) {
    snapshot = await readCleanupSnapshot(snapshotFile, regions);
  } else {
    const [{ collectCleanup }, { resolveRegion }] = await Promise.all([import("../../cleanup/collect.js"), import("../../collect/region.js")]);
    const profile = str(a["profile"]);
    snapshot = await collectCleanup({
      homeRegion: regions?.[0] ?? (await resolveRegion(undefined, profile, io.env)),
      ...(regions ? { regions } : {}),
      aws: profile ? { profile } : {},
      env: io.env,
      now: io.now,
      tool: { name: TOOL_NAME, version: toolVersion() },
    });
  }
  const saveTo = str(a["save-snapshot"]);
  if (saveTo) await writeFileAtomic(saveTo, JSON.stringify(snapshot, null, 2) + "\n");

  const [{ estimateCleanup }, { loadPrices }, { renderCleanupJson, renderCleanupText }] = await Promise.all([
    import("../../cleanup/estimate.js"),
    import("../../cleanup/prices.js"),
    import("../../cleanup/render.js"),
  ]);
  const report = estimateCleanup(snapshot, await loadPrices(), { lang, tool: { name: TOOL_NAME, version: toolVersion() } });
  const render = (color: boolean) => (format === "json" ? renderCleanupJson(report) : renderCleanupText(report, { color }));
  const output = str(a["output"]);
  if (output) {
    await writeFileAtomic(output, render(false));
    io.stdout.write(renderCleanupText(report, { color: useColor(io) }));
  } else {
    io.stdout.write(render(useColor(io)));
  }
  return EXIT_BY_STATUS[report.status];
}
