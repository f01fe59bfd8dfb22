import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../support/cli.js";

// action.yml runs dist/action.js, a bundle committed to the repository (the runner checks the
// action out and runs it: no npm install). Like the typescript-action template's check-dist
// workflow, this rebuilds it and fails when the committed file is not what the sources build.

const BUNDLE = join(ROOT, "dist", "action.js");

describe("dist/action.js", () => {
  it("is what `npm run build:action` builds from the sources now (rebuild and commit it if not)", () => {
    const out = join(mkdtempSync(join(tmpdir(), "calificar-bundle-")), "action.js");
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-action.mjs"), out], { cwd: ROOT, stdio: "pipe" });
    const fresh = readFileSync(out);
    const committed = readFileSync(BUNDLE);
    // Byte for byte; the message stays short (the bundle is megabytes).
    expect(committed.equals(fresh), "dist/action.js is stale: run `npm run build:action` and commit it").toBe(true);
  }, 60_000);

  it("runs with nothing but the action's own checkout beside it: no node_modules, labs and schemas found", () => {
    // What the runner has under _actions/<owner>/calificar/<ref>/.
    const action = join(mkdtempSync(join(tmpdir(), "calificar-checkout-")), "calificar");
    mkdirSync(join(action, "dist"), { recursive: true });
    cpSync(BUNDLE, join(action, "dist", "action.js"));
    for (const entry of ["package.json", "labs", "schemas", "report-templates"]) cpSync(join(ROOT, entry), join(action, entry), { recursive: true });
    const run = spawnSync(process.execPath, [join(action, "dist", "action.js")], {
      cwd: tmpdir(),
      env: { PATH: process.env["PATH"] ?? "", HOME: tmpdir(), INPUT_LAB: "lab-nada", "INPUT_FAIL-ON-FAIL": "true" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(1);
    // The list of labs comes from the copied labs/, validated with the copied schemas/.
    expect(run.stdout).toContain("::error::calificar: Laboratorio desconocido «lab-nada». Laboratorios disponibles: lab-beanstalk, lab-ec2");
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
  });
});

describe("action.yml", () => {
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    runs: { using: string; main: string };
    inputs: Record<string, { required?: boolean; default?: string }>;
    outputs: Record<string, unknown>;
  };
  const source = readFileSync(join(ROOT, "src", "action", "run.ts"), "utf8");

  // GitHub's hosted runners dropped Node 20 on 23 September 2026.
  it("runs the committed bundle on node24", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/action.js" });
  });

  it("declares the issue's inputs, with their defaults", () => {
    expect(Object.keys(action.inputs).sort()).toEqual(["fail-on-fail", "format", "lab", "labs-dir", "lang", "region", "repo-only", "repo-path", "report-path"]);
    expect(action.inputs["lab"]?.required).toBe(true);
    // No default: the input, then CALIFICAR_LANG, then Spanish, as the CLI reads them.
    expect(action.inputs["lang"]?.default).toBeUndefined();
    expect(action.inputs["repo-only"]?.default).toBe("false");
    expect(action.inputs["fail-on-fail"]?.default).toBe("true");
    expect(action.inputs["repo-path"]?.default).toBe("${{ github.workspace }}");
    expect(action.inputs["format"]?.default).toBe("json");
  });

  it("declares the outputs run() sets, and run() reads only declared inputs", () => {
    expect(Object.keys(action.outputs).sort()).toEqual(["max-score", "passed", "report-path", "result", "score"]);
    const read = [...source.matchAll(/core\.getInput\("([^"]+)"/g)].map((m) => m[1]!);
    const set = [...source.matchAll(/core\.setOutput\("([^"]+)"/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !(name in action.inputs))).toEqual([]);
    expect(new Set(set)).toEqual(new Set(Object.keys(action.outputs)));
  });
});
