import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_LOG_ENV, outsidePolicy, readApiLog } from "./api-log.js";

// The read-only proof of the whole run (see api-log.ts): workers inherit API_LOG_ENV and append
// every AWS call of a graded process; at the end, any call outside the shipped policy (plus the one
// optional active call, lambda:InvokeFunction) fails the run.

const POLICY = join(import.meta.dirname, "..", "..", "policies", "calificar-readonly.json");
const OPTIONAL_ACTIVE = ["lambda:InvokeFunction"];

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "calificar-api-log-"));
  const file = join(dir, "calls.txt");
  process.env[API_LOG_ENV] = file;
  return () => {
    const calls = readApiLog(file);
    rmSync(dir, { recursive: true, force: true });
    const outside = outsidePolicy(calls, JSON.parse(readFileSync(POLICY, "utf8")), OPTIONAL_ACTIVE);
    if (outside.length) {
      process.exitCode = 1; // a throw here is only printed: vitest would still exit 0
      throw new Error(`calificar made AWS calls outside policies/calificar-readonly.json during the tests: ${outside.join(", ")}`);
    }
    if (process.env["CALIFICAR_API_LOG_PRINT"]) console.log(`AWS calls made by graded processes: ${calls.join(", ")}`);
  };
}
