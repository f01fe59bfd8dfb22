import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { query } from "../../src/core/compile.js";
import type { HttpAnswer } from "../../src/core/evidence.js";
import { evaluate } from "../../src/core/evaluate.js";
import type { Lab } from "../../src/core/lab.js";
import type { CheckResult } from "../../src/core/result.js";
import type { CallError, Snapshot } from "../../src/core/snapshot.js";
import type { Lang } from "../../src/core/text.js";
import { ROOT } from "./cli.js";

type Facts = Record<string, unknown>;

export function readLab(id: string): Lab {
  return JSON.parse(readFileSync(join(ROOT, "labs", `${id}.json`), "utf8")) as Lab;
}

/**
 * A candidate as a table writes it (its facts, with the answers of its probes and their timeouts
 * beside them) split as a snapshot holds it: the collector's facts, and `probes` by candidate id.
 */
function splitProbes(lab: Lab, candidate: Facts | null): { facts: Facts | null; probes?: Snapshot["probes"] } {
  if (!candidate || !("probes" in candidate)) return { facts: candidate };
  const { probes, errors, ...facts } = candidate as Facts & { probes: Record<string, HttpAnswer[]>; errors?: CallError[] };
  const id = String(query(lab.resource.id, candidate));
  const own = (errors ?? []).filter((e) => !e.action.startsWith("http:"));
  const record = { answers: probes, errors: (errors ?? []).filter((e) => e.action.startsWith("http:")) };
  return { facts: own.length ? { ...facts, errors: own } : facts, probes: { [id]: record } };
}

/** A snapshot holding one candidate (plus `extra` facts), shaped as the lab's collector stores it. */
export function snapshotWith(lab: Lab, written: Facts | null, extra: Partial<Snapshot> = {}): Snapshot {
  const list = lab.resource.list;
  const { facts: candidate, probes } = splitProbes(lab, written);
  const holder = list === "[@]" ? (candidate ?? {}) : { [list]: candidate ? [candidate] : [] };
  return {
    schemaVersion: 2,
    ...(probes ? { probes } : {}),
    tool: { name: "calificar", version: "test" },
    lab: lab.id,
    collectedAt: "2026-11-28T10:00:00.000Z",
    account: { id: "123456789012", arn: "arn:aws:iam::123456789012:user/ana" },
    region: "us-east-1",
    ...extra,
    facts: { ...(extra.facts ?? {}), [lab.resource.collector]: holder },
    errors: extra.errors ?? [],
  };
}

export function gradeOne(lab: Lab, candidate: Facts | null, extra: Partial<Snapshot> = {}, lang: Lang = "es") {
  return evaluate(lab, snapshotWith(lab, candidate, extra), { lang, now: new Date("2026-11-28T10:00:00Z") });
}

export interface FailRow {
  facts: Facts;
  /** Evidence expected on the failed check (the `found`/`expected` fields of the report). */
  found?: string | null;
  expected?: string;
  /** Substrings the message must contain, in Spanish and English. */
  says?: { es?: string; en?: string };
  /** Substrings the hint must contain: the hint that fits this failure (a check's `hints`). */
  hint?: { es?: string; en?: string };
}

export interface ErrorRow {
  facts?: Facts;
  errors: CallError[];
  says?: { es?: string; en?: string };
}

/**
 * ESLint RuleTester's shape for one check: rows that must pass and rows that must fail with
 * given evidence. Each row is merged over `base`, a candidate that passes every check.
 */
export function checkTable(
  labId: string,
  checkId: string,
  base: Facts,
  table: { passes: Facts[]; fails: FailRow[]; errors?: ErrorRow[]; snapshot?: Partial<Snapshot> },
): void {
  const lab = readLab(labId);
  const pick = (result: ReturnType<typeof gradeOne>): CheckResult => {
    const found = result.checks.find((c) => c.id === checkId);
    if (!found) throw new Error(`${labId} has no check ${checkId}`);
    return found;
  };
  describe(`${labId} › ${checkId}`, () => {
    it.each(table.passes.map((facts, i) => [i, facts] as const))("passes row %i", (_i, facts) => {
      const check = pick(gradeOne(lab, { ...base, ...facts }, table.snapshot));
      expect(check, check.message).toMatchObject({ status: "passed" });
      expect(check.points).toBe(check.maxPoints);
    });
    it.each(table.fails.map((row, i) => [i, row] as const))("fails row %i", (_i, row) => {
      for (const lang of ["es", "en"] as const) {
        const check = pick(gradeOne(lab, { ...base, ...row.facts }, table.snapshot, lang));
        expect(check.status, check.message).toBe("failed");
        expect(check.points).toBe(0);
        expect(check.hint).toBeTruthy();
        if (row.found !== undefined) expect(check.found).toBe(row.found);
        if (row.expected !== undefined && lang === "es") expect(check.expected).toBe(row.expected);
        const says = row.says?.[lang];
        if (says) expect(check.message).toContain(says);
        const hint = row.hint?.[lang];
        if (hint) expect(check.hint).toContain(hint);
      }
    });
    it.each((table.errors ?? []).map((row, i) => [i, row] as const))("is an error, not a failure, in row %i", (_i, row) => {
      for (const lang of ["es", "en"] as const) {
        const check = pick(gradeOne(lab, { ...base, ...row.facts }, { ...table.snapshot, errors: row.errors }, lang));
        expect(check.status, check.message).toBe("error");
        expect(check.points).toBe(0);
        const says = row.says?.[lang];
        if (says) expect(check.message).toContain(says);
      }
    });
  });
}
