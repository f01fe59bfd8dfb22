import { candidateId, candidateName, candidateRegion, listCandidates, type Facts } from "./candidates.js";
import { compileLab, type CompiledLab } from "./compile.js";
import { errorMessage, gradeCheck, outcomeWithoutResource, type CheckScope } from "./grade-check.js";
import type { Check, Lab } from "./lab.js";
import { MSG } from "./messages.js";
import { credentialsProblem, unreachableText, type Whereabouts } from "./reach.js";
import { missingRequired, type CheckResult, type GradedResource, type Result, type Scope } from "./result.js";
import type { CallError, Snapshot } from "./snapshot.js";
import { fill, type Lang } from "./text.js";

export interface EvaluateOptions {
  lang: Lang;
  /** The report's timestamp; evaluation reads no clock. */
  now: Date;
  /** Grade this candidate (by id or name) instead of the best match. */
  select?: string;
  /** Grade the repository checks alone (`--repo-only`): the account's are left out of the grading. */
  repoOnly?: boolean;
  /** Who asked and through which door, to word an account out of reach (`--profile`, the Action). */
  where?: Whereabouts;
}

interface Grading {
  checks: CheckResult[];
  resource: GradedResource | null;
  notes: string[];
}

interface Context {
  compiled: CompiledLab;
  snapshot: Snapshot;
  lang: Lang;
  regionErrors: CallError[];
  /** Repository and account checks, graded once: they do not depend on the resource. */
  independent: Map<Check, CheckResult>;
}

const total = (checks: CheckResult[]) => checks.reduce((sum, c) => sum + c.points, 0);

/** A candidate as its checks see it: its facts, its probe answers, and the errors about it alone. */
function candidateView(ctx: Context, candidate: Facts): { facts: Facts; errors: CallError[] } {
  const record = ctx.snapshot.probes?.[candidateId(ctx.compiled, candidate)];
  const own = Array.isArray(candidate["errors"]) ? (candidate["errors"] as CallError[]) : [];
  return {
    facts: record ? { ...candidate, probes: record.answers, ...(record.vars ? { probeVars: record.vars } : {}) } : candidate,
    errors: [...ctx.regionErrors, ...own, ...(record?.errors ?? [])],
  };
}

function gradeCandidate(ctx: Context, candidate: Facts): CheckResult[] {
  const { facts, errors } = candidateView(ctx, candidate);
  const scope: CheckScope = { compiled: ctx.compiled, snapshot: ctx.snapshot, errors, lang: ctx.lang };
  return ctx.compiled.lab.checks.map((c) => ctx.independent.get(c) ?? gradeCheck(c, facts, scope));
}

/**
 * Every resource check gets the same outcome, with no hint: the checks' hints speak of a resource
 * that was not looked at. Repository and account checks keep theirs.
 */
function withoutResource(ctx: Context, outcome: Pick<CheckResult, "status" | "message">): CheckResult[] {
  return ctx.compiled.lab.checks.map((c) => ctx.independent.get(c) ?? outcomeWithoutResource(c, ctx.lang, outcome));
}

/** Candidates shown by name when a student names one that is not there. */
const LISTED = 5;

/** «hay 2 instancias: mi-servidor (i-0…), i-0…. Indica cuál con --instance mi-servidor». */
function present(ctx: Context, candidates: Facts[]): string {
  const { compiled, lang } = ctx;
  const spec = compiled.lab.resource;
  const labelled = candidates.map((c) => ({ id: candidateId(compiled, c), name: candidateName(compiled, c) }));
  const names = labelled.slice(0, LISTED).map(({ id, name }) => (name && name !== id ? `${name} (${id})` : id));
  const list = names.join(MSG.listSeparator[lang]) + (labelled.length > LISTED ? "…" : "");
  const there = labelled.length === 1
    ? fill(MSG.presentOne[lang], { label: spec.label[lang], names: list })
    : fill(MSG.presentMany[lang], { count: labelled.length, plural: (spec.plural ?? spec.label)[lang], names: list });
  const first = labelled[0]!;
  return spec.select ? `${there}. ${fill(MSG.pickWith[lang], { option: spec.select, example: first.name || first.id })}` : there;
}

/**
 * No candidate, or not the one asked for. Said once, in the notes: what is missing, where the
 * resource is when it is in another region, or which ones there are when the one named is not.
 * When the student's resource exists (elsewhere, or under another name) the checks are not graded
 * here (`skipped`, no points); when nothing exists at all they fail, and the note says how to start.
 */
function noResource(ctx: Context, select: string | undefined, candidates: Facts[]): Grading {
  const { lab } = ctx.compiled;
  const { lang, snapshot } = ctx;
  const spec = lab.resource;
  const missing = select
    ? fill(MSG.notSelected[lang], { select, region: snapshot.region })
    : fill(MSG.noResource[lang], { plural: (spec.plural ?? spec.label)[lang], region: snapshot.region });
  const found = (snapshot.elsewhere ?? []).filter((l) => l.count > 0);
  let note = missing;
  if (candidates.length > 0) note += `; ${present(ctx, candidates)}`;
  else if (found.length > 0) {
    note += `; ${fill(MSG.elsewhere[lang], { label: spec.label[lang], regions: found.map((l) => l.region).join(", "), first: found[0]!.region })}`;
  } else if (spec.missing) note += `. ${spec.missing[lang]}`;
  const exists = candidates.length > 0 || found.length > 0;
  const outcome = exists
    ? { status: "skipped" as const, message: fill(MSG.skipped[lang], { reason: missing }) }
    : { status: "failed" as const, message: missing };
  return { checks: withoutResource(ctx, outcome), resource: null, notes: [note] };
}

