import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without types
import { generate, ROOT, SCHEMAS } from "../../scripts/schema-types.mjs";

// The types of labs, snapshots, reports and cleanup reports are generated from their JSON Schemas:
// a schema changed without regenerating fails here.
describe("src/core/schema-types", () => {
  it.each(Object.keys(SCHEMAS as Record<string, string>))("%s.ts is what schemas/%s.schema.json generates (npm run schema-types)", async (name) => {
    const committed = readFileSync(join(ROOT as string, "src/core/schema-types", `${name}.ts`), "utf8");
    expect(committed).toBe(await (generate as (n: string) => Promise<string>)(name));
  });
});
