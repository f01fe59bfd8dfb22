// Builds dist/action.js, the one-file bundle that action.yml runs (`npm run build:action`).
// test/action/bundle.test.ts builds again with these same options and fails when the committed
// bundle differs: change the sources, rebuild, commit both.
import { build } from "esbuild";
import { bundlePlugins } from "./bundle-plugins.mjs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const ACTION_BUNDLE = "dist/action.js";

// Bundled modules find labs/, report-templates/ and package.json by walking up from their own
// import.meta.url (src/files/package-root.ts), so the bundle may sit anywhere in the package.
// CommonJS dependencies inside an ESM bundle still call require(): give them one.
const BANNER = [
  'import { createRequire as __calificarCreateRequire } from "node:module";',
  "const require = __calificarCreateRequire(import.meta.url);",
].join("\n");

/**
 * esbuild options for the Action's bundle, written to `outfile` (relative to the repository),
 * built with `plugins` (scripts/bundle-plugins.mjs: bundlePlugins).
 */
export function actionBuildOptions(outfile = ACTION_BUNDLE, plugins) {
  return {
    absWorkingDir: ROOT,
    entryPoints: ["src/action/main.ts"],
    outfile,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    // Dynamic import()s of collectors and renderers have literal paths: esbuild inlines them.
    splitting: false,
    banner: { js: BANNER },
    // A committed file: 3.8 MB minified instead of 7.9 MB; keepNames so error classes keep their names.
    minify: true,
    keepNames: true,
    legalComments: "none",
    charset: "utf8",
    sourcemap: false,
    plugins,
    logLevel: "warning",
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build(actionBuildOptions(process.argv[2], (await bundlePlugins()).plugins));
}
