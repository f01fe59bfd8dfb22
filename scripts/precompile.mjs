// The esbuild plugin that puts ajv's standalone code for the shipped schemas in place of
// src/core/precompiled.ts (empty in the sources). Used by both bundles: the npm package's
// (scripts/build.mjs) and the Action's (scripts/build-action.mjs).
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Runs scripts/precompile-schemas.ts (bundled on the fly: it imports the TypeScript sources). */
export async function precompiledCode() {
  const dir = join(ROOT, "dist", "build");
  const outfile = join(dir, "precompile-schemas.mjs");
  await build({
    absWorkingDir: ROOT,
    entryPoints: ["scripts/precompile-schemas.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  const { precompiledModule } = await import(`${pathToFileURL(outfile).href}?${Date.now()}`);
  const generated = precompiledModule(ROOT);
  mkdirSync(join(ROOT, "dist", "generated"), { recursive: true });
  writeFileSync(join(ROOT, "dist", "generated", "precompiled.js"), generated.code);
  return generated;
}

/** esbuild plugin: the bundle's src/core/precompiled.ts is `code`, not the empty source. */
export function precompiledPlugin(code) {
  return {
    name: "calificar-precompiled",
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]core[\\/]precompiled\.ts$/ }, (args) => ({ contents: code, loader: "js", resolveDir: join(args.path, "..") }));
    },
  };
}
