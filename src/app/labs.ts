import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isCollectorName } from "../../checks/index.js";
import { badInput, UserError } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { megabytes, say } from "../core/text.js";
import type { Lab } from "../core/lab.js";
import { parseLab } from "../core/parse-lab.js";
import { packageDir } from "../files/package-root.js";
import { readTextWithin, TooLarge } from "../files/read.js";

/** The largest lab file read: the shipped ones are about 30 KB; a lab is a page of JSON, not data. */
export const LAB_MAX_BYTES = 1024 * 1024;

/** A lab file's text; one over the limit is bad input, said before it is read. */
async function readLabText(file: string): Promise<string> {
  try {
    return await readTextWithin(file, LAB_MAX_BYTES);
  } catch (err) {
    if (err instanceof TooLarge) throw badInput(say(INPUT.labTooLarge, { file, size: megabytes(err.size), limit: megabytes(err.limit) }));
    throw err;
  }
}

/** Labs shipped with the package: <package>/labs. */
export const bundledLabsDir = () => packageDir("labs");

/** A lab from disk: parsed, validated, and naming only collectors calificar has (refused at load, always). */
async function readLab(file: string, text: string): Promise<Lab> {
  const lab = await parseLab(text, file);
  const unknown = lab.collectors.filter((name) => !isCollectorName(name));
  if (unknown.length) {
    throw badInput(say(unknown.length > 1 ? INPUT.unknownCollectors : INPUT.unknownCollector, { source: file, names: unknown.join(", ") }));
  }
  return lab;
}

/**
 * Lab directories searched in order: the instructor's first, then the bundled ones. A `--labs`
 * folder that does not exist is refused: silently grading the bundled labs instead would mislead.
 */
export function labDirs(extra?: string): string[] {
  if (!extra) return [bundledLabsDir()];
  let folder = false;
  try {
    folder = statSync(extra, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // ENOTDIR, EACCES, a NUL in the name: not a folder calificar can read labs from either
  }
  if (!folder) throw badInput(say(INPUT.noLabsDir, { dir: extra }));
  return [resolve(extra), bundledLabsDir()];
}

export async function listLabs(dirs: string[]): Promise<Lab[]> {
  const byId = new Map<string, Lab>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
    } catch {
      throw badInput(say(INPUT.cannotReadLabsDir, { dir }));
    }
    for (const name of names) {
      let text: string;
      try {
        text = await readLabText(join(dir, name));
      } catch (err) {
        if (err instanceof UserError) throw err;
        // A folder named *.json, or a file without read permission, among the instructor's labs.
        throw badInput(say(INPUT.cannotReadLab, { file: join(dir, name) }), (err as Error).message);
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
      text = await readLabText(idOrPath);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw badInput(say(INPUT.noLabFile, { file: idOrPath }));
    }
    return readLab(idOrPath, text);
  }
  for (const dir of dirs) {
    const file = join(dir, `${idOrPath}.json`);
    let text: string;
    try {
      text = await readLabText(file);
    } catch (err) {
      if (err instanceof UserError) throw err;
      continue;
    }
    return readLab(file, text);
  }
  const known = (await listLabs(dirs)).map((l) => l.id).join(", ");
  throw badInput(say(INPUT.unknownLab, { id: idOrPath, known }));
}
