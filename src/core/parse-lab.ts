import type { ValidateFunction } from "ajv";
import labSchema from "../../schemas/lab.schema.json" with { type: "json" };
import { compileLab } from "./compile.js";
import { badInput } from "./errors.js";
import type { Lab } from "./lab.js";
import { describeSchemaErrors, newAjv } from "./schemas.js";

let validateLabFile: ValidateFunction | undefined;

function labValidator(): ValidateFunction {
  validateLabFile ??= newAjv().compile(labSchema);
  return validateLabFile;
}

/** Parses and validates a lab document; `source` names it in messages. */
export async function parseLab(text: string, source: string): Promise<Lab> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw badInput(
      { es: `El laboratorio ${source} no es JSON válido`, en: `Lab ${source} is not valid JSON` },
      (err as Error).message,
    );
  }
  const validate = labValidator();
  if (!validate(data)) {
    throw badInput(
      { es: `El laboratorio ${source} no sigue el formato de laboratorio`, en: `Lab ${source} does not follow the lab format` },
      describeSchemaErrors(validate.errors),
    );
  }
  const lab = data as Lab;
  try {
    compileLab(lab);
  } catch (err) {
    throw badInput(
      { es: `El laboratorio ${source} tiene un esquema o una consulta que no compila`, en: `Lab ${source} has a schema or query that does not compile` },
      (err as Error).message,
    );
  }
  const seen = new Set<string>();
  for (const check of lab.checks) {
    if (seen.has(check.id)) {
      throw badInput(
        { es: `El laboratorio ${source} repite el id de comprobación «${check.id}»`, en: `Lab ${source} repeats check id «${check.id}»` },
      );
    }
    seen.add(check.id);
  }
  return lab;
}

