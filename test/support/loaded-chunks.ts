import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { CLI, ROOT, runCli, type CliRun } from "./cli.js";

// The built CLI is a bundle: dist/calificar.js and its chunks. The build writes dist/chunks.json,
// which packages and which of calificar's own files each chunk holds; test/support/record-modules.mjs,
// preloaded, writes down every module the process loads. Together: what a command loaded.

const RECORDER = pathToFileURL(join(ROOT, "test/support/record-modules.mjs")).href;
const DIST = dirname(CLI);
/** The AWS SDK's packages: @aws-sdk/*, @smithy/*, @aws/*. */
export const AWS_PACKAGE = /^@(aws-sdk|smithy|aws)\//;

export interface Chunk {
  packages: string[];
  modules: string[];
}

export const chunkManifest = () => (JSON.parse(readFileSync(join(DIST, "chunks.json"), "utf8")) as { chunks: Record<string, Chunk> }).chunks;

export interface Loaded {
  run: CliRun;
  /** Packages of every chunk loaded, sorted. */
  packages: string[];
  /** calificar's own source files in the chunks loaded (src/core/compile.ts…). */
  modules: Set<string>;
  /** The AWS SDK packages among `packages`. */
  aws: string[];
}

export async function chunksLoadedBy(args: string[], env: Record<string, string> = {}): Promise<Loaded> {
  const log = join(mkdtempSync(join(tmpdir(), "calificar-modules-")), "modules.log");
  const run = await runCli(args, { ...env, NODE_OPTIONS: `--import=${RECORDER}`, CALIFICAR_MODULE_LOG: log });
  const chunks = chunkManifest();
  const files = new Set(
    readFileSync(log, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("esm file:"))
      .map((line) => relative(DIST, fileURLToPath(line.slice("esm ".length))).split("\\").join("/")),
  );
  // The recorder saw the CLI itself start, and every file loaded from dist/ is a chunk the build listed.
  expect(files.has(basename(CLI))).toBe(true);
  const loaded = [...files].filter((f) => f.startsWith("chunks/"));
  for (const file of loaded) expect(chunks[file], `${file} is not in dist/chunks.json`).toBeDefined();
  const packages = [...new Set(loaded.flatMap((f) => chunks[f]!.packages))].sort();
  const modules = new Set(loaded.flatMap((f) => chunks[f]!.modules));
  expect(modules.has("src/cli/main.ts")).toBe(true);
  return { run, packages, modules, aws: packages.filter((p) => AWS_PACKAGE.test(p)) };
}
