import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The package's version, read from its package.json next to dist/. */
export function toolVersion(): string {
  // Built: <package>/dist/src/version.js; run from source (tests): <package>/src/version.ts.
  const packageJson = new URL(import.meta.url.endsWith(".ts") ? "../package.json" : "../../package.json", import.meta.url);
  cached ??= (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  return cached;
}

export const TOOL_NAME = "calificar";
