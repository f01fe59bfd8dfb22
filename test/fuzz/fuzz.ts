import fc from "fast-check";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { freePort } from "../support/ports.js";

// Shared settings of the fuzz suite. Every property runs FUZZ_RUNS cases (1,000 by default; e.g.
// `FUZZ_RUNS=100000 npx vitest run test/fuzz` for a long run). In CI (CI=true) the seed is fixed,
// so a failure there replays exactly; elsewhere each run tries new cases, and fast-check prints
// the seed and the shrunk counterexample of a failure (FUZZ_SEED=<seed> replays it).

export const RUNS = Math.max(1, Number(process.env["FUZZ_RUNS"]) || 1000);
const FIXED_SEED = 20260413;
export const SEED: number | undefined = process.env["FUZZ_SEED"] ? Number(process.env["FUZZ_SEED"]) : process.env["CI"] ? FIXED_SEED : undefined;

export function params(runs = RUNS): fc.Parameters<unknown> {
  return { numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}) };
}

/** A test's time budget for `runs` cases of about `msPerCase` each, with room for a loaded machine. */
export const budget = (msPerCase: number, runs = RUNS) => 30_000 + runs * msPerCase * 4;

/** Fails if `work` has not settled in `ms`: a case that hangs is a failure, not a stuck suite. */
export async function within<T>(ms: number, work: Promise<T>, what = "the case"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** main() in this process with a fake Io: what the CLI would print and return. */
export async function runMain(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<MainRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    now: () => new Date("2026-04-13T10:00:00Z"),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$|^\s+at .+ \(node:/m;

/**
 * What every run of the CLI must be, whatever its input: an exit code of the contract, no stack
 * trace, never "a bug in calificar", and a sentence on stderr when the input is refused.
 */
export function expectWellBehaved(run: MainRun, argv: string[]): void {
  const context = `argv: ${JSON.stringify(argv)}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;
  expect([0, 1, 2, 3], context).toContain(run.code);
  expect(run.stdout + run.stderr, context).not.toMatch(STACK_LINE);
  expect(run.stderr, context).not.toMatch(/error inesperado|unexpected error/);
  if (run.code === 2) {
    // `calificar` alone prints its usage (on stdout) and exits 2: the usage is its sentence.
    const usage = argv.length === 0 && /Uso: calificar|Usage: calificar/.test(run.stdout);
    if (!usage) expect(run.stderr, context).toMatch(/^calificar: \S.*/);
  }
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into a JSON value, the root included. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const inner = Array.isArray(value)
    ? value.flatMap((v, i) => paths(v, [...at, i]))
    : value && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))
      : [];
  return [at, ...inner];
}

export type Mutation = { op: "replace" | "delete" | "insert"; where: number; value: Json; key: string };

/** Applies a mutation at the `where`-th path (modulo their number); returns the new document. */
export function mutate(doc: Json, m: Mutation): Json {
  const all = paths(doc);
  const path = all[m.where % all.length]!;
  if (path.length === 0) return m.op === "replace" ? m.value : doc;
  const copy = structuredClone(doc) as Json;
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (m.op === "replace") parent[last] = m.value;
  else if (m.op === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (parent[last] && typeof parent[last] === "object" && !Array.isArray(parent[last])) {
    // defineProperty: a key named __proto__ becomes an own key, as JSON.parse would make it.
    Object.defineProperty(parent[last], m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  } else parent[last] = m.value;
  return copy;
}


/** Values that break assumptions about facts: wrong types, empty, huge, odd text, prototype keys. */
export const oddValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      null, 0, -1, 1.5, 1e308, -0, "", " ", "0", "null", "true", "∞", "\u0000", "<script>alert(1)</script>", "a".repeat(10_000),
      "${x}", "{{x}}", "%s", "\r\n::error::x", [], {}, [null], [[]], { "": null }, true, false, "2026-13-45T99:99:99Z", "NaN",
    ),
  },
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("replace", "delete", "insert"),
  where: fc.nat(),
  value: oddValue,
  key: fc.constantFrom("x", "__proto__", "constructor", "toString", "length", "0", ""),
});

/**
 * For a file that fuzzes main() in this process: no AWS credentials, a closed loopback endpoint
 * (a grading that is not from a snapshot stops at «no credentials», exit 3, and nothing leaves the
 * machine), and `scratch` as the working directory. Restores both after the file.
 */
export function offlineInScratch(scratch: string): void {
  const saved: Record<string, string | undefined> = {};
  const cwd = process.cwd();
  beforeAll(async () => {
    const env: Record<string, string | undefined> = {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: join(scratch, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, "no-credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
    };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.chdir(scratch);
  });
  afterAll(() => {
    process.chdir(cwd);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}
