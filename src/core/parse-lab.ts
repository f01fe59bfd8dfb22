import type { ValidateFunction } from "ajv";
import labSchema from "../../schemas/lab.schema.json" with { type: "json" };
import { compileLab, labSchemas, loadSchemaCompiler, schemaValidator } from "./compile.js";
import { badInput } from "./errors.js";
import type { Lab } from "./lab.js";
import { INPUT } from "./messages.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { say } from "./text.js";

let validateLabFile: ValidateFunction | undefined;

function labValidator(): ValidateFunction {
  validateLabFile ??= schemaValidator(labSchema);
  return validateLabFile;
}

/** Parses and validates a lab document; `source` names it in messages. */
export async function parseLab(text: string, source: string): Promise<Lab> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw badInput(
      say(INPUT.labNotJson, { source }),
      (err as Error).message,
    );
  }
  const validate = labValidator();
  if (!validate(data)) {
    throw badInput(
      say(INPUT.labNotFormat, { source }),
      describeSchemaErrors(validate.errors),
    );
  }
  const lab = data as Lab;
  await loadSchemaCompiler(labSchemas(lab));
  try {
    compileLab(lab);
  } catch (err) {
    throw badInput(
      say(INPUT.labNotCompiling, { source }),
      (err as Error).message,
    );
  }
  const seen = new Set<string>();
  for (const check of lab.checks) {
    if (seen.has(check.id)) {
      throw badInput(say(INPUT.labRepeatsCheck, { source, id: check.id }));
    }
    seen.add(check.id);
  }
  return lab;
}

