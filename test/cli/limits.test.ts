import { closeSync, mkdtempSync, openSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTextWithin, TooLarge } from "../../src/files/read.js";
import { runCli } from "../support/cli.js";

// Files people give have a documented size limit (README, docs/decisions.md), said in the error:
// snapshots 100 MB, lab files 1 MB. The size is checked before reading: the sparse files here are
// hundreds of megabytes on paper and nothing on disk, and reading them is what must not happen.

const scratch = mkdtempSync(join(tmpdir(), "calificar-limits-"));
function sparse(name: string, bytes: number, dir = scratch): string {
  const file = join(dir, name);
  closeSync(openSync(file, "w"));
  truncateSync(file, bytes);
  return file;
}
const MB = 1024 * 1024;

describe("size limits of the files calificar reads", () => {
  it("refuses a snapshot over 100 MB with exit 2, saying its size and the limit", async () => {
    const file = sparse("enorme.snapshot.json", 600 * MB);
    for (const [lang, says] of [
      ["es", `calificar: La instantánea ${file} pesa 600 MB: calificar lee instantáneas de hasta 100 MB`],
      ["en", `calificar: Snapshot ${file} is 600 MB: calificar reads snapshots of up to 100 MB`],
    ] as const) {
      const run = await runCli(["lab-ec2", "--snapshot", file, "--lang", lang], {}, 30_000);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(says);
    }
  });

  it("refuses a lab file over 1 MB, given by path or found in --labs", async () => {
    const file = sparse("lab-grande.json", 2 * MB);
    const byPath = await runCli([file, "--snapshot", "examples/lab-ec2.snapshot.json"], {}, 30_000);
    expect(byPath.code).toBe(2);
    expect(byPath.stderr.trim()).toBe(`calificar: El laboratorio ${file} pesa 2 MB: calificar lee laboratorios de hasta 1 MB`);
    const dir = mkdtempSync(join(tmpdir(), "calificar-labs-"));
    sparse("lab-ec2.json", 3 * MB, dir);
    const inDir = await runCli(["lab-ec2", "--labs", dir, "--snapshot", "examples/lab-ec2.snapshot.json"], {}, 30_000);
    expect(inDir.code).toBe(2);
    expect(inDir.stderr).toContain("pesa 3 MB: calificar lee laboratorios de hasta 1 MB");
  });

  it("says the limits in --help", async () => {
    expect((await runCli(["--help"])).stdout).toContain("(hasta 100 MB)");
    expect((await runCli(["--help", "--lang", "en"])).stdout).toContain("each file up to 1 MB");
  });

  it("reads a file at the limit, and a stream only up to it", async () => {
    const file = join(scratch, "justo.txt");
    writeFileSync(file, "x".repeat(1000));
    expect(await readTextWithin(file, 1000)).toHaveLength(1000);
    await expect(readTextWithin(file, 999)).rejects.toBeInstanceOf(TooLarge);
    // A device with no size (like a pipe) is read until it passes the limit, never to its end.
    await expect(readTextWithin("/dev/zero", 3 * MB)).rejects.toMatchObject({ size: 3 * MB + 1, limit: 3 * MB });
  });
});
