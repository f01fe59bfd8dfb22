// vitest globalSetup: the end-to-end tests run the BUILT CLI (dist/), so a source newer than the
// build would test yesterday's code. Rebuild first when anything the build reads changed.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Written by `npm run build` when it ends (tsc leaves unchanged outputs untouched, so their times say nothing).
const BUILT = join(ROOT, "dist/.build-stamp");
// labs/ too: the build compiles their schemas (scripts/precompile-schemas.ts).
const SOURCES = ["src", "checks", "schemas", "data", "labs", "scripts", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function isStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => existsSync(join(ROOT, s)) && newest(join(ROOT, s)) > built);
}

export default function setup(): void {
  if (!isStale()) return;
  try {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
  } catch (err) {
    const out = (err as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? "";
    throw new Error(`the build is older than the sources and \`npm run build\` failed; fix it, then run the tests again\n${out}`);
  }
}
