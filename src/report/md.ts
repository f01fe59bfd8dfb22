import type { Result } from "../core/result.js";
import { renderTemplate } from "./templates.js";
import { reportView } from "./view.js";

// Characters that mean something to GitHub Flavored Markdown anywhere in a line (emphasis, code,
// links, tables, strikethrough, math) or to the HTML it allows. Numeric character references are
// literal text in CommonMark and in HTML blocks alike, so one escape serves table cells, list
// items and the raw-HTML <summary> of a <details>.
const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "\\": "&#92;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "~": "&#126;",
  $: "&#36;",
};

/** One value as literal text on one Markdown line (a table cell, a list item, a <summary>). */
export function escapeMarkdown(value: string): string {
  const line = String(value)
    .trim()
    .replace(/[&<>"|\\`*_[\]~$]/g, (c) => ENTITY[c]!)
    .replace(/\r?\n/g, "<br>");
  // A line that starts with "# ", "- ", "+ " or "1. " would become a heading or a list item.
  const lead = /^(?:#{1,6}|[+-]|\d{1,9}[.)])(?=\s|$)/.exec(line)?.[0];
  if (!lead) return line;
  const at = /^\d/.test(lead) ? lead.length - 1 : 0;
  return `${line.slice(0, at)}&#${line.charCodeAt(at)};${line.slice(at + 1)}`;
}

/** For a GitHub job summary or a PR comment: score line, table of checks, each failure folded. */
export async function renderMarkdown(result: Result): Promise<string> {
  return renderTemplate("report.md.mustache", reportView(result), escapeMarkdown);
}
