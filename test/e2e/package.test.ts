import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/** What `npx calificar` installs: the packed tarball, not the checkout. */
describe("npm package", () => {
  it("packs the CLI, labs, schemas and templates, and no tests", () => {
    const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" })) as {
      files: { path: string }[];
    }[];
    const files = pack!.files.map((f) => f.path);
    expect(files).toContain("dist/src/cli/bin.js");
    expect(files).toContain("labs/lab-ec2.json");
    expect(files).toContain("schemas/report.schema.json");
    expect(files).toContain("package.json");
    expect(files.filter((f) => f.startsWith("test/") || f.startsWith("src/") || f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("runs from the unpacked tarball", () => {
    const dir = mkdtempSync(join(tmpdir(), "calificar-pack-"));
    execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, stdio: "ignore" });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir]);
    // Dependencies come from the registry on a real install; here the checkout's stand in.
    symlinkSync(join(ROOT, "node_modules"), join(dir, "package", "node_modules"), "dir");
    const cli = join(dir, "package", "dist/src/cli/bin.js");
    const version = execFileSync(process.execPath, [cli, "--version"], { encoding: "utf8" }).trim();
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const labs = execFileSync(process.execPath, [cli, "labs", "--lang", "en"], { encoding: "utf8" });
    expect(labs).toContain("lab-ec2");
  });
});
