import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * The installed package's folder, where labs/, schemas/, data/ and report-templates/ live.
 * This module runs from src/files/ (tests), from dist/ (the npm package, at any depth) or from a
 * one-file bundle such as dist/action.js, so walk up to the package.json instead of assuming a depth.
 */
export function packageRoot(): string {
  if (root) return root;
  let at = new URL("./", import.meta.url);
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(fileURLToPath(new URL("package.json", at))) && existsSync(fileURLToPath(new URL("labs/", at)))) {
      return (root = fileURLToPath(at));
    }
    at = new URL("../", at);
  }
  throw new Error(`calificar's package folder not found above ${fileURLToPath(import.meta.url)}`);
}

/** A folder shipped with the package (`labs`, `report-templates`…), with a trailing slash. */
export function packageDir(name: string): string {
  return `${packageRoot()}${name}/`;
}
