import { readFile, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isCollectorName } from "../../checks/index.js";
import { badInput } from "../core/errors.js";
import type { Lab } from "../core/lab.js";
import { parseLab } from "../core/parse-lab.js";
import { packageDir } from "../files/package-root.js";

/** Labs shipped with the package: <package>/labs. */
export const bundledLabsDir = () => packageDir("labs");

/** A lab from disk: parsed, validated, and naming only collectors calificar has (refused at load, always). */
async function readLab(file: string, text: string): Promise<Lab> {
  const lab = await parseLab(text, file);
  const unknown = lab.collectors.filter((name) => !isCollectorName(name));
  if (unknown.length) {
    throw badInput({
      es: `El laboratorio ${file} usa ${unknown.length > 1 ? "colectores desconocidos" : "un colector desconocido"}: ${unknown.join(", ")}`,
      en: `Lab ${file} uses ${unknown.length > 1 ? "unknown collectors" : "an unknown collector"}: ${unknown.join(", ")}`,
    });
  }
  return lab;
}

/** Lab directories searched in order: the instructor's first, then the bundled ones. */
export function labDirs(extra?: string): string[] {
  return extra ? [resolve(extra), bundledLabsDir()] : [bundledLabsDir()];
}

/** Refuses a `--labs` folder that does not exist: silently grading the bundled labs would mislead. */
export async function checkLabsDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw badInput({ es: `No existe la carpeta de laboratorios ${dir}`, en: `No labs folder at ${dir}` });
  }
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
      let text: string;
      try {
        text = await readFile(join(dir, name), "utf8");
      } catch (err) {
        // A folder named *.json, or a file without read permission, among the instructor's labs.
        throw badInput({ es: `No se puede leer el laboratorio ${join(dir, name)}`, en: `Cannot read the lab ${join(dir, name)}` }, (err as Error).message);
      }
      const lab = await readLab(join(dir, name), text);
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
    return readLab(idOrPath, text);
  }
  for (const dir of dirs) {
    const file = join(dir, `${idOrPath}.json`);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    return readLab(file, text);
  }
  const known = (await listLabs(dirs)).map((l) => l.id).join(", ");
  throw badInput({
    es: `Laboratorio desconocido «${idOrPath}». Laboratorios disponibles: ${known}`,
    en: `Unknown lab «${idOrPath}». Available labs: ${known}`,
  });
}
