import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./cli.js";

/**
 * One source module bundled alone into a file any user can read, for a child process to import
 * (`node -e "await import(url)"`). The published build has no per-module files to point at, and a
 * child running as another user cannot go through vitest's loader.
 */
export async function childModule(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "calificar-child-module-"));
  chmodSync(dir, 0o755); // mkdtemp makes it 0700: the child may run as nobody
  const outfile = join(dir, "module.mjs");
  await build({
    absWorkingDir: ROOT,
    entryPoints: [source],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // CommonJS dependencies (yaml) require() Node's own modules.
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
  });
  return pathToFileURL(outfile).href;
}
