import { validateWorkflow } from "@action-validator/core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../support/cli.js";

// examples/workflows/clase.yml, checked by action-validator (the workflow JSON Schema of
// SchemaStore, compiled to WebAssembly: nothing is downloaded) and then for what the class
// needs: the shards of the matrix agree with --shard, OIDC, an artifact per shard, the merge.

const FILE = join(ROOT, "examples", "workflows", "clase.yml");
const text = readFileSync(FILE, "utf8");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { shard: number[] }; "fail-fast"?: boolean };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe("examples/workflows/clase.yml", () => {
  it("is a valid workflow for action-validator", () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it("and the validator does catch a broken one", () => {
    const broken = text.replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest").replace("id-token: write", "id-token: always");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it("runs at the deadline and on demand", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("grades one shard per matrix job, each with OIDC credentials, and every shard of the roster", () => {
    const grade = workflow.jobs["calificar"]!;
    const shards = grade.strategy!.matrix.shard;
    expect(grade.strategy!["fail-fast"]).toBe(false);
    expect(grade.permissions).toMatchObject({ "id-token": "write" });
    const run = grade.steps.find((s) => s.run?.includes(" clase "))!.run!;
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const upload = grade.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    // Students who could not be graded make the step fail; their shard's reports must still be kept.
    expect(upload.if).toBe("always()");
    expect(upload.with).toMatchObject({ name: "informes-${{ matrix.shard }}", path: "informes/" });
  });

  it("merges every shard's artifact into notas.csv and the dashboard, whatever the shards' exit codes", () => {
    const merge = workflow.jobs["juntar"]!;
    expect(merge.needs).toBe("calificar");
    expect(merge.if).toContain("!cancelled()");
    expect(merge.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!.with).toMatchObject({ pattern: "informes-*" });
    const run = merge.steps.map((s) => s.run ?? "").join("\n");
    expect(run).toContain("notas partes/informes-* --output clase/notas.csv");
    expect(run).toContain("tablero partes/informes-* --output clase/index.html");
  });

  it("publishes only the dashboard to Pages, and only when asked", () => {
    const publish = workflow.jobs["publicar"]!;
    expect(publish.if).toContain("vars.CALIFICAR_PAGES == 'true'");
    expect(publish.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(publish.steps.map((s) => s.run ?? "").join("\n")).not.toContain("notas.csv sitio");
  });

  it.each([
    ["actions/checkout", "v7"],
    ["actions/setup-node", "v7"],
    ["aws-actions/configure-aws-credentials", "v6"],
    ["actions/upload-artifact", "v7"],
    ["actions/download-artifact", "v8"],
    ["actions/configure-pages", "v6"],
    ["actions/upload-pages-artifact", "v5"],
    ["actions/deploy-pages", "v5"],
  ])("pins %s to its current major, %s", (action, major) => {
    const used = steps.filter((s) => s.uses?.startsWith(`${action}@`));
    expect(used.length).toBeGreaterThan(0);
    for (const step of used) expect(step.uses).toBe(`${action}@${major}`);
  });

  it("sets up Node 24 wherever it runs calificar", () => {
    for (const step of steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) expect(step.with).toEqual({ "node-version": 24 });
  });
});
