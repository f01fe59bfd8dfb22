// Writes policies/calificar-readonly.json and policies/instructor-role.yaml from what every
// collector declares (`npm run policies`). test/meta/policy.test.ts fails when the shipped files
// differ from this. `calificar policy` prints the shipped file.
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
// The collectors are TypeScript: bundle what this script needs (their packages stay in node_modules).
const outfile = `${ROOT}dist/build/policies.mjs`;
await build({
  absWorkingDir: ROOT,
  stdin: {
    contents: 'export { allCollectors } from "./src/app/policy.ts";\nexport { policyDocument, renderInstructorRole, renderPolicyJson } from "./src/core/policy.ts";',
    resolveDir: ROOT,
    loader: "ts",
  },
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  logLevel: "warning",
});
const { allCollectors, policyDocument, renderInstructorRole, renderPolicyJson } = await import(pathToFileURL(outfile).href);

const document = policyDocument(await allCollectors());
writeFileSync(`${ROOT}policies/calificar-readonly.json`, renderPolicyJson(document));
writeFileSync(`${ROOT}policies/instructor-role.yaml`, renderInstructorRole(document));
console.log(`policies/: ${document.Statement.reduce((n, s) => n + s.Action.length, 0)} actions`);
