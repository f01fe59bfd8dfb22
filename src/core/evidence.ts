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
      // «se esperaba sí» says nothing: a boolean is left to the check's own words (expectedText).
      if (typeof p["allowedValue"] === "boolean") return undefined;
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
 * A `fields` entry that holds `{expected}`, `{found}` or `{field}` is not a name but the whole
 * sentence said when the subject fails at that part: «se esperaban {expected} líneas con el
 * mensaje, se encontraron {found}».
 */
export function isSentence(text: Text): boolean {
  return Object.values(text).some((t) => /\{(expected|found|field)\}/.test(t));
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
  /** Several named parts of the subject are wrong: each is said, in the order of the check's `fields`. */
  parts?: { field: string; expected: string; found: string | null }[];
}

/** Where an error points in the subject: a missing property is named by its own pointer. */
function pointerOf(error: ErrorObject): string {
  const pointer = error.instancePath;
  return error.keyword === "required" ? `${pointer}/${(error.params as { missingProperty: string }).missingProperty}` : pointer;
}

/** The schema the check's `expected` gives a part (`/size` → `properties.size`), if it is written that plainly. */
function partSchema(check: Check, pointer: string): Record<string, unknown> | undefined {
  let schema: unknown = check.expected;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
    schema = properties?.[key];
  }
  return schema && typeof schema === "object" ? (schema as Record<string, unknown>) : undefined;
}

/** What a part should be: its failing keyword's words, or, for a missing part, its own schema's (`const: 70` → «70»). */
function expectationOfPart(check: Check, error: ErrorObject, pointer: string, lang: Lang): string {
  // A part that is missing or of another type (null) is expected to be what its schema says, not «un valor de tipo integer».
  const said = error.keyword === "type" || error.keyword === "required" ? undefined : expectationOf(error, lang);
  if (said !== undefined) return said;
  const schema = partSchema(check, pointer);
  for (const keyword of ["const", "enum", "maximum", "minimum", "minItems", "maxItems", "pattern"] as const) {
    if (!schema || !(keyword in schema)) continue;
    const params = keyword === "const" ? { allowedValue: schema[keyword] } : keyword === "enum" ? { allowedValues: schema[keyword] } : keyword === "pattern" ? { pattern: schema[keyword] } : { limit: schema[keyword] };
    const words = expectationOf({ keyword, params }, lang);
    if (words !== undefined) return words;
  }
  return expectationOf(error, lang) ?? expectationOfCheck(check, lang) ?? "";
}

/** A part's value in words; a boolean part is said by the check's sentence, never as «no». */
function foundAt(check: Check, subject: unknown, pointer: string, lang: Lang): string | null {
  const value = valueAt(subject, pointer);
  return typeof value === "boolean" ? null : formatValue(value, lang, check.show);
}

/**
 * Expected vs found in a student's words, from the schema's errors and the actual value.
 * When every error falls on a part of the subject named in `fields`, each wrong part is said
 * («tipo de volumen raíz: se esperaba gp2 o gp3, se encontró io1; tamaño…: se esperaba como máximo
 * 30, se encontró 40»), once, in the order of `fields`: a student fixes them all in one run. A part
 * whose name is a sentence (it holds `{expected}`/`{found}`) describes the whole failure, so the
 * first of those in `fields` is said alone (lab-lambda: not run, no logs, raised, then the count).
 * Otherwise the first error speaks, in the check's own words.
 */
export function evidenceFor(
  check: Check,
  errors: ErrorObject | readonly ErrorObject[] | null | undefined,
  subject: unknown,
  shown: unknown,
  lang: Lang,
): Evidence {
  const whole: Text = check.field ?? check.title;
  // `if` only says that a `then` failed; the `then`'s own error is the one to word.
  const list = (Array.isArray(errors) ? errors : errors ? [errors as ErrorObject] : []).filter((e) => e.keyword !== "if");
  const fields = check.fields ?? {};
  const order = Object.keys(fields);
  const named = list.map((error) => ({ error, pointer: pointerOf(error) })).filter(({ pointer }) => pointer !== "" && pointer in fields);
  if (named.length > 0 && named.length === list.length) {
    named.sort((a, b) => order.indexOf(a.pointer) - order.indexOf(b.pointer));
    // A sentence speaks of its part even when `found` shows something else for passed checks.
    const sentence = named.find(({ pointer }) => isSentence(fields[pointer]!));
    if (sentence) {
      return {
        field: whole[lang],
        expected: expectationOf(sentence.error, lang) ?? expectationOfCheck(check, lang) ?? "",
        found: foundAt(check, subject, sentence.pointer, lang),
        sentence: fields[sentence.pointer]![lang],
      };
    }
    if (check.found === undefined) {
      const seen = new Set<string>();
      const parts = named
        .filter(({ pointer }) => !seen.has(pointer) && Boolean(seen.add(pointer)))
        .map(({ error, pointer }) => ({ field: fields[pointer]![lang], expected: expectationOfPart(check, error, pointer, lang), found: foundAt(check, subject, pointer, lang) }));
      if (parts.length === 1) return parts[0]!;
      return {
        field: whole[lang],
        expected: check.expectedText?.[lang] ?? parts.map((p) => p.expected).join(MSG.listSeparator[lang]),
        // Nothing found in any part is nothing found, not «a: nada · b: nada».
        found: parts.every((p) => p.found === null) ? null : formatFound(check, shown, lang),
        parts,
      };
    }
  }
  const error = list[0];
  const pointer = error ? pointerOf(error) : "";
  const expected =
    check.expectedText?.[lang] ?? (error && pointer === "" ? expectationOf(error, lang) : undefined) ?? expectationOfCheck(check, lang) ?? "";
  return { field: whole[lang], expected, found: formatFound(check, shown, lang) };
}

export function evidenceMessage(evidence: Evidence, lang: Lang): string {
  if (evidence.parts) return evidence.parts.map((part) => evidenceMessage(part, lang)).join(MSG.partSeparator[lang]);
  if (evidence.sentence) {
    return fill(evidence.sentence, { field: evidence.field, expected: evidence.expected, found: evidence.found ?? MSG.nothing[lang] });
  }
  const template = evidence.found === null ? MSG.expectedNothing : MSG.expectedFound;
  return fill(template[lang], { field: evidence.field, expected: evidence.expected, found: evidence.found ?? "" });
}
