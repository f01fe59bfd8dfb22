import { compileLab, query, type CompiledLab } from "./compile.js";
import { evidenceFor, evidenceMessage, expectationOfCheck, formatFound } from "./evidence.js";
import type { Check, Lab } from "./lab.js";
import { MSG } from "./messages.js";
import type { CheckResult, GradedResource, Result } from "./result.js";
import type { CallError, Snapshot } from "./snapshot.js";
import { fill, type Lang } from "./text.js";

export interface EvaluateOptions {
  lang: Lang;
  /** The report's timestamp; evaluation reads no clock. */
  now: Date;
  /** Grade this candidate (by id or name) instead of the best match. */
  select?: string;
}

type Facts = Record<string, unknown>;

/** Resource-level errors (probe timeouts) live on the candidate itself. */
function candidateErrors(candidate: Facts): CallError[] {
  return Array.isArray(candidate["errors"]) ? (candidate["errors"] as CallError[]) : [];
}

function errorMessage(error: CallError, lang: Lang): string {
  const data = {
    action: error.action,
    code: error.code,
    message: error.message,
    target: error.target ?? error.action,
  };
  const template = {
    denied: MSG.errDenied,
    throttled: MSG.errThrottled,
    credentials: MSG.errCredentials,
    network: MSG.errNetwork,
    // A probe that times out points at the student's network or app; an API call, at AWS.
    timeout: error.action.startsWith("http:") ? MSG.errTimeout : MSG.errApiTimeout,
    api: MSG.errApi,
  }[error.kind];
  return fill(template[lang], data);
}

function base(check: Check, lang: Lang) {
  return {
    id: check.id,
    maxPoints: check.points,
    title: check.title[lang],
    severity: check.severity ?? "error",
    required: check.required ?? false,
  } as const;
}

