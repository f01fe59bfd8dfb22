// esbuild plugins of both bundles, the npm package's (scripts/build.mjs) and the Action's
// (scripts/build-action.mjs): ajv's standalone code for the shipped schemas in place of
// src/core/precompiled.ts (empty in the sources), and the part of undici calificar uses.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
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

/**
 * esbuild plugin: `undici`, imported by calificar's own code, is scripts/undici-probes.cjs (Agent and
 * request, what src/collect/probes.ts uses) instead of undici's index, which loads all of undici.
 * An import of anything else from undici fails the build, so the list cannot silently fall short.
 */
export function probesUndiciPlugin() {
  return {
    name: "calificar-undici",
    setup(b) {
      b.onResolve({ filter: /^undici$/ }, (args) =>
        /[\\/]node_modules[\\/]/.test(args.importer) ? undefined : { path: join(ROOT, "scripts", "undici-probes.cjs") },
      );
    },
  };
}

/**
 * esbuild plugin: lets esbuild drop the AWS SDK schemas a bundle never uses. An SDK client's
 * schemas_0.js declares every shape of its service as `export var X$ = [...]`, with traits written
 * as computed keys over string constants (`{ [_xN]: _TSa }`, after `const _xN = "xmlName"`). esbuild
 * cannot tell a computed key has no side effects, so it kept every shape: 548 KB of EC2 shapes for
 * the six calls a lab makes. Here each such key is written as the string it holds (`{ "xmlName": _TSa }`),
 * which means the same, and unused shapes are tree-shaken (47 KB for those six calls).
 */
export function sdkSchemaKeysPlugin() {
  return {
    name: "calificar-sdk-schema-keys",
    setup(b) {
      b.onLoad({ filter: /[\\/]@aws-sdk[\\/].*[\\/]dist-es[\\/](?:.*[\\/])?schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        const strings = new Map();
        for (const m of source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(m[1], m[2]);
        const contents = source.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key));
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * What both bundles (the package and the Action) are built with: the shipped schemas compiled by
 * ajv now, undici reduced to what the probes use, the SDK's schemas tree-shakeable. `count` is how
 * many schemas were compiled.
 */
export async function bundlePlugins() {
  const { code, count } = await precompiledCode();
  return { plugins: [precompiledPlugin(code), probesUndiciPlugin(), sdkSchemaKeysPlugin()], count };
}
