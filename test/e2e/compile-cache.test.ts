import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// On Node 22.8 and later the CLI keeps V8's compiled code of its chunks on disk, in the system's
// temporary folder, so a student's next run does not compile the AWS SDK again (Node 20 has no
// cache, and the CLI must run there all the same). TMPDIR points the default folder at ours:
// NODE_COMPILE_CACHE would turn the cache on by itself and prove nothing of the CLI.
const HAS_CACHE = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function";

describe(`the compile cache (this Node: ${process.version}, ${HAS_CACHE ? "has one" : "has none"})`, () => {
  it("is written in the temporary folder when Node has one, and the grade is the same either way", async () => {
    const temp = mkdtempSync(join(tmpdir(), "calificar-compile-cache-"));
    const dir = join(temp, "node-compile-cache");
    const args = ["lab-ec2", "--snapshot", "examples/lab-ec2.snapshot.json", "--format", "json"];
    const first = await runCli(args, { TMPDIR: temp });
    const again = await runCli(args, { TMPDIR: temp });
    const off = await runCli(args, { TMPDIR: temp, NODE_DISABLE_COMPILE_CACHE: "1" });
    expect([first.code, again.code, off.code]).toEqual([1, 1, 1]);
    const score = (out: string) => JSON.parse(out).score as number;
    expect(score(again.stdout)).toBe(score(first.stdout));
    expect(score(off.stdout)).toBe(score(first.stdout));
    const cached = existsSync(dir) ? readdirSync(dir, { recursive: true }).length : 0;
    if (HAS_CACHE) expect(cached).toBeGreaterThan(0);
    else expect(cached).toBe(0);
  });
});
