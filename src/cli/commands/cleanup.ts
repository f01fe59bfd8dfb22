import { optionText, parseArgv, parseLang, renderHelp, type ArgSpecs } from "../args.js";
import { CLEANUP_SNAPSHOT_LAB } from "../../cleanup/snapshot.js";
import type { CleanupStatus } from "../../cleanup/report.js";
import { badInput, EXIT, type ExitCode } from "../../core/errors.js";
import { useColor, type Io } from "../io.js";
import { writeFileAtomic } from "../../files/write.js";
import { startSpinner } from "../spinner.js";
import type { Snapshot } from "../../core/snapshot.js";
import { fill, say, type Lang } from "../../core/text.js";
import { ARGS, HINT, OPTION, USAGE, WAIT } from "../messages.js";
import { TOOL_NAME, toolVersion } from "../../files/version.js";

const FORMATS = ["text", "json"] as const;

export const cleanupArgs = {
  region: { type: "string", valueHint: HINT.regions, description: OPTION.cleanupRegion },
  profile: { type: "string", valueHint: HINT.profile, description: OPTION.profile },
  lang: { type: "string", valueHint: "es|en", default: "es", env: "CALIFICAR_LANG", description: OPTION.reportLang },
  format: { type: "string", valueHint: FORMATS.join("|"), default: "text", description: OPTION.reportFormat },
  output: { type: "string", alias: "o", valueHint: HINT.file, description: OPTION.output },
  snapshot: { type: "string", valueHint: HINT.file, description: OPTION.cleanupSnapshot },
  "save-snapshot": { type: "string", valueHint: HINT.file, description: OPTION.saveSnapshot },
  help: { type: "boolean", alias: "h", description: OPTION.help },
  debug: { type: "boolean", description: OPTION.debug },
} satisfies ArgSpecs;

export function cleanupHelp(lang: Lang): string {
  return renderHelp(USAGE.cleanup, cleanupArgs, lang, USAGE.cleanupFooter);
}

export const EXIT_BY_STATUS: Record<CleanupStatus, ExitCode> = {
  clean: EXIT.passed,
  billable: EXIT.notPassed,
  incomplete: EXIT.notPassed,
  unreadable: EXIT.cannotGrade,
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function parseRegions(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const regions = [...new Set(value.split(",").map((r) => r.trim()).filter(Boolean))];
  const wrong = regions.find((r) => !REGION.test(r));
  if (!regions.length || wrong !== undefined) {
    throw badInput(say(ARGS.badRegion, { value: wrong ?? value }));
  }
  return regions;
}

/** A saved cleanup snapshot, narrowed to the regions asked for. */
async function readCleanupSnapshot(file: string, regions: string[] | undefined): Promise<Snapshot> {
  const { readSnapshot } = await import("../../app/snapshot-file.js");
  const snapshot = await readSnapshot(file);
  if (snapshot.lab !== CLEANUP_SNAPSHOT_LAB || !("cleanup-ec2" in snapshot.facts)) {
    throw badInput({
      es: fill(ARGS.notCleanupSnapshot.es, { file, lab: snapshot.lab ?? ARGS.aLab.es }),
      en: fill(ARGS.notCleanupSnapshot.en, { file, lab: snapshot.lab ?? ARGS.aLab.en }),
    });
  }
  if (!regions) return snapshot;
  const { snapshotRegions } = await import("../../cleanup/estimate.js");
  const kept = snapshotRegions(snapshot).filter((r) => regions.includes(r));
  if (!kept.length) {
    throw badInput(say(ARGS.snapshotLacksRegions, { file, regions: regions.join(", ") }));
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
  if (positionals.length) throw badInput(say(ARGS.extraArgument, { value: positionals[0]! }));
  const format = optionText(a["format"]) ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw badInput(say(ARGS.unknownFormat, { format, formats: FORMATS.join(", ") }));
  }
  const regions = parseRegions(optionText(a["region"]));
  const snapshotFile = optionText(a["snapshot"]);

  let snapshot: Snapshot;
  if (snapshotFile) {
    snapshot = await readCleanupSnapshot(snapshotFile, regions);
  } else {
    const [{ collectCleanup }, { resolveRegion }] = await Promise.all([import("../../cleanup/collect.js"), import("../../collect/region.js")]);
    const profile = optionText(a["profile"]);
    const stopSpinner = startSpinner(io, WAIT.grading, lang);
    snapshot = await collectCleanup({
      homeRegion: regions?.[0] ?? (await resolveRegion(undefined, profile, io.env)),
      ...(regions ? { regions } : {}),
      aws: profile ? { profile } : {},
      env: io.env,
      now: io.now,
      tool: { name: TOOL_NAME, version: toolVersion() },
    }).finally(stopSpinner);
  }
  const saveTo = optionText(a["save-snapshot"]);
  if (saveTo) await writeFileAtomic(saveTo, JSON.stringify(snapshot, null, 2) + "\n");

  const [{ estimateCleanup }, { loadPrices }, { renderCleanupJson, renderCleanupText }] = await Promise.all([
    import("../../cleanup/estimate.js"),
    import("../../cleanup/prices.js"),
    import("../../cleanup/render.js"),
  ]);
  const report = estimateCleanup(snapshot, await loadPrices(), { lang, tool: { name: TOOL_NAME, version: toolVersion() } });
  const render = (color: boolean) => (format === "json" ? renderCleanupJson(report) : renderCleanupText(report, { color }));
  const output = optionText(a["output"]);
  if (output) {
    await writeFileAtomic(output, render(false));
    io.stdout.write(renderCleanupText(report, { color: useColor(io) }));
  } else {
    io.stdout.write(render(useColor(io)));
  }
  return EXIT_BY_STATUS[report.status];
}
