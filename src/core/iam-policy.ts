// A small IAM policy evaluator for the questions labs ask of a student's role: «may this role call
// rekognition:DetectLabels on *?», «s3:GetObject on this bucket's objects?». Pure, synchronous, tested
// (test/core/iam-policy.test.ts). It implements the evaluation logic of identity policies as AWS
// documents it: an explicit Deny wins, then any Allow, otherwise the request is implicitly denied;
// Action/NotAction match case-insensitively with * and ? wildcards, Resource/NotResource match
// case-sensitively. What it does not model, on purpose (see docs/decisions.md): conditions are
// taken as met (a Deny or Allow under a Condition applies), policy variables such as
// ${aws:username} match nothing but themselves, and permission boundaries, SCPs and session
// policies are not read. A maintained simulator (@cloud-copilot/iam-simulate) was considered: it is
// AGPL-licensed, asynchronous and reads 15 MB of action data from disk, which the pure core and the
// Action's bundle cannot take.

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

type Statement = Record<string, unknown>;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const globs = new Map<string, RegExp>();

/** `*` any run of characters, `?` one; `${*}`, `${?}` and `${$}` are the literal characters. */
function glob(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "s"}${pattern}`;
  let re = globs.get(key);
  if (!re) {
    const source = pattern
      .split(/(\$\{[*?$]\}|[*?])/)
      .map((part) => {
        if (part === "*") return ".*";
        if (part === "?") return ".";
        if (/^\$\{[*?$]\}$/.test(part)) return `\\${part[2]}`;
        return part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      })
      .join("");
    re = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
    globs.set(key, re);
  }
  return re;
}

/** StringLike: the whole value against a pattern with * and ?. */
export function stringLike(pattern: string, value: string, ignoreCase = false): boolean {
  return glob(pattern, ignoreCase).test(value);
}

/**
 * ArnLike: each of the six colon-separated parts of the ARN matched on its own, the last one
 * (the resource, which may hold colons) taken whole; case-sensitive.
 */
export function arnLike(pattern: string, arn: string): boolean {
  const split = (text: string) => {
    const parts = text.split(":");
    return parts.length < 6 ? null : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const p = split(pattern);
  const a = split(arn);
  // A pattern of fewer parts than an ARN covers nothing, unless it is the bare «*».
  if (!p || !a) return pattern === "*";
  return p.every((part, i) => stringLike(part, a[i]!));
}

function statementsOf(document: unknown): Statement[] {
  if (document === null || typeof document !== "object") return [];
  const raw = (document as Record<string, unknown>)["Statement"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((s): s is Statement => s !== null && typeof s === "object" && !Array.isArray(s));
}

function matches(statement: Statement, field: string, notField: string, value: string, ignoreCase: boolean): boolean {
  if (field in statement) return strings(statement[field]).some((p) => stringLike(p, value, ignoreCase));
  if (notField in statement) return !strings(statement[notField]).some((p) => stringLike(p, value, ignoreCase));
  return false;
}

function applies(statement: Statement, action: string, resource: string): boolean {
  return matches(statement, "Action", "NotAction", action, true) && matches(statement, "Resource", "NotResource", resource, false);
}

/** What the documents together decide for one action on one resource. */
export function decide(documents: readonly unknown[], action: string, resource: string): Decision {
  const statements = documents.flatMap(statementsOf).filter((s) => applies(s, action, resource));
  if (statements.some((s) => s["Effect"] === "Deny")) return "explicit-deny";
  if (statements.some((s) => s["Effect"] === "Allow")) return "allow";
  return "implicit-deny";
}
