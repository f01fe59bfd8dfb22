import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_LOG_ENV, outsidePolicy, readApiLog } from "./api-log.js";

// The read-only proof of the whole run (see api-log.ts): workers inherit API_LOG_ENV and append
// every AWS call of a graded process; at the end, any call outside the shipped policies fails the
// run: the student's read-only role (with its one optional active call, lambda:InvokeFunction) and
// the instructor's own (AssumeRole into that role, listing the Organization's accounts).

const POLICIES = ["calificar-readonly.json", "instructor-policy.json"].map((f) => join(import.meta.dirname, "..", "..", "policies", f));
const OPTIONAL_ACTIVE = ["lambda:InvokeFunction"];

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "calificar-api-log-"));
  const file = join(dir, "calls.txt");
  process.env[API_LOG_ENV] = file;
  return () => {
    const calls = readApiLog(file);
    rmSync(dir, { recursive: true, force: true });
    const policy = { Statement: POLICIES.flatMap((f) => (JSON.parse(readFileSync(f, "utf8")) as { Statement: { Action: string | string[] }[] }).Statement) };
    const outside = outsidePolicy(calls, policy, OPTIONAL_ACTIVE);
    if (outside.length) {
      process.exitCode = 1; // a throw here is only printed: vitest would still exit 0
      throw new Error(`calificar made AWS calls outside the shipped policies (policies/calificar-readonly.json, instructor-policy.json) during the tests: ${outside.join(", ")}`);
    }
    if (process.env["CALIFICAR_API_LOG_PRINT"]) console.log(`AWS calls made by graded processes: ${calls.join(", ")}`);
  };
}
