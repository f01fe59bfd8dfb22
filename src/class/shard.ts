import { createHash } from "node:crypto";
import { fill, type Text } from "../core/text.js";
import { SHARD_MSG as MSG } from "./messages.js";

/**
 * `calificar clase --shard i/n`: a CI matrix grades a class in n parallel jobs, job i taking
 * shard i. A student's shard depends only on their id (a hash of it), never on the roster's order
 * or size, so a re-run lands every student where they were and adding a student moves no one.
 */

/** Shard `index` of `count`, both 1-based as people (and GitHub's matrix) count. */
export interface Shard {
  index: number;
  count: number;
}

/** Enough for any class and any CI: GitHub Actions runs at most 256 jobs per matrix. */
export const MAX_SHARDS = 256;

export class ShardError extends Error {
  readonly text: Text;

  constructor(text: Text) {
    super(text.en);
    this.name = "ShardError";
    this.text = text;
  }
}

function shardError(message: Text, data: Record<string, string | number>): ShardError {
  return new ShardError({ es: fill(message.es, data), en: fill(message.en, data) });
}

/** Reads `i/n` (spaces around are fine); throws ShardError with the reason in both languages. */
export function parseShard(spec: string): Shard {
  const value = spec.trim();
  const match = /^(\d{1,6})\s*\/\s*(\d{1,6})$/.exec(value);
  if (!match) throw shardError(MSG.format, { value: spec, max: MAX_SHARDS });
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count === 0) throw shardError(MSG.format, { value: spec, max: MAX_SHARDS });
  if (count > MAX_SHARDS) throw shardError(MSG.tooMany, { value: spec, max: MAX_SHARDS });
  if (index === 0) throw shardError(MSG.zero, { value: spec, count });
  if (index > count) throw shardError(MSG.beyond, { value: spec, index, count });
  return { index, count };
}

/**
 * The shard (1-based) a student id belongs to among `count`: the first 32 bits of the id's SHA-1,
 * modulo count. SHA-1 because it spreads ids evenly and anyone can recompute it (`sha1sum`);
 * nothing here needs it to be secret or collision-proof.
 */
export function shardOf(studentId: string, count: number): number {
  const digest = createHash("sha1").update(studentId, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(studentId: string, shard: Shard): boolean {
  return shardOf(studentId, shard.count) === shard.index;
}

/** The students of one shard, in the order given. */
export function selectShard<T extends { student: string }>(students: readonly T[], shard: Shard): T[] {
  return students.filter((s) => inShard(s.student, shard));
}
