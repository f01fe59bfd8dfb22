import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Mustache from "mustache";
import { packageDir } from "../files/package-root.js";

export type Escape = (value: string) => string;

/** report-templates/ sits at the package root, beside labs/. */
const templatesDir = () => packageDir("report-templates");

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
