// `npm run build`: the published package's code, one build.
//  1. ajv's standalone code for the shipped labs' schemas and the contracts (scripts/precompile-schemas.ts);
//  2. the CLI (src/cli/bin.ts) and the public API (src/index.ts) bundled by esbuild with every
//     dependency inside (the package installs nothing else), split into chunks at the dynamic
//     import()s so a command loads only what it uses: one lab's SDK clients, one report format;
//  3. dist/chunks.json: which packages each chunk holds (the lazy-loading test reads it);
//  4. type declarations of the public API (tsc), then dist/.build-stamp.
import { build } from "esbuild";
import { bundlePlugins } from "./bundle-plugins.mjs";
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = join(ROOT, "dist");

/** What the build writes (dist/action.js, committed, and dist/bench are not ours to remove). */
export const OUTPUTS = ["calificar.js", "index.js", "chunks", "types", "chunks.json", "generated", "build", ".build-stamp"];
/** Where a package's files sit in the metafile's input paths. */
const PACKAGE = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//;

// CommonJS dependencies inside ESM chunks still call require() for Node's own modules: give them
// one, made the first time a chunk calls it (most chunks never do; every chunk carries the banner).
const BANNER = [
  'import { createRequire as __calificarCreateRequire } from "node:module";',
  "let __calificarRequire;",
  "const require = (id) => (__calificarRequire ??= __calificarCreateRequire(import.meta.url))(id);",
].join("\n");

/** The published code: dist/calificar.js (bin), dist/index.js (API), dist/chunks/. */
export function bundleOptions(plugins = []) {
  return {
    absWorkingDir: ROOT,
    entryPoints: { calificar: "src/cli/bin.ts", index: "src/index.ts" },
    outdir: DIST,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    // The CLI runs on Node 20, 22 and 24 (the Action's own bundle targets node24).
    target: "node20",
    // The SDK's ES modules, not its CommonJS builds: they tree-shake (sideEffects: false).
    mainFields: ["module", "main"],
    banner: { js: BANNER },
    minify: true,
    // No keepNames: it costs an Object.defineProperty per function and class the chunks define
    // (thousands in the SDK), at every start. Nothing depends on a function's name: calificar's and
    // the SDK's errors set `name` themselves, and the client pool keys classes by identity.
    legalComments: "none",
    charset: "utf8",
    sourcemap: false,
    metafile: true,
    plugins,
    logLevel: "warning",
  };
}

/**
 * chunk file -> what it holds: `packages` (node_modules names) and `modules` (calificar's own
 * files). The lazy-loading test reads it to tell which chunks carry SDK code.
 */
function chunkManifest(metafile) {
  const chunks = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith(".js")) continue;
    const packages = new Set();
    const modules = new Set();
    // A chunk made for `import("@aws-sdk/client-sts")` may only re-export: its entry names the package.
    for (const input of [...Object.keys(output.inputs), ...(output.entryPoint ? [output.entryPoint] : [])]) {
      const name = PACKAGE.exec(input)?.[1];
      if (name) packages.add(name);
      else modules.add(input);
    }
    chunks[relative(DIST, join(ROOT, file)).split("\\").join("/")] = { packages: [...packages].sort(), modules: [...modules].sort() };
  }
  return chunks;
}

export async function buildPackage() {
  for (const name of OUTPUTS) rmSync(join(DIST, name), { recursive: true, force: true });
  const { plugins, count } = await bundlePlugins();
  const result = await build(bundleOptions(plugins));
  chmodSync(join(DIST, "calificar.js"), 0o755);
  writeFileSync(join(DIST, "build", "meta.json"), JSON.stringify(result.metafile));
  writeFileSync(join(DIST, "chunks.json"), JSON.stringify({ precompiledSchemas: count, chunks: chunkManifest(result.metafile) }, null, 2) + "\n");
  // Type declarations of the public API; tsc also type-checks what it declares.
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  writeFileSync(join(DIST, ".build-stamp"), new Date().toISOString());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildPackage();
