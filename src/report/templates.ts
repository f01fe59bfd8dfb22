import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Mustache from "mustache";

export type Escape = (value: string) => string;

let dir: string | undefined;

/**
 * report-templates/ sits at the package root, beside labs/. This module runs from
 * src/report/ (tests), dist/src/report/ (the npm package) or a one-file bundle such as
 * dist/action.js, so walk up from here instead of assuming one depth.
 */
function templatesDir(): string {
  if (dir) return dir;
  let at = new URL("./", import.meta.url);
  for (let depth = 0; depth < 5; depth++) {
    const candidate = fileURLToPath(new URL("report-templates/", at));
    if (existsSync(candidate)) return (dir = candidate);
    at = new URL("../", at);
  }
  throw new Error(`report-templates/ not found above ${fileURLToPath(import.meta.url)}`);
}

const cache = new Map<string, string>();

async function template(name: string): Promise<string> {
  let text = cache.get(name);
  if (text === undefined) {
    text = await readFile(join(templatesDir(), name), "utf8");
    cache.set(name, text);
  }
  return text;
}

/**
 * Renders a logic-less template. Every `{{value}}` goes through `escape`, so a template for
 * Markdown or XML gets that language's escaping without the view model pre-escaping anything.
 */
export async function renderTemplate(name: string, view: object, escape: Escape = Mustache.escape): Promise<string> {
  return Mustache.render(await template(name), view, {}, { escape });
}
