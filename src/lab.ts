import { readFile, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileLab } from "./compile.js";
import { badInput } from "./errors.js";
import { newAjv, describeSchemaErrors } from "./schemas.js";
import type { Text } from "./text.js";
import type { ValidateFunction } from "ajv";

// Mirrors schemas/lab.schema.json, which is what validates a lab at load time.
export interface Lab {
  id: string;
  title: Text;
  summary?: Text;
  collectors: string[];
  resource: ResourceSpec;
  probes?: ProbeSpec[];
  passMark: number;
  checks: Check[];
}

export interface ResourceSpec {
  collector: string;
  list: string;
  label: Text;
  plural?: Text;
  id: string;
  name?: string;
  requires?: string[];
  where?: object;
  select?: string;
  missing?: Text;
  region?: string;
}

export interface ProbeSpec {
  id: string;
  host: string;
  port: number;
  scheme?: "http" | "https";
  requests: { path: string }[];
}

export interface Check {
  id: string;
  points: number;
  required?: boolean;
  severity?: "error" | "warning";
  title: Text;
  hint: Text;
  field?: Text;
  fields?: Record<string, Text>;
  subject?: string;
  expected: object | boolean;
  expectedText?: Text;
  found?: string;
  show?: "value" | "http";
  requires?: string[];
  on?: "resource" | "repo" | "account";
  location?: string;
  /** Remarks added to a passed check's message when its subject matches `when` (JSON Schema). */
  notes?: { when: object | boolean; text: Text }[];
}

// Built: <package>/dist/src/lab.js; run from source (tests): <package>/src/lab.ts.
const PACKAGE_ROOT = new URL(import.meta.url.endsWith(".ts") ? "../" : "../../", import.meta.url);
/** Labs shipped with the package: <package>/labs. */
export const BUNDLED_LABS_DIR = fileURLToPath(new URL("labs/", PACKAGE_ROOT));
export const SCHEMAS_DIR = fileURLToPath(new URL("schemas/", PACKAGE_ROOT));

let validateLabFile: ValidateFunction | undefined;

async function labValidator() {
  if (!validateLabFile) {
    const schema = JSON.parse(await readFile(join(SCHEMAS_DIR, "lab.schema.json"), "utf8"));
    validateLabFile = newAjv().compile(schema);
  }
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
  const validate = await labValidator();
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

/** Lab directories searched in order: the instructor's first, then the bundled ones. */
export function labDirs(extra?: string): string[] {
  return extra ? [resolve(extra), BUNDLED_LABS_DIR] : [BUNDLED_LABS_DIR];
}

export async function listLabs(dirs: string[]): Promise<Lab[]> {
  const byId = new Map<string, Lab>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
    } catch {
      throw badInput({ es: `No se puede leer la carpeta de laboratorios ${dir}`, en: `Cannot read the labs folder ${dir}` });
    }
    for (const name of names) {
      const lab = await parseLab(await readFile(join(dir, name), "utf8"), join(dir, name));
      if (!byId.has(lab.id)) byId.set(lab.id, lab);
    }
  }
  return [...byId.values()];
}

/** Loads a lab by id (`lab-ec2`) or by path to a JSON file. */
export async function loadLab(idOrPath: string, dirs: string[]): Promise<Lab> {
  if (idOrPath.endsWith(".json")) {
    let text: string;
    try {
      text = await readFile(idOrPath, "utf8");
    } catch {
      throw badInput({ es: `No existe el archivo de laboratorio ${idOrPath}`, en: `No lab file at ${idOrPath}` });
    }
    return parseLab(text, idOrPath);
  }
  for (const dir of dirs) {
    const file = join(dir, `${idOrPath}.json`);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    return parseLab(text, file);
  }
  const known = (await listLabs(dirs)).map((l) => l.id).join(", ");
  throw badInput({
    es: `Laboratorio desconocido «${idOrPath}». Laboratorios disponibles: ${known}`,
    en: `Unknown lab «${idOrPath}». Available labs: ${known}`,
  });
}
