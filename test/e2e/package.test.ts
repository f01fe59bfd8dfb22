import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/** What `npx calificar` installs: the packed tarball, not the checkout. */

const MAX_TARBALL_BYTES = 3 * 1024 * 1024;

interface Pack {
  filename: string;
  size: number;
  files: { path: string }[];
}

let pack: Pack;
let tarball: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "calificar-pack-"));
  // --ignore-scripts: the tests' own build (test/support/build-fresh.ts) is what gets packed.
  pack = (JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" })) as Pack[])[0]!;
  tarball = join(dir, pack.filename);
}, 60_000);

describe("npm package", () => {
  it("packs the bundle, its types, labs, schemas and templates; no sources, tests or build leftovers", () => {
    const files = pack.files.map((f) => f.path);
    expect(files).toContain("dist/calificar.js");
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/types/src/index.d.ts");
    expect(files.some((f) => f.startsWith("dist/chunks/"))).toBe(true);
    for (const f of ["labs/lab-ec2.json", "schemas/report.schema.json", "report-templates", "policies/calificar-readonly.json", "data/prices.json", "package.json"]) {
      expect(files.some((p) => p.startsWith(f)), f).toBe(true);
    }
    const unwanted = files.filter(
      (f) => f.startsWith("test/") || f.startsWith("src/") || f.startsWith("scripts/") || f.startsWith("node_modules/") || (f.endsWith(".ts") && !f.endsWith(".d.ts")),
    );
    expect(unwanted).toEqual([]);
    // The Action's bundle and the build's own files stay out of what students download.
    expect(files.filter((f) => /^dist\/(action\.js|generated|build|bench|chunks\.json)/.test(f))).toEqual([]);
  });

  it("has no runtime dependencies and fits in 3 MB", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]) expect(manifest[field], field).toBeUndefined();
    expect(statSync(tarball).size).toBe(pack.size);
    expect(pack.size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
  });

  it("installs from the tarball alone (offline, nothing else fetched) and grades with its bin and its API", () => {
    const dir = mkdtempSync(join(tmpdir(), "calificar-install-"));
    // An empty cache: with no dependencies there is nothing to look up, so --offline cannot fail for want of one.
    const cache = mkdtempSync(join(tmpdir(), "calificar-npm-cache-"));
    execFileSync("npm", ["install", tarball, "--offline", "--no-audit", "--no-fund", "--cache", cache], { cwd: dir, stdio: "pipe" });
    const installed = join(dir, "node_modules", "calificar");
    expect(readFileSync(join(dir, "node_modules", ".package-lock.json"), "utf8")).not.toMatch(/"node_modules\/(?!calificar")/);

    const bin = join(dir, "node_modules", ".bin", "calificar");
    const version = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
    expect(version).toBe((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    expect(execFileSync(bin, ["labs", "--lang", "en"], { encoding: "utf8" })).toContain("lab-ec2");
    const graded = spawnSync(bin, ["lab-ec2", "--snapshot", join(installed, "examples/lab-ec2.snapshot.json"), "--format", "json"], { encoding: "utf8" });
    expect(graded.status, graded.stderr).toBe(1);
    expect(JSON.parse(graded.stdout)).toMatchObject({ lab: { id: "lab-ec2" }, passed: false });

    // The public API, as a program importing "calificar" would.
    const script = [
      'import { loadLab, labDirs, readSnapshot, evaluate, renderJson } from "calificar";',
      'const lab = await loadLab("lab-ec2", labDirs());',
      `const snapshot = await readSnapshot(${JSON.stringify(join(installed, "examples/lab-ec2.snapshot.json"))});`,
      'const result = evaluate(lab, snapshot, { lang: "en", now: new Date(0) });',
      "console.log(JSON.stringify({ score: result.score, max: result.maxScore }));",
    ].join("\n");
    const api = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
    expect(api.status, api.stderr).toBe(0);
    expect(JSON.parse(api.stdout)).toMatchObject({ score: expect.any(Number), max: expect.any(Number) });
  }, 120_000);
});
