import type { Result } from "../core/result.js";
import { renderTemplate } from "./templates.js";
import { reportView } from "./view.js";

/**
 * One self-contained page: inline CSS, no scripts, fonts or images, so it opens offline and
 * prints as it shows. Mustache's default escaping is HTML escaping.
 */
export async function renderHtml(result: Result): Promise<string> {
  return renderTemplate("report.html.mustache", reportView(result));
}
