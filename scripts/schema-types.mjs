// Generates src/core/schema-types/*.ts from schemas/*.schema.json, so the types of labs, snapshots,
// reports and cleanup reports cannot drift from their published schemas. `npm run schema-types`;
// test/meta/schema-types.test.ts fails when a generated file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const SCHEMAS = { lab: "LabDocument", snapshot: "SnapshotDocument", report: "ReportDocument", cleanup: "CleanupReportDocument" };

const HEADER = (name) =>
  `// Generated from schemas/${name}.schema.json by scripts/schema-types.mjs (npm run schema-types): do not edit.\n/* eslint-disable */\n`;

/** The schema as the generator should read it: what only validation needs is left out. */
function forTypes(schema) {
  const copy = JSON.parse(
    // A check's expected state is itself a JSON Schema: an object or a boolean, not the metaschema's type.
    JSON.stringify(schema).replaceAll('"$ref":"https://json-schema.org/draft/2020-12/schema"', '"type":["object","boolean"]'),
  );
  // Conditional requirements (a lab with the lambda collector has parameters.lambda) add no type.
  delete copy.allOf;
  delete copy.title;
  delete copy.$id;
  return copy;
}

/** The generator repeats a referenced definition as Text1, Text2…: one name is enough. */
function tidy(code) {
  const seen = new Set();
  const blocks = code.split(/\n(?=(?:\/\*\*[\s\S]*?\*\/\n)?export )/);
  const kept = [];
  for (const block of blocks) {
    const renamed = block.replace(/\b([A-Z][A-Za-z]*?)\d+\b/g, (whole, base) => (code.includes(`interface ${base} `) || code.includes(`type ${base} `) ? base : whole));
    const declared = /export (?:interface|type) (\w+)/.exec(renamed)?.[1];
    if (declared && seen.has(declared)) continue;
    if (declared) seen.add(declared);
    kept.push(renamed);
  }
  return kept.join("\n");
}

export async function generate(name) {
  const schema = JSON.parse(readFileSync(`${ROOT}schemas/${name}.schema.json`, "utf8"));
  const code = await compile(forTypes(schema), SCHEMAS[name], {
    bannerComment: "",
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    format: true,
    $refOptions: { resolve: { http: false } },
  });
  return HEADER(name) + tidy(code);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of Object.keys(SCHEMAS)) writeFileSync(`${ROOT}src/core/schema-types/${name}.ts`, await generate(name));
}
