import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The package's version, read from its package.json next to dist/. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
    .version;
  return cached;
}

export const TOOL_NAME = "calificar";
