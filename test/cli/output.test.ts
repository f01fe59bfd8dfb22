import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// --output into folders that cannot hold one: a quick exit 2 with a sentence. Node's recursive
// mkdir loops forever under /proc (it answers ENOENT for a child of a folder that exists) and
// under a dangling symlink; calificar creates missing folders one level at a time instead.

const EXAMPLE = "examples/lab-ec2.snapshot.json";

describe("--output", () => {
  it.each([
    ["under /proc", "/proc/calificar-no-existe/informe/lab.html"],
    ["under a dangling symlink", (() => {
      const dir = mkdtempSync(join(tmpdir(), "calificar-enlace-"));
      symlinkSync(join(dir, "no-existe"), join(dir, "enlace"));
      return join(dir, "enlace", "informes", "lab.html");
    })()],
    ["under a file", join(process.cwd(), "package.json", "informe.html")],
  ])("refuses a path %s with exit 2 and a sentence", async (_label, output) => {
    const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "html", "--output", output], {}, 30_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`calificar: No se puede escribir ${output}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("still creates missing folders", async () => {
    const output = join(mkdtempSync(join(tmpdir(), "calificar-out-")), "informes", "2026", "lab.json");
    const run = await runCli(["lab-ec2", "--snapshot", EXAMPLE, "--format", "json", "--output", output]);
    expect(run.code).toBe(1);
    expect(existsSync(output)).toBe(true);
    expect(JSON.parse(readFileSync(output, "utf8")).lab.id).toBe("lab-ec2");
  });
});
