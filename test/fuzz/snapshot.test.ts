import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRepo } from "../../src/collect/repo-reader.js";
import { UserError } from "../../src/core/errors.js";
import { evaluate } from "../../src/core/evaluate.js";
import { parseSnapshot, type Snapshot } from "../../src/core/snapshot.js";
import { FORMATS, renderers } from "../../src/report/index.js";
import { SERVER } from "../evaluate/ec2-facts.js";
import { ENVIRONMENT } from "../support/beanstalk-facts.js";
import { readLab, snapshotWith } from "../support/check-table.js";
import { ROOT } from "../support/cli.js";
import { FUNCTION } from "../support/lambda-facts.js";
import { BUCKET } from "../support/s3-facts.js";
import { budget, expectWellBehaved, mutate, mutation, params, runMain, RUNS, within, type Json } from "./fuzz.js";

// The snapshot loader, fuzzed: a saved snapshot (`--snapshot FILE`) of any content either grades,
// with every report format rendered, or is bad input (exit 2) with a sentence. Snapshots are
// edited by hand, cut by full disks and made by older versions: none of that may crash grading.

const IAM = {
  accountId: "123456789012",
  summary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 },
  caller: { arn: "arn:aws:iam::123456789012:user/ana", type: "user", name: "ana", mfaDevices: ["arn:aws:iam::123456789012:mfa/ana"] },
};

/** A snapshot per lab whose resource passes (or nearly) every check: the mutations' starting points. */
const BASES: { lab: string; snapshot: Snapshot }[] = [
  { lab: "lab-ec2", snapshot: JSON.parse(readFileSync(join(ROOT, "examples/lab-ec2.snapshot.json"), "utf8")) },
  { lab: "lab-ec2", snapshot: snapshotWith(readLab("lab-ec2"), SERVER) },
  { lab: "lab-lambda", snapshot: snapshotWith(readLab("lab-lambda"), FUNCTION) },
  { lab: "lab-s3", snapshot: snapshotWith(readLab("lab-s3"), BUCKET) },
  { lab: "lab-iam", snapshot: snapshotWith(readLab("lab-iam"), IAM) },
  {
    lab: "lab-beanstalk",
    snapshot: snapshotWith(readLab("lab-beanstalk"), ENVIRONMENT, {
      facts: { repo: await readRepo(join(ROOT, "test/fixtures/repos/beanstalk-json")) },
    }),
  },
];
const MAIN_RUNS = Math.ceil(RUNS / 10);
const LABS = Object.fromEntries(BASES.map((b) => [b.lab, readLab(b.lab)]));

/** A snapshot file's text: a base mutated (mostly in its facts), cut, or anything at all. */
const snapshotText = fc.oneof(
  {
    weight: 7,
    arbitrary: fc
      .tuple(fc.nat(BASES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 5 }))
      .map(([i, ms]) => ({ lab: BASES[i]!.lab, text: JSON.stringify(ms.reduce((d, m) => mutate(d, m), BASES[i]!.snapshot as unknown as Json)) })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.nat(BASES.length - 1), fc.nat(), fc.string()).map(([i, at, junk]) => {
      const text = JSON.stringify(BASES[i]!.snapshot);
      return { lab: BASES[i]!.lab, text: text.slice(0, at % (text.length + 1)) + junk };
    }),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BASES.map((b) => b.lab)), fc.oneof(fc.json(), fc.string({ unit: "binary" }))).map(([lab, text]) => ({ lab, text })) },
);

async function load(text: string): Promise<Snapshot | UserError> {
  try {
    return await parseSnapshot(text, "/tmp/fuzz.snapshot.json");
  } catch (err) {
    if (err instanceof UserError) return err;
    throw new Error(`parseSnapshot threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
}

describe("fuzzing the snapshot loader", () => {
  it(`parseSnapshot, then evaluate and every report format: a report, or bad input with a sentence (${RUNS} cases)`, async () => {
    const render = Object.fromEntries(await Promise.all(FORMATS.map(async (f) => [f, await renderers[f]!()] as const)));
    await fc.assert(
      fc.asyncProperty(snapshotText, async ({ lab, text }) => {
        const snapshot = await within(5000, load(text));
        if (snapshot instanceof UserError) {
          expect(snapshot.exitCode).toBe(2);
          expect(snapshot.text.es).toMatch(/^La instantánea /);
          return;
        }
        if (!snapshot.facts || !(LABS[lab]!.resource.collector in snapshot.facts)) return; // the CLI refuses it (exit 2)
        for (const lang of ["es", "en"] as const) {
          let result;
          try {
            result = evaluate(LABS[lab]!, snapshot, { lang, now: new Date("2026-04-13T10:00:00Z") });
          } catch {
            // Facts of a shape evaluation cannot read: gradeLab makes that bad input (exit 2) for a
            // saved snapshot, which the main() property below checks through the CLI.
            return;
          }
          for (const format of FORMATS) {
            const out = await render[format]!(result, { color: lang === "es", env: {} });
            expect(typeof out).toBe("string");
          }
        }
      }),
      params(),
    );
  }, budget(15));

  // Each case loads and compiles the lab again, as the CLI does: fewer cases, the whole path.
  it(`--snapshot FILE through main(): exit 0–3, never a stack or «a bug in calificar» (${MAIN_RUNS} cases)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "calificar-fuzz-snapshots-"));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(snapshotText, fc.constantFrom(...FORMATS), async ({ lab, text }, format) => {
        const file = join(dir, `${n++}.snapshot.json`);
        writeFileSync(file, text);
        const argv = [lab, "--snapshot", file, "--format", format];
        expectWellBehaved(await within(10_000, runMain(argv)), argv);
      }),
      params(MAIN_RUNS),
    );
  }, budget(200, MAIN_RUNS));
});
