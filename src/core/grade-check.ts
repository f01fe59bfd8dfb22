import { query, type CompiledLab } from "./compile.js";
import { evidenceFor, evidenceMessage, expectationOfCheck, formatFound } from "./evidence.js";
import type { Facts } from "./candidates.js";
import type { Check } from "./lab.js";
import { MSG } from "./messages.js";
import { unreadBlocking, unreadMessage, type UnreadEntry } from "./repo-reads.js";
import type { CheckResult } from "./result.js";
import type { CallError, Snapshot } from "./snapshot.js";
import { fill, type Lang } from "./text.js";

/** What one check is graded against: the candidate (with its probe answers), errors, what was skipped. */
export interface CheckScope {
  compiled: CompiledLab;
  snapshot: Snapshot;
  /** Errors of the graded region and of the candidate itself (a probe that timed out). */
  errors: CallError[];
  lang: Lang;
}

export function errorMessage(error: CallError, lang: Lang): string {
  const template = {
    denied: MSG.errDenied,
    throttled: MSG.errThrottled,
    credentials: MSG.errCredentials,
    network: MSG.errNetwork,
    // A probe that times out points at the student's network or app; an API call, at AWS.
    timeout: error.action.startsWith("http:") ? MSG.errTimeout : MSG.errApiTimeout,
    api: MSG.errApi,
  }[error.kind];
  return fill(template[lang], { action: error.action, code: error.code, message: error.message, target: error.target ?? error.action });
}

/** The fields every outcome of a check shares. */
export function checkBase(check: Check, lang: Lang) {
  return {
    id: check.id,
    maxPoints: check.points,
    title: check.title[lang],
    severity: check.severity ?? "error",
    required: check.required ?? false,
  } as const;
}

/** A check that could not look at any resource (none exists, or listing was impossible): the report's notes say what to do, not a hint about a resource. */
export function outcomeWithoutResource(check: Check, lang: Lang, outcome: Pick<CheckResult, "status" | "message">): CheckResult {
  return { ...checkBase(check, lang), ...outcome, points: 0, expected: expectationOfCheck(check, lang), found: null, hint: null };
}

/** The hint that fits: the first of the check's `hints` whose `when` matches what it reads, else its `hint`. */
function hintFor(check: Check, source: unknown, scope: CheckScope): string {
  const hints = scope.compiled.checks.get(check)?.hints ?? [];
  return (hints.find((h) => source !== undefined && h.validate(source))?.text ?? check.hint)[scope.lang];
}

/** Skipped on purpose (`--no-probe`), or blocked by a recorded error: never graded as failed. */
function notGraded(check: Check, scope: CheckScope, source: unknown): CheckResult | undefined {
  const { lang } = scope;
  const requires = check.requires ?? [];
  const expected = expectationOfCheck(check, lang);
  const skipped = scope.snapshot.skipped?.find((s) => requires.includes(s.action));
  if (skipped) {
    // Not done because it is only done when asked for (an active probe): the message says how to ask.
    const message = skipped.optIn ? fill(MSG.skippedOptIn[lang], { option: skipped.reason }) : fill(MSG.skipped[lang], { reason: skipped.reason });
    return { ...checkBase(check, lang), status: "skipped", points: 0, message, expected, found: null, hint: null };
  }
  const blocking = scope.errors.find((e) => requires.includes(e.action));
  if (blocking) {
    return { ...checkBase(check, lang), status: "error", points: 0, message: errorMessage(blocking, lang), expected, found: null, hint: hintFor(check, source, scope) };
  }
  return undefined;
}

/** What a check reads: the candidate, the repository's facts, or every fact of the account. */
function sourceOf(check: Check, candidate: Facts, snapshot: Snapshot): unknown {
  if (check.on === "repo") return snapshot.facts["repo"];
  if (check.on === "account") return snapshot.facts;
  return candidate;
}

/** File and line of a repository finding, for annotations. */
function locationOf(check: Check, source: unknown): { file?: string; line?: number } {
  if (!check.location) return {};
  const at = query(check.location, source) as { file?: unknown; line?: unknown } | null;
  if (!at || typeof at.file !== "string") return {};
  return { file: at.file, ...(typeof at.line === "number" && at.line >= 1 ? { line: at.line } : {}) };
}

/** A repository check that could not look at every file it reads: an error naming them, never a silent pass or fail. */
function unreadError(check: Check, entries: UnreadEntry[], lang: Lang, where: { file?: string; line?: number }): CheckResult {
  return {
    ...checkBase(check, lang), status: "error", points: 0, message: unreadMessage(entries, lang),
    expected: expectationOfCheck(check, lang), found: null, hint: MSG.repoUnreadHint[lang], ...where,
  };
}

/** One check against one candidate: passed, failed with evidence, error or skipped. */
export function gradeCheck(check: Check, candidate: Facts, scope: CheckScope): CheckResult {
  const { compiled, snapshot, lang } = scope;
  const source = sourceOf(check, candidate, snapshot);
  const early = notGraded(check, scope, source);
  if (early) return early;
  if (source === undefined) {
    // Not part of this grading (no --repo): worth nothing here, as maxScore leaves it out.
    return {
      ...checkBase(check, lang), status: "skipped", points: 0, maxPoints: 0,
      message: fill(MSG.skipped[lang], { reason: MSG.noRepo[lang] }),
      expected: expectationOfCheck(check, lang), found: null, hint: null,
    };
  }
  const subject = check.subject ? query(check.subject, source) : source;
  const { validate, notes: noteSchemas } = compiled.checks.get(check)!;
  const shown = check.found ? query(check.found, source) : subject;
  const where = locationOf(check, source);
  const repo = check.on === "repo";
  // A scan of every file (secrets) cannot pass over a file it could not read.
  const unreadAlways = repo ? unreadBlocking(check, source, false) : [];
  if (unreadAlways.length) return unreadError(check, unreadAlways, lang, where);
  if (validate(subject)) {
    const found = formatFound(check, shown, lang);
    // An accepted alternative still says so: «GLACIER_IR … (se acepta; el curso usa GLACIER)».
    const notes = (noteSchemas ?? []).filter((n) => n.validate(subject)).map((n) => n.text[lang]);
    return {
      ...checkBase(check, lang), status: "passed", points: check.points,
      message: [fill(MSG.passedFound[lang], { field: (check.field ?? check.title)[lang], found: found ?? MSG.nothing[lang] }), ...notes].join(" — "),
      expected: expectationOfCheck(check, lang), found, hint: null, ...where, ...(notes.length ? { notes } : {}),
    };
  }
  // The file it looked for may be one that could not be read: «Crea un Procfile» would be wrong.
  const unread = repo ? unreadBlocking(check, source, true) : [];
  if (unread.length) return unreadError(check, unread, lang, where);
  const evidence = evidenceFor(check, validate.errors, subject, shown, lang);
  return {
    ...checkBase(check, lang), status: "failed", points: 0, message: evidenceMessage(evidence, lang),
    expected: evidence.expected, found: evidence.found, hint: hintFor(check, source, scope), ...where,
  };
}