/** The best-matching candidate (most points, then most checks passed; ties keep the collector's order). */
function gradeBest(ctx: Context, select: string | undefined): Grading {
  const { compiled } = ctx;
  const graded = listCandidates(compiled, ctx.snapshot.facts).map((candidate) => {
    const results = gradeCandidate(ctx, candidate);
    return { candidate, results, score: total(results), passedCount: results.filter((r) => r.status === "passed").length };
  });
  const pool = select
    ? graded.filter((g) => candidateId(compiled, g.candidate) === select || candidateName(compiled, g.candidate) === select)
    : graded;
  const best = [...pool].sort((a, b) => b.score - a.score || b.passedCount - a.passedCount)[0];
  if (!best) return noResource(ctx, select, graded.map((g) => g.candidate));
  const resource: GradedResource = {
    kind: compiled.lab.resource.label[ctx.lang],
    id: candidateId(compiled, best.candidate),
    name: candidateName(compiled, best.candidate),
    region: candidateRegion(compiled, best.candidate) ?? ctx.snapshot.region,
    others: graded
      .filter((g) => g !== best)
      .map((g) => ({ id: candidateId(compiled, g.candidate), name: candidateName(compiled, g.candidate), score: g.score })),
  };
  return { checks: best.results, resource, notes: [] };
}

function grade(ctx: Context, select: string | undefined): Grading {
  // Nothing depends on the resource (--repo-only): there is no resource to pick.
  const { checks } = ctx.compiled.lab;
  if (checks.every((c) => ctx.independent.has(c))) return { checks: checks.map((c) => ctx.independent.get(c)!), resource: null, notes: [] };
  const listingError = ctx.regionErrors.find((e) => ctx.compiled.lab.resource.requires?.includes(e.action));
  if (listingError) return { checks: withoutResource(ctx, { status: "error", message: errorMessage(listingError, ctx.lang) }), resource: null, notes: [] };
  return gradeBest(ctx, select);
}

/** The account's checks left out of a repository-only grading: worth nothing, as maxScore leaves them out. */
function notRequested(check: Check, lang: Lang): CheckResult {
  return { ...outcomeWithoutResource(check, lang, { status: "skipped", message: MSG.accountNotGraded[lang] }), maxPoints: 0 };
}

/** What this grading covers, and why the account is not graded when it is not. */
function scopeOf(snapshot: Snapshot, options: EvaluateOptions): Scope {
  const repository = snapshot.facts["repo"] === undefined ? "not-requested" : "graded";
  if (options.repoOnly) return { account: "not-requested", repository, reason: MSG.accountNotGraded[options.lang] };
  const problem = credentialsProblem(snapshot.errors);
  if (!problem) return { account: "graded", repository, reason: null };
  const where = { endpoint: snapshot.endpoint, ...options.where };
  return { account: "unreachable", repository, reason: unreachableText(problem, where)[options.lang] };
}

/** Grades a snapshot against a lab. Pure: no I/O, no clock, same input same result. */
export function evaluate(lab: Lab, snapshot: Snapshot, options: EvaluateOptions): Result {
  const { lang } = options;
  const compiled = compileLab(lab);
  const scopeOfGrading = scopeOf(snapshot, options);
  // Without --repo the repository checks are skipped and are not part of this grading: a student's
  // `npx calificar lab-beanstalk` is out of the account's points, the Action's out of all of them.
  // With --repo-only it is the other way round.
  const inGrading = (c: Check) => (c.on === "repo" ? scopeOfGrading.repository === "graded" : scopeOfGrading.account !== "not-requested");
  const gradedChecks = lab.checks.filter(inGrading);
  const maxScore = gradedChecks.reduce((sum, c) => sum + c.points, 0);
  const regionErrors = snapshot.errors.filter((e) => e.region === undefined || e.region === snapshot.region);
  const scope: CheckScope = { compiled, snapshot, errors: regionErrors, lang };
  const independent = new Map(
    lab.checks
      .filter((c) => c.on === "repo" || c.on === "account" || options.repoOnly)
      .map((c) => [c, c.on !== "repo" && options.repoOnly ? notRequested(c, lang) : gradeCheck(c, {}, scope)] as const),
  );
  const graded = grade({ compiled, snapshot, lang, regionErrors, independent }, options.select);
  const { checks, resource } = graded;
  // An account out of reach (or not asked for) is said once, first; its checks' errors name the calls that failed.
  const notes = scopeOfGrading.reason !== null ? [scopeOfGrading.reason, ...graded.notes] : graded.notes;

  const score = total(checks);
  const requiredMet = missingRequired(checks).length === 0;
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
    scope: scopeOfGrading,
    resource,
    notes,
    elsewhere: snapshot.elsewhere ?? [],
    checks,
    errors: snapshot.errors,
  };
}
