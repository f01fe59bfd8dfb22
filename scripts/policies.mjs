// Writes policies/calificar-readonly.json and policies/instructor-role.yaml from what every
// collector declares (`npm run policies`, after `npm run build`). test/meta/policy.test.ts fails
// when the shipped files differ from this. `calificar policy` prints the shipped file.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const { allCollectors } = await import(`${ROOT}dist/src/app/policy.js`);
const { policyDocument, renderInstructorRole, renderPolicyJson } = await import(`${ROOT}dist/src/core/policy.js`);

const document = policyDocument(await allCollectors());
writeFileSync(`${ROOT}policies/calificar-readonly.json`, renderPolicyJson(document));
writeFileSync(`${ROOT}policies/instructor-role.yaml`, renderInstructorRole(document));
console.log(`policies/: ${document.Statement.reduce((n, s) => n + s.Action.length, 0)} actions`);
