import type { ErrorObject } from "ajv";
import type { Check } from "./lab.js";
import { MSG } from "./messages.js";
import { fill, type Lang, type Text } from "./text.js";

/** A probe answer as the probe stage records it (schemas/snapshot.schema.json, `$defs/httpAnswer`). */
export type { HttpAnswer } from "./schema-types/snapshot.js";
import type { HttpAnswer } from "./schema-types/snapshot.js";

const MAX_SHOWN = 60;

function clip(text: string, max = MAX_SHOWN): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Visible text of an HTML page, so «Hello ana!» shows instead of markup. */
function visibleText(body: string): string {
  return body
    .replace(/<(script|style|title)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export function formatHttpAnswer(answer: HttpAnswer, lang: Lang): string {
  const head = `GET ${answer.path} → `;
  if (answer.error) {
    const words = MSG.probeErrors[answer.error.code] ?? MSG.probeErrors["other"]!;
    return head + words[lang];
  }
  const body = answer.body ? ` ${fill(MSG.httpBody[lang], { body: clip(visibleText(answer.body), 40) })}` : "";
  return `${head}${answer.status ?? "?"}${body}`;
}

/** Answers alike read once: «GET /, /members → conexión rechazada», «GET /, /members → 404 «Not Found»». */
export function formatHttpAnswers(answers: HttpAnswer[], lang: Lang): string {
  const groups = new Map<string, string[]>();
  for (const answer of answers) {
    const outcome = formatHttpAnswer(answer, lang).slice(`GET ${answer.path} → `.length);
    groups.set(outcome, [...(groups.get(outcome) ?? []), answer.path]);
  }
  return [...groups.entries()].map(([outcome, paths]) => `GET ${paths.join(", ")} → ${outcome}`).join(" · ");
}

/** A fact value in words: lists joined, nothing as «nada», booleans as sí/no. */
export function formatValue(value: unknown, lang: Lang, show: Check["show"] = "value"): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    if (show === "http") return formatHttpAnswers(value as HttpAnswer[], lang);
    return value.map((v) => formatValue(v, lang) ?? MSG.nothing[lang]).join(MSG.listSeparator[lang]);
  }
  if (show === "http" && typeof value === "object") return formatHttpAnswer(value as HttpAnswer, lang);
  if (typeof value === "boolean") return (value ? MSG.yes : MSG.no)[lang];
  // An empty name is nothing to a student, not «se encontró » followed by a blank.
  if (typeof value === "string") return value.trim() === "" ? null : clip(value, 200);
  if (typeof value === "object") return clip(JSON.stringify(value), 200);
  return String(value);
}

/** Alternatives as a person says them: «gp2 o gp3», «a, b o c». */
function alternatives(values: unknown[], lang: Lang): string {
  const words = values.map((v) => formatValue(v, lang) ?? "null");
  const last = words.pop();
  return words.length ? `${words.join(MSG.listSeparator[lang])}${MSG.or[lang]}${last}` : (last ?? "");
}

/** The expectation a single schema keyword states, when it can be said plainly. */
export function expectationOf(error: Pick<ErrorObject, "keyword" | "params">, lang: Lang): string | undefined {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "const":
      return formatValue(p["allowedValue"], lang) ?? undefined;
    case "enum": {
      const values = p["allowedValues"] as unknown[];
      return values.length === 1 ? formatValue(values[0], lang) ?? undefined : alternatives(values, lang);
    }
    case "maximum":
      return fill(MSG.atMost[lang], { limit: String(p["limit"]) });
    case "minimum":
      return fill(MSG.atLeast[lang], { limit: String(p["limit"]) });
    case "exclusiveMaximum":
      return fill(MSG.below[lang], { limit: String(p["limit"]) });
    case "exclusiveMinimum":
      return fill(MSG.above[lang], { limit: String(p["limit"]) });
    case "minItems":
      return fill(MSG.atLeastItems[lang], { limit: String(p["limit"]) });
    case "maxItems":
      return fill(MSG.atMostItems[lang], { limit: String(p["limit"]) });
    case "minLength":
      return MSG.nonEmpty[lang];
    case "pattern":
      return fill(MSG.matching[lang], { pattern: String(p["pattern"]) });
    case "type":
      return fill(MSG.ofType[lang], { type: String(p["type"]) });
    default:
      return undefined;
  }
}

