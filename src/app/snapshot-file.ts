import { readFile } from "node:fs/promises";
import { badInput } from "../core/errors.js";
import { parseSnapshot, type Snapshot } from "../core/snapshot.js";

export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw badInput({ es: `No se puede leer la instantánea ${file}`, en: `Cannot read snapshot ${file}` });
  }
  return parseSnapshot(text, file);
}
