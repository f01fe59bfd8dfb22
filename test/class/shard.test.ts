import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inShard, MAX_SHARDS, parseShard, selectShard, ShardError, shardOf, type Shard } from "../../src/class/shard.js";

// `printf %s ana | sha1sum` starts 72019bba; luis, faea5242: first 8 hex digits mod n, plus 1.
const PINNED: [string, number, number][] = [
  ["ana", 1, 1],
  ["ana", 4, (0x72019bba % 4) + 1],
  ["ana", 256, (0x72019bba % 256) + 1],
  ["luis", 10, (0xfaea5242 % 10) + 1],
];

describe("parseShard", () => {
  it.each<[string, Shard]>([
    ["1/1", { index: 1, count: 1 }],
    ["2/4", { index: 2, count: 4 }],
    [" 3 / 3 ", { index: 3, count: 3 }],
    ["01/04", { index: 1, count: 4 }],
    [`${MAX_SHARDS}/${MAX_SHARDS}`, { index: MAX_SHARDS, count: MAX_SHARDS }],
  ])("reads %j", (spec, shard) => {
    expect(parseShard(spec)).toEqual(shard);
  });

  it.each<[string, RegExp, RegExp]>([
    ["", /se espera i\/n/, /expected i\/n/],
    ["2", /se espera i\/n/, /expected i\/n/],
    ["2/", /se espera i\/n/, /expected i\/n/],
    ["a/b", /se espera i\/n/, /expected i\/n/],
    ["1.5/4", /se espera i\/n/, /expected i\/n/],
    ["-1/4", /se espera i\/n/, /expected i\/n/],
    ["+1/4", /se espera i\/n/, /expected i\/n/],
    ["1/0", /se espera i\/n/, /expected i\/n/],
    ["0/4", /desde 1 \(1\/4 es la primera\)/, /from 1 \(1\/4 is the first\)/],
    ["5/4", /solo hay 4 partes, la 5 no existe/, /only 4 parts, part 5 does not exist/],
    ["1/257", /como mucho 256 partes/, /at most 256 parts/],
    ["1/99999999", /se espera i\/n/, /expected i\/n/],
  ])("refuses %j, saying why in Spanish and English", (spec, es, en) => {
    try {
      parseShard(spec);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ShardError);
      expect((error as ShardError).text.es).toMatch(es);
      expect((error as ShardError).text.en).toMatch(en);
      expect((error as ShardError).text.es).toContain(`«${spec}»`);
    }
  });
});

const studentId = fc.stringMatching(/^[A-Za-z0-9._@-]{1,24}$/);
const roster = fc.uniqueArray(studentId, { minLength: 0, maxLength: 300, selector: (id) => id.toLowerCase() });
const count = fc.integer({ min: 1, max: MAX_SHARDS });
const shards = (n: number): Shard[] => Array.from({ length: n }, (_, i) => ({ index: i + 1, count: n }));

describe("inShard: a stable split", () => {
  it("puts every student in exactly one shard: shards cover the roster and never overlap", () => {
    fc.assert(
      fc.property(roster, count, (ids, n) => {
        for (const id of ids) {
          expect(shards(n).filter((shard) => inShard(id, shard))).toHaveLength(1);
        }
        const union = shards(n).flatMap((shard) => selectShard(ids.map((student) => ({ student })), shard).map((s) => s.student));
        expect(union.sort()).toEqual([...ids].sort());
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a student's shard whatever the roster's order or size", () => {
    fc.assert(
      fc.property(roster, roster, count, fc.integer({ min: 0, max: 1000 }), (ids, others, n, seed) => {
        const shuffled = [...ids, ...others].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
        for (const shard of shards(n)) {
          const alone = selectShard(ids.map((student) => ({ student })), shard).map((s) => s.student);
          const within = selectShard(shuffled.map((student) => ({ student })), shard).map((s) => s.student);
          expect(alone.every((id) => within.includes(id))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  // A change of hash would move students between the shards of a run already under way.
  it.each(PINNED)("pins %j among %i to shard %i (as sha1sum computes it)", (id, n, shard) => {
    expect(shardOf(id, n)).toBe(shard);
  });

  it.each([2, 4, 7, 10, 16])("splits 1000 ids roughly evenly into %i shards", (n) => {
    const ids = Array.from({ length: 1000 }, (_, i) => `alumno-${String(i + 1).padStart(4, "0")}`);
    const sizes = shards(n).map((shard) => ids.filter((id) => inShard(id, shard)).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    const expected = 1000 / n;
    // Binomial spread: 4 standard deviations either side of the mean.
    const slack = 4 * Math.sqrt(1000 * (1 / n) * (1 - 1 / n));
    for (const size of sizes) expect(Math.abs(size - expected)).toBeLessThanOrEqual(slack);
  });
});

