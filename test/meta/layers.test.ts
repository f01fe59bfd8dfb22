import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, posix, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

// The layout reads like the pipeline (docs/architecture.md), and imports run one way: a module
// may import its own layer and the layers below it, never one above. core is pure: no I/O at all.

/** Layer -> the layers its modules may import (besides their own). */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  files: ["core"],
  report: ["core", "files"],
  collect: ["core", "files"],
  checks: ["core", "collect"],
  cleanup: ["core", "files", "collect", "checks"],
  app: ["core", "files", "collect", "checks", "report", "cleanup"],
  class: ["core", "files", "collect", "checks", "report", "app"],
  action: ["core", "files", "collect", "report", "app"],
  cli: ["core", "files", "collect", "checks", "report", "app", "cleanup", "class"],
  api: ["core", "files", "collect", "checks", "report", "app", "cleanup", "class"],
};

/** Packages the pure core may use: schemas, queries and YAML rendering, nothing that reaches out. */
const CORE_PACKAGES = new Set(["ajv", "@jmespath-community/jmespath", "yaml"]);

function layerOf(file: string): string {
  if (file === "src/index.ts") return "api";
  if (file.startsWith("checks/")) return "checks";
  const m = /^src\/([^/]+)\//.exec(file);
  if (!m || !(m[1]! in MAY_IMPORT)) throw new Error(`${file} is in no layer: place it in docs/architecture.md and here`);
  return m[1]!;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path.split("\\").join("/")] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

const FILES = [...sources("src"), ...sources("checks")];

describe("layers", () => {
  it("places every module of src/ and checks/ in a layer", () => {
    expect(FILES.length).toBeGreaterThan(40);
    for (const file of FILES) expect(() => layerOf(file), file).not.toThrow();
  });

  it.each(FILES)("%s imports only its own layer and the ones below", (file) => {
    const layer = layerOf(file);
    const upward = importsOf(file)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts"))
      .filter((target) => target.endsWith(".ts") && !target.endsWith(".json"))
      .filter((target) => {
        const other = layerOf(target);
        return other !== layer && !MAY_IMPORT[layer]!.includes(other);
      });
    expect(upward, `${file} (${layer}) imports a layer above it`).toEqual([]);
  });

  it.each(FILES.filter((f) => layerOf(f) === "core"))("%s is pure: no Node I/O, network or SDK package", (file) => {
    const external = importsOf(file).filter((spec) => !spec.startsWith("."));
    expect(external.filter((spec) => !CORE_PACKAGES.has(spec) && !spec.startsWith("ajv/")), file).toEqual([]);
    expect(readFileSync(join(ROOT, file), "utf8")).not.toMatch(/process\.env|Date\.now\(\)|new Date\(\)/);
  });

  it("finds an upward import when there is one (the check can fail)", () => {
    const layer = layerOf("src/core/evaluate.ts");
    expect(MAY_IMPORT[layer]!.includes(layerOf("src/collect/collect.ts"))).toBe(false);
    expect(relative(".", "src")).toBe("src");
  });
});
