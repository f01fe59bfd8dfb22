import { readFile } from "node:fs/promises";
import { badInput } from "../core/errors.js";
import { INPUT } from "../core/messages.js";
import { say } from "../core/text.js";
import { parseSnapshot, type Snapshot } from "../core/snapshot.js";

export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw badInput(say(INPUT.cannotReadSnapshot, { file }));
  }
  return parseSnapshot(text, file);
}
