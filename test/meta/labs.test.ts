import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isRepoRead } from "../../src/core/repo-reads.js";
import { describe, expect, it } from "vitest";
import { collectors, loadCollector } from "../../checks/index.js";
import { bundledLabsDir, listLabs } from "../../src/app/labs.js";
import type { Lab } from "../../src/core/lab.js";
import { parseLab } from "../../src/core/parse-lab.js";
import { ROOT } from "../support/cli.js";

// What ESLint's build check does for rules, for labs: every lab file is valid, its check ids are
// stable-looking and unique, every check has an evaluation table, and every collector and
// permission a lab relies on exists. Files are listed at collection time, so a new lab in labs/
// is covered without touching this test (and fails here until its tables exist).

const LABS_DIR = join(ROOT, "labs");
const EVALUATE_DIR = join(ROOT, "test", "evaluate");
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The action a lab's HTTP probes record their failures under (checks/http.ts). */
const PROBE_ACTION = "http:GET";

const labFiles = readdirSync(LABS_DIR).filter((f) => f.endsWith(".json")).sort();

/** `checkTable("lab-x", "check-id", ...)` calls in test/evaluate/*.test.ts, as "lab-x/check-id". */
function tablesInTests(): Set<string> {
  const found = new Set<string>();
  const call = /\bcheckTable\(\s*(["'`])([^"'`]+)\1\s*,\s*(["'`])([^"'`]+)\3/g;
  for (const file of readdirSync(EVALUATE_DIR).filter((f) => f.endsWith(".test.ts"))) {
    const source = readFileSync(join(EVALUATE_DIR, file), "utf8");
    for (const m of source.matchAll(call)) found.add(`${m[2]}/${m[4]}`);
  }
  return found;
}

const tables = tablesInTests();

it("finds the labs and the evaluation tables it checks", () => {
  expect(labFiles).toContain("lab-ec2.json");
  expect(tables.has("lab-ec2/instance-type")).toBe(true);
});

it("loads every bundled lab through listLabs, each id once", async () => {
  const labs = await listLabs([bundledLabsDir()]);
  expect(labs.map((l) => `${l.id}.json`).sort()).toEqual(labFiles);
});

describe.each(labFiles)("labs/%s", (file) => {
  const text = () => readFileSync(join(LABS_DIR, file), "utf8");
  // The other tests read the file as it is, so one broken rule does not hide the rest.
  const load = async (): Promise<Lab> => JSON.parse(text()) as Lab;

  it("validates against schemas/lab.schema.json and compiles", async () => {
    await expect(parseLab(text(), file)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("is named after its id", async () => {
    expect(`${(await load()).id}.json`).toBe(file);
  });

  it("has unique kebab-case check ids", async () => {
    const ids = (await load()).checks.map((c) => c.id);
    expect(ids.filter((id) => !KEBAB.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("has a checkTable in test/evaluate/ for every check", async () => {
    const lab = await load();
    const missing = lab.checks.map((c) => `${lab.id}/${c.id}`).filter((key) => !tables.has(key));
    expect(missing, `add checkTable("${lab.id}", "<check-id>", …) rows to test/evaluate/${lab.id}.test.ts`).toEqual([]);
  });

  it("names only collectors registered in checks/index.ts, and they load", async () => {
    const lab = await load();
    expect(lab.collectors).toContain(lab.resource.collector);
    expect(lab.collectors.filter((name) => !(name in collectors))).toEqual([]);
    for (const name of lab.collectors) {
      const collector = await loadCollector(name);
      expect(collector.service).toBe(name);
    }
  });

  it("requires only actions its collectors declare (or http:GET when it has probes, or repository reads on repository checks)", async () => {
    const lab = await load();
    const declared = new Set<string>((await Promise.all(lab.collectors.map(loadCollector))).flatMap((c) => [...c.actions]));
    if (lab.probes?.length) declared.add(PROBE_ACTION);
    const required = [
      ...(lab.resource.requires ?? []).map((action) => ({ where: "resource", action, repo: false })),
      ...lab.checks.flatMap((c) => (c.requires ?? []).map((action) => ({ where: c.id, action, repo: c.on === "repo" }))),
    ];
    expect(required.filter((r) => !declared.has(r.action) && !(r.repo && isRepoRead(r.action)))).toEqual([]);
  });

  it("says which files each repository check reads, so one it could not read is an error, not a silent pass or fail", async () => {
    const lab = await load();
    const silent = lab.checks.filter((c) => c.on === "repo" && !(c.requires ?? []).some(isRepoRead)).map((c) => c.id);
    expect(silent).toEqual([]);
  });
});