function gradeCheck(
  compiled: CompiledLab,
  check: Check,
  candidate: Facts,
  snapshot: Snapshot,
  regionErrors: CallError[],
  lang: Lang,
): CheckResult {
  const common = base(check, lang);
  const requires = check.requires ?? [];
  const skipped = snapshot.skipped?.find((s) => requires.includes(s.action));
  if (skipped) {
    return {
      ...common, status: "skipped", points: 0,
      message: fill(MSG.skipped[lang], { reason: skipped.reason }),
      expected: expectationOfCheck(check, lang), found: null, hint: null,
    };
  }
  const blocking = [...regionErrors, ...candidateErrors(candidate)].find((e) => requires.includes(e.action));
  if (blocking) {
    return {
      ...common, status: "error", points: 0, message: errorMessage(blocking, lang),
      expected: expectationOfCheck(check, lang), found: null, hint: check.hint[lang],
    };
  }
  const source = sourceOf(check, candidate, snapshot);
  if (source === undefined) {
    // Not part of this grading (no --repo): worth nothing here, as maxScore leaves it out.
    return {
      ...common, status: "skipped", points: 0, maxPoints: 0,
      message: fill(MSG.skipped[lang], { reason: MSG.noRepo[lang] }),
      expected: expectationOfCheck(check, lang), found: null, hint: null,
    };
  }
  const subject = check.subject ? query(check.subject, source) : source;
  const { validate } = compiled.checks.get(check)!;
  const ok = validate(subject);
  const shown = check.found ? query(check.found, source) : subject;
  const where = locationOf(check, source);
  if (ok) {
    const found = formatFound(check, shown, lang);
    // An accepted alternative still says so: «GLACIER_IR … (se acepta; el curso usa GLACIER)».
    const notes = (compiled.checks.get(check)!.notes ?? []).filter((n) => n.validate(subject)).map((n) => n.text[lang]);
    return {
      ...common, status: "passed", points: check.points,
      message: [fill(MSG.passedFound[lang], { field: (check.field ?? check.title)[lang], found: found ?? MSG.nothing[lang] }), ...notes].join(" — "),
      expected: expectationOfCheck(check, lang), found, hint: null, ...where, ...(notes.length ? { notes } : {}),
    };
  }
  const evidence = evidenceFor(check, validate.errors?.[0], subject, shown, lang);
  return {
    ...common, status: "failed", points: 0, message: evidenceMessage(evidence, lang),
    expected: evidence.expected, found: evidence.found, hint: check.hint[lang], ...where,
  };
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

/** A check that could not look at any resource (none exists, or listing was impossible). */
function failAll(check: Check, lang: Lang, outcome: Pick<CheckResult, "status" | "message">): CheckResult {
  return {
    ...base(check, lang), ...outcome, points: 0,
    expected: expectationOfCheck(check, lang), found: null, hint: check.hint[lang],
  };
}

function total(checks: CheckResult[]): number {
  return checks.reduce((sum, c) => sum + c.points, 0);
}

function asText(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

/** Grades a snapshot against a lab. Pure: no I/O, no clock, same input same result. */
export function evaluate(lab: Lab, snapshot: Snapshot, options: EvaluateOptions): Result {
  const { lang } = options;
  const compiled = compileLab(lab);
  const spec = lab.resource;
  const label = spec.label[lang];
  // Without --repo the repository checks are skipped and are not part of this grading: a student's
  // `npx calificar lab-beanstalk` is out of the account's points, the Action's out of all of them.
  const gradedChecks = snapshot.facts["repo"] === undefined ? lab.checks.filter((c) => c.on !== "repo") : lab.checks;
  const maxScore = gradedChecks.reduce((sum, c) => sum + c.points, 0);
  const regionErrors = snapshot.errors.filter((e) => e.region === undefined || e.region === snapshot.region);
  const notes: string[] = [];
  let checks: CheckResult[];
  let resource: GradedResource | null = null;

  // Repository and account checks do not depend on which resource is graded.
  const independent = new Map(
    lab.checks
      .filter((c) => c.on === "repo" || c.on === "account")
      .map((c) => [c, gradeCheck(compiled, c, {}, snapshot, regionErrors, lang)] as const),
  );
  const gradeAll = (candidate: Facts) =>
    lab.checks.map((c) => independent.get(c) ?? gradeCheck(compiled, c, candidate, snapshot, regionErrors, lang));
  const allResourceChecks = (outcome: Pick<CheckResult, "status" | "message">) =>
    lab.checks.map((c) => independent.get(c) ?? failAll(c, lang, outcome));

  const listingError = regionErrors.find((e) => spec.requires?.includes(e.action));
  if (listingError) {
    checks = allResourceChecks({ status: "error", message: errorMessage(listingError, lang) });
  } else {
    const listed = query(spec.list, snapshot.facts[spec.collector] ?? {});
    const all = (Array.isArray(listed) ? listed : []) as Facts[];
    const candidates = all.filter((c) => !compiled.where || compiled.where(c));
    const idOf = (c: Facts) => asText(query(spec.id, c)) ?? "?";
    const nameOf = (c: Facts) => (spec.name ? asText(query(spec.name, c)) : null);
    const graded = candidates.map((candidate) => {
      const results = gradeAll(candidate);
      return { candidate, results, score: total(results), passedCount: results.filter((r) => r.status === "passed").length };
    });
    const pool = options.select
      ? graded.filter((g) => idOf(g.candidate) === options.select || nameOf(g.candidate) === options.select)
      : graded;
    // Most points first, then most checks passed; ties keep the collector's order (stable sort).
    const best = [...pool].sort((a, b) => b.score - a.score || b.passedCount - a.passedCount)[0];
    if (best) {
      checks = best.results;
      resource = {
        kind: label,
        id: idOf(best.candidate),
        name: nameOf(best.candidate),
        region: (spec.region ? asText(query(spec.region, best.candidate)) : null) ?? snapshot.region,
        others: graded
          .filter((g) => g !== best)
          .map((g) => ({ id: idOf(g.candidate), name: nameOf(g.candidate), score: g.score })),
      };
    } else {
      const missing = options.select
        ? fill(MSG.notSelected[lang], { select: options.select, region: snapshot.region })
        : fill(MSG.noResource[lang], { plural: (spec.plural ?? spec.label)[lang], region: snapshot.region });
      const found = (snapshot.elsewhere ?? []).filter((l) => l.count > 0);
      let message = missing;
      if (found.length > 0) {
        message += `; ${fill(MSG.elsewhere[lang], {
          label,
          regions: found.map((l) => l.region).join(", "),
          first: found[0]!.region,
        })}`;
      }
      notes.push(message + (spec.missing && found.length === 0 ? `. ${spec.missing[lang]}` : ""));
      checks = allResourceChecks({ status: "failed", message });
    }
  }

  const score = total(checks);
  const requiredMet = checks.every((c) => !c.required || c.status === "passed");
  const passed = requiredMet && (maxScore === 0 ? true : (score / maxScore) * 100 >= lab.passMark);
  return {
    lab: { id: lab.id, title: lab.title[lang] },
    lang,
    account: snapshot.account,
    region: snapshot.region,
    generatedAt: options.now.toISOString(),
    collectedAt: snapshot.collectedAt,
    score,
    maxScore,
    passMark: lab.passMark,
    passed,
    ungradable: checks.length > 0 && checks.every((c, i) => c.status === "error" || !gradedChecks.includes(lab.checks[i]!)),
    resource,
    notes,
    elsewhere: snapshot.elsewhere ?? [],
    checks,
    errors: snapshot.errors,
  };
}
