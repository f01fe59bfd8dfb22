import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AnySchema, ValidateFunction } from "ajv";
import { build } from "esbuild";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CHECK_MODE, CONTRACT_MODE, labSchemas, schemaKey } from "../../src/core/compile.js";
import type { Lab } from "../../src/core/lab.js";
import type { Precompiled } from "../../src/core/precompiled.js";
import { newAjv } from "../../src/core/schemas.js";
import { CONTRACTS, precompiledModule, shippedSchemas } from "../../scripts/precompile-schemas.js";
import { ROOT } from "../support/cli.js";

// The bundles judge the shipped labs with validators generated when the package is built (ajv's
// standalone code); the sources, and any other lab, with ajv at run time. Both must judge alike.

let precompiled: Precompiled;

beforeAll(async () => {
  const { code } = precompiledModule(ROOT);
  // Bundled as the package's build bundles it: the generated code require()s ajv's runtime helpers.
  const out = await build({ stdin: { contents: code, resolveDir: join(ROOT, "src/core"), loader: "js" }, bundle: true, format: "esm", platform: "node", write: false, logLevel: "error" });
  const file = join(mkdtempSync(join(tmpdir(), "calificar-precompiled-")), "precompiled.mjs");
  writeFileSync(file, out.outputFiles[0]!.text);
  ({ precompiled } = (await import(pathToFileURL(file).href)) as { precompiled: Precompiled });
}, 60_000);

const labs = () =>
  readdirSync(join(ROOT, "labs"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(ROOT, "labs", f), "utf8")) as Lab);

/** What a validator says about a value: whether it passes, and the errors a report is made from. */
const verdict = (validate: ValidateFunction, value: unknown) => ({ valid: validate(value), errors: validate.errors ?? null });

/** Values a schema's own keywords mention (const, enum, numbers), so samples also hit the passing side. */
function mentioned(schema: unknown): unknown[] {
  if (schema === null || typeof schema !== "object") return [];
  return Object.entries(schema as Record<string, unknown>).flatMap(([k, v]) => [
    ...(k === "const" ? [v] : k === "enum" && Array.isArray(v) ? v : typeof v === "number" ? [v, v - 1, v + 1] : []),
    ...mentioned(v),
  ]);
}

describe("schemas compiled at build time", () => {
  it("cover every schema of every shipped lab and the three contracts", () => {
    for (const lab of labs()) for (const schema of labSchemas(lab)) expect(precompiled.has(schemaKey(schema, CHECK_MODE)), lab.id).toBe(true);
    for (const name of CONTRACTS) expect(precompiled.has(schemaKey(JSON.parse(readFileSync(join(ROOT, "schemas", name), "utf8")), CONTRACT_MODE))).toBe(true);
    expect(precompiled.size).toBe(shippedSchemas(ROOT).size);
  });

  it("are found only by the exact schema: a changed schema has no precompiled code", () => {
    const schema = labSchemas(labs()[0]!)[0] as Record<string, unknown>;
    expect(precompiled.has(schemaKey({ ...schema, $comment: "edited" }, CHECK_MODE))).toBe(false);
    expect(precompiled.get(schemaKey({ ...schema, $comment: "edited" }, CHECK_MODE))).toBeUndefined();
    // Nor the same schema judged the other way (a check's schema stops at the first error only as a contract).
    expect(precompiled.has(schemaKey(schema, CONTRACT_MODE))).toBe(false);
  });

  it("judge as ajv does at run time: same verdict and same errors, for every shipped schema", () => {
    for (const [text, { schema, mode }] of shippedSchemas(ROOT)) {
      const built = precompiled.get(text)!;
      const runtime = newAjv(mode).compile(schema as AnySchema);
      const samples = [...mentioned(schema), null, {}, [], "", 0];
      for (const value of samples) expect(verdict(built, value), text.slice(0, 80)).toEqual(verdict(runtime, value));
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(verdict(built, value)).toEqual(verdict(runtime, value));
        }),
        { seed: 13, numRuns: 100 },
      );
    }
  });

  it("judge the example snapshot as ajv does: the snapshot contract on a real document", () => {
    const snapshot = JSON.parse(readFileSync(join(ROOT, "examples/lab-ec2.snapshot.json"), "utf8"));
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/snapshot.schema.json"), "utf8"));
    const built = precompiled.get(schemaKey(schema, CONTRACT_MODE))!;
    expect(verdict(built, snapshot)).toEqual(verdict(newAjv().compile(schema), snapshot));
    expect(built(snapshot)).toBe(true);
    const broken = { ...snapshot, facts: "none" };
    expect(verdict(built, broken)).toEqual(verdict(newAjv().compile(schema), broken));
  });
});