/** The expectation of a whole check, for passed checks and reports: its text, or its top-level const/enum. */
export function expectationOfCheck(check: Check, lang: Lang): string | null {
  if (check.expectedText) return check.expectedText[lang];
  const schema = check.expected as Record<string, unknown>;
  if ("const" in schema) return expectationOf({ keyword: "const", params: { allowedValue: schema["const"] } }, lang) ?? null;
  if (Array.isArray(schema["enum"])) return expectationOf({ keyword: "enum", params: { allowedValues: schema["enum"] } }, lang) ?? null;
  return null;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let node: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A `fields` entry that holds `{expected}` or `{found}` is not a name but the whole sentence said
 * when the subject fails at that part: «se esperaban {expected} líneas con el mensaje, se encontraron {found}».
 */
export function isSentence(text: Text): boolean {
  return Object.values(text).some((t) => /\{(expected|found)\}/.test(t));
}

/**
 * What was found, in words. An object whose parts the check names in `fields` reads part by part
 * («tipo de volumen raíz: gp3 · tamaño del volumen raíz (GiB): 8»), never as raw JSON.
 */
export function formatFound(check: Check, value: unknown, lang: Lang): string | null {
  const names = Object.entries(check.fields ?? {}).filter(([, name]) => !isSentence(name));
  if (names.length && check.found === undefined && value !== null && typeof value === "object" && !Array.isArray(value)) {
    return names
      .map(([pointer, name]) => `${name[lang]}: ${formatValue(valueAt(value, pointer), lang, check.show) ?? MSG.nothing[lang]}`)
      .join(" · ");
  }
  return formatValue(value, lang, check.show);
}

export interface Evidence {
  field: string;
  expected: string;
  found: string | null;
  /** The check's own sentence for this failure (a `fields` entry with placeholders), in the report's language. */
  sentence?: string;
}

/**
 * Expected vs found in a student's words, from the first schema error and the actual value.
 * A part of the subject named in `fields` speaks for itself ("tamaño: como máximo 30, 40");
 * otherwise the check's own words are used.
 */
export function evidenceFor(
  check: Check,
  error: ErrorObject | undefined,
  subject: unknown,
  shown: unknown,
  lang: Lang,
): Evidence {
  const whole: Text = check.field ?? check.title;
  let pointer = error?.instancePath ?? "";
  if (error?.keyword === "required") pointer += `/${(error.params as { missingProperty: string }).missingProperty}`;
  const part = pointer !== "" ? check.fields?.[pointer] : undefined;
  // A sentence speaks of its part even when `found` shows something else for passed checks.
  if (part && error && isSentence(part)) {
    return {
      field: whole[lang],
      expected: expectationOf(error, lang) ?? expectationOfCheck(check, lang) ?? "",
      found: formatValue(valueAt(subject, pointer), lang, check.show),
      sentence: part[lang],
    };
  }
  if (part && error && check.found === undefined) {
    return {
      field: part[lang],
      expected: expectationOf(error, lang) ?? expectationOfCheck(check, lang) ?? "",
      found: formatValue(valueAt(subject, pointer), lang, check.show),
    };
  }
  const expected =
    check.expectedText?.[lang] ?? (error && pointer === "" ? expectationOf(error, lang) : undefined) ?? expectationOfCheck(check, lang) ?? "";
  return { field: whole[lang], expected, found: formatFound(check, shown, lang) };
}

export function evidenceMessage(evidence: Evidence, lang: Lang): string {
  if (evidence.sentence) {
    return fill(evidence.sentence, { field: evidence.field, expected: evidence.expected, found: evidence.found ?? MSG.nothing[lang] });
  }
  const template = evidence.found === null ? MSG.expectedNothing : MSG.expectedFound;
  return fill(template[lang], { field: evidence.field, expected: evidence.expected, found: evidence.found ?? "" });
}
