import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ROOT } from "./cli.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schemas/report.schema.json"), "utf8"));
/** The published report schema: every report a test sees must validate. */
export const validateReport = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
