import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childModule } from "../support/child-module.js";
import { ROOT, startCli } from "../support/cli.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws.js";
import { awsEnv, startMoto, type Moto } from "../support/moto.js";
import { seedServer } from "../support/seed-ec2.js";

// Ctrl-C and SIGTERM in the middle of a run: the CLI ends at once with a sentence, and a report or
// snapshot it was asked to write is whole or absent, never half-written (writeFileAtomic writes
// a temporary file beside it and renames it into place; the handler removes the temporary file).

let moto: Moto;
let fake: FakeAws;
const tmp = mkdtempSync(join(tmpdir(), "calificar-interrupt-"));

beforeAll(async () => {
  moto = await startMoto();
  await seedServer(moto.url, { elasticIp: true });
  fake = await startFakeAws(moto.url);
  // A run that is busy with AWS when the signal comes: one call that never answers.
  fake.on("ec2:DescribeVolumes", { hang: true });
});
afterAll(async () => Promise.all([fake?.close(), moto?.stop()]));

const EXAMPLE = JSON.parse(readFileSync(join(ROOT, "examples/lab-ec2.snapshot.json"), "utf8"));

/** What a folder holds apart from `keep`: half-written or temporary files would show up here. */
const leftovers = (dir: string, keep: string[] = []) => readdirSync(dir).filter((f) => !keep.includes(f));

describe.concurrent("an interrupted grading", () => {
  // Side by side: each test uses the expect of its own context.
  it.for([
    ["SIGINT", 130, "calificar: interrumpido; no se escribió ningún archivo a medias.", []],
    ["SIGTERM", 143, "calificar: interrupted; no file was left half-written.", ["--lang", "en"]],
  ] as const)("%s while waiting for AWS: exit %i at once, a sentence, no file written", async ([signal, code, sentence, lang], { expect }) => {
    const dir = mkdtempSync(join(tmp, "run-"));
    const before = fake.calls.length;
    const { child, done } = startCli(
      ["lab-ec2", "--format", "json", "--no-probe", "--save-snapshot", join(dir, "cuenta.snapshot.json"), "--output", join(dir, "informe.json"), ...lang],
      awsEnv(fake.url),
    );
    await expect.poll(() => fake.calls.slice(before).includes("ec2:DescribeVolumes"), { timeout: 20_000 }).toBe(true);
    child.kill(signal);
    const run = await done;
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(sentence);
    expect(run.stderr).not.toMatch(/^\s{4}at /m);
    expect(leftovers(dir)).toEqual([]);
  });

  it("SIGINT while the snapshot and the report are being written: each file whole or absent, no temporary file left", async ({ expect }) => {
    // A snapshot of some 40 MB (one enormous tag) makes the writing window wide enough to land in.
    const big = structuredClone(EXAMPLE);
    big.facts.ec2.instances[0].tags = { ...big.facts.ec2.instances[0].tags, relleno: "x".repeat(40 * 1024 * 1024) };
    const input = join(tmp, "grande.snapshot.json");
    writeFileSync(input, JSON.stringify(big));
    for (const delayMs of [0, 20, 60]) {
      const dir = mkdtempSync(join(tmp, "write-"));
      const snapshot = join(dir, "copia.snapshot.json");
      const report = join(dir, "informe.json");
      const { child, done } = startCli(["lab-ec2", "--snapshot", input, "--save-snapshot", snapshot, "--format", "json", "--output", report]);
      // Wait for the temporary file of the snapshot to appear, then interrupt.
      await expect.poll(() => readdirSync(dir).length > 0 || child.exitCode !== null, { timeout: 30_000, interval: 5 }).toBe(true);
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill("SIGINT");
      const run = await done;
      for (const file of [snapshot, report]) {
        if (existsSync(file)) expect(() => JSON.parse(readFileSync(file, "utf8")), file).not.toThrow();
      }
      expect(leftovers(dir, ["copia.snapshot.json", "informe.json"])).toEqual([]);
      if (run.code === 130) expect(run.stderr).toContain("interrumpido");
      // The signal came as the process was exiting, past its handlers: what it wrote is checked above.
      else if (run.signal === "SIGINT") expect(existsSync(snapshot) && existsSync(report)).toBe(true);
      else expect(run.code).toBe(1); // it finished before the signal: then both files are there
    }
  });
});

describe("writeFileAtomic under SIGKILL (no handler can run)", () => {
  it("the file being replaced keeps its old content, whole, whenever the process dies", async () => {
    const write = await childModule("src/files/write.ts");
    for (const delayMs of [0, 10, 40]) {
      const dir = mkdtempSync(join(tmp, "kill-"));
      const target = join(dir, "informe.json");
      const old = JSON.stringify({ version: "anterior" });
      writeFileSync(target, old);
      const script = `const { writeFileAtomic } = await import(${JSON.stringify(write)});
        await writeFileAtomic(${JSON.stringify(target)}, JSON.stringify({ version: "nueva", relleno: "x".repeat(64 * 1024 * 1024) }));`;
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      await expect.poll(() => readdirSync(dir).length > 1 || child.exitCode !== null, { timeout: 30_000, interval: 2 }).toBe(true);
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill("SIGKILL");
      await exited;
      // Killed mid-write, or finished first: never a child that failed before writing anything.
      expect([0, null], String(child.exitCode)).toContain(child.exitCode);
      const text = readFileSync(target, "utf8");
      // Old or new, never a mix: the new one is only ever seen whole, after its rename.
      if (text === old) continue;
      expect(JSON.parse(text).version).toBe("nueva");
    }
  });
});
