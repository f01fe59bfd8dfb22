import fc from "fast-check";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { evaluate } from "../../src/core/evaluate.js";
import type { Lab } from "../../src/core/lab.js";
import { parseLab } from "../../src/core/parse-lab.js";
import type { Snapshot } from "../../src/core/snapshot.js";
import { ROOT, runCli } from "../support/cli.js";
import { budget, expectWellBehaved, mutate, params, runMain, RUNS, within, type Json, type Mutation } from "./fuzz.js";

// The lab loader, fuzzed: an instructor's lab file (`--labs DIR`) of any content is either a lab
// that grades without crashing, or bad input (exit 2) with a sentence; never a stack, never a hang.

const LABS = readdirSync(join(ROOT, "labs")).filter((f) => f.endsWith(".json"));
const BUNDLED: Record<string, unknown>[] = LABS.map((f) => JSON.parse(readFileSync(join(ROOT, "labs", f), "utf8")));
const EXAMPLE = join(ROOT, "examples/lab-ec2.snapshot.json");
const SNAPSHOT = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Snapshot;

/** Values that mean something in a lab: schemas, JMESPath, ids, collectors, texts. */
const labish = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    { const: "running" }, { type: "array", maxItems: 0 }, { not: {} }, { $ref: "#/nope" }, { pattern: "(" }, { minimum: "x" },
    "instances[0]", "length(@)", "tags.Name", "[?state=='running']", "sort_by(@, &x)", "@.{", "to_number('x')", "max(@)",
    "ec2", "s3", "repo", "sts", "nada", "lab-fuzz", "", " ", "∞", "\u0000", { es: "a", en: "b" }, { es: "" }, -1, 1e308, 150, 0,
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("replace", "delete", "insert"),
  where: fc.nat(),
  value: labish,
  key: fc.constantFrom("id", "subject", "expected", "requires", "on", "found", "location", "collectors", "points", "probes", "x"),
});

/** A lab file's text: a bundled lab mutated, its text cut or corrupted, or anything at all. */
const labText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...BUNDLED), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([lab, ms]) => JSON.stringify(ms.reduce((d, m) => mutate(d, m), lab as Json))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...BUNDLED), fc.nat(), fc.string()).map(([lab, at, junk]) => { const t = JSON.stringify(lab); const i = at % (t.length + 1); return t.slice(0, i) + junk; }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.json() },
);

/** parseLab's verdict: a lab, or the UserError it must be; anything else is a finding. */
async function verdict(text: string): Promise<Lab | UserError> {
  try {
    return await parseLab(text, "/labs/lab-fuzz.json");
  } catch (err) {
    if (err instanceof UserError) return err;
    throw new Error(`parseLab threw ${(err as Error)?.name}: ${(err as Error)?.message}\n${text.slice(0, 500)}`);
  }
}

describe("fuzzing the lab loader", () => {
  it(`parseLab: a lab, or bad input with a sentence in both languages; a lab that loads grades a snapshot without crashing (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(labText, async (text) => {
        const result = await within(5000, verdict(text));
        if (result instanceof UserError) {
          expect(result.exitCode).toBe(2);
          for (const sentence of [result.text.es, result.text.en]) expect(sentence).toMatch(/^\S.*\S$/s);
          expect(result.text.es + result.text.en).not.toMatch(/undefined|\[object Object\]/);
          return;
        }
        // Loaded: grading the example snapshot (facts of lab-ec2) must work, whatever the lab says.
        for (const lang of ["es", "en"] as const) evaluate(result, SNAPSHOT, { lang, now: new Date(0) });
      }),
      params(),
    );
  }, budget(5));

  it(`--labs DIR through main(): exit 0–3, never a stack or «a bug in calificar» (${Math.ceil(RUNS / 5)} cases)`, async () => {
    const root = mkdtempSync(join(tmpdir(), "calificar-fuzz-labs-"));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(labText, fc.constantFrom("json", "text", "md", "html", "junit"), async (text, format) => {
        const dir = join(root, String(n++));
        mkdirSync(dir);
        writeFileSync(join(dir, "lab-fuzz.json"), text);
        const argv = ["lab-fuzz", "--labs", dir, "--snapshot", EXAMPLE, "--format", format];
        expectWellBehaved(await within(10_000, runMain(argv)), argv);
      }),
      params(Math.ceil(RUNS / 5)),
    );
  }, budget(20, Math.ceil(RUNS / 5)));

  it("--labs DIR through the built CLI, for a few cases", async () => {
    const root = mkdtempSync(join(tmpdir(), "calificar-fuzz-labs-cli-"));
    const texts = fc.sample(labText, { numRuns: 4, seed: 7 });
    await Promise.all(
      texts.map(async (text, i) => {
        const dir = join(root, String(i));
        mkdirSync(dir);
        writeFileSync(join(dir, "lab-fuzz.json"), text);
        const argv = ["lab-fuzz", "--labs", dir, "--snapshot", EXAMPLE];
        const run = await runCli(argv);
        expectWellBehaved({ code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr }, argv);
      }),
    );
  });
});
